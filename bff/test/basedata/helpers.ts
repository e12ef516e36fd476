import * as ExcelJS from 'exceljs';
import { bearer, type TestApp } from '../support/app';
import { createAdmin, createOrg, signIn } from '../support/fixtures';

export type Auth = ReturnType<typeof bearer>;

/** Two operators (Shenzhen, Guangzhou), their staff, platform staff and a Guangdong regulator. */
export async function basedataWorld(t: TestApp, prefix: string) {
  const op1 = await createOrg(1, 'operator', `${prefix}鹏程客运`, '440300');
  const op2 = await createOrg(1, 'operator', `${prefix}羊城客运`, '440100');
  const reg = await createOrg(1, 'regulator', `${prefix}深圳市交通运输局`, '440300');
  const sign = async (username: string, orgId: number, roles: string[]) => {
    const admin = await createAdmin(t.app, { username, orgId, roles });
    return bearer((await signIn(t.request, admin)).accessToken);
  };
  return {
    op1,
    op2,
    reg,
    platform: await sign(`${prefix}_platform`, 1, ['operator_admin']),
    admin1: await sign(`${prefix}_op1`, op1.id, ['operator_admin']),
    admin2: await sign(`${prefix}_op2`, op2.id, ['operator_admin']),
    dispatcher1: await sign(`${prefix}_disp1`, op1.id, ['dispatcher']),
    regulator: await sign(`${prefix}_reg`, reg.id, ['regulator']),
  };
}

/** Real-looking GCJ-02 stops of the Shenzhen—Guangzhou line. */
export const STOPS = {
  SZB: { code: 'SZB', name: { 'zh-CN': '深圳北站', en: 'Shenzhen North Station' }, address: '深圳市龙华区民治街道致远中路28号', regionCode: '440309', lng: 114.029525, lat: 22.609726, type: 'station' },
  FTJT: { code: 'FTJT', name: { 'zh-CN': '福田交通枢纽', en: 'Futian Transport Hub' }, address: '深圳市福田区深南大道与新洲路交汇处', regionCode: '440304', lng: 114.052741, lat: 22.539223, type: 'station' },
  BAT3: { code: 'BAT3', name: { 'zh-CN': '宝安机场T3', en: "Bao'an Airport T3" }, address: '深圳市宝安区宝安国际机场T3航站楼', regionCode: '440306', lng: 113.814589, lat: 22.625144, type: 'fixed' },
  GZN: { code: 'GZN', name: { 'zh-CN': '广州南站', en: 'Guangzhou South Station' }, address: '广州市番禺区石壁街道南站北路', regionCode: '440113', lng: 113.269391, lat: 22.988948, type: 'station' },
} as const;

/** A square ring [minLng, minLat]–[maxLng, maxLat], closed, counter-clockwise. */
export function square(minLng: number, minLat: number, maxLng: number, maxLat: number): number[][] {
  return [[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]];
}

/** An xlsx with the given header and rows (what an operator would fill in by hand). */
export async function sheet(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readSheet(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as any);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** supertest: collect a binary body as a Buffer. */
export function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
