import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import {
  EMPLOYMENT_STATUS_LABELS, ID_TYPE_LABELS, PLATE_COLOR_LABELS, VEHICLE_CLASS_LABELS, VEHICLE_TYPE_LABELS,
  type DriverInput, type DriverQuery, type ImportResult, type VehicleInput, type VehicleQuery,
} from '@dzky/contracts';
import {
  buildWorkbook, cellParsers, parseWorkbook, rowError, throwInvalidRows,
  type CellInput, type ExcelColumn, type ParseResult,
} from '../../../common/excel';
import { DomainError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { subtreeWhere } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import type { IndexedProblem } from './archive-support';
import { DriverService } from './driver.service';
import { VehicleService } from './vehicle.service';

type Labels = Record<string, { zh: string; en: string }>;

/** Every row is checked against the registry one by one, so an import stays smaller than base data's. */
const MAX_ROWS = 2000;
const GENDER_LABELS: Labels = { male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } };
const IMPORT_RULES =
  `只读取第一个工作表；按表头文字识别列（中文或英文均可）；日期格式 YYYY-MM-DD。任一行有误则整份文件不导入，并列出每个错误的行号、列和原因；` +
  `证件号码或车牌已有档案的行会被拒绝（不会覆盖已有档案）。单次最多 ${MAX_ROWS} 行。`;

/** A cell as the form would send it: Excel dates as YYYY-MM-DD; the services validate the rest. */
function text(cell: CellInput): string {
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
}

/** A label ('蓝色', 'Green') or the code itself; otherwise "<header>应为 a/b/c". */
function labelled(header: string, labels: Labels, numeric = false): Pick<ExcelColumn, 'parse' | 'format'> {
  const match = cellParsers.oneOf(labels);
  const reason = `${header}应为 ${Object.values(labels).map((l) => l.zh).join('/')}`;
  return {
    parse: (cell) => {
      try {
        const code = match(cell);
        return numeric ? Number(code) : code;
      } catch {
        throw reason;
      }
    },
    format: (code) => (code === null || code === undefined ? null : labels[String(code)]?.zh),
  };
}

/** 所属机构 by name on import (empty: the importer's own org); its name on export. */
function orgColumn(orgIds: Map<string, number>): ExcelColumn {
  return {
    key: 'orgId', header: '所属机构', headerEn: 'Organisation', width: 22, note: '留空即为当前登录账号所在机构',
    parse: (cell) => {
      const id = orgIds.get(text(cell));
      if (!id) throw `所属机构「${text(cell)}」不存在或不在您的管辖范围内`;
      return id;
    },
    format: (_id, row) => row.orgName,
  };
}

/** Text columns unless a column says otherwise. */
function sheet(columns: ExcelColumn[]): ExcelColumn[] {
  return columns.map((c) => ({ parse: text, ...c }));
}

function vehicleColumns(orgIds = new Map<string, number>()): ExcelColumn[] {
  return sheet([
    orgColumn(orgIds),
    { key: 'plateNo', header: '车牌号', headerEn: 'Plate No.', required: true, example: '粤B12345D' },
    { key: 'plateColor', header: '车牌颜色', headerEn: 'Plate colour', required: true, example: '绿色', ...labelled('车牌颜色', PLATE_COLOR_LABELS, true) },
    { key: 'approvedSeats', header: '核定座位数', headerEn: 'Approved seats', required: true, example: 19 },
    { key: 'vehicleType', header: '车辆类型', headerEn: 'Vehicle type', required: true, example: '中型客车', ...labelled('车辆类型', VEHICLE_TYPE_LABELS) },
    { key: 'vehicleClass', header: '客车等级', headerEn: 'Vehicle class', required: true, example: '高一级', ...labelled('客车等级', VEHICLE_CLASS_LABELS) },
    { key: 'brand', header: '品牌', headerEn: 'Brand', example: '宇通' },
    { key: 'model', header: '型号', headerEn: 'Model', example: 'ZK6809BEVG' },
    { key: 'vin', header: '车辆识别代号', headerEn: 'VIN', width: 22, example: 'LZYTBTE61L1000001' },
    { key: 'transportCertNo', header: '道路运输证号', headerEn: 'Transport certificate No.', example: '440300200001' },
    { key: 'transportCertExpiry', header: '道路运输证有效期', headerEn: 'Transport certificate expiry', example: '2029-03-31' },
    { key: 'annualInspectionDue', header: '年审到期日', headerEn: 'Annual inspection due', example: '2027-03-31' },
    { key: 'insurer', header: '保险公司', headerEn: 'Insurer', example: '中国人保' },
    { key: 'insurancePolicyNo', header: '承运人责任险保单号', headerEn: 'Insurance policy No.', width: 22, example: 'PZAA202644030000001' },
    { key: 'insuranceExpiry', header: '承运人责任险到期日', headerEn: 'Insurance expiry', example: '2027-01-31' },
    { key: 'terminalId', header: '终端ID', headerEn: 'Terminal ID', example: 'T000001' },
    { key: 'terminalMaker', header: '终端厂商', headerEn: 'Terminal maker', example: '70111' },
    { key: 'terminalModel', header: '终端型号', headerEn: 'Terminal model', example: 'ZD-808' },
    { key: 'terminalPhone', header: '终端SIM卡号', headerEn: 'Terminal SIM No.', example: '13800000001' },
  ]);
}

/** Exports carry the numbers masked, like every other response: a spreadsheet travels further than the page. */
function driverColumns(orgIds = new Map<string, number>()): ExcelColumn[] {
  return sheet([
    orgColumn(orgIds),
    { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '张国强' },
    { key: 'gender', header: '性别', headerEn: 'Gender', example: '男', ...labelled('性别', GENDER_LABELS) },
    { key: 'idType', header: '证件类型', headerEn: 'ID type', required: true, example: '居民身份证', ...labelled('证件类型', ID_TYPE_LABELS) },
    { key: 'idNumber', header: '证件号码', headerEn: 'ID number', required: true, width: 22, example: '440304198503120013', format: (_v, r) => r.idNumberMasked },
    { key: 'phone', header: '手机号', headerEn: 'Mobile', required: true, width: 16, example: '13800138001', format: (_v, r) => r.phoneMasked },
    { key: 'licenceNo', header: '驾驶证号', headerEn: 'Driving licence No.', width: 22, example: '440304198503120013', format: (_v, r) => r.licenceNoMasked },
    { key: 'licenceClass', header: '准驾车型', headerEn: 'Licence class', required: true, example: 'A1', parse: (cell) => text(cell).toUpperCase() },
    { key: 'licenceFirstIssuedOn', header: '初次领证日期', headerEn: 'Licence first issued', example: '2008-05-20' },
    { key: 'licenceExpiry', header: '驾驶证有效期', headerEn: 'Licence expiry', required: true, example: '2030-05-20' },
    { key: 'qualificationNo', header: '从业资格证号', headerEn: 'Qualification No.', width: 22, example: '440304198503120013', format: (_v, r) => r.qualificationNoMasked },
    { key: 'qualificationCategory', header: '从业资格类别', headerEn: 'Qualification category', width: 20, example: '道路旅客运输驾驶员' },
    { key: 'qualificationExpiry', header: '从业资格证有效期', headerEn: 'Qualification expiry', example: '2030-03-11' },
    { key: 'employmentStatus', header: '在职状态', headerEn: 'Employment status', example: '在职', ...labelled('在职状态', EMPLOYMENT_STATUS_LABELS) },
    { key: 'hiredOn', header: '入职日期', headerEn: 'Hired on', example: '2020-01-01' },
  ]);
}

/** A parsed sheet row; a bad cell is undefined and an empty one null. */
type Row = Record<string, any>;

function vehicleInput(v: Row): VehicleInput {
  return {
    orgId: v.orgId ?? undefined,
    plateNo: v.plateNo ?? '',
    plateColor: v.plateColor ?? 0,
    approvedSeats: v.approvedSeats === null || v.approvedSeats === undefined ? NaN : Number(v.approvedSeats),
    vehicleType: v.vehicleType ?? '',
    vehicleClass: v.vehicleClass ?? '',
    brand: v.brand, model: v.model, vin: v.vin,
    transportCertNo: v.transportCertNo, transportCertExpiry: v.transportCertExpiry,
    annualInspectionDue: v.annualInspectionDue,
    insurer: v.insurer, insurancePolicyNo: v.insurancePolicyNo, insuranceExpiry: v.insuranceExpiry,
    terminalId: v.terminalId, terminalMaker: v.terminalMaker, terminalModel: v.terminalModel, terminalPhone: v.terminalPhone,
  };
}

function driverInput(v: Row): DriverInput {
  return {
    orgId: v.orgId ?? undefined,
    name: v.name ?? '',
    gender: v.gender ?? null,
    idType: v.idType ?? '',
    idNumber: v.idNumber ?? '',
    phone: v.phone ?? '',
    licenceNo: v.licenceNo,
    licenceClass: v.licenceClass ?? '',
    licenceFirstIssuedOn: v.licenceFirstIssuedOn,
    licenceExpiry: v.licenceExpiry ?? '',
    qualificationNo: v.qualificationNo,
    qualificationCategory: v.qualificationCategory,
    qualificationExpiry: v.qualificationExpiry,
    employmentStatus: v.employmentStatus ?? undefined,
    hiredOn: v.hiredOn,
  };
}

/**
 * Spreadsheet export, template and import of vehicles and drivers, on the shared sheet helper
 * (common/excel). Imports are all or nothing: every bad row and column is reported at once
 * (IMPORT.INVALID_ROWS) and nothing is stored; ID and phone numbers go through the same
 * validation and encryption as the form.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ArchiveExcelService {
  @Inject() private vehicles: VehicleService;
  @Inject() private drivers: DriverService;
  @Inject() private audit: AuditService;

  vehicleTemplate(): Promise<Buffer> {
    return buildWorkbook(vehicleColumns(), [], { sheetName: '车辆', rules: IMPORT_RULES });
  }

  driverTemplate(): Promise<Buffer> {
    return buildWorkbook(driverColumns(), [], { sheetName: '驾驶员', rules: IMPORT_RULES });
  }

  async exportVehicles(principal: AdminPrincipal, q: VehicleQuery, origin: RequestOrigin): Promise<Buffer> {
    const rows = await this.vehicles.all(principal, q);
    await this.audit.record(origin, { category: 'security', action: 'vehicle.export', result: 'success', detail: { count: rows.length, filter: q } });
    return buildWorkbook(vehicleColumns(), rows, { sheetName: '车辆', instructions: false });
  }

  async exportDrivers(principal: AdminPrincipal, q: DriverQuery, origin: RequestOrigin): Promise<Buffer> {
    const rows = await this.drivers.all(principal, q);
    // a filter by whole ID or phone number is personal data itself: not written to the trail
    const { idNumber, phone, ...filter } = q;
    await this.audit.record(origin, { category: 'security', action: 'driver.export', result: 'success', detail: { count: rows.length, filter, byIdNumber: Boolean(idNumber), byPhone: Boolean(phone) } });
    return buildWorkbook(driverColumns(), rows, { sheetName: '驾驶员', instructions: false });
  }

  async importVehicles(principal: AdminPrincipal, file: Buffer, origin: RequestOrigin): Promise<ImportResult> {
    const columns = vehicleColumns(await this.orgsByName(principal));
    const parsed = await parseWorkbook<Row>(file, columns, { maxRows: MAX_ROWS });
    return this.finish(parsed, columns, (rows, dryRun) => this.vehicles.createMany(principal, rows.map(vehicleInput), origin, dryRun));
  }

  async importDrivers(principal: AdminPrincipal, file: Buffer, origin: RequestOrigin): Promise<ImportResult> {
    const columns = driverColumns(await this.orgsByName(principal));
    const parsed = await parseWorkbook<Row>(file, columns, { maxRows: MAX_ROWS });
    return this.finish(parsed, columns, (rows, dryRun) => this.drivers.createMany(principal, rows.map(driverInput), origin, dryRun));
  }

  /**
   * Reports the sheet's cell problems and the service's problems together. The service checks
   * the rows even when cells were bad (dry run), so every problem shows at once; one reason per
   * cell, and a cell problem ('紫色') explains the cell better than the rule behind it.
   */
  private async finish(
    parsed: ParseResult<Row>, columns: ExcelColumn[],
    create: (rows: Row[], dryRun: boolean) => Promise<{ created: number; problems: IndexedProblem[] }>,
  ): Promise<ImportResult> {
    const rows = [...parsed.rows, ...parsed.invalidRows].sort((a, b) => a.row - b.row);
    if (!rows.length) throw new DomainError('IMPORT.BAD_FILE', '导入文件中没有数据行');
    const { created, problems } = await create(rows.map((r) => r.values), parsed.errors.length > 0);
    const header = new Map(columns.map((c) => [c.key, c.header]));
    const errors = [...parsed.errors];
    const seen = new Set(errors.map((e) => `${e.row}|${e.column}`));
    for (const p of problems) {
      const error = rowError(rows[p.index].row, header.get(p.field) ?? p.field, p.reason);
      if (seen.has(`${error.row}|${error.column}`)) continue;
      seen.add(`${error.row}|${error.column}`);
      errors.push(error);
    }
    if (errors.length) throwInvalidRows(errors);
    return { created, updated: 0 };
  }

  private async orgsByName(principal: AdminPrincipal): Promise<Map<string, number>> {
    const orgs = await OrgEntity.findAll({ where: subtreeWhere(principal) });
    return new Map(orgs.filter((o) => o.kind === 'operator' || o.kind === 'branch').map((o) => [o.name, o.id]));
  }
}
