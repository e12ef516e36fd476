import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type WhereOptions } from 'sequelize';
import type {
  BasedataHistoryEntry,
  FieldError,
  ImportResult,
  LineCreateRequest,
  LineQuery,
  LineStopRef,
  LineUpdateRequest,
  LineView,
  Page,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { buildWorkbook, cellParsers, parseWorkbook, rowError, throwInvalidRows, yesNo, type ExcelColumn } from '../../../common/excel';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { LineEntity, RouteEntity, RouteStopEntity, StopEntity } from '../entity';
import { dateRangeProblems, lineBlockers, regionProblems, todayInShanghai } from './basedata-rules';
import { assertWritable, likeKeyword, lineScopeWhere, orgFilter, orgNames, ownerOrg, paging, readScope } from './basedata-scope';
import { BasedataHistoryService } from './basedata-history.service';
import { GeofenceService } from './geofence.service';

export const LINE_COLUMNS: ExcelColumn[] = [
  { key: 'licenceNo', header: '班线许可编号', headerEn: 'Licence no.', width: 28, required: true, unique: true, example: '粤交运线许可深字440300-0001', note: '本运营方内唯一；已存在的编号会被更新', parse: cellParsers.text(64) },
  { key: 'name', header: '班线名称', headerEn: 'Name', width: 18, required: true, example: '深圳—广州', parse: cellParsers.text(100) },
  { key: 'originCity', header: '起点城市', headerEn: 'Origin city', width: 12, required: true, example: '深圳市', parse: cellParsers.text(64) },
  { key: 'originRegionCode', header: '起点行政区划代码', headerEn: 'Origin region code', width: 16, required: true, example: '440300', parse: (c) => String(c).trim() },
  { key: 'destinationCity', header: '终点城市', headerEn: 'Destination city', width: 12, required: true, example: '广州市', parse: cellParsers.text(64) },
  { key: 'destinationRegionCode', header: '终点行政区划代码', headerEn: 'Destination region code', width: 16, required: true, example: '440100', parse: (c) => String(c).trim() },
  { key: 'approvedStopCodes', header: '核定站点编码', headerEn: 'Approved stop codes', width: 30, example: 'SZB, FTJT, GZN', note: '多个编码用逗号或顿号分隔；留空表示不限站点', parse: (c) => String(c).split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean), format: (v: string[]) => (v ?? []).join(', ') },
  { key: 'approvedArea', header: '核定区域', headerEn: 'Approved area', width: 30, example: '深圳市福田区、南山区；广州市天河区、海珠区', parse: cellParsers.text(2000) },
  { key: 'validFrom', header: '有效期起', headerEn: 'Valid from', width: 12, required: true, example: '2025-01-01', parse: cellParsers.date() },
  { key: 'validUntil', header: '有效期止', headerEn: 'Valid until', width: 12, required: true, example: '2028-12-31', parse: cellParsers.date() },
  { key: 'enabled', header: '启用', headerEn: 'Enabled', width: 8, example: '是', note: '是 / 否，默认 是', parse: cellParsers.boolean(), format: yesNo },
];

const HEADER_OF: Record<string, string> = Object.fromEntries(LINE_COLUMNS.map((c) => [c.key, c.header]));

/** 班线 / 班线许可: an expired or not-yet-valid licence makes the line non-operable, with the reason. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class LineService {
  @Inject() private db: DatabaseService;
  @Inject() private versions: BasedataHistoryService;
  @Inject() private audit: AuditService;
  @Inject() private geofence: GeofenceService;

  async list(principal: AdminPrincipal, q: LineQuery): Promise<Page<LineView>> {
    const { page, pageSize, offset } = paging(q);
    const { rows, count } = await LineEntity.findAndCountAll({ where: await this.where(principal, q), order: [['orgId', 'ASC'], ['licenceNo', 'ASC']], limit: pageSize, offset });
    return { items: await this.views(rows), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, id: number): Promise<LineView> {
    return (await this.views([await this.visible(principal, id)]))[0];
  }

  async history(principal: AdminPrincipal, id: number): Promise<BasedataHistoryEntry[]> {
    await this.visible(principal, id);
    return this.versions.list('line', id);
  }

  async create(principal: AdminPrincipal, req: LineCreateRequest, origin: RequestOrigin): Promise<LineView> {
    const org = await ownerOrg(principal, req.orgId);
    const values = normalise(req);
    await this.check(org.id, values);
    await this.assertLicenceFree(org.id, values.licenceNo);
    const line = await this.db.transaction(async (t) => {
      const created = await LineEntity.create({ ...values, orgId: org.id, enabled: req.enabled ?? true }, { transaction: t });
      await this.versions.record(origin, { entityType: 'line', entityId: created.id, orgId: org.id, action: 'create', before: null, after: plain(created) }, t);
      return created;
    });
    return this.get(principal, line.id);
  }

  async update(principal: AdminPrincipal, id: number, req: LineUpdateRequest, origin: RequestOrigin): Promise<LineView> {
    const line = await this.writable(principal, id);
    const values = normalise({ ...plain(line), ...req } as LineCreateRequest);
    await this.check(line.orgId, values);
    if (values.licenceNo !== line.licenceNo) await this.assertLicenceFree(line.orgId, values.licenceNo);
    if (req.approvedStopIds) await this.assertRoutesStillApproved(line.id, values.approvedStopIds ?? []);
    const before = plain(line);
    await this.db.transaction(async (t) => {
      line.set({ ...values, ...(req.enabled !== undefined ? { enabled: req.enabled } : {}) });
      await line.save({ transaction: t });
      await this.versions.record(origin, { entityType: 'line', entityId: id, orgId: line.orgId, action: 'update', before, after: plain(line) }, t);
    });
    this.geofence.invalidate();
    return this.get(principal, id);
  }

  /** Disabling a line keeps its routes but makes them non-operable (their zones stop matching bookings). */
  async setEnabled(principal: AdminPrincipal, id: number, enabled: boolean, origin: RequestOrigin): Promise<LineView> {
    const line = await this.writable(principal, id);
    if (Boolean(line.enabled) !== enabled) {
      const before = plain(line);
      await this.db.transaction(async (t) => {
        line.enabled = enabled;
        await line.save({ transaction: t });
        await this.versions.record(origin, { entityType: 'line', entityId: id, orgId: line.orgId, action: enabled ? 'enable' : 'disable', before, after: plain(line) }, t);
      });
      this.geofence.invalidate();
    }
    return this.get(principal, id);
  }

  // ───────────── spreadsheets ─────────────

  async exportSheet(principal: AdminPrincipal, q: LineQuery): Promise<Buffer> {
    const lines = await LineEntity.findAll({ where: await this.where(principal, q), order: [['orgId', 'ASC'], ['licenceNo', 'ASC']], limit: 20_000 });
    const stopIds = [...new Set(lines.flatMap((l) => l.approvedStopIds))];
    const stops = stopIds.length ? await StopEntity.findAll({ where: { id: { [Op.in]: stopIds } }, attributes: ['id', 'code'] }) : [];
    const codeOf = new Map(stops.map((s) => [s.id, s.code]));
    return buildWorkbook(
      LINE_COLUMNS,
      lines.map((l) => ({ ...plain(l), approvedStopCodes: l.approvedStopIds.map((id) => codeOf.get(id)).filter(Boolean) })),
      { sheetName: '班线' },
    );
  }

  template(): Promise<Buffer> {
    return buildWorkbook(LINE_COLUMNS, [], { sheetName: '班线' });
  }

  async importSheet(principal: AdminPrincipal, buffer: Buffer, orgId: number | undefined, origin: RequestOrigin): Promise<ImportResult> {
    const org = await ownerOrg(principal, orgId);
    const { rows, errors, invalidRows } = await parseWorkbook<Record<string, any>>(buffer, LINE_COLUMNS);
    const codes = [...new Set([...rows, ...invalidRows].flatMap((r) => (r.values.approvedStopCodes as string[] | null) ?? []))];
    const stops = codes.length ? await StopEntity.findAll({ where: { orgId: org.id, code: { [Op.in]: codes } }, attributes: ['id', 'code'] }) : [];
    const idOf = new Map(stops.map((s) => [s.code, s.id]));
    const existing = await LineEntity.findAll({ where: { orgId: org.id, licenceNo: { [Op.in]: rows.map((r) => r.values.licenceNo) } } });
    const byLicence = new Map(existing.map((l) => [l.licenceNo, l]));
    for (const { row, values: v } of invalidRows) {
      const unknown = ((v.approvedStopCodes as string[] | null) ?? []).filter((c) => !idOf.has(c));
      if (unknown.length) errors.push(rowError(row, HEADER_OF.approvedStopCodes, `站点编码不存在：${unknown.join('、')}`));
    }
    const items: { values: LineValues; enabled: boolean | null }[] = [];
    for (const { row, values: v } of rows) {
      const unknown = ((v.approvedStopCodes as string[] | null) ?? []).filter((c) => !idOf.has(c));
      if (unknown.length) errors.push(rowError(row, HEADER_OF.approvedStopCodes, `站点编码不存在：${unknown.join('、')}`));
      const values = normalise({ ...v, approvedStopIds: ((v.approvedStopCodes as string[] | null) ?? []).filter((c) => idOf.has(c)).map((c) => idOf.get(c)!) } as LineCreateRequest);
      for (const e of lineProblems(values)) errors.push(rowError(row, HEADER_OF[e.field] ?? e.field, e.reason));
      const line = byLicence.get(values.licenceNo);
      if (line && values.approvedStopIds.length) {
        const problem = await this.unapprovedRouteStops(line.id, values.approvedStopIds);
        if (problem) errors.push(rowError(row, HEADER_OF.approvedStopCodes, problem));
      }
      items.push({ values, enabled: v.enabled ?? null });
    }
    if (errors.length || !rows.length) throwInvalidRows(errors.length ? errors : [rowError(2, HEADER_OF.licenceNo, '文件中没有数据行')]);
    const result = await this.db.transaction(async (t) => {
      let created = 0;
      let updated = 0;
      for (const { values, enabled } of items) {
        const line = byLicence.get(values.licenceNo);
        if (line) {
          const before = plain(line);
          line.set({ ...values, enabled: enabled ?? line.enabled });
          if (!line.changed()) continue;
          await line.save({ transaction: t });
          await this.versions.record(origin, { entityType: 'line', entityId: line.id, orgId: org.id, action: 'import', before, after: plain(line), audit: false }, t);
          updated++;
        } else {
          const l = await LineEntity.create({ ...values, orgId: org.id, enabled: enabled ?? true }, { transaction: t });
          await this.versions.record(origin, { entityType: 'line', entityId: l.id, orgId: org.id, action: 'import', before: null, after: plain(l), audit: false }, t);
          created++;
        }
      }
      await this.audit.record(origin, { category: 'admin_write', action: 'basedata.line.import', result: 'success', targetType: 'org', targetId: org.id, detail: { created, updated, rows: items.length } }, t);
      return { created, updated };
    });
    this.geofence.invalidate();
    return result;
  }

  // ───────────── helpers ─────────────

  async visible(principal: AdminPrincipal, id: number): Promise<LineEntity> {
    const scope = await readScope(principal);
    const line = await LineEntity.findOne({ where: { [Op.and]: [{ id }, lineScopeWhere(scope)] } });
    if (!line) throw new NotFoundError('班线');
    return line;
  }

  async writable(principal: AdminPrincipal, id: number): Promise<LineEntity> {
    const line = await LineEntity.findByPk(id);
    if (!line) throw new NotFoundError('班线');
    await assertWritable(principal, line.orgId, '班线');
    return line;
  }

  private async where(principal: AdminPrincipal, q: LineQuery): Promise<WhereOptions> {
    const scope = await readScope(principal);
    const and: WhereOptions[] = [q.orgId ? { orgId: { [Op.in]: orgFilter(scope, q.orgId) } } : lineScopeWhere(scope)];
    if (q.keyword?.trim()) {
      const like = likeKeyword(q.keyword.trim());
      and.push({ [Op.or]: [{ licenceNo: { [Op.like]: like } }, { name: { [Op.like]: like } }, { originCity: { [Op.like]: like } }, { destinationCity: { [Op.like]: like } }] });
    }
    if (q.enabled !== undefined && q.enabled !== null) and.push({ enabled: toBool(q.enabled) });
    if (q.operable !== undefined && q.operable !== null) {
      const today = todayInShanghai();
      const operable = { enabled: true, validFrom: { [Op.lte]: today }, validUntil: { [Op.gte]: today } };
      and.push(toBool(q.operable) ? operable : { [Op.or]: [{ enabled: false }, { validFrom: { [Op.gt]: today } }, { validUntil: { [Op.lt]: today } }] });
    }
    return { [Op.and]: and };
  }

  /** Shape rules plus: approved stops exist in the owner's organisation. */
  private async check(orgId: number, v: LineValues): Promise<void> {
    const errors = lineProblems(v);
    if (v.approvedStopIds.length) {
      const found = await StopEntity.findAll({ where: { id: { [Op.in]: v.approvedStopIds }, orgId }, attributes: ['id'] });
      const missing = v.approvedStopIds.filter((id) => !found.some((s) => s.id === id));
      if (missing.length) errors.push({ field: 'approvedStopIds', reason: `站点不存在或不属于本运营方：${missing.join(', ')}` });
    }
    if (errors.length) throw new ValidationError(errors);
  }

  private async assertLicenceFree(orgId: number, licenceNo: string): Promise<void> {
    if (await LineEntity.findOne({ where: { orgId, licenceNo } })) {
      throw new DomainError('BASEDATA.DUPLICATE', `班线许可编号已存在：${licenceNo}`, { errors: [{ field: 'licenceNo', reason: '本运营方已有相同许可编号的班线' }] });
    }
  }

  /** Narrowing the approved stops must not strand a route on a stop the licence no longer covers. */
  private async unapprovedRouteStops(lineId: number, approved: number[]): Promise<string | null> {
    if (!approved.length) return null;
    const routes = await RouteEntity.findAll({ where: { lineId }, attributes: ['id', 'code'] });
    if (!routes.length) return null;
    const used = await RouteStopEntity.findAll({ where: { routeId: { [Op.in]: routes.map((r) => r.id) } }, attributes: ['routeId', 'stopId'] });
    const stranded = used.filter((u) => !approved.includes(u.stopId));
    if (!stranded.length) return null;
    const codes = [...new Set(stranded.map((s) => routes.find((r) => r.id === s.routeId)!.code))];
    return `线路 ${codes.join('、')} 使用了不在核定范围内的站点，请先调整线路`;
  }

  private async assertRoutesStillApproved(lineId: number, approved: number[]): Promise<void> {
    const problem = await this.unapprovedRouteStops(lineId, approved);
    if (problem) throw new DomainError('BASEDATA.IN_USE', problem, { errors: [{ field: 'approvedStopIds', reason: problem }] });
  }

  async views(lines: LineEntity[]): Promise<LineView[]> {
    const names = await orgNames(lines.map((l) => l.orgId));
    const stopIds = [...new Set(lines.flatMap((l) => l.approvedStopIds))];
    const stops = stopIds.length ? await StopEntity.findAll({ where: { id: { [Op.in]: stopIds } } }) : [];
    const stopById = new Map(stops.map((s) => [s.id, s]));
    const counts = lines.length
      ? ((await RouteEntity.count({ where: { lineId: { [Op.in]: lines.map((l) => l.id) } }, group: ['lineId'] })) as unknown as { lineId: number; count: number }[])
      : [];
    return lines.map((l) => {
      const blockers = lineBlockers(l);
      return {
        id: l.id, orgId: l.orgId, orgName: names.get(l.orgId) ?? '', licenceNo: l.licenceNo, name: l.name,
        originCity: l.originCity, originRegionCode: l.originRegionCode, destinationCity: l.destinationCity, destinationRegionCode: l.destinationRegionCode,
        approvedStopIds: l.approvedStopIds,
        approvedStops: l.approvedStopIds.map((id) => stopById.get(id)).filter(Boolean).map((s): LineStopRef => ({ id: s!.id, code: s!.code, name: s!.name, enabled: Boolean(s!.enabled) })),
        approvedArea: l.approvedArea, validFrom: l.validFrom, validUntil: l.validUntil, enabled: Boolean(l.enabled),
        operable: blockers.length === 0, blockers,
        routeCount: Number(counts.find((c) => Number(c.lineId) === l.id)?.count ?? 0),
        createdAt: l.createdAt.toISOString(), updatedAt: l.updatedAt.toISOString(),
      };
    });
  }
}

type LineValues = Omit<LineCreateRequest, 'orgId' | 'enabled'> & { approvedStopIds: number[]; approvedArea: string | null };

function normalise(req: LineCreateRequest): LineValues {
  const text = (v: unknown) => String(v ?? '').trim();
  return {
    licenceNo: text(req.licenceNo), name: text(req.name),
    originCity: text(req.originCity), originRegionCode: text(req.originRegionCode),
    destinationCity: text(req.destinationCity), destinationRegionCode: text(req.destinationRegionCode),
    approvedStopIds: [...new Set((req.approvedStopIds ?? []).map(Number))],
    approvedArea: req.approvedArea?.trim() || null,
    validFrom: text(req.validFrom), validUntil: text(req.validUntil),
  };
}

function lineProblems(v: LineValues): FieldError[] {
  const errors: FieldError[] = [];
  if (!v.licenceNo) errors.push({ field: 'licenceNo', reason: '班线许可编号必填' });
  if (!v.name) errors.push({ field: 'name', reason: '班线名称必填' });
  if (!v.originCity) errors.push({ field: 'originCity', reason: '起点城市必填' });
  if (!v.destinationCity) errors.push({ field: 'destinationCity', reason: '终点城市必填' });
  errors.push(...regionProblems(v.originRegionCode, 'originRegionCode'), ...regionProblems(v.destinationRegionCode, 'destinationRegionCode'));
  for (const f of ['validFrom', 'validUntil'] as const) if (!/^\d{4}-\d{2}-\d{2}$/.test(v[f])) errors.push({ field: f, reason: '日期格式应为 YYYY-MM-DD' });
  errors.push(...dateRangeProblems(v.validFrom, v.validUntil));
  return errors;
}

function plain(l: LineEntity): Record<string, any> {
  return {
    licenceNo: l.licenceNo, name: l.name, originCity: l.originCity, originRegionCode: l.originRegionCode,
    destinationCity: l.destinationCity, destinationRegionCode: l.destinationRegionCode, approvedStopIds: l.approvedStopIds,
    approvedArea: l.approvedArea, validFrom: l.validFrom, validUntil: l.validUntil, enabled: Boolean(l.enabled),
  };
}

function toBool(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}
