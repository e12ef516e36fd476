import { Workbook } from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { archiveWorld, driverInput, operatorInput, vehicleInput, type Auth } from './helpers';

/**
 * Operability is computed on every read, and also stored so that lists can filter and page by it
 * (`?operable=`). Every path that changes what it depends on must store it again; here each path is
 * checked by asking the list filter (the stored flag) and the record (computed) the same question.
 * Expiry by the passage of time is covered in expiry.test.ts.
 */
describe('R-6.1.2 R-6.3.2 the stored operable flag follows every change', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof archiveWorld>>;
  const send = async (method: 'post' | 'put', auth: Auth, path: string, body: object = {}) => {
    const res = await t.request()[method](path).set(auth).send(body);
    if (res.status !== 200) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  /** The record says `operable`, and the list filter puts it on the same side. */
  const expectOperable = async (auth: Auth, base: string, id: number, operable: boolean) => {
    const view = (await t.request().get(`${base}/${id}`).set(auth)).body.data;
    expect(view.operable).toBe(operable);
    const listed = async (flag: boolean) =>
      (await t.request().get(base).query({ operable: flag, pageSize: 100 }).set(auth)).body.data.items.map((x: any) => x.id);
    expect(await listed(operable)).toContain(id);
    expect(await listed(!operable)).not.toContain(id);
  };

  beforeAll(async () => {
    t = await startApp();
    w = await archiveWorld(t, 'o');
    await send('put', w.admin1, `/api/admin/operators/${w.op1.id}`, operatorInput(0));
  });
  afterAll(async () => t.close());

  it('vehicles: create, correct, disable, enable', async () => {
    const v = await send('post', w.admin1, '/api/admin/vehicles', vehicleInput(1, { approvedSeats: 22 }));
    await expectOperable(w.admin1, '/api/admin/vehicles', v.id, false);
    await send('put', w.admin1, `/api/admin/vehicles/${v.id}`, vehicleInput(1));
    await expectOperable(w.admin1, '/api/admin/vehicles', v.id, true);
    await send('post', w.admin1, `/api/admin/vehicles/${v.id}/disable`);
    await expectOperable(w.admin1, '/api/admin/vehicles', v.id, false);
    await send('post', w.admin1, `/api/admin/vehicles/${v.id}/enable`);
    await expectOperable(w.admin1, '/api/admin/vehicles', v.id, true);
  });

  it('drivers: create, employment status, renewal of an expired licence', async () => {
    const d = await send('post', w.admin1, '/api/admin/drivers', driverInput(0, '13911110000'));
    await expectOperable(w.admin1, '/api/admin/drivers', d.id, true);
    await send('put', w.admin1, `/api/admin/drivers/${d.id}`, driverInput(0, '', { employmentStatus: 'suspended' }));
    await expectOperable(w.admin1, '/api/admin/drivers', d.id, false);
    await send('put', w.admin1, `/api/admin/drivers/${d.id}`, driverInput(0, '', { employmentStatus: 'active', licenceExpiry: '2020-01-01' }));
    await expectOperable(w.admin1, '/api/admin/drivers', d.id, false);
    await send('put', w.admin1, `/api/admin/drivers/${d.id}`, driverInput(0, '', { licenceExpiry: '2035-01-01' }));
    await expectOperable(w.admin1, '/api/admin/drivers', d.id, true);
  });

  it('an explicit verify after the registry comes back', async () => {
    // the registry files this vehicle under the second demo operator
    await send('put', w.admin2, `/api/admin/operators/${w.op2.id}`, operatorInput(1));
    const adapter: any = await t.app.getApplicationContext().getAsync('licenceRegistryPort');
    const baseUrl = adapter.config.baseUrl;
    adapter.config.baseUrl = 'http://127.0.0.1:9';
    let id: number;
    try {
      id = (await send('post', w.admin2, '/api/admin/vehicles', vehicleInput(2))).id;
    } finally {
      adapter.config.baseUrl = baseUrl;
    }
    await expectOperable(w.admin2, '/api/admin/vehicles', id, false);
    await send('post', w.admin2, `/api/admin/vehicles/${id}/verify`);
    await expectOperable(w.admin2, '/api/admin/vehicles', id, true);
  });

  it('a spreadsheet import', async () => {
    const v = vehicleInput(0);
    const keys = ['plateNo', 'plateColor', 'approvedSeats', 'vehicleType', 'vehicleClass', 'transportCertNo', 'transportCertExpiry', 'annualInspectionDue', 'insuranceExpiry'] as const;
    const wb = new Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow([...keys]);
    ws.addRow(keys.map((k) => v[k]));
    const res = await t.request().post('/api/admin/vehicles/import').set(w.admin1).attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'v.xlsx');
    expect(res.body.data).toEqual({ created: 1, updated: 0 });
    const id = (await t.request().get('/api/admin/vehicles').query({ plateNo: v.plateNo }).set(w.admin1)).body.data.items[0].id;
    await expectOperable(w.admin1, '/api/admin/vehicles', id, true);
  });
});
