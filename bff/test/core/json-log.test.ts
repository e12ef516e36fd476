import { jsonLogFormat } from '../../src/common/util/json-log.format';

describe('R-8.2 structured logs', () => {
  it('writes one JSON object per line with the request ID of the request being served', () => {
    const line = jsonLogFormat({
      level: 'info', LEVEL: 'INFO', timestamp: Date.UTC(2026, 10, 24, 8, 0, 0), pid: 42, message: 'GET /api/admin/users 200 3.1ms',
      args: [], originArgs: [],
      ctx: { requestId: 'req-12345678', method: 'GET', path: '/api/admin/users', state: { principal: { audience: 'admin', subjectId: 7 } } },
    } as any);
    expect(JSON.parse(line)).toEqual({
      time: '2026-11-24T08:00:00.000Z', level: 'INFO', pid: 42, msg: 'GET /api/admin/users 200 3.1ms',
      requestId: 'req-12345678', method: 'GET', path: '/api/admin/users', actor: 'admin:7',
    });
  });

  it('keeps the stack of an error', () => {
    const err = new Error('boom');
    const parsed = JSON.parse(jsonLogFormat({ level: 'error', LEVEL: 'ERROR', timestamp: 0, pid: 1, message: 'boom', args: [], originArgs: [], originError: err } as any));
    expect(parsed.stack).toContain('Error: boom');
  });
});
