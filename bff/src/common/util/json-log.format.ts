import type { LoggerInfo } from '@midwayjs/logger';

/**
 * Structured JSON log lines: one object per line with time, level, message and — for lines logged
 * while serving a request — the request ID that the response also carries in X-Request-Id.
 */
export function jsonLogFormat(info: LoggerInfo): string {
  const ctx = info.ctx;
  const line: Record<string, unknown> = {
    time: new Date(info.timestamp).toISOString(),
    level: info.LEVEL,
    pid: info.pid,
    msg: info.message,
  };
  if (ctx) {
    line.requestId = ctx.requestId ?? ctx.state?.requestId;
    line.method = ctx.method;
    line.path = ctx.path;
    const principal = ctx.state?.principal;
    if (principal) line.actor = `${principal.audience}:${principal.subjectId}`;
  }
  if (info.originError) line.stack = info.originError.stack;
  return JSON.stringify(line);
}
