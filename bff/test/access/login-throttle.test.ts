import { startApp, type TestApp } from '../support/app';

describe('R-8.1 sign-in throttle per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  it('one address failing against many accounts is stopped after 30 failures in 15 minutes', async () => {
    for (let i = 0; i < 30; i++) {
      const res = await t.request().post('/api/admin/auth/login').send({ username: `guess${i}`, password: 'Password1!' });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request().post('/api/admin/auth/login').send({ username: 'guess-next', password: 'Password1!' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.errorCode).toBe('RATE_LIMITED');
  });
});
