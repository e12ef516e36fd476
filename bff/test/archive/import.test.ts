import { Workbook } from 'exceljs';
import { DriverEntity, VehicleEntity } from '../../src/modules/archive/entity';
import { startApp, type TestApp } from '../support/app';
import { archiveWorld } from './helpers';

const DRIVER_HEADERS = ['姓名*', '性别', '证件类型*', '证件号码*', '手机号*', '准驾车型*', '驾驶证有效期*', '从业资格证有效期'];

/** One bad cell as IMPORT.INVALID_ROWS lists it (common/excel rowError). */
const cell = (row: number, column: string, reason: string) => ({ row, column, field: `第 ${row} 行 · ${column}`, reason });

async function sheet(headers: string[], rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('R-6.1.2 spreadsheet import and export of archives', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof archiveWorld>>;
  const upload = (path: string, file: Buffer) => t.request().post(path).set(w.admin1).attach('file', file, 'import.xlsx');

  beforeAll(async () => {
    t = await startApp();
    w = await archiveWorld(t, 'i');
  });
  afterAll(async () => t.close());

  it('R-6.1.2 a driver sheet with bad rows is rejected row by row and nothing is imported', async () => {
    const file = await sheet(DRIVER_HEADERS, [
      ['张国强', '男', '居民身份证', '440304198503120013', '13600000001', 'A1', '2030-05-20', '2030-03-11'],
      ['李秀梅', '女', '居民身份证', '440304198707260027', '13600000002', 'A1', '2030-05-20', null],
      ['王建军', '男', '居民身份证', '440106198901050032', '1360000', 'Z1', '2030-13-01', null],
      ['陈丽华', '女', '居民身份证', '440304198503120013', '13600000004', 'B1', new Date(Date.UTC(2031, 0, 31)), null],
    ]);
    const res = await upload('/api/admin/drivers/import', file);
    expect(res.status).toBe(422);
    expect(res.body.errorCode).toBe('IMPORT.INVALID_ROWS');
    expect(res.body.errors).toEqual(expect.arrayContaining([
      cell(3, '证件号码', '居民身份证号码校验位错误'),
      cell(4, '手机号', '手机号码应为11位中国大陆手机号'),
      cell(4, '准驾车型', '请选择准驾车型'),
      cell(4, '驾驶证有效期', '驾驶证有效期不是有效日期'),
      cell(5, '证件号码', '与第 1 条证件号码重复'),
    ]));
    expect(res.body.errors.some((e: any) => e.row === 2)).toBe(false);
    expect(await DriverEntity.count()).toBe(0);
  });

  it('R-6.1.2 R-8.2 a valid driver sheet imports every row, numbers validated and encrypted', async () => {
    const file = await sheet(DRIVER_HEADERS, [
      ['张国强', '男', '居民身份证', '440304198503120013', '13600000001', 'A1', '2030-05-20', '2030-03-11'],
      ['陈丽华', '女', '居民身份证', '440106198609180040', '13600000004', 'B1', new Date(Date.UTC(2031, 0, 31)), null],
    ]);
    const res = await upload('/api/admin/drivers/import', file);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ created: 2, updated: 0 });
    const rows = await DriverEntity.findAll({ order: [['id', 'ASC']] });
    expect(rows.map((r) => [r.name, r.orgId, r.licenceExpiry])).toEqual([['张国强', w.op1.id, '2030-05-20'], ['陈丽华', w.op1.id, '2031-01-31']]);
    expect(JSON.stringify(rows.map((r) => r.toJSON()))).not.toContain('440106198609180040');
    const found = await t.request().get('/api/admin/drivers').query({ idNumber: '440106198609180040' }).set(w.admin1);
    expect(found.body.data.items).toEqual([expect.objectContaining({ name: '陈丽华', idNumberMasked: '440***********0040' })]);
    // the same sheet again: every row is a duplicate now, nothing more is stored
    const again = await upload('/api/admin/drivers/import', file);
    expect(again.body.errorCode).toBe('IMPORT.INVALID_ROWS');
    expect(await DriverEntity.count()).toBe(2);
  });

  it('R-6.1.2 vehicle import refuses seats below 7 and unknown labels per row; the template and export round-trip', async () => {
    const template = await t.request().get('/api/admin/vehicles/import-template').set(w.admin1).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const wb = new Workbook();
    await wb.xlsx.load(template.body);
    const ws = wb.worksheets[0];
    // examples live on the instructions sheet, so a filled-in template never imports one by mistake
    expect(ws.rowCount).toBe(1);
    expect(wb.worksheets[1].name).toBe('填写说明');
    ws.addRow(['', '粤B12345D', '绿色', 19, '中型客车', '高一级']);
    ws.addRow(['', '粤B66889D', '紫色', 5, '中型客车', '高一级']);
    const bad = await upload('/api/admin/vehicles/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(expect.arrayContaining([
      cell(3, '车牌颜色', '车牌颜色应为 蓝色/黄色/黑色/白色/绿色/其他'),
      cell(3, '核定座位数', '定制客运车辆核定座位数不得少于 7 座'),
    ]));
    expect(await VehicleEntity.count()).toBe(0);

    ws.spliceRows(3, 1);
    ws.addRow(['', '粤B66889D', '绿色', 19, '中型客车', '高一级']);
    const ok = await upload('/api/admin/vehicles/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.body.data).toEqual({ created: 2, updated: 0 });

    const exported = await t.request().get('/api/admin/vehicles/export').set(w.admin1).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const out = new Workbook();
    await out.xlsx.load(exported.body);
    const plates = out.worksheets[0].getColumn(2).values.slice(2);
    expect(plates).toEqual(['粤B12345D', '粤B66889D']);
  });

  it('R-6.1.2 English headers and labels import too; an org outside the caller\'s scope is a bad cell', async () => {
    const headers = ['Organisation', 'Vehicle class', 'Plate No.', 'Plate colour', 'Approved seats', 'Vehicle type'];
    const outside = await sheet(headers, [[w.op2.name, 'Premium 1', '粤B70001D', 'Green', 19, 'Medium coach']]);
    const refused = await upload('/api/admin/vehicles/import', outside);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([cell(2, '所属机构', `所属机构「${w.op2.name}」不存在或不在您的管辖范围内`)]);

    const before = await VehicleEntity.count();
    const own = await sheet(headers, [[w.op1.name, '高一级', '粤B70001D', 'green', 19, 'Medium coach']]);
    const ok = await upload('/api/admin/vehicles/import', own);
    expect(ok.body.data).toEqual({ created: 1, updated: 0 });
    const row = await VehicleEntity.findOne({ where: { plateNo: '粤B70001D' } });
    expect([row?.orgId, row?.plateColor, row?.vehicleType, row?.vehicleClass]).toEqual([w.op1.id, 5, 'medium', 'high1']);
    expect(await VehicleEntity.count()).toBe(before + 1);
  });

  it('R-6.1.2 R-8.2 the driver export carries ID and phone numbers masked only', async () => {
    const exported = await t.request().get('/api/admin/drivers/export').set(w.admin1).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(exported.status).toBe(200);
    const out = new Workbook();
    await out.xlsx.load(exported.body);
    const ws = out.worksheets[0];
    const header = (ws.getRow(1).values as string[]).slice(1);
    const column = (name: string) => ws.getColumn(header.indexOf(name) + 1).values.slice(2);
    expect(column('姓名*')).toEqual(['张国强', '陈丽华']);
    expect(column('证件号码*')).toEqual(['440***********0013', '440***********0040']);
    expect(column('手机号*')).toEqual(['136****0001', '136****0004']);
    expect(JSON.stringify(ws.getSheetValues())).not.toContain('440106198609180040');
  });

  it('R-6.1.2 a file that is not a spreadsheet is refused as IMPORT.BAD_FILE', async () => {
    const res = await upload('/api/admin/drivers/import', Buffer.from('%PDF-1.4 not a sheet'));
    expect(res.status).toBe(422);
    expect(res.body.errorCode).toBe('IMPORT.BAD_FILE');
  });
});
