import { randomUUID } from 'crypto';
import { registrySignature } from './licence.state';
import { startLicenceServer, type LicenceSandboxHandle } from './licence.server';
import { SEED_DRIVERS, SEED_OPERATORS, SEED_VEHICLES } from './seed';

const APP = { appKey: 'dzky-test', appSecret: 'licence-test-secret' };
let registry: LicenceSandboxHandle;

beforeAll(async () => {
  registry = await startLicenceServer({ apps: [APP] });
});
afterAll(() => registry.stop());
beforeEach(() => registry.state.reset());

async function call(pathAndQuery: string, opts: { secret?: string; timestamp?: number; nonce?: string; appKey?: string } = {}) {
  const timestamp = String(opts.timestamp ?? Math.floor(registry.state.now() / 1000));
  const nonce = opts.nonce ?? randomUUID().replace(/-/g, '');
  const res = await fetch(registry.url + pathAndQuery, {
    headers: {
      'x-app-key': opts.appKey ?? APP.appKey,
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': registrySignature(opts.secret ?? APP.appSecret, 'GET', pathAndQuery, timestamp, nonce),
    },
  });
  return { status: res.status, body: (await res.json()) as { code: number; message: string; data?: any } };
}

const operatorPath = (permitNo: string) => `/api/v1/operators/${encodeURIComponent(permitNo)}`;

describe('licence registry sandbox: lookups', () => {
  it('R-6.3.2: finds a seeded operator by its permit number', async () => {
    const { status, body } = await call(operatorPath('粤交运管许可深字440300000001号'));
    expect(status).toBe(200);
    expect(body.code).toBe(0);
    expect(body.data).toMatchObject({ name: '深圳鹏程客运有限公司', creditCode: '91440300MA5F000007', status: 'valid' });
  });

  it('R-6.3.2: finds a vehicle by plate number and colour; the colour is part of the identity', async () => {
    const q = (color: number) => `/api/v1/vehicles?${new URLSearchParams({ plateNo: '粤A52013D', plateColor: String(color) })}`;
    const found = await call(q(5));
    expect(found.status).toBe(200);
    expect(found.body.data).toMatchObject({ approvedSeats: 45, ownerPermitNo: '粤交运管许可穗字440100000002号', status: 'valid' });
    expect((await call(q(2))).status).toBe(404);
  });

  it('R-6.3.2: a suspended vehicle and an expired driver are reported with their status', async () => {
    const v = await call(`/api/v1/vehicles?plateNo=${encodeURIComponent('粤B00000D')}&plateColor=5`);
    expect(v.body.data.status).toBe('suspended');
    const expired = SEED_DRIVERS.find((d) => d.status === 'expired')!;
    const d = await call(`/api/v1/drivers/${expired.qualificationNo}`);
    expect(d.body.data).toMatchObject({ status: 'expired', name: expired.name });
  });

  it('R-6.3.2: an unknown record is 404 with code 40400', async () => {
    const { status, body } = await call(operatorPath('粤交运管许可深字440300999999号'));
    expect(status).toBe(404);
    expect(body.code).toBe(40400);
  });

  it('R-6.3.2: records added by a test are found', async () => {
    registry.state.addDriver({ qualificationNo: '440304198811110011', name: '测试', qualificationType: '道路旅客运输驾驶员', validUntil: '2030-01-01', status: 'valid' });
    expect((await call('/api/v1/drivers/440304198811110011')).body.data.name).toBe('测试');
  });
});

describe('licence registry sandbox: authentication', () => {
  it('R-6.3.2: a wrong secret, an unknown app key or a replayed nonce is 401', async () => {
    const path = '/api/v1/drivers/440304198503120013';
    expect((await call(path, { secret: 'wrong' })).status).toBe(401);
    expect((await call(path, { appKey: 'someone' })).status).toBe(401);
    const nonce = randomUUID();
    expect((await call(path, { nonce })).status).toBe(200);
    const replay = await call(path, { nonce });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe(40107);
  });

  it('R-6.3.2: a signature for another query is refused (the query is signed)', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    const signed = '/api/v1/vehicles?plateNo=A&plateColor=5';
    const res = await fetch(`${registry.url}/api/v1/vehicles?plateNo=B&plateColor=5`, {
      headers: { 'x-app-key': APP.appKey, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': registrySignature(APP.appSecret, 'GET', signed, timestamp, nonce) },
    });
    expect(res.status).toBe(401);
  });

  it('R-6.3.2: a timestamp more than 5 minutes off is refused, within 5 minutes accepted', async () => {
    const now = Math.floor(Date.now() / 1000);
    const path = '/api/v1/drivers/440304198503120013';
    expect((await call(path, { timestamp: now - 301 })).status).toBe(401);
    expect((await call(path, { timestamp: now + 301 })).body.code).toBe(40104);
    expect((await call(path, { timestamp: now - 290 })).status).toBe(200);
  });

  it('R-6.3.2: an outage answers the configured status for every call', async () => {
    registry.state.outage = 503;
    expect((await call('/api/v1/drivers/440304198503120013')).status).toBe(503);
  });
});

describe('licence registry sandbox: seed data', () => {
  // independent implementations of the two check-character standards
  const creditCodeValid = (code: string) => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
    const sum = weights.reduce((s, w, i) => s + chars.indexOf(code[i]) * w, 0);
    return chars[(31 - (sum % 31)) % 31] === code[17];
  };
  const idNumberValid = (id: string) => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    if (!/^\d{17}[\dX]$/.test(id)) return false;
    const sum = weights.reduce((s, w, i) => s + Number(id[i]) * w, 0);
    return '10X98765432'[sum % 11] === id[17];
  };

  it('R-6.3.2: seeded credit codes (GB 32100) and driver ID numbers (GB 11643) carry valid check characters', () => {
    for (const o of SEED_OPERATORS) expect([o.creditCode, creditCodeValid(o.creditCode)]).toEqual([o.creditCode, true]);
    for (const d of SEED_DRIVERS) expect([d.qualificationNo, idNumberValid(d.qualificationNo)]).toEqual([d.qualificationNo, true]);
    expect(creditCodeValid('91440300MA5F000001')).toBe(false);
  });

  it('R-6.3.2: every seeded vehicle belongs to a seeded operator', () => {
    const permits = new Set(SEED_OPERATORS.map((o) => o.permitNo));
    for (const v of SEED_VEHICLES) expect(permits.has(v.ownerPermitNo)).toBe(true);
  });
});
