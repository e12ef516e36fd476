import { close, createApp, createHttpRequest } from '@midwayjs/mock';
import type { Application, Framework } from '@midwayjs/koa';

export interface TestApp {
  app: Application;
  request: () => ReturnType<typeof createHttpRequest>;
  close: () => Promise<void>;
}

/** Boots the real bff (all modules, real database, migrations) for one test file. */
export async function startApp(): Promise<TestApp> {
  const app = await createApp<Framework>();
  return {
    app,
    request: () => createHttpRequest(app),
    close: () => close(app),
  };
}
