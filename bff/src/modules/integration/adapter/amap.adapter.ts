import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash } from 'crypto';
import type { LngLat, WeatherForecastDay, WeatherNow } from '@dzky/contracts';
import { UpstreamError } from '../../../common/error/domain.error';
import { MapPort, type DrivingDistance, type ReverseGeocode } from '../port/map.port';

export interface AmapConfig {
  /** https://restapi.amap.com in production; the sandbox elsewhere */
  baseUrl: string;
  /** the Web服务 key */
  key: string;
  /** the key's 数字签名 private key; when set every request carries `sig` */
  privateKey?: string;
  /** per request; 5 s when not set */
  timeoutMs?: number;
  /** how long weather answers are reused per adcode in this process; 600 s when not set, 0 = never */
  weatherCacheSeconds?: number;
}

const UPSTREAM = 'amap';
/** weather answers kept at most (adcodes asked for); the oldest goes first */
const CACHE_LIMIT = 5000;

/**
 * AMap's 数字签名: md5 (lowercase hex) of the parameters sorted by name, joined `k=v&k=v` with the
 * values unencoded, the private key appended directly.
 */
export function signAmapRequest(params: Record<string, string>, privateKey: string): string {
  const joined = Object.keys(params)
    .filter((k) => k !== 'sig')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHash('md5').update(joined + privateKey, 'utf8').digest('hex');
}

/** AMap gives an empty field as [] rather than '' or null. */
type Field = string | unknown[] | undefined;
const text = (value: Field): string => (typeof value === 'string' ? value : '');

interface AmapReply {
  status?: string;
  info?: string;
  infocode?: string;
}
interface Live { adcode: string; city: string; weather: string; temperature: string; winddirection: string; windpower: string; humidity: string; reporttime: string }
interface Cast { date: string; dayweather: string; nightweather: string; daytemp: string; nighttemp: string }
interface WeatherReply extends AmapReply { lives?: Live[]; forecasts?: Array<{ casts?: Cast[] }> }
interface RegeoReply extends AmapReply { regeocode?: { formatted_address?: Field; addressComponent?: { adcode?: Field } } }
interface DrivingReply extends AmapReply { route?: { paths?: Array<{ distance?: string; duration?: string }> } }

/** `lng,lat` with at most 6 decimals, as AMap asks */
const coord = (p: LngLat) => `${Number(p.lng.toFixed(6))},${Number(p.lat.toFixed(6))}`;

/**
 * AMap Web Service API v3 (weather, reverse geocoding, driving) behind MapPort. Refusals (status '0'),
 * network failures and replies that do not parse are UpstreamError; nothing is ever filled in.
 * Weather is reused for a few minutes per adcode: AMap updates live reports about hourly and
 * forecasts a few times a day, and trip lists ask for the same cities over and over.
 */
@Provide('mapPort')
@Scope(ScopeEnum.Singleton)
export class AmapAdapter extends MapPort {
  @Config('amap') config: AmapConfig;

  /** `base|adcode` / `all|adcode` → answer (a promise, so concurrent asks share one request) */
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  weather(adcode: string): Promise<WeatherNow | null> {
    return this.cached(`base|${adcode}`, async () => {
      const reply = await this.call<WeatherReply>('/v3/weather/weatherInfo', { city: adcode, extensions: 'base' });
      const live = reply.lives?.[0];
      if (!live) return null;
      return {
        adcode: live.adcode,
        city: live.city,
        weather: live.weather,
        temperatureC: number(live.temperature, 'temperature'),
        windDirection: live.winddirection,
        windPower: live.windpower,
        humidity: number(live.humidity, 'humidity'),
        reportedAt: beijingTime(live.reporttime),
      };
    });
  }

  forecast(adcode: string): Promise<WeatherForecastDay[]> {
    return this.cached(`all|${adcode}`, async () => {
      const reply = await this.call<WeatherReply>('/v3/weather/weatherInfo', { city: adcode, extensions: 'all' });
      return (reply.forecasts?.[0]?.casts ?? []).map((c) => ({
        date: c.date,
        dayWeather: c.dayweather,
        nightWeather: c.nightweather,
        dayTempC: number(c.daytemp, 'daytemp'),
        nightTempC: number(c.nighttemp, 'nighttemp'),
      }));
    });
  }

  async reverseGeocode(point: LngLat): Promise<ReverseGeocode> {
    const reply = await this.call<RegeoReply>('/v3/geocode/regeo', { location: coord(point) });
    if (!reply.regeocode) throw new UpstreamError(UPSTREAM, 'regeo: reply without regeocode');
    return { address: text(reply.regeocode.formatted_address), adcode: text(reply.regeocode.addressComponent?.adcode) || null };
  }

  async drivingDistance(from: LngLat, to: LngLat): Promise<DrivingDistance> {
    const reply = await this.call<DrivingReply>('/v3/direction/driving', { origin: coord(from), destination: coord(to) });
    const path = reply.route?.paths?.[0];
    if (!path) throw new UpstreamError(UPSTREAM, 'driving: no route');
    return { distanceM: number(path.distance, 'distance'), durationS: number(path.duration, 'duration') };
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const ttlMs = (this.config.weatherCacheSeconds ?? 600) * 1000;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    if (ttlMs > 0) {
      this.cache.delete(key);
      this.cache.set(key, { at: now, value });
      if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      // a failure is not kept: the next ask tries again
      value.catch(() => {
        if (this.cache.get(key)?.value === value) this.cache.delete(key);
      });
    }
    return value;
  }

  private async call<T extends AmapReply>(path: string, query: Record<string, string>): Promise<T> {
    const { key, privateKey } = this.config;
    const operation = path.split('/').pop();
    if (!key) throw new UpstreamError(UPSTREAM, 'not configured (web service key)');
    const params: Record<string, string> = { ...query, key };
    if (privateKey) params.sig = signAmapRequest(params, privateKey);
    // the service may sit under a path prefix (a proxy): keep it
    const url = `${this.config.baseUrl.replace(/\/+$/, '')}${path}?${new URLSearchParams(params)}`;

    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.config.timeoutMs ?? 5000) });
    } catch (e) {
      throw new UpstreamError(UPSTREAM, `${operation} request failed (${(e as Error).name})`);
    }
    let reply: T;
    try {
      reply = (await res.json()) as T;
    } catch {
      throw new UpstreamError(UPSTREAM, `${operation}: HTTP ${res.status}, reply is not JSON`, res.status);
    }
    // AMap answers refusals with HTTP 200 and status '0' (INVALID_USER_KEY 10001, INVALID_USER_SIGNATURE 10007 …)
    if (!res.ok || reply.status !== '1') {
      throw new UpstreamError(UPSTREAM, `${operation} refused: HTTP ${res.status} ${reply.infocode ?? ''} ${reply.info ?? ''}`.trim(), reply.infocode ?? res.status);
    }
    return reply;
  }
}

/** A number AMap sends as a string; a missing or garbled one is the provider's failure, not zero. */
function number(value: string | undefined, field: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new UpstreamError(UPSTREAM, `reply field ${field} is not a number: ${JSON.stringify(value)}`);
  return n;
}

/** AMap's `YYYY-MM-DD HH:mm:ss` (Beijing time) as an ISO instant. */
function beijingTime(value: string): string {
  const ms = Date.parse(`${String(value).replace(' ', 'T')}+08:00`);
  if (Number.isNaN(ms)) throw new UpstreamError(UPSTREAM, `reply field reporttime is not a time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}
