import type Koa from 'koa';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

/** Milliseconds since the epoch; tests pass their own to move time without waiting. */
export type Clock = () => number;

export interface ListeningServer {
  /** base URL, e.g. http://127.0.0.1:7401 */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a Koa app on `port` (0 = a free port chosen by the OS, so parallel test workers never
 * clash). Open keep-alive sockets are closed on stop, or `server.close()` would wait for them.
 */
export function listen(app: Koa, port: number, host = '127.0.0.1'): Promise<ListeningServer> {
  const server: Server = createServer(app.callback());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      const shown =
        host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${actual}`,
        port: actual,
        stop: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The raw request body as text (at most 1 MiB), whatever its content type says. */
export async function readBody(ctx: Koa.Context, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) ctx.throw(413, 'request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON body of a `/__sandbox` control request; answers 400 when it is not a JSON object. */
export async function readJsonObject(ctx: Koa.Context): Promise<Record<string, unknown>> {
  const text = await readBody(ctx);
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // answered below
  }
  return ctx.throw(400, 'body must be a JSON object');
}

/** Errors of `/__sandbox` control endpoints: `{ error }` with the status, never a WeChat/Aliyun shape. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const controlErrors: Koa.Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (e) {
    if (e instanceof ControlError) {
      ctx.status = e.status;
      ctx.body = { error: e.message };
      return;
    }
    throw e;
  }
};

export function requireString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || !value) throw new ControlError(`${name} is required (a non-empty string)`);
  return value;
}
