import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import {
  STOP_TYPE_LABELS,
  type BasedataHistoryEntry,
  type FieldError,
  type ImportResult,
  type LocalizedName,
  type Page,
  type StopCreateRequest,
  type StopQuery,
  type StopType,
  type StopUpdateRequest,
  type StopView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { buildWorkbook, cellParsers, parseWorkbook, rowError, throwInvalidRows, yesNo, type ExcelColumn } from '../../../common/excel';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { RouteEntity, RouteStopEntity, StopEntity } from '../entity';
import { nameProblems, pointProblems, regionProblems, toGcj02 } from './basedata-rules';
import { assertWritable, likeKeyword, orgFilter, orgNames, ownerOrg, paging, readScope, stopScopeWhere } from './basedata-scope';
import { BasedataHistoryService } from './basedata-history.service';
import { GeofenceService } from './geofence.service';

/** Spreadsheet columns of stops: export, template and import share them. */
export const STOP_COLUMNS: ExcelColumn[] = [
  { key: 'code', header: '站点编码', headerEn: 'Code', width: 14, required: true, unique: true, example: 'SZB', note: '本运营方内唯一；已存在的编码会被更新', parse: codeCell },
  { key: 'nameZh', header: '中文名称', headerEn: 'Name (zh-CN)', width: 20, required: true, example: '深圳北站', parse: cellParsers.text(100) },
  { key: 'nameEn', header: '英文名称', headerEn: 'Name (en)', width: 24, example: 'Shenzhen North Station', parse: cellParsers.text(100) },
  { key: 'otherNames', header: '其他语言名称', headerEn: 'Other names', width: 24, example: 'bo=…; ug=…', note: '格式：语言代码=名称，多个用分号隔开', parse: otherNamesCell, format: (v: Record<string, string> | null) => formatOtherNames(v) },
  { key: 'address', header: '地址', headerEn: 'Address', width: 30, required: true, example: '深圳市龙华区民治街道致远中路28号', parse: cellParsers.text(255) },
  { key: 'regionCode', header: '行政区划代码', headerEn: 'Region code', width: 14, required: true, example: '440309', note: 'GB/T 2260 六位县级代码', parse: (c) => String(c).trim() },
  { key: 'lng', header: '经度', headerEn: 'Longitude', width: 13, required: true, example: 114.029, parse: cellParsers.number() },
  { key: 'lat', header: '纬度', headerEn: 'Latitude', width: 13, required: true, example: 22.6096, parse: cellParsers.number() },
  { key: 'coordSys', header: '坐标系', headerEn: 'Coordinate system', width: 10, example: 'gcj02', note: 'gcj02（高德/腾讯地图，默认）或 wgs84（GPS）；导出均为 gcj02', parse: coordSysCell, format: () => 'gcj02' },
  { key: 'type', header: '类型', headerEn: 'Type', width: 12, required: true, example: '客运站', note: '客运站 / 固定站点 / 灵活区域', parse: cellParsers.oneOf(STOP_TYPE_LABELS), format: (v: StopType) => STOP_TYPE_LABELS[v]?.zh ?? v },
  { key: 'enabled', header: '启用', headerEn: 'Enabled', width: 8, example: '是', note: '是 / 否，默认 是', parse: cellParsers.boolean(), format: yesNo },
];

interface StopRow {
  code: string;
  nameZh: string;
  nameEn: string | null;
  otherNames: Record<string, string> | null;
  address: string;
  regionCode: string;
  lng: number;
  lat: number;
  coordSys: 'wgs84' | 'gcj02' | null;
  type: StopType;
  enabled: boolean | null;
}

/** 上下旅客地点: org-owned, coordinates stored in GCJ-02, every change versioned. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StopService {
  @Inject() private db: DatabaseService;
  @Inject() private versions: BasedataHistoryService;
  @Inject() private audit: AuditService;
  @Inject() private geofence: GeofenceService;

  async list(principal: AdminPrincipal, q: StopQuery): Promise<Page<StopView>> {
    const { page, pageSize, offset } = paging(q);
    const where = await this.where(principal, q);
    const { rows, count } = await StopEntity.findAndCountAll({ where, order: [['orgId', 'ASC'], ['code', 'ASC']], limit: pageSize, offset });
    return { items: await this.views(rows), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, id: number): Promise<StopView> {
    return (await this.views([await this.visible(principal, id)]))[0];
  }

  async history(principal: AdminPrincipal, id: number): Promise<BasedataHistoryEntry[]> {
    await this.visible(principal, id);
    return this.versions.list('stop', id);
  }

  async create(principal: AdminPrincipal, req: StopCreateRequest, origin: RequestOrigin): Promise<StopView> {
    const org = await ownerOrg(principal, req.orgId);
    const values = normalise(req);
    checkStop(values);
    await this.assertCodeFree(org.id, values.code);
    const stop = await this.db.transaction(async (t) => {
      const created = await StopEntity.create({ ...values, orgId: org.id, enabled: req.enabled ?? true }, { transaction: t });
      await this.versions.record(origin, { entityType: 'stop', entityId: created.id, orgId: org.id, action: 'create', before: null, after: plain(created) }, t);
      return created;
    });
    this.geofence.invalidate();
    return this.get(principal, stop.id);
  }

  async update(principal: AdminPrincipal, id: number, req: StopUpdateRequest, origin: RequestOrigin): Promise<StopView> {
    const stop = await this.writable(principal, id);
    if ((req.lng === undefined) !== (req.lat === undefined)) throw new ValidationError([{ field: req.lng === undefined ? 'lng' : 'lat', reason: '经度和纬度须同时修改' }]);
    const merged = normalise({ ...plain(stop), ...req, coordSys: req.lng !== undefined ? req.coordSys : 'gcj02' } as StopCreateRequest);
    checkStop(merged);
    if (merged.code !== stop.code) await this.assertCodeFree(stop.orgId, merged.code);
    if (req.enabled === false && stop.enabled) await this.assertNotInUse(stop);
    const before = plain(stop);
    await this.db.transaction(async (t) => {
      stop.set({ ...merged, ...(req.enabled !== undefined ? { enabled: req.enabled } : {}) });
      await stop.save({ transaction: t });
      await this.versions.record(origin, { entityType: 'stop', entityId: id, orgId: stop.orgId, action: 'update', before, after: plain(stop) }, t);
    });
    this.geofence.invalidate();
    return this.get(principal, id);
  }

  async setEnabled(principal: AdminPrincipal, id: number, enabled: boolean, origin: RequestOrigin): Promise<StopView> {
    const stop = await this.writable(principal, id);
    if (stop.enabled === enabled) return this.get(principal, id);
    if (!enabled) await this.assertNotInUse(stop);
    const before = plain(stop);
    await this.db.transaction(async (t) => {
      stop.enabled = enabled;
      await stop.save({ transaction: t });
      await this.versions.record(origin, { entityType: 'stop', entityId: id, orgId: stop.orgId, action: enabled ? 'enable' : 'disable', before, after: plain(stop) }, t);
    });
    this.geofence.invalidate();
    return this.get(principal, id);
  }

  // ───────────── spreadsheets ─────────────

  async exportSheet(principal: AdminPrincipal, q: StopQuery): Promise<Buffer> {
    const rows = await StopEntity.findAll({ where: await this.where(principal, q), order: [['orgId', 'ASC'], ['code', 'ASC']], limit: 20_000 });
    return buildWorkbook(STOP_COLUMNS, rows.map(toRow), { sheetName: '站点' });
  }

  template(): Promise<Buffer> {
    return buildWorkbook(STOP_COLUMNS, [], { sheetName: '站点' });
  }

  /** All or nothing; a code already present in the organisation is updated, not duplicated. */
  async importSheet(principal: AdminPrincipal, buffer: Buffer, orgId: number | undefined, origin: RequestOrigin): Promise<ImportResult> {
    const org = await ownerOrg(principal, orgId);
    const { rows, errors, invalidRows } = await parseWorkbook<StopRow>(buffer, STOP_COLUMNS);
    // the good cells of a bad row are checked too, so one answer lists every problem
    for (const { row, values: v } of invalidRows) {
      if (v.regionCode) for (const e of regionProblems(v.regionCode, 'regionCode')) errors.push(rowError(row, columnOf(e), e.reason));
      if (typeof v.lng === 'number' && typeof v.lat === 'number') for (const e of pointProblems(v.lng, v.lat, 'lng')) errors.push(rowError(row, columnOf(e), e.reason));
    }
    const values = rows.map(({ row, values: v }) => {
      const req = fromRow(v);
      for (const e of stopProblems(req)) errors.push(rowError(row, columnOf(e), e.reason));
      return { row, req };
    });
    const existing = await StopEntity.findAll({ where: { orgId: org.id, code: { [Op.in]: values.map((v) => v.req.code) } } });
    const byCode = new Map(existing.map((s) => [s.code, s]));
    for (const { row, req } of values) {
      const stop = byCode.get(req.code);
      const routes = stop && stop.enabled && req.enabled === false ? await this.usedBy(stop) : [];
      if (routes.length) errors.push(rowError(row, '启用', `站点正被线路使用，不能停用：${routes.join('、')}`));
    }
    if (errors.length || !rows.length) throwInvalidRows(errors.length ? errors : [rowError(2, '站点编码', '文件中没有数据行')]);
    const result = await this.db.transaction(async (t) => {
      let created = 0;
      let updated = 0;
      for (const { req } of values) {
        const stop = byCode.get(req.code);
        if (stop) {
          const before = plain(stop);
          stop.set({ ...req, enabled: req.enabled ?? stop.enabled });
          if (!stop.changed()) continue;
          await stop.save({ transaction: t });
          await this.versions.record(origin, { entityType: 'stop', entityId: stop.id, orgId: org.id, action: 'import', before, after: plain(stop), audit: false }, t);
          updated++;
        } else {
          const s = await StopEntity.create({ ...req, orgId: org.id, enabled: req.enabled ?? true }, { transaction: t });
          await this.versions.record(origin, { entityType: 'stop', entityId: s.id, orgId: org.id, action: 'import', before: null, after: plain(s), audit: false }, t);
          created++;
        }
      }
      await this.auditImport(origin, org.id, { created, updated, rows: values.length }, t);
      return { created, updated };
    });
    this.geofence.invalidate();
    return result;
  }

  // ───────────── helpers ─────────────

  /** The stop, if the caller may read it; otherwise 404. */
  async visible(principal: AdminPrincipal, id: number): Promise<StopEntity> {
    const scope = await readScope(principal);
    const stop = await StopEntity.findOne({ where: { [Op.and]: [{ id }, stopScopeWhere(scope)] } });
    if (!stop) throw new NotFoundError('站点');
    return stop;
  }

  private async writable(principal: AdminPrincipal, id: number): Promise<StopEntity> {
    const stop = await StopEntity.findByPk(id);
    if (!stop) throw new NotFoundError('站点');
    await assertWritable(principal, stop.orgId, '站点');
    return stop;
  }

  private async where(principal: AdminPrincipal, q: StopQuery): Promise<WhereOptions> {
    const scope = await readScope(principal);
    const ids = orgFilter(scope, q.orgId);
    const and: WhereOptions[] = [q.orgId ? { orgId: { [Op.in]: ids } } : stopScopeWhere(scope)];
    if (q.keyword?.trim()) {
      const like = likeKeyword(q.keyword.trim());
      and.push({ [Op.or]: [{ code: { [Op.like]: like } }, { name: { [Op.like]: like } }, { address: { [Op.like]: like } }] });
    }
    if (q.type) and.push({ type: q.type });
    if (q.enabled !== undefined && q.enabled !== null) and.push({ enabled: toBool(q.enabled) });
    if (q.regionCode) and.push({ regionCode: { [Op.like]: `${String(q.regionCode).replace(/\D/g, '')}%` } });
    return { [Op.and]: and };
  }

  private async assertCodeFree(orgId: number, code: string): Promise<void> {
    if (await StopEntity.findOne({ where: { orgId, code } })) {
      throw new DomainError('BASEDATA.DUPLICATE', `站点编码已存在：${code}`, { errors: [{ field: 'code', reason: '本运营方已有相同编码的站点' }] });
    }
  }

  /** Codes of enabled routes that stop here. */
  private async usedBy(stop: StopEntity): Promise<string[]> {
    const uses = await RouteStopEntity.findAll({ where: { stopId: stop.id }, attributes: ['routeId'] });
    if (!uses.length) return [];
    const routes = await RouteEntity.findAll({ where: { id: { [Op.in]: uses.map((u) => u.routeId) }, enabled: true }, attributes: ['code'] });
    return routes.map((r) => r.code);
  }

  private async assertNotInUse(stop: StopEntity): Promise<void> {
    const routes = await this.usedBy(stop);
    if (routes.length) throw new DomainError('BASEDATA.IN_USE', `站点正被启用中的线路使用：${routes.join('、')}，请先调整线路`, { errors: [{ field: 'enabled', reason: `被线路 ${routes.join('、')} 使用` }] });
  }

  private async auditImport(origin: RequestOrigin, orgId: number, detail: Record<string, unknown>, t: Transaction): Promise<void> {
    await this.audit.record(origin, { category: 'admin_write', action: 'basedata.stop.import', result: 'success', targetType: 'org', targetId: orgId, detail }, t);
  }

  async views(rows: StopEntity[]): Promise<StopView[]> {
    const names = await orgNames(rows.map((r) => r.orgId));
    return rows.map((s) => ({
      id: s.id, orgId: s.orgId, orgName: names.get(s.orgId) ?? '', code: s.code, name: s.name, address: s.address,
      regionCode: s.regionCode, lng: s.lng, lat: s.lat, type: s.type, enabled: Boolean(s.enabled),
      createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
    }));
  }
}

// ───────────── pure helpers ─────────────

type StopValues = Omit<StopCreateRequest, 'orgId' | 'coordSys' | 'enabled'>;

/** Trims text, converts WGS-84 input to GCJ-02 and drops empty language entries. */
function normalise(req: StopCreateRequest): StopValues {
  const name: LocalizedName = { 'zh-CN': '' };
  for (const [k, v] of Object.entries(req.name ?? {})) if (typeof v === 'string' && v.trim()) name[k] = v.trim();
  const point = typeof req.lng === 'number' && typeof req.lat === 'number' && !pointProblems(req.lng, req.lat).length ? toGcj02(req.lng, req.lat, req.coordSys ?? 'gcj02') : { lng: req.lng, lat: req.lat };
  return { code: String(req.code ?? '').trim(), name, address: String(req.address ?? '').trim(), regionCode: String(req.regionCode ?? '').trim(), lng: point.lng, lat: point.lat, type: req.type };
}

function stopProblems(v: StopValues): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(v.code)) errors.push({ field: 'code', reason: '编码为 1–32 位字母、数字、- 或 _' });
  errors.push(...nameProblems(v.name));
  if (!v.address) errors.push({ field: 'address', reason: '地址必填' });
  errors.push(...regionProblems(v.regionCode, 'regionCode'));
  errors.push(...pointProblems(v.lng, v.lat, 'lng'));
  if (!(v.type in STOP_TYPE_LABELS)) errors.push({ field: 'type', reason: '类型应为 station、fixed 或 zone' });
  return errors;
}

function checkStop(v: StopValues): void {
  const errors = stopProblems(v);
  if (errors.length) throw new ValidationError(errors);
}

function plain(s: StopEntity): Record<string, unknown> {
  return { code: s.code, name: s.name, address: s.address, regionCode: s.regionCode, lng: s.lng, lat: s.lat, type: s.type, enabled: Boolean(s.enabled) };
}

function toBool(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

function toRow(s: StopEntity): Record<string, unknown> {
  const { 'zh-CN': zh, en, ...others } = s.name;
  return { code: s.code, nameZh: zh, nameEn: en ?? null, otherNames: others, address: s.address, regionCode: s.regionCode, lng: s.lng, lat: s.lat, coordSys: 'gcj02', type: s.type, enabled: s.enabled };
}

function fromRow(v: StopRow): StopValues & { enabled?: boolean } {
  const name: LocalizedName = { ...(v.otherNames ?? {}), 'zh-CN': v.nameZh ?? '' };
  if (v.nameEn) name.en = v.nameEn;
  const values = normalise({ code: v.code, name, address: v.address, regionCode: v.regionCode, lng: v.lng, lat: v.lat, coordSys: v.coordSys ?? 'gcj02', type: v.type });
  return v.enabled === null || v.enabled === undefined ? values : { ...values, enabled: v.enabled };
}

/** Maps a validation field to the sheet column header a user sees. */
function columnOf(e: FieldError): string {
  const key = e.field.startsWith('name.zh-CN') ? 'nameZh' : e.field.startsWith('name.en') ? 'nameEn' : e.field.startsWith('name') ? 'otherNames' : e.field;
  return STOP_COLUMNS.find((c) => c.key === key)?.header ?? e.field;
}

function codeCell(cell: unknown): string {
  const s = String(cell).trim();
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(s)) throw new Error('编码为 1–32 位字母、数字、- 或 _');
  return s;
}

function coordSysCell(cell: unknown): 'wgs84' | 'gcj02' {
  const s = String(cell).trim().toLowerCase().replace(/[-\s]/g, '');
  if (s === 'wgs84' || s === 'gps') return 'wgs84';
  if (s === 'gcj02' || s === '火星坐标' || s === '高德') return 'gcj02';
  throw new Error('坐标系应为 gcj02 或 wgs84');
}

function otherNamesCell(cell: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of String(cell).split(/[;；\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*[=:：]\s*(.+)$/.exec(part);
    if (!m) throw new Error(`无法识别“${part}”，格式应为 语言代码=名称`);
    out[m[1]] = m[2].trim();
  }
  return out;
}

function formatOtherNames(v: Record<string, string> | null | undefined): string {
  return Object.entries(v ?? {}).filter(([, n]) => n).map(([k, n]) => `${k}=${n}`).join('; ');
}
