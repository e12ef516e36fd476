import Koa from 'koa';
import Router from '@koa/router';
import { ControlError, controlErrors, listen, readJsonObject, type ListeningServer } from '../common/http';
import { LicenceState, RegistryError, type LicenceSandboxOptions } from './licence.state';
import type { DriverRecord, OperatorRecord, VehicleRecord } from './seed';

/**
 * A provincial 道路运输 licence registry, modelled on the JSON gateways the transport
 * authorities run: every call signed with the app's secret, answers `{ code, message, data }`
 * (code 0 = found). Lookups:
 *   GET /api/v1/operators/{permitNo}             道路运输经营许可证
 *   GET /api/v1/vehicles?plateNo=&plateColor=    车辆道路运输证
 *   GET /api/v1/drivers/{qualificationNo}        从业资格证
 * Control API for tests under /__sandbox/licence.
 */
export function createLicenceApp(options: LicenceSandboxOptions): { app: Koa; state: LicenceState } {
  const state = new LicenceState(options);
  const app = new Koa();

  const control = new Router({ prefix: '/__sandbox' });
  control.use(controlErrors);
  control.post('/licence/:kind', async (ctx) => {
    const body = await readJsonObject(ctx);
    if (ctx.params.kind === 'operators') state.addOperator(body as unknown as OperatorRecord);
    else if (ctx.params.kind === 'vehicles') state.addVehicle(body as unknown as VehicleRecord);
    else if (ctx.params.kind === 'drivers') state.addDriver(body as unknown as DriverRecord);
    else if (ctx.params.kind === 'outage') state.outage = typeof body.status === 'number' ? body.status : null;
    else throw new ControlError('kind must be operators, vehicles, drivers or outage', 404);
    ctx.body = { ok: true };
  });
  control.get('/licence/requests', (ctx) => {
    ctx.body = { requests: state.requests() };
  });
  control.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });
  app.use(control.routes()).use(control.allowedMethods());

  const api = new Router({ prefix: '/api/v1' });
  api.get('/operators/:permitNo', (ctx) => ctx.state.answer(state.operator(ctx.params.permitNo)));
  api.get('/vehicles', (ctx) => {
    const plateNo = String(ctx.query.plateNo ?? '');
    const plateColor = Number(ctx.query.plateColor);
    if (!plateNo || !Number.isInteger(plateColor)) throw new RegistryError(400, 40001, 'plateNo and plateColor (integer) are required');
    ctx.state.answer(state.vehicle(plateNo, plateColor));
  });
  api.get('/drivers/:qualificationNo', (ctx) => ctx.state.answer(state.driver(ctx.params.qualificationNo)));

  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    let appKey = '';
    try {
      if (state.outage) throw new RegistryError(state.outage, 50300, 'registry temporarily unavailable');
      // the signature covers the path and query exactly as sent (ctx.url is the raw request target)
      appKey = state.authenticate(ctx.method, ctx.url, ctx.headers as Record<string, string | undefined>);
      ctx.state.answer = (data: unknown) => {
        if (!data) throw new RegistryError(404, 40400, 'no such record');
        ctx.body = { code: 0, message: 'ok', data };
      };
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new RegistryError(404, 40401, `no such API: ${ctx.method} ${ctx.path}`);
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e;
      ctx.status = e.status;
      ctx.body = { code: e.code, message: e.message };
    } finally {
      state.record({ at: new Date(state.now()).toISOString(), appKey, method: ctx.method, path: ctx.url, status: ctx.status });
    }
  });
  app.use(api.routes()).use(api.allowedMethods());
  return { app, state };
}

export interface LicenceSandboxHandle extends ListeningServer {
  state: LicenceState;
}

export async function startLicenceServer(options: LicenceSandboxOptions, port = 0, host?: string): Promise<LicenceSandboxHandle> {
  const { app, state } = createLicenceApp(options);
  const server = await listen(app, port, host);
  return { ...server, state };
}
