import * as ExcelJS from 'exceljs';
import { cliContext } from '../../src/cli/cli-context';
import { seedDemoBaseData } from '../../src/cli/seed-basedata';
import { buildWorkbook, parseWorkbook, type ExcelColumn } from '../../src/common/excel';
import { GeofenceService } from '../../src/modules/basedata/service/geofence.service';
import { createOrg } from '../support/fixtures';
import { LineEntity, RouteEntity, StopEntity } from '../../src/modules/basedata/entity';
import { startApp, type TestApp } from '../support/app';
import { basedataWorld, binary, readSheet, sheet, STOPS, type Auth } from './helpers';

const STOP_HEADER = ['站点编码', '中文名称', '英文名称', '地址', '行政区划代码', '经度', '纬度', '类型'];

describe('base data spreadsheets: export, template, all-or-nothing import', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof basedataWorld>>;
  const upload = (auth: Auth, path: string, buffer: Buffer, name = 'data.xlsx') => t.request().post(path).set(auth).attach('file', buffer, name);
  const download = (auth: Auth, path: string, query: object = {}) => t.request().get(path).query(query).set(auth).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startApp();
    w = await basedataWorld(t, 'x');
  });
  afterAll(async () => t.close());

  it('R-6.1.1 a malformed stop sheet is rejected row by row with reasons, and nothing is imported', async () => {
    const buffer = await sheet(STOP_HEADER, [
      ['A1', '深圳北站', 'Shenzhen North', '深圳市龙华区', '440309', 114.0295, 22.6097, '客运站'],
      ['A2', '坏坐标', '', '深圳市', '440304', 'abc', 22.5, '客运站'],
      ['A3', '', 'No Chinese name', '深圳市', '440304', 114.05, 22.54, '固定站点'],
      ['A1', '重复编码', '', '深圳市', '440304', 114.05, 22.54, '客运站'],
      ['A5', '未知区划', '', '某地', '990101', 114.05, 22.54, '客运站'],
      ['A6', '境外', '', '悉尼', '440304', 151.2, -33.8, '灵活区域'],
    ]);
    const res = await upload(w.admin1, '/api/admin/stops/import', buffer);
    expect(res.status).toBe(422);
    expect(res.body.errorCode).toBe('IMPORT.INVALID_ROWS');
    const errors = res.body.errors.map((e: any) => ({ row: e.row, column: e.column, reason: e.reason }));
    expect(errors).toEqual(expect.arrayContaining([
      { row: 3, column: '经度', reason: '应为数字' },
      { row: 4, column: '中文名称', reason: '必填' },
      { row: 5, column: '站点编码', reason: '与第 2 行重复：A1' },
      { row: 6, column: '行政区划代码', reason: '未知的省级行政区划：99' },
      { row: 7, column: '经度', reason: '坐标 (151.2, -33.8) 不在中国境内' },
    ]));
    expect(res.body.errors.every((e: any) => e.field && e.reason)).toBe(true);
    expect(await StopEntity.count({ where: { orgId: w.op1.id } })).toBe(0);
  });

  it('R-6.1.1 a file that is not xlsx is refused with IMPORT.BAD_FILE; a missing required column is named', async () => {
    const csv = await upload(w.admin1, '/api/admin/stops/import', Buffer.from('code,name\nA1,深圳北站\n'), 'stops.csv');
    expect(csv.status).toBe(422);
    expect(csv.body.errorCode).toBe('IMPORT.BAD_FILE');
    const noName = await upload(w.admin1, '/api/admin/stops/import', await sheet(['站点编码', '地址'], [['A1', '深圳']]));
    expect(noName.body.errorCode).toBe('IMPORT.BAD_FILE');
    expect(noName.body.errorMessage).toContain('中文名称');
    const noFile = await t.request().post('/api/admin/stops/import').set(w.admin1).field('x', '1');
    expect(noFile.status).toBe(422);
    expect(noFile.body.errors[0].field).toBe('file');
  });

  it('R-6.1.1 a good sheet imports (English headers too, WGS-84 converted); a second import updates instead of duplicating', async () => {
    const rows = Object.values(STOPS).map((s) => [s.code, s.name['zh-CN'], s.name.en, s.address, s.regionCode, s.lng, s.lat, s.type]);
    const first = await upload(w.admin1, '/api/admin/stops/import', await sheet(STOP_HEADER, rows));
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ created: 4, updated: 0 });

    const english = await sheet(['Code', 'Name (zh-CN)', 'Address', 'Region code', 'Longitude', 'Latitude', 'Coordinate system', 'Type'], [
      ['SZB', '深圳北站', '深圳市龙华区致远中路', '440309', 114.0295, 22.6097, 'gcj02', 'station'],
      ['GPS1', '卫星定位点', '深圳市福田区', '440304', 114.0579, 22.5431, 'wgs84', 'fixed'],
    ]);
    const second = await upload(w.admin1, '/api/admin/stops/import', english);
    expect(second.body.data).toEqual({ created: 1, updated: 1 });
    expect(await StopEntity.count({ where: { orgId: w.op1.id, code: 'SZB' } })).toBe(1);
    const gps = await StopEntity.findOne({ where: { orgId: w.op1.id, code: 'GPS1' } });
    expect(gps!.lng).toBeCloseTo(114.063014, 5);
    const szb = await StopEntity.findOne({ where: { orgId: w.op1.id, code: 'SZB' } });
    expect(szb!.address).toBe('深圳市龙华区致远中路');
    const history = await t.request().get(`/api/admin/stops/${szb!.id}/history`).set(w.admin1);
    expect(history.body.data.map((h: any) => h.action)).toEqual(['import', 'import']);
  });

  it('R-6.1.1 export → import round trip changes nothing; an edited cell updates exactly that stop', async () => {
    const exported = await download(w.admin1, '/api/admin/stops/export');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const rows = await readSheet(exported.body);
    expect(rows[0]).toEqual(['站点编码*', '中文名称*', '英文名称', '其他语言名称', '地址*', '行政区划代码*', '经度*', '纬度*', '坐标系', '类型*', '启用']);
    expect(rows).toHaveLength(1 + 5);

    const again = await upload(w.admin1, '/api/admin/stops/import', exported.body);
    expect(again.body.data).toEqual({ created: 0, updated: 0 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as any);
    const ws = wb.worksheets[0];
    ws.getRow(2).getCell(5).value = '改过的地址';
    const edited = await upload(w.admin1, '/api/admin/stops/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(edited.body.data).toEqual({ created: 0, updated: 1 });
    expect(await StopEntity.count({ where: { orgId: w.op1.id, address: '改过的地址' } })).toBe(1);

    // export follows the list filter
    const filtered = await download(w.admin1, '/api/admin/stops/export', { keyword: '广州' });
    expect((await readSheet(filtered.body)).slice(1).map((r) => r[0])).toEqual(['GZN']);
  });

  it('R-6.1.1 the template has the columns, a frozen header and notes, and no data rows', async () => {
    const res = await download(w.admin1, '/api/admin/routes/import-template');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as any);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(String((ws.getRow(1).getCell(1).note as any)?.texts?.map((x: any) => x.text).join('') ?? ws.getRow(1).getCell(1).note)).toContain('必填');
    expect(wb.worksheets[1].name).toBe('填写说明');
  });

  it('R-6.1.1 lines and routes import by licence no. and route code; route rows are checked as a whole', async () => {
    const lineSheet = await sheet(['班线许可编号', '班线名称', '起点城市', '起点行政区划代码', '终点城市', '终点行政区划代码', '核定站点编码', '有效期起', '有效期止'], [
      ['粤交运线许可深字440300-0001', '深圳—广州', '深圳市', '440300', '广州市', '440100', 'SZB, FTJT、GZN, BAT3', '2025-01-01', '2099-12-31'],
      ['BAD-LINE', '坏班线', '深圳市', '440300', '广州市', '440100', 'NOPE', '2025-13-01', '2024-01-01'],
    ]);
    const badLines = await upload(w.admin1, '/api/admin/lines/import', lineSheet);
    expect(badLines.status).toBe(422);
    expect(badLines.body.errors.map((e: any) => [e.row, e.column])).toEqual(expect.arrayContaining([[3, '核定站点编码'], [3, '有效期起']]));
    expect(await LineEntity.count({ where: { orgId: w.op1.id } })).toBe(0);

    const goodLines = await sheet(['班线许可编号', '班线名称', '起点城市', '起点行政区划代码', '终点城市', '终点行政区划代码', '核定站点编码', '有效期起', '有效期止'], [
      ['粤交运线许可深字440300-0001', '深圳—广州', '深圳市', '440300', '广州市', '440100', 'SZB, FTJT、GZN', new Date(Date.UTC(2025, 0, 1)), '2099-12-31'],
    ]);
    expect((await upload(w.admin1, '/api/admin/lines/import', goodLines)).body.data).toEqual({ created: 1, updated: 0 });

    const header = ['线路编码', '线路名称', '班线许可编号', '站序', '站点编码', '距上一站里程(米)', '距上一站用时(分钟)', '上客', '下客'];
    const licence = '粤交运线许可深字440300-0001';
    const badRoute = await upload(w.admin1, '/api/admin/routes/import', await sheet(header, [
      ['R1', '深圳北—广州南', licence, 1, 'SZB', 0, 0, '是', '否'],
      ['R1', '', licence, 2, 'BAT3', 30000, 40, '否', '是'],
      ['R2', '', licence, 1, 'SZB', 0, 0, '是', '否'],
      ['R2', '', 'NO-SUCH', 2, 'GZN', 140000, 110, '否', '是'],
    ]));
    expect(badRoute.status).toBe(422);
    expect(badRoute.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: '站点编码', reason: '站点 BAT3 不在班线许可核定的站点内' }),
      expect.objectContaining({ row: 4, column: '班线许可编号', reason: '线路 R2 的各行班线许可编号不一致' }),
      expect.objectContaining({ row: 4, column: '线路名称', reason: '新线路须填写线路名称' }),
    ]));
    expect(await RouteEntity.count({ where: { orgId: w.op1.id } })).toBe(0);

    const good = await sheet(header, [
      ['R1', '深圳北—广州南', licence, 1, 'SZB', 0, 0, '是', '否'],
      ['R1', '', licence, 3, 'GZN', 125000, 85, '否', '是'],
      ['R1', '', licence, 2, 'FTJT', 15000, 25, '是', '否'],
    ]);
    expect((await upload(w.admin1, '/api/admin/routes/import', good)).body.data).toEqual({ created: 1, updated: 0 });
    const route = (await t.request().get('/api/admin/routes').set(w.admin1)).body.data.items[0];
    expect(route).toMatchObject({ code: 'R1', stopCount: 3, from: '深圳北站', to: '广州南站', totalDistanceM: 140000 });

    // round trip of the route export, then an edit of one distance updates the route
    const exported = await download(w.admin1, '/api/admin/routes/export');
    expect((await upload(w.admin1, '/api/admin/routes/import', exported.body)).body.data).toEqual({ created: 0, updated: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as any);
    wb.worksheets[0].getRow(4).getCell(6).value = 130000;
    expect((await upload(w.admin1, '/api/admin/routes/import', Buffer.from(await wb.xlsx.writeBuffer()))).body.data).toEqual({ created: 0, updated: 1 });
  });

  it('R-6.1.1 import needs basedata:write; another operator\'s import never touches op1 records', async () => {
    const rows = [['SZB', '别家的深圳北站', '', '深圳', '440309', 114.0295, 22.6097, '客运站']];
    expect((await upload(w.regulator, '/api/admin/stops/import', await sheet(STOP_HEADER, rows))).status).toBe(403);
    const other = await upload(w.admin2, '/api/admin/stops/import', await sheet(STOP_HEADER, rows));
    expect(other.body.data).toEqual({ created: 1, updated: 0 });
    expect((await StopEntity.findOne({ where: { orgId: w.op1.id, code: 'SZB' } }))!.name['zh-CN']).toBe('深圳北站');
    // an operator cannot import into another operator
    expect((await upload(w.admin2, `/api/admin/stops/import?orgId=${w.op1.id}`, await sheet(STOP_HEADER, rows))).status).toBe(422);
  });

  it('R-6.1.1 the Excel helper reports every bad cell and reads headers in either language', async () => {
    const columns: ExcelColumn[] = [
      { key: 'code', header: '编码', headerEn: 'Code', required: true, unique: true },
      { key: 'n', header: '数量', headerEn: 'Count', parse: (c) => { if (typeof c !== 'number') throw new Error('应为数字'); return c; } },
    ];
    const built = await buildWorkbook(columns, [{ code: 'a', n: 1 }]);
    expect((await parseWorkbook(built, columns)).rows).toEqual([{ row: 2, values: { code: 'a', n: 1 } }]);
    const parsed = await parseWorkbook(await sheet(['Count', 'Code'], [[1, 'a'], ['x', 'a'], [null, null], [2, null]]), columns);
    expect(parsed.rows.map((r) => r.row)).toEqual([2]);
    expect(parsed.errors).toEqual([
      expect.objectContaining({ row: 3, column: '编码', reason: '与第 2 行重复：a' }),
      expect.objectContaining({ row: 3, column: '数量', reason: '应为数字' }),
      expect.objectContaining({ row: 5, column: '编码', reason: '必填' }),
    ]);
  });

  it('R-6.1.1 the demo base data loads through the same rules, is idempotent, and its zones work (hole excluded)', async () => {
    const ctx = await cliContext();
    try {
      const orgs = new Map([['op1', await createOrg(1, 'operator', '演示鹏程', '440300')], ['op2', await createOrg(1, 'operator', '演示羊城', '440100')]]);
      const created: string[] = [];
      await seedDemoBaseData(ctx, orgs, created);
      expect(created).toEqual(expect.arrayContaining(['stop 深圳北站', 'stop 天河客运站', 'line 深圳—广州', 'line 广州—深圳', 'route 深圳北站—广州南站']));
      const again: string[] = [];
      await seedDemoBaseData(ctx, orgs, again);
      expect(again).toEqual([]);

      const op1 = orgs.get('op1')!.id;
      const geo = await t.app.getApplicationContext().getAsync(GeofenceService);
      geo.invalidate();
      expect((await geo.zonesAt({ lng: 114.03, lat: 22.54 }, { orgIds: [op1] })).map((z) => z.name)).toEqual(['福田中心区上客区（不含皇岗口岸管制区）']);
      // 皇岗口岸 lies in the hole
      expect(await geo.zonesAt({ lng: 114.07, lat: 22.525 }, { orgIds: [op1] })).toEqual([]);
      expect((await geo.zonesAt({ lng: 113.35, lat: 23.09 }, { orgIds: [op1], kind: 'dropoff' })).map((z) => z.name)).toEqual(['海珠下客区']);
    } finally {
      await ctx.close();
    }
  });
});
