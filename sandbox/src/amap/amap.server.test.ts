import { createHash } from 'crypto';
import { startAmapServer, type AmapSandboxHandle } from './amap.server';
import { amapSignature, AmapState } from './amap.state';

const PLAIN = { key: 'amap-plain-key-0001' };
const SIGNED = { key: 'amap-signed-key-001', privateKey: 'amap-private-key-secret' };
// 2025-07-15 10:30 in Beijing (a Tuesday)
const NOW = Date.parse('2025-07-15T02:30:00Z');
let amap: AmapSandboxHandle;

beforeAll(async () => {
  amap = await startAmapServer({ keys: [PLAIN, SIGNED], now: () => NOW });
});
afterAll(() => amap.stop());
beforeEach(() => amap.state.reset());

/** GET with the parameters, signed with `privateKey` when given (or a `sig` as is). */
async function call(path: string, params: Record<string, string>, privateKey?: string) {
  const query = { ...params, ...(privateKey ? { sig: amapSignature(params, privateKey) } : {}) };
  const res = await fetch(`${amap.url}${path}?${new URLSearchParams(query)}`);
  return { http: res.status, body: (await res.json()) as any };
}
const weather = (city: string, extensions = 'base', key = PLAIN.key) => call('/v3/weather/weatherInfo', { key, city, extensions });

describe('AMap sandbox: authentication', () => {
  it('answers a known key', async () => {
    const { http, body } = await weather('440100');
    expect(http).toBe(200);
    expect(body).toMatchObject({ status: '1', info: 'OK', infocode: '10000', count: '1' });
  });

  it('refuses an unknown or missing key with INVALID_USER_KEY (10001), still HTTP 200', async () => {
    for (const params of [{ key: 'not-a-key', city: '440100' }, { city: '440100' }] as Record<string, string>[]) {
      const { http, body } = await call('/v3/weather/weatherInfo', params);
      expect(http).toBe(200);
      expect(body).toEqual({ status: '0', info: 'INVALID_USER_KEY', infocode: '10001' });
    }
  });

  it('with 数字签名 on, accepts sig = md5(sorted params + private key)', async () => {
    const params = { key: SIGNED.key, city: '440300', extensions: 'base' };
    // computed by hand: the parameters sorted by name, `&`-joined, the private key appended directly
    const sig = createHash('md5').update(`city=440300&extensions=base&key=${SIGNED.key}${SIGNED.privateKey}`).digest('hex');
    expect(amapSignature(params, SIGNED.privateKey)).toBe(sig);
    const { body } = await call('/v3/weather/weatherInfo', { ...params, sig });
    expect(body).toMatchObject({ status: '1', lives: [{ adcode: '440300', city: '深圳市' }] });
  });

  it('signs values as they are (not percent-encoded), UTF-8', () => {
    expect(amapSignature({ b: '广州,天河', a: '1 2', sig: 'ignored' }, 'pk')).toBe(createHash('md5').update('a=1 2&b=广州,天河pk', 'utf8').digest('hex'));
  });

  it('refuses a wrong or missing signature with INVALID_USER_SIGNATURE (10007)', async () => {
    const params = { key: SIGNED.key, city: '440300' };
    const wrong = await call('/v3/weather/weatherInfo', params, 'another-private-key');
    expect(wrong.http).toBe(200);
    expect(wrong.body).toEqual({ status: '0', info: 'INVALID_USER_SIGNATURE', infocode: '10007' });
    expect((await call('/v3/weather/weatherInfo', params)).body.infocode).toBe('10007');
    // a signature over other parameters does not cover this request
    const sig = amapSignature({ ...params, city: '440100' }, SIGNED.privateKey);
    expect((await call('/v3/weather/weatherInfo', { ...params, sig })).body.infocode).toBe('10007');
  });

  it('logs requests without the signature', async () => {
    await call('/v3/geocode/regeo', { key: SIGNED.key, location: '113.3245,23.1064' }, SIGNED.privateKey);
    await weather('440100', 'base', 'nope');
    const [refused, answered] = amap.state.requests();
    expect(refused).toMatchObject({ path: '/v3/weather/weatherInfo', status: '0', infocode: '10001' });
    expect(answered).toMatchObject({ path: '/v3/geocode/regeo', status: '1', infocode: '10000', params: { key: SIGNED.key, location: '113.3245,23.1064' } });
    expect(answered.params).not.toHaveProperty('sig');
  });
});

describe('AMap sandbox: weather', () => {
  it('live weather is deterministic per adcode and date, with AMap fields', async () => {
    const first = (await weather('440100')).body;
    const again = (await weather('440100')).body;
    expect(again).toEqual(first);
    const live = first.lives[0];
    expect(live).toMatchObject({ province: '广东', city: '广州市', adcode: '440100', reporttime: '2025-07-15 10:00:00' });
    expect(['晴', '多云', '阴', '小雨', '阵雨', '中雨', '雷阵雨']).toContain(live.weather);
    expect(live.temperature).toMatch(/^\d+$/);
    expect(live.humidity).toMatch(/^\d+$/);
    expect(live.winddirection).toBeTruthy();
    expect(live.windpower).toBeTruthy();
    // a second state with the same clock draws the same weather
    const other = new AmapState({ keys: [], now: () => NOW });
    expect(other.live(other.weatherPlace('440100')!)).toEqual(live);
  });

  it('covers the Guangdong cities; a district gets its city weather under its own name', async () => {
    for (const [adcode, city] of [['440100', '广州市'], ['440300', '深圳市'], ['440600', '佛山市'], ['441900', '东莞市'], ['440400', '珠海市']]) {
      expect((await weather(adcode)).body.lives[0]).toMatchObject({ adcode, city });
    }
    const city = (await weather('440300')).body.lives[0];
    const district = (await weather('440304')).body.lives[0];
    expect(district).toMatchObject({ adcode: '440304', city: '福田区', weather: city.weather, temperature: city.temperature });
    // a district the gazetteer does not name falls back to the city (first 4 digits + 00)
    expect((await weather('441999')).body.lives[0]).toMatchObject({ adcode: '441900', city: '东莞市' });
  });

  it('an adcode without weather answers status 1 with count 0 and nothing in it', async () => {
    expect((await weather('999999')).body).toEqual({ status: '1', info: 'OK', infocode: '10000', count: '0', lives: [] });
    expect((await weather('999999', 'all')).body).toMatchObject({ status: '1', count: '0', forecasts: [] });
  });

  it('tests can set the weather of an adcode (a city applies to its districts)', async () => {
    amap.state.setWeather('440100', { dayweather: '暴雨', temperature: 24, humidity: 98 });
    expect((await weather('440100')).body.lives[0]).toMatchObject({ weather: '暴雨', temperature: '24', humidity: '98' });
    expect((await weather('440106')).body.lives[0]).toMatchObject({ weather: '暴雨', city: '天河区' });
    // over HTTP too (for browser tests), on another day
    const res = await fetch(`${amap.url}/__sandbox/amap/weather`, { method: 'POST', body: JSON.stringify({ adcode: '440300', date: '2025-07-16', dayweather: '雷阵雨', daytemp: 35 }) });
    expect(res.status).toBe(200);
    const bad = await fetch(`${amap.url}/__sandbox/amap/weather`, { method: 'POST', body: JSON.stringify({ adcode: '440300', daytemp: '35' }) });
    expect(bad.status).toBe(400);
    const casts = (await weather('440300', 'all')).body.forecasts[0].casts;
    expect(casts[1]).toMatchObject({ date: '2025-07-16', dayweather: '雷阵雨', daytemp: '35' });
  });

  it('forecasts (extensions=all): today and the next three days, deterministic', async () => {
    const { body } = await weather('440600', 'all');
    expect(body).toMatchObject({ status: '1', count: '1' });
    const f = body.forecasts[0];
    expect(f).toMatchObject({ city: '佛山市', adcode: '440600', province: '广东', reporttime: '2025-07-15 08:00:00' });
    expect(f.casts.map((c: any) => [c.date, c.week])).toEqual([['2025-07-15', '2'], ['2025-07-16', '3'], ['2025-07-17', '4'], ['2025-07-18', '5']]);
    for (const c of f.casts) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['dayweather', 'nightweather', 'daytemp', 'nighttemp', 'daywind', 'nightwind', 'daypower', 'nightpower']));
      expect(Number(c.daytemp)).toBeGreaterThan(Number(c.nighttemp));
    }
    expect((await weather('440600', 'all')).body).toEqual(body);
    // today's forecast and the live report agree
    expect(f.casts[0].dayweather).toBe((await weather('440600')).body.lives[0].weather);
  });

  it('an unknown extensions value is INVALID_PARAMS, a missing city MISSING_REQUIRED_PARAMS', async () => {
    expect((await weather('440100', 'most')).body).toEqual({ status: '0', info: 'INVALID_PARAMS', infocode: '20000' });
    expect((await call('/v3/weather/weatherInfo', { key: PLAIN.key })).body).toEqual({ status: '0', info: 'MISSING_REQUIRED_PARAMS', infocode: '20001' });
  });
});

describe('AMap sandbox: reverse geocoding and driving', () => {
  const regeo = (location: string) => call('/v3/geocode/regeo', { key: PLAIN.key, location });

  it('names the district of a point in the gazetteer', async () => {
    const { body } = await regeo('113.3245,23.1064'); // 广州塔
    expect(body).toMatchObject({ status: '1', infocode: '10000' });
    expect(body.regeocode.formatted_address).toBe('广东省广州市海珠区');
    expect(body.regeocode.addressComponent).toMatchObject({ province: '广东省', city: '广州市', district: '海珠区', adcode: '440105', citycode: '020' });
    expect((await regeo('114.0596,22.5431')).body.regeocode.addressComponent).toMatchObject({ district: '福田区', adcode: '440304' });
    // 东莞 has no districts: the city's adcode, an empty district
    expect((await regeo('113.7518,23.0205')).body.regeocode).toMatchObject({ formatted_address: '广东省东莞市', addressComponent: { adcode: '441900', district: [] } });
  });

  it('a point outside the gazetteer answers an empty address, as AMap does (empty arrays)', async () => {
    const { body } = await regeo('139.69171,35.6895');
    expect(body.status).toBe('1');
    expect(body.regeocode.formatted_address).toEqual([]);
    expect(body.regeocode.addressComponent.adcode).toEqual([]);
  });

  it('a malformed location is INVALID_PARAMS', async () => {
    expect((await regeo('23.1,')).body.infocode).toBe('20000');
    expect((await regeo('200,23')).body.infocode).toBe('20000');
  });

  it('driving distance is the great circle × 1.3 at 60 km/h, in metres and seconds as strings', async () => {
    const { body } = await call('/v3/direction/driving', { key: PLAIN.key, origin: '113.264385,23.129112', destination: '114.057868,22.543099' }, undefined);
    expect(body).toMatchObject({ status: '1', count: '1' });
    const path = body.route.paths[0];
    // 广州 → 深圳 city centres: about 104.0 km straight, 135.2 km by road
    expect(Number(path.distance)).toBeGreaterThan(134_000);
    expect(Number(path.distance)).toBeLessThan(136_500);
    expect(path.duration).toBe(String(Math.round(Number(path.distance) / (60_000 / 3600))));
    const again = await call('/v3/direction/driving', { key: PLAIN.key, origin: '113.264385,23.129112', destination: '114.057868,22.543099' });
    expect(again.body).toEqual(body);
    expect((await call('/v3/direction/driving', { key: PLAIN.key, origin: '113.26,23.12' })).body.infocode).toBe('20001');
  });
});
