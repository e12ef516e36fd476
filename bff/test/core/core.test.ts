import { startApp, type TestApp } from '../support/app';

describe('bff core', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  it('R-7.1 GET /health answers while the process is up', async () => {
    const res = await t.request().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'up' });
  });

  it('R-7.1 GET /ready checks the database', async () => {
    const res = await t.request().get('/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(['sqlite', 'mysql']).toContain(res.body.database);
    // counters live in Redis when REDIS_URL is configured, else in this process
    expect(res.body.counters).toBe(process.env.REDIS_URL ? 'redis' : 'memory');
  });

  it('R-8.2 every response carries a request ID, echoing a well-formed one from the caller', async () => {
    const mine = await t.request().get('/health').set('X-Request-Id', 'trace-12345678');
    expect(mine.headers['x-request-id']).toBe('trace-12345678');
    const fresh = await t.request().get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('unknown API routes answer 404 in the error envelope', async () => {
    const res = await t.request().get('/api/admin/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, errorCode: 'NOT_FOUND' });
  });

  it('R-6.1.1 validation errors name every bad field with its reason', async () => {
    const res = await t.request().post('/api/admin/auth/login').send({ username: '', extra: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errorCode).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: any) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['password', 'username']));
    for (const e of res.body.errors) expect(e.reason).toEqual(expect.any(String));
  });

  it('a malformed JSON body is a 4xx in the envelope, not a 500', async () => {
    const res = await t.request().post('/api/admin/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.success).toBe(false);
  });

  it('serves the OpenAPI document at /api-docs', async () => {
    const res = await t.request().get('/api-docs/index.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/admin/auth/login', '/api/app/auth/sms/send']));
  });
});
