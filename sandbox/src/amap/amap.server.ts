import Koa from 'koa';
import Router from '@koa/router';
import { ControlError, controlErrors, listen, readJsonObject, requireString, type ListeningServer } from '../common/http';
import {
  AmapError,
  AmapState,
  INVALID_PARAMS,
  MISSING_REQUIRED_PARAMS,
  type AmapSandboxOptions,
  type WeatherDay,
} from './amap.state';
import { locate, PROVINCE } from './gazetteer';

/** A driving route is this much longer than the straight line (a typical road factor). */
export const ROAD_FACTOR = 1.3;
/** Average driving speed of the sandbox's routes: 60 km/h, in m/s. */
export const DRIVING_SPEED_MS = 60_000 / 3600;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineMetres(from: { lng: number; lat: number }, to: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (to.lat - from.lat) * rad;
  const dLng = (to.lng - from.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * rad) * Math.cos(to.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** What `POST /__sandbox/amap/weather` may set, and the type of each. */
const WEATHER_FIELDS: Record<string, 'string' | 'number' | undefined> = {
  dayweather: 'string',
  nightweather: 'string',
  daytemp: 'number',
  nighttemp: 'number',
  daywind: 'string',
  nightwind: 'string',
  daypower: 'string',
  nightpower: 'string',
  humidity: 'number',
  weather: 'string',
  temperature: 'number',
};

/** `lng,lat` as AMap takes it; INVALID_PARAMS when it is not a point on Earth. */
function point(value: string): { lng: number; lat: number } {
  const parts = value.split(',');
  const [lng, lat] = parts.map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : NaN));
  if (parts.length !== 2 || !(Math.abs(lng) <= 180) || !(Math.abs(lat) <= 90)) throw INVALID_PARAMS();
  return { lng, lat };
}

function required(params: Record<string, string>, ...names: string[]): void {
  if (names.some((n) => !params[n])) throw MISSING_REQUIRED_PARAMS();
}

/**
 * AMap Web Service API v3 (restapi.amap.com), the three calls the platform makes:
 *   GET /v3/weather/weatherInfo?city=<adcode>&extensions=base|all   live weather / 4-day forecast
 *   GET /v3/geocode/regeo?location=lng,lat                           reverse geocoding (GCJ-02)
 *   GET /v3/direction/driving?origin=lng,lat&destination=lng,lat     driving distance and time
 * Every call needs a known `key`, and `sig` when the key has 数字签名 switched on. Answers are
 * always HTTP 200; refusals are `{ status: '0', info, infocode }` like AMap's.
 * Control API for tests under /__sandbox/amap.
 */
export function createAmapApp(options: AmapSandboxOptions): { app: Koa; state: AmapState } {
  const state = new AmapState(options);
  const app = new Koa();

  const control = new Router({ prefix: '/__sandbox' });
  control.use(controlErrors);
  control.post('/amap/weather', async (ctx) => {
    const body = await readJsonObject(ctx);
    const adcode = requireString(body, 'adcode');
    const date = body.date === undefined ? undefined : requireString(body, 'date');
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ControlError('date must be YYYY-MM-DD');
    const { adcode: _a, date: _d, ...fields } = body;
    const weather: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      const kind = WEATHER_FIELDS[name];
      if (!kind) throw new ControlError(`unknown field ${name}; known: adcode, date, ${Object.keys(WEATHER_FIELDS).join(', ')}`);
      if (typeof value !== kind || (kind === 'number' && !Number.isFinite(value))) throw new ControlError(`${name} must be a ${kind}`);
      weather[name] = value;
    }
    state.setWeather(adcode, weather as Partial<WeatherDay>, date);
    ctx.body = { ok: true };
  });
  control.get('/amap/requests', (ctx) => {
    ctx.body = { requests: state.requests() };
  });
  control.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });
  app.use(control.routes()).use(control.allowedMethods());

  const api = new Router({ prefix: '/v3' });
  api.get('/weather/weatherInfo', (ctx) => {
    const params: Record<string, string> = ctx.state.params;
    required(params, 'city');
    const extensions = params.extensions || 'base';
    if (extensions !== 'base' && extensions !== 'all') throw INVALID_PARAMS();
    // an adcode AMap has no weather for is not an error: status 1 with nothing in it
    const place = state.weatherPlace(params.city);
    const answer = ok({ count: place ? '1' : '0' });
    if (extensions === 'base') ctx.body = { ...answer, lives: place ? [state.live(place)] : [] };
    else ctx.body = { ...answer, forecasts: place ? [state.forecast(place)] : [] };
  });
  api.get('/geocode/regeo', (ctx) => {
    const params: Record<string, string> = ctx.state.params;
    required(params, 'location');
    const at = point(params.location);
    const found = locate(at.lng, at.lat);
    // AMap writes an empty field as [] — formatted_address too, for a point it has no address for
    const street = { street: [], number: [], location: params.location, direction: [], distance: [] };
    if (!found) {
      ctx.body = ok({
        regeocode: {
          formatted_address: [],
          addressComponent: { country: [], province: [], city: [], citycode: [], district: [], adcode: [], township: [], towncode: [], streetNumber: street },
        },
      });
      return;
    }
    const { city, district } = found;
    ctx.body = ok({
      regeocode: {
        formatted_address: `${PROVINCE.name}${city.name}${district.name}`,
        addressComponent: {
          country: '中国',
          province: PROVINCE.name,
          city: city.name,
          citycode: city.citycode,
          district: district.name || [],
          adcode: district.adcode,
          township: [],
          towncode: [],
          streetNumber: street,
        },
      },
    });
  });
  api.get('/direction/driving', (ctx) => {
    const params: Record<string, string> = ctx.state.params;
    required(params, 'origin', 'destination');
    const from = point(params.origin);
    const to = point(params.destination);
    const distance = Math.round(haversineMetres(from, to) * ROAD_FACTOR);
    const duration = Math.round(distance / DRIVING_SPEED_MS);
    ctx.body = ok({
      count: '1',
      route: {
        origin: params.origin,
        destination: params.destination,
        paths: [
          { distance: String(distance), duration: String(duration), strategy: '速度最快', tolls: '0', toll_distance: '0', restriction: '0', traffic_lights: '0', steps: [] },
        ],
      },
    });
  });

  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/v3/')) return next();
    // repeated parameters: the first one counts
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.query)) params[name] = String(Array.isArray(value) ? value[0] : (value ?? ''));
    ctx.state.params = params;
    try {
      state.authenticate(params);
      await next();
    } catch (e) {
      if (!(e instanceof AmapError)) throw e;
      ctx.status = 200;
      ctx.body = { status: '0', info: e.info, infocode: e.infocode };
    } finally {
      const body = ctx.body as { status?: '0' | '1'; infocode?: string } | undefined;
      const { sig: _sig, ...logged } = params;
      state.record({ at: new Date(state.now()).toISOString(), path: ctx.path, params: logged, status: body?.status ?? '0', infocode: body?.infocode ?? String(ctx.status) });
    }
  });
  app.use(api.routes()).use(api.allowedMethods());
  return { app, state };
}

const ok = (fields: Record<string, unknown>) => ({ status: '1', info: 'OK', infocode: '10000', ...fields });

export interface AmapSandboxHandle extends ListeningServer {
  state: AmapState;
}

export async function startAmapServer(options: AmapSandboxOptions, port = 0, host?: string): Promise<AmapSandboxHandle> {
  const { app, state } = createAmapApp(options);
  const server = await listen(app, port, host);
  return { ...server, state };
}
