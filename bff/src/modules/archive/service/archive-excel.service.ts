import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import { readFile } from 'fs/promises';
import {
  EMPLOYMENT_STATUS_LABELS, ID_TYPE_LABELS, PLATE_COLOR_LABELS, VEHICLE_CLASS_LABELS, VEHICLE_TYPE_LABELS,
  type ArchiveImportResult, type DriverInput, type DriverQuery, type VehicleInput, type VehicleQuery,
} from '@dzky/contracts';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { subtreeWhere } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import { DriverService } from './driver.service';
import { VehicleService, type IndexedProblem } from './vehicle.service';

export interface UploadedFile {
  filename: string;
  mimeType: string;
  fieldName: string;
  /** temporary file path (busboy 'file' mode) */
  data: string;
}

/** One column of a sheet: the Chinese header operators see, the input field it fills. */
interface Column<T> {
  header: string;
  field: string;
  width?: number;
  required?: boolean;
  example: string;
  read: (row: T) => string | number | null;
}

const MAX_ROWS = 2000;
const GENDER_LABELS = { male: '男', female: '女' } as const;

/** Accepts a label ('蓝色', '大型客车') or the code itself; null when neither. */
function fromLabel<K extends string | number>(labels: Record<K, { zh: string; en: string }>, raw: string | null): K | null {
  if (!raw) return null;
  for (const [code, label] of Object.entries(labels) as [string, { zh: string; en: string }][]) {
    // numeric codes (plate colours) come back as numbers
    if (raw === label.zh || raw === label.en || raw === code) return (/^\d+$/.test(code) ? Number(code) : code) as K;
  }
  return null;
}

/** A cell as text: dates as YYYY-MM-DD (Excel dates carry no zone: take the calendar day as shown). */
function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text.trim() || null;
    if ('result' in v) return cellText(v.result as CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim() || null;
    return null;
  }
  const s = String(v).trim();
  return s || null;
}

/** Sends a workbook as a download (the envelope middleware passes buffers through). */
export function sendWorkbook(ctx: Context, buffer: Buffer, name: string): Buffer {
  ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  ctx.set('Content-Disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.xlsx"`);
  return buffer;
}

/** The `file` part of an import upload, as bytes. */
export async function uploadedSheet(files: UploadedFile[]): Promise<Buffer> {
  const file = files.find((f) => f.fieldName === 'file');
  if (!file) throw new ValidationError([{ field: 'file', reason: '请选择要导入的 Excel 文件（表单字段 file）' }]);
  return readFile(file.data);
}

/**
 * Spreadsheet export, template and import of vehicles and drivers. Imports are all or nothing:
 * every bad row and column is reported at once (IMPORT.INVALID_ROWS) and nothing is stored; ID
 * and phone numbers go through the same validation and encryption as the form. Exports carry
 * personal numbers masked, like every other response.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ArchiveExcelService {
  @Inject() private vehicles: VehicleService;
  @Inject() private drivers: DriverService;
  @Inject() private audit: AuditService;

  private vehicleColumns(): Column<VehicleExportRow>[] {
    return [
      { header: '所属机构', field: 'orgId', width: 22, example: '', read: (r) => r.orgName },
      { header: '车牌号', field: 'plateNo', required: true, example: '粤B12345D', read: (r) => r.plateNo },
      { header: '车牌颜色', field: 'plateColor', required: true, example: '绿色', read: (r) => PLATE_COLOR_LABELS[r.plateColor as 1].zh },
      { header: '核定座位数', field: 'approvedSeats', required: true, example: '19', read: (r) => r.approvedSeats },
      { header: '车辆类型', field: 'vehicleType', required: true, example: '中型客车', read: (r) => VEHICLE_TYPE_LABELS[r.vehicleType].zh },
      { header: '客车等级', field: 'vehicleClass', required: true, example: '高一级', read: (r) => VEHICLE_CLASS_LABELS[r.vehicleClass].zh },
      { header: '品牌', field: 'brand', example: '宇通', read: (r) => r.brand },
      { header: '型号', field: 'model', example: 'ZK6809BEVG', read: (r) => r.model },
      { header: '车辆识别代号', field: 'vin', width: 22, example: 'LZYTBTE61L1000001', read: (r) => r.vin },
      { header: '道路运输证号', field: 'transportCertNo', example: '440300200001', read: (r) => r.transportCertNo },
      { header: '道路运输证有效期', field: 'transportCertExpiry', example: '2029-03-31', read: (r) => r.transportCertExpiry },
      { header: '年审到期日', field: 'annualInspectionDue', example: '2027-03-31', read: (r) => r.annualInspectionDue },
      { header: '保险公司', field: 'insurer', example: '中国人保', read: (r) => r.insurer },
      { header: '承运人责任险保单号', field: 'insurancePolicyNo', width: 22, example: 'PZAA202644030000001', read: (r) => r.insurancePolicyNo },
      { header: '承运人责任险到期日', field: 'insuranceExpiry', example: '2027-01-31', read: (r) => r.insuranceExpiry },
      { header: '终端ID', field: 'terminalId', example: 'T000001', read: (r) => r.terminalId },
      { header: '终端厂商', field: 'terminalMaker', example: '70111', read: (r) => r.terminalMaker },
      { header: '终端型号', field: 'terminalModel', example: 'ZD-808', read: (r) => r.terminalModel },
      { header: '终端SIM卡号', field: 'terminalPhone', example: '13800000001', read: (r) => r.terminalPhone },
    ];
  }

  private driverColumns(): Column<DriverExportRow>[] {
    return [
      { header: '所属机构', field: 'orgId', width: 22, example: '', read: (r) => r.orgName },
      { header: '姓名', field: 'name', required: true, example: '张国强', read: (r) => r.name },
      { header: '性别', field: 'gender', example: '男', read: (r) => (r.gender ? GENDER_LABELS[r.gender] : null) },
      { header: '证件类型', field: 'idType', required: true, example: '居民身份证', read: (r) => ID_TYPE_LABELS[r.idType].zh },
      { header: '证件号码', field: 'idNumber', required: true, width: 22, example: '440304198503120013', read: (r) => r.idNumberMasked },
      { header: '手机号', field: 'phone', required: true, width: 16, example: '13800138001', read: (r) => r.phoneMasked },
      { header: '驾驶证号', field: 'licenceNo', width: 22, example: '440304198503120013', read: (r) => r.licenceNoMasked },
      { header: '准驾车型', field: 'licenceClass', required: true, example: 'A1', read: (r) => r.licenceClass },
      { header: '初次领证日期', field: 'licenceFirstIssuedOn', example: '2008-05-20', read: (r) => r.licenceFirstIssuedOn },
      { header: '驾驶证有效期', field: 'licenceExpiry', required: true, example: '2030-05-20', read: (r) => r.licenceExpiry },
      { header: '从业资格证号', field: 'qualificationNo', width: 22, example: '440304198503120013', read: (r) => r.qualificationNoMasked },
      { header: '从业资格类别', field: 'qualificationCategory', width: 20, example: '道路旅客运输驾驶员', read: (r) => r.qualificationCategory },
      { header: '从业资格证有效期', field: 'qualificationExpiry', example: '2030-03-11', read: (r) => r.qualificationExpiry },
      { header: '在职状态', field: 'employmentStatus', example: '在职', read: (r) => EMPLOYMENT_STATUS_LABELS[r.employmentStatus].zh },
      { header: '入职日期', field: 'hiredOn', example: '2020-01-01', read: (r) => r.hiredOn },
    ];
  }

  async vehicleTemplate(): Promise<Buffer> {
    return build('车辆', this.vehicleColumns(), [], true);
  }

  async driverTemplate(): Promise<Buffer> {
    return build('驾驶员', this.driverColumns(), [], true);
  }

  async exportVehicles(principal: AdminPrincipal, q: VehicleQuery, origin: RequestOrigin): Promise<Buffer> {
    const rows = await this.vehicles.all(principal, q);
    await this.audit.record(origin, { category: 'security', action: 'vehicle.export', result: 'success', detail: { count: rows.length, filter: q } });
    return build('车辆', this.vehicleColumns(), rows, false);
  }

  async exportDrivers(principal: AdminPrincipal, q: DriverQuery, origin: RequestOrigin): Promise<Buffer> {
    const rows = await this.drivers.all(principal, q);
    // a filter by whole ID or phone number is personal data itself: not written to the trail
    const { idNumber, phone, ...filter } = q;
    await this.audit.record(origin, { category: 'security', action: 'driver.export', result: 'success', detail: { count: rows.length, filter, byIdNumber: Boolean(idNumber), byPhone: Boolean(phone) } });
    return build('驾驶员', this.driverColumns(), rows, false);
  }

  async importVehicles(principal: AdminPrincipal, file: Buffer, origin: RequestOrigin): Promise<ArchiveImportResult> {
    const columns = this.vehicleColumns();
    const rows = await parse(file, columns);
    const orgs = await this.orgsByName(principal);
    const bad: IndexedProblem[] = [];
    const inputs = rows.map(({ values }, index): VehicleInput => {
      const color = fromLabel(PLATE_COLOR_LABELS, values.plateColor);
      const type = fromLabel(VEHICLE_TYPE_LABELS, values.vehicleType);
      const cls = fromLabel(VEHICLE_CLASS_LABELS, values.vehicleClass);
      if (values.plateColor && color === null) bad.push({ index, field: 'plateColor', reason: '车牌颜色应为 蓝色/黄色/黑色/白色/绿色/其他' });
      if (values.vehicleType && type === null) bad.push({ index, field: 'vehicleType', reason: '车辆类型应为 特大型客车/大型客车/中型客车/小型客车' });
      if (values.vehicleClass && cls === null) bad.push({ index, field: 'vehicleClass', reason: '客车等级应为 高三级/高二级/高一级/中级/普通级' });
      return {
        orgId: this.orgIdOf(values.orgId, orgs, index, bad),
        plateNo: values.plateNo ?? '',
        plateColor: (color ?? 0) as VehicleInput['plateColor'],
        approvedSeats: values.approvedSeats === null ? NaN : Number(values.approvedSeats),
        vehicleType: (type ?? '') as VehicleInput['vehicleType'],
        vehicleClass: (cls ?? '') as VehicleInput['vehicleClass'],
        brand: values.brand, model: values.model, vin: values.vin,
        transportCertNo: values.transportCertNo, transportCertExpiry: values.transportCertExpiry,
        annualInspectionDue: values.annualInspectionDue,
        insurer: values.insurer, insurancePolicyNo: values.insurancePolicyNo, insuranceExpiry: values.insuranceExpiry,
        terminalId: values.terminalId, terminalMaker: values.terminalMaker, terminalModel: values.terminalModel, terminalPhone: values.terminalPhone,
      };
    });
    return this.finish(rows, columns, bad, (dryRun) => this.vehicles.createMany(principal, inputs, origin, dryRun));
  }

  async importDrivers(principal: AdminPrincipal, file: Buffer, origin: RequestOrigin): Promise<ArchiveImportResult> {
    const columns = this.driverColumns();
    const rows = await parse(file, columns);
    const orgs = await this.orgsByName(principal);
    const bad: IndexedProblem[] = [];
    const inputs = rows.map(({ values }, index): DriverInput => {
      const idType = fromLabel(ID_TYPE_LABELS, values.idType);
      const status = fromLabel(EMPLOYMENT_STATUS_LABELS, values.employmentStatus);
      const gender = values.gender === '男' ? 'male' : values.gender === '女' ? 'female' : null;
      if (values.idType && idType === null) bad.push({ index, field: 'idType', reason: '证件类型无效，如 居民身份证' });
      if (values.employmentStatus && status === null) bad.push({ index, field: 'employmentStatus', reason: '在职状态应为 在职/停职/离职' });
      if (values.gender && gender === null) bad.push({ index, field: 'gender', reason: '性别应为 男 或 女' });
      return {
        orgId: this.orgIdOf(values.orgId, orgs, index, bad),
        name: values.name ?? '',
        gender,
        idType: (idType ?? '') as DriverInput['idType'],
        idNumber: values.idNumber ?? '',
        phone: values.phone ?? '',
        licenceNo: values.licenceNo,
        licenceClass: (values.licenceClass?.toUpperCase() ?? '') as DriverInput['licenceClass'],
        licenceFirstIssuedOn: values.licenceFirstIssuedOn,
        licenceExpiry: values.licenceExpiry ?? '',
        qualificationNo: values.qualificationNo,
        qualificationCategory: values.qualificationCategory,
        qualificationExpiry: values.qualificationExpiry,
        employmentStatus: status ?? undefined,
        hiredOn: values.hiredOn,
      };
    });
    return this.finish(rows, columns, bad, (dryRun) => this.drivers.createMany(principal, inputs, origin, dryRun));
  }

  /** Reports label problems and the service's problems together; nothing is stored when any exist. */
  private async finish<T>(
    rows: ParsedRow[], columns: Column<T>[], bad: IndexedProblem[],
    create: (dryRun: boolean) => Promise<{ created: number; problems: IndexedProblem[] }>,
  ): Promise<ArchiveImportResult> {
    // the service checks the rows even when labels were wrong (dry run), so every problem shows at once
    const { created, problems } = await create(bad.length > 0);
    if (!bad.length && !problems.length) return { created };
    const header = new Map(columns.map((c) => [c.field, c.header]));
    const seen = new Set<string>();
    // one reason per cell: a label problem ('紫色') explains the cell better than the rule behind it
    const list = [...bad, ...problems]
      .map((p) => ({ row: rows[p.index].rowNumber, column: header.get(p.field) ?? p.field, reason: p.reason }))
      .filter((p) => !seen.has(`${p.row}|${p.column}`) && seen.add(`${p.row}|${p.column}`))
      .sort((a, b) => a.row - b.row);
    throw new DomainError('IMPORT.INVALID_ROWS', `有 ${new Set(list.map((p) => p.row)).size} 行数据有误，未导入任何数据`, {
      errors: list.map((p) => ({ field: `第${p.row}行·${p.column}`, reason: p.reason })),
      detail: { rows: list },
    });
  }

  private async orgsByName(principal: AdminPrincipal): Promise<Map<string, number>> {
    const orgs = await OrgEntity.findAll({ where: subtreeWhere(principal) });
    return new Map(orgs.filter((o) => o.kind === 'operator' || o.kind === 'branch').map((o) => [o.name, o.id]));
  }

  private orgIdOf(name: string | null, orgs: Map<string, number>, index: number, bad: IndexedProblem[]): number | undefined {
    if (!name) return undefined;
    const id = orgs.get(name);
    if (!id) bad.push({ index, field: 'orgId', reason: `所属机构「${name}」不存在或不在您的管辖范围内` });
    return id;
  }
}

type VehicleExportRow = Awaited<ReturnType<VehicleService['all']>>[number];
type DriverExportRow = Awaited<ReturnType<DriverService['all']>>[number];

interface ParsedRow {
  rowNumber: number;
  values: Record<string, string | null>;
}

async function build<T>(title: string, columns: Column<T>[], rows: T[], template: boolean): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet(title);
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.field, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  if (template) {
    ws.addRow(Object.fromEntries(columns.map((c) => [c.field, c.example])));
    ws.getRow(2).font = { italic: true, color: { argb: 'FF888888' } };
    const note = wb.addWorksheet('说明');
    note.addRow(['带 * 的列必填；第 2 行是示例，导入前请删除。日期格式 YYYY-MM-DD。']);
    note.addRow(['导入时全部行校验通过才会写入；任何一行有误都不会导入任何数据，并列出每一行的问题。']);
    note.addRow(['“所属机构”留空即为当前登录账号所在机构。']);
  }
  for (const row of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.field, c.read(row)])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function parse<T>(file: Buffer, columns: Column<T>[]): Promise<ParsedRow[]> {
  const wb = new Workbook();
  try {
    await wb.xlsx.load(file as any);
  } catch {
    throw new DomainError('IMPORT.BAD_FILE', '无法读取导入文件，请使用下载的 Excel 模板（.xlsx）');
  }
  const ws: Worksheet | undefined = wb.worksheets[0];
  if (!ws) throw new DomainError('IMPORT.BAD_FILE', '导入文件中没有工作表');
  // columns are found by header text, so a reordered sheet still imports
  const headerRow = ws.getRow(1);
  const position = new Map<string, number>();
  headerRow.eachCell((cell, col) => {
    const text = cellText(cell.value)?.replace(/\*$/, '').trim();
    const column = columns.find((c) => c.header === text);
    if (column) position.set(column.field, col);
  });
  const missing = columns.filter((c) => c.required && !position.has(c.field)).map((c) => c.header);
  if (missing.length) throw new DomainError('IMPORT.BAD_FILE', `缺少必填列：${missing.join('、')}，请使用下载的模板`);
  const rows: ParsedRow[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = Object.fromEntries(columns.map((c) => [c.field, position.has(c.field) ? cellText(row.getCell(position.get(c.field)!).value) : null]));
    if (Object.values(values).every((v) => v === null)) return;
    rows.push({ rowNumber, values });
  });
  if (!rows.length) throw new DomainError('IMPORT.BAD_FILE', '导入文件中没有数据行');
  if (rows.length > MAX_ROWS) throw new DomainError('IMPORT.BAD_FILE', `一次最多导入 ${MAX_ROWS} 行，请分批导入`);
  return rows;
}
