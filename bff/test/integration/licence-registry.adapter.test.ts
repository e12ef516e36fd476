import { randomBytes } from 'crypto';
import { SEED_DRIVERS, startSandbox, type Sandbox } from '@dzky/sandbox';
import { UpstreamError } from '../../src/common/error/domain.error';
import { LicenceRegistryAdapter, signRegistryRequest, type LicenceRegistryConfig } from '../../src/modules/integration/adapter/licence-registry.adapter';

describe('signRegistryRequest (R-6.3.2)', () => {
  it('is hex HMAC-SHA256 over METHOD, path?query, timestamp and nonce, one per line', () => {
    // computed independently: printf 'GET\n/api/v1/drivers/1\n1700000000\nabc' | openssl dgst -sha256 -hmac secret
    expect(signRegistryRequest('secret', 'get', '/api/v1/drivers/1', '1700000000', 'abc')).toBe('a13f064e65984d03e751060715d95be3b1db7f3fd0a82fdcf1b8ff9221c9a00e');
  });
});

/** The production adapter against the licence registry sandbox, which checks every signature. */
describe('LicenceRegistryAdapter against the registry sandbox', () => {
  const app = { appKey: 'dzky-adapter', appSecret: randomBytes(16).toString('hex') };
  let sandbox: Sandbox;

  const adapter = (override: Partial<LicenceRegistryConfig> = {}) => {
    const a = new LicenceRegistryAdapter();
    a.config = { baseUrl: sandbox.licence.url, ...app, ...override };
    return a;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ wechat: { apps: [] }, sms: { accessKeys: [], signName: 'x' }, licence: { apps: [app] } });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.licence.state.reset());

  it('R-6.3.2 finds the seeded operator by its Chinese permit number', async () => {
    await expect(adapter().findOperator('粤交运管许可深字440300000001号')).resolves.toEqual({
      permitNo: '粤交运管许可深字440300000001号',
      name: '深圳鹏程客运有限公司',
      creditCode: '91440300MA5F000007',
      businessScope: expect.any(String),
      validUntil: '2029-12-31',
      status: 'valid',
    });
  });

  it('R-6.3.2 finds a vehicle by plate and colour (query signed), with seats and its operator', async () => {
    const v = await adapter().findVehicle('粤B12345D', 5);
    expect(v).toMatchObject({ plateNo: '粤B12345D', plateColor: 5, approvedSeats: 19, ownerPermitNo: '粤交运管许可深字440300000001号', status: 'valid' });
    expect(v!.transportCertNo).toMatch(/^\d{12}$/);
    await expect(adapter().findVehicle('粤B00000D', 5)).resolves.toMatchObject({ status: 'suspended' });
  });

  it('R-6.3.2 reports a driver whose qualification expired with status expired', async () => {
    const expired = SEED_DRIVERS.find((d) => d.status === 'expired')!;
    await expect(adapter().findDriver(expired.qualificationNo)).resolves.toMatchObject({ status: 'expired', name: expired.name });
  });

  it('R-6.3.2 a record the registry does not have is null', async () => {
    await expect(adapter().findOperator('粤交运管许可深字440300999999号')).resolves.toBeNull();
    await expect(adapter().findVehicle('粤B12345D', 2)).resolves.toBeNull();
    await expect(adapter().findDriver('110101199003070000')).resolves.toBeNull();
  });

  it('R-6.3.2 a wrong secret is refused by the registry (401) and surfaces as UpstreamError, never as "not registered"', async () => {
    const error = await adapter({ appSecret: 'not-the-secret' }).findDriver(SEED_DRIVERS[0].qualificationNo).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstream: 'licence-registry', upstreamCode: 40106 });
    expect(sandbox.licence.state.requests()[0]).toMatchObject({ status: 401 });
  });

  it('R-6.3.2 an outage (5xx) and an unreachable registry are UpstreamError', async () => {
    sandbox.licence.state.outage = 503;
    await expect(adapter().findOperator('粤交运管许可深字440300000001号')).rejects.toBeInstanceOf(UpstreamError);
    sandbox.licence.state.outage = null;
    await expect(adapter({ baseUrl: 'http://localhost:1', timeoutMs: 2000 }).findDriver('x')).rejects.toBeInstanceOf(UpstreamError);
  });

  it('R-6.3.2 signs the full path when the registry sits under a gateway prefix', async () => {
    // the sandbox serves /api/v1 at its root; a prefix it does not know is a 404 without the registry's code → an error, not "not found"
    await expect(adapter({ baseUrl: `${sandbox.licence.url}/gateway` }).findDriver(SEED_DRIVERS[0].qualificationNo)).rejects.toBeInstanceOf(UpstreamError);
  });
});
