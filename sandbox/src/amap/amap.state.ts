import { createHash, timingSafeEqual } from 'crypto';
import type { Clock } from '../common/http';
import { cityOf, districtOf, PROVINCE } from './gazetteer';

export interface AmapSandboxOptions {
  /**
   * Web-service keys that exist. A key with `privateKey` has 数字签名 switched on: every request
   * made with it must carry a matching `sig`.
   */
  keys: Array<{ key: string; privateKey?: string }>;
  now?: Clock;
}

/** A refusal the way AMap answers it: HTTP 200, status '0', `info` and `infocode`. */
export class AmapError extends Error {
  constructor(
    readonly info: string,
    readonly infocode: string,
  ) {
    super(info);
  }
}

export const INVALID_USER_KEY = () => new AmapError('INVALID_USER_KEY', '10001');
export const INVALID_USER_SIGNATURE = () => new AmapError('INVALID_USER_SIGNATURE', '10007');
export const INVALID_PARAMS = () => new AmapError('INVALID_PARAMS', '20000');
export const MISSING_REQUIRED_PARAMS = () => new AmapError('MISSING_REQUIRED_PARAMS', '20001');

/**
 * AMap's 数字签名: md5 (lowercase hex) of the request parameters other than `sig`, sorted by name,
 * joined `name=value&name=value` with the values as they are (not percent-encoded, UTF-8), with the
 * private key appended directly (no `&` before it).
 */
export function amapSignature(params: Record<string, string>, privateKey: string): string {
  const joined = Object.keys(params)
    .filter((name) => name !== 'sig')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHash('md5').update(joined + privateKey, 'utf8').digest('hex');
}

export interface AmapRequestLog {
  at: string;
  path: string;
  /** the query as received, `sig` left out */
  params: Record<string, string>;
  status: '0' | '1';
  infocode: string;
}

/** One day of weather as AMap's forecast `casts` has it (values are strings there). */
export interface WeatherDay {
  dayweather: string;
  nightweather: string;
  daytemp: number;
  nighttemp: number;
  daywind: string;
  nightwind: string;
  daypower: string;
  nightpower: string;
  /** relative humidity in % (live reports only) */
  humidity: number;
  /** the live report's weather; today's `dayweather` when not set */
  weather?: string;
  /** the live report's temperature; a degree below today's `daytemp` when not set */
  temperature?: number;
}

/** The weather words used, most common first (duplicates weight the draw). */
const WEATHERS = ['晴', '晴', '多云', '多云', '多云', '阴', '小雨', '阵雨', '中雨', '雷阵雨'];
const WINDS = ['东', '南', '西', '北', '东北', '东南', '西南', '西北'];
const POWERS = ['1-3', '1-3', '1-3', '4', '4-5'];
/** Guangdong's typical daytime high per month, °C */
const MONTH_HIGH = [19, 20, 23, 27, 30, 32, 33, 33, 32, 29, 25, 21];

const BEIJING_MS = 8 * 3600_000;
/** `YYYY-MM-DD` of the instant in Asia/Shanghai */
export const beijingDate = (ms: number) => new Date(ms + BEIJING_MS).toISOString().slice(0, 10);
/** `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai, AMap's reporttime format */
const beijingDateTime = (ms: number) => new Date(ms + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

/** A stable number in [0, 1) from the parts: the same adcode and date always draw the same weather. */
function draw(...parts: string[]): number {
  return createHash('md5').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}
const pick = <T>(list: T[], ...parts: string[]) => list[Math.floor(draw(...parts) * list.length)];

/** Where a weather request for an adcode lands: the place named in the answer and whose weather it gets. */
export interface WeatherPlace {
  adcode: string;
  name: string;
  province: string;
  /** the adcode whose generated weather is used (the city for its districts) */
  weatherAdcode: string;
}

/**
 * The service's state: keys, weather set by tests (on top of the generated weather) and a log of
 * requests. Weather is generated from the adcode and the date alone, so a test can predict it.
 */
export class AmapState {
  readonly now: Clock;
  private readonly keys: Map<string, string | undefined>;
  /** `adcode|YYYY-MM-DD` → fields set by a test */
  private overrides = new Map<string, Partial<WeatherDay>>();
  private log: AmapRequestLog[] = [];

  constructor(options: AmapSandboxOptions) {
    this.keys = new Map(options.keys.map((k) => [k.key, k.privateKey || undefined]));
    this.now = options.now ?? Date.now;
  }

  /** Forgets weather set by tests and the request log. */
  reset(): void {
    this.overrides.clear();
    this.log = [];
  }

  /** Adds a key (or replaces its private key) at run time. */
  addKey(key: string, privateKey?: string): void {
    this.keys.set(key, privateKey || undefined);
  }

  /**
   * Key first (10001), then the signature when the key has a private key (10007). A `sig` sent with
   * a key that has no private key is ignored, as AMap does.
   */
  authenticate(params: Record<string, string>): void {
    const key = params.key;
    if (!key || !this.keys.has(key)) throw INVALID_USER_KEY();
    const privateKey = this.keys.get(key);
    if (!privateKey) return;
    const given = Buffer.from((params.sig ?? '').toLowerCase());
    const expected = Buffer.from(amapSignature(params, privateKey));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw INVALID_USER_SIGNATURE();
  }

  record(entry: AmapRequestLog): void {
    this.log.push(entry);
    if (this.log.length > 1000) this.log.shift();
  }

  /** newest first */
  requests(): AmapRequestLog[] {
    return [...this.log].reverse();
  }

  /** Today in Asia/Shanghai by the service's clock. */
  today(): string {
    return beijingDate(this.now());
  }

  /**
   * Sets the weather of an adcode on a date (today by default). Set on a city, it applies to the
   * city's districts too; set on a district, to that district only.
   */
  setWeather(adcode: string, weather: Partial<WeatherDay>, date = this.today()): void {
    const key = `${adcode}|${date}`;
    this.overrides.set(key, { ...this.overrides.get(key), ...weather });
  }

  /**
   * The place a weather request names: a known city, a known district, or an unknown code under a
   * known city (falls back to the city: first 4 digits + '00'). Undefined: AMap has no weather for it.
   */
  weatherPlace(adcode: string): WeatherPlace | undefined {
    if (!/^\d{6}$/.test(adcode)) return undefined;
    const city = cityOf(adcode);
    if (city) return { adcode, name: city.name, province: city.province, weatherAdcode: adcode };
    const parent = cityOf(adcode.slice(0, 4) + '00');
    if (!parent) return undefined;
    const district = districtOf(adcode);
    if (district) return { adcode, name: district.name, province: PROVINCE.short, weatherAdcode: parent.adcode };
    return { adcode: parent.adcode, name: parent.name, province: parent.province, weatherAdcode: parent.adcode };
  }

  /** The weather of a place on a date: generated from (adcode, date), then what tests set. */
  weatherOn(place: WeatherPlace, date: string): WeatherDay {
    const a = place.weatherAdcode;
    const high = MONTH_HIGH[Number(date.slice(5, 7)) - 1] + Math.floor(draw(a, date, 'high') * 5) - 2;
    const generated: WeatherDay = {
      dayweather: pick(WEATHERS, a, date, 'day'),
      nightweather: pick(WEATHERS, a, date, 'night'),
      daytemp: high,
      nighttemp: high - 5 - Math.floor(draw(a, date, 'low') * 4),
      daywind: pick(WINDS, a, date, 'daywind'),
      nightwind: pick(WINDS, a, date, 'nightwind'),
      daypower: pick(POWERS, a, date, 'daypower'),
      nightpower: pick(POWERS, a, date, 'nightpower'),
      humidity: 55 + Math.floor(draw(a, date, 'humidity') * 41),
    };
    return { ...generated, ...this.overrides.get(`${a}|${date}`), ...(a !== place.adcode ? this.overrides.get(`${place.adcode}|${date}`) : {}) };
  }

  /** AMap's `lives[0]`: today's daytime weather, reported on the hour. */
  live(place: WeatherPlace): Record<string, string> {
    const now = this.now();
    const today = beijingDate(now);
    const w = this.weatherOn(place, today);
    const reported = now - (now % 3600_000);
    const temperature = w.temperature ?? w.daytemp - 1;
    return {
      province: place.province,
      city: place.name,
      adcode: place.adcode,
      weather: w.weather ?? w.dayweather,
      temperature: String(Math.round(temperature)),
      winddirection: w.daywind,
      // live reports give the power as a level, ≤3 for the light winds of the 1-3 band
      windpower: w.daypower === '1-3' ? '≤3' : w.daypower.split('-')[0],
      humidity: String(w.humidity),
      reporttime: beijingDateTime(reported),
      temperature_float: temperature.toFixed(1),
      humidity_float: w.humidity.toFixed(1),
    };
  }

  /** AMap's `forecasts[0]`: today and the next three days. */
  forecast(place: WeatherPlace): Record<string, unknown> {
    const now = this.now();
    const today = beijingDate(now);
    // forecasts are published at 08:00, 11:00 and 18:00 Beijing time
    const hour = new Date(now + BEIJING_MS).getUTCHours();
    const slot = hour >= 18 ? '18:00:00' : hour >= 11 ? '11:00:00' : hour >= 8 ? '08:00:00' : null;
    const reporttime = slot ? `${today} ${slot}` : `${addDays(today, -1)} 18:00:00`;
    const casts = [0, 1, 2, 3].map((i) => {
      const date = addDays(today, i);
      const w = this.weatherOn(place, date);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return {
        date,
        week: String(weekday === 0 ? 7 : weekday),
        dayweather: w.dayweather,
        nightweather: w.nightweather,
        daytemp: String(w.daytemp),
        nighttemp: String(w.nighttemp),
        daywind: w.daywind,
        nightwind: w.nightwind,
        daypower: w.daypower,
        nightpower: w.nightpower,
        daytemp_float: w.daytemp.toFixed(1),
        nighttemp_float: w.nighttemp.toFixed(1),
      };
    });
    return { city: place.name, adcode: place.adcode, province: place.province, reporttime, casts };
  }
}
