import { createHash, randomBytes } from 'crypto';
import { startSandbox, type Sandbox } from '@dzky/sandbox';
import { UpstreamError } from '../../src/common/error/domain.error';
import { AmapAdapter, signAmapRequest, type AmapConfig } from '../../src/modules/integration/adapter/amap.adapter';
import type { MapPort } from '../../src/modules/integration/port/map.port';
import { startApp, type TestApp } from '../support/app';

describe('signAmapRequest', () => {
  it('is md5 over the parameters sorted by name, k=v joined by &, values unencoded, private key appended', () => {
    const expected = createHash('md5').update('city=440100&extensions=base&key=k1pk', 'utf8').digest('hex');
    expect(signAmapRequest({ key: 'k1', extensions: 'base', city: '440100' }, 'pk')).toBe(expected);
    expect(signAmapRequest({ location: '113.3,23.1', key: 'k1', sig: 'old' }, 'pk')).toBe(createHash('md5').update('key=k1&location=113.3,23.1pk').digest('hex'));
  });
});

/** The production adapter against the AMap sandbox, which checks the key and every signature. */
describe('AmapAdapter against the AMap sandbox', () => {
  const signed = { key: randomBytes(16).toString('hex'), privateKey: randomBytes(16).toString('hex') };
  const plain = { key: randomBytes(16).toString('hex') };
  let sandbox: Sandbox;

  const adapter = (override: Partial<AmapConfig> = {}) => {
    const a = new AmapAdapter();
    a.config = { baseUrl: sandbox.amap.url, ...signed, weatherCacheSeconds: 0, ...override };
    return a;
  };
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    sandbox = await startSandbox({ wechat: { apps: [] }, sms: { accessKeys: [], signName: 'x' }, amap: { keys: [signed, plain] } });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.amap.state.reset());

  it('reads the live weather of a city, signed, as domain values', async () => {
    sandbox.amap.state.setWeather('440100', { dayweather: '雷阵雨', temperature: 29, humidity: 88 });
    const now = await adapter().weather('440100');
    expect(now).toEqual({
      adcode: '440100',
      city: '广州市',
      weather: '雷阵雨',
      temperatureC: 29,
      windDirection: expect.any(String),
      windPower: expect.any(String),
      humidity: 88,
      reportedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/),
    });
    // reported on the hour, in the last hour (Beijing time converted to UTC)
    expect(Date.now() - Date.parse(now!.reportedAt)).toBeLessThan(3600_000);
    expect(sandbox.amap.state.requests()[0]).toMatchObject({ path: '/v3/weather/weatherInfo', status: '1', params: { city: '440100', extensions: 'base', key: signed.key } });
  });

  it('a district gets its own name; an adcode without weather is null', async () => {
    await expect(adapter().weather('440304')).resolves.toMatchObject({ adcode: '440304', city: '福田区' });
    await expect(adapter().weather('999999')).resolves.toBeNull();
  });

  it('reads the forecast: today and three more days', async () => {
    sandbox.amap.state.setWeather('440300', { dayweather: '中雨', nightweather: '小雨', daytemp: 31, nighttemp: 25 });
    const days = await adapter().forecast('440300');
    expect(days).toHaveLength(4);
    expect(days[0]).toEqual({ date: today(), dayWeather: '中雨', nightWeather: '小雨', dayTempC: 31, nightTempC: 25 });
    for (const d of days) {
      expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof d.dayTempC).toBe('number');
    }
    await expect(adapter().forecast('999999')).resolves.toEqual([]);
  });

  it('keeps weather for a while per adcode (one request for two asks), forecasts apart', async () => {
    const a = adapter({ weatherCacheSeconds: 600 });
    const [first, second] = await Promise.all([a.weather('440600'), a.weather('440600')]);
    expect(second).toEqual(first);
    await a.weather('440600');
    await a.forecast('440600');
    await a.weather('440400');
    expect(sandbox.amap.state.requests().map((r) => `${r.params.extensions}|${r.params.city}`).sort()).toEqual(['all|440600', 'base|440400', 'base|440600']);
  });

  it('reverse geocodes a GCJ-02 point to its address and district adcode', async () => {
    await expect(adapter().reverseGeocode({ lng: 113.3245, lat: 23.1064 })).resolves.toEqual({ address: '广东省广州市海珠区', adcode: '440105' });
    await expect(adapter().reverseGeocode({ lng: 113.7518, lat: 23.0205 })).resolves.toEqual({ address: '广东省东莞市', adcode: '441900' });
  });

  it('a point the provider has no address for is an empty address and a null adcode (AMap sends [])', async () => {
    await expect(adapter().reverseGeocode({ lng: 139.69171, lat: 35.6895 })).resolves.toEqual({ address: '', adcode: null });
  });

  it('plans a driving distance in metres and seconds; coordinates go at most 6 decimals', async () => {
    const r = await adapter().drivingDistance({ lng: 113.264385, lat: 23.129112 }, { lng: 114.0578681234, lat: 22.543099 });
    expect(r.distanceM).toBeGreaterThan(134_000);
    expect(r.distanceM).toBeLessThan(136_500);
    expect(r.durationS).toBe(Math.round(r.distanceM / (60_000 / 3600)));
    expect(sandbox.amap.state.requests()[0].params).toMatchObject({ origin: '113.264385,23.129112', destination: '114.057868,22.543099' });
  });

  it('works unsigned with a key that has no 数字签名', async () => {
    await expect(adapter({ ...plain, privateKey: undefined }).weather('441900')).resolves.toMatchObject({ city: '东莞市' });
  });

  it('a wrong key is refused (INVALID_USER_KEY 10001) and surfaces as UpstreamError', async () => {
    const error = await adapter({ key: 'not-a-key' }).weather('440100').catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstream: 'amap', upstreamCode: '10001' });
    expect(error.message).toMatch(/INVALID_USER_KEY/);
  });

  it('a wrong private key is refused (INVALID_USER_SIGNATURE 10007) and surfaces as UpstreamError', async () => {
    const error = await adapter({ privateKey: 'not-the-private-key' }).reverseGeocode({ lng: 113.3, lat: 23.1 }).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstream: 'amap', upstreamCode: '10007' });
    // and so is a missing signature when the key has one
    await expect(adapter({ privateKey: '' }).drivingDistance({ lng: 113, lat: 23 }, { lng: 114, lat: 22.5 })).rejects.toMatchObject({ upstreamCode: '10007' });
  });

  it('a refusal is not kept in the weather cache', async () => {
    const a = adapter({ key: 'not-a-key', weatherCacheSeconds: 600 });
    await expect(a.weather('440100')).rejects.toBeInstanceOf(UpstreamError);
    a.config = { ...a.config, key: signed.key };
    await expect(a.weather('440100')).resolves.toMatchObject({ adcode: '440100' });
  });

  it('an unreachable service, a wrong base URL or no key configured is UpstreamError', async () => {
    await expect(adapter({ baseUrl: 'http://localhost:1', timeoutMs: 2000 }).weather('440100')).rejects.toBeInstanceOf(UpstreamError);
    await expect(adapter({ baseUrl: `${sandbox.amap.url}/elsewhere` }).weather('440100')).rejects.toBeInstanceOf(UpstreamError);
    await expect(adapter({ key: '' }).weather('440100')).rejects.toMatchObject({ upstream: 'amap' });
  });
});

/** The binding: the app's `mapPort` is this adapter, configured from the environment (test/support/app.ts). */
describe('mapPort in the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('resolves to the AMap adapter, signed with the configured key and private key', async () => {
    const port = await t.app.getApplicationContext().getAsync<MapPort>('mapPort');
    expect(port).toBeInstanceOf(AmapAdapter);
    await expect(port.weather('440100')).resolves.toMatchObject({ adcode: '440100', city: '广州市' });
    expect(t.sandbox.amap.state.requests()[0]).toMatchObject({ status: '1', path: '/v3/weather/weatherInfo' });
  });
});
