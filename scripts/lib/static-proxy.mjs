// A small static file server that forwards some path prefixes to the bff — what nginx does in
// deployment (config/deploy). Written on node:http rather than taking sirv + http-proxy-middleware:
// it needs about a hundred lines, serves only our own build output on localhost, and so keeps two
// packages (and their updates) out of the lockfile. WebSocket upgrades are forwarded too, for the
// live-position and notification sockets the bff will serve.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

// hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function forwardHeaders(headers, extra) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP.has(k.toLowerCase())) out[k] = v;
  return { ...out, ...extra };
}

/**
 * @param {object} opts
 * @param {string} opts.root        folder of static files
 * @param {number} opts.port
 * @param {string} [opts.host]      default 127.0.0.1
 * @param {string[]} opts.proxy     path prefixes forwarded to `target` (e.g. ['/api'])
 * @param {string} opts.target      e.g. http://127.0.0.1:7001
 * @param {boolean} [opts.spaFallback] unknown paths without a file extension get index.html
 *                                  (history-API routers such as admin's; the H5 builds use hashes)
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startStaticProxy({ root: folder, port, host = '127.0.0.1', proxy, target, spaFallback = false }) {
  const root = resolve(folder);
  const upstream = new URL(target);
  const matches = (url) => proxy.some((p) => url === p || url.startsWith(p + '/') || url.startsWith(p + '?'));

  const forward = (req, res) => {
    const up = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: forwardHeaders(req.headers, {
          host: upstream.host,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
          'x-forwarded-host': req.headers.host ?? '',
          'x-forwarded-proto': 'http',
        }),
      },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, forwardHeaders(ur.headers));
        ur.pipe(res);
      },
    );
    up.on('error', () => {
      if (res.headersSent) return res.destroy();
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ success: false, data: null, errorCode: 'GATEWAY.UNREACHABLE', errorMessage: `bff at ${target} is not reachable` }));
    });
    req.pipe(up);
  };

  const serveFile = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    const file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403);
      return res.end();
    }
    let found = await stat(file).catch(() => null);
    let path = file;
    if (found?.isDirectory()) {
      path = join(file, 'index.html');
      found = await stat(path).catch(() => null);
    }
    if (!found?.isFile() && spaFallback && !extname(pathname)) {
      path = join(root, 'index.html');
      found = await stat(path).catch(() => null);
    }
    if (!found?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('not found');
    }
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    // hashed bundles never change; index.html must be fetched again to pick up a new build
    const immutable = pathname.startsWith('/assets/') || /\.[0-9a-f]{8}\.(js|css)$/.test(path);
    res.writeHead(200, {
      'content-type': type,
      'content-length': found.size,
      'cache-control': type.startsWith('text/html') ? 'no-cache' : immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(path).on('error', () => res.destroy()).pipe(res);
  };

  const server = http.createServer((req, res) => {
    if (matches(req.url ?? '/')) return forward(req, res);
    serveFile(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    if (!matches(req.url ?? '/')) return socket.destroy();
    const up = net.connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? upstream.host : req.rawHeaders[i + 1]}`);
      }
      up.write(lines.join('\r\n') + '\r\n\r\n');
      if (head?.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
