import type { MidwayConfig } from '@midwayjs/core';

export default {
  // tests call the app in-process; no port is opened
  koa: { port: null as unknown as undefined },
  midwayLogger: { default: { level: 'warn', consoleLevel: 'error', enableFile: false, enableError: false } },
} as MidwayConfig;
