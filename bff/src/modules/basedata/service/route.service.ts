import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type {
  BasedataHistoryEntry,
  FieldError,
  ImportResult,
  ImportRowError,
  Page,
  RouteCreateRequest,
  RouteListItem,
  RouteQuery,
  RouteStopInput,
  RouteUpdateRequest,
  RouteView,
  ZoneInput,
  ZoneView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { buildWorkbook, cellParsers, parseWorkbook, rowError, throwInvalidRows, yesNo, type ExcelColumn } from '../../../common/excel';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { LineEntity, RouteEntity, RouteStopEntity, StopEntity, ZoneEntity } from '../entity';
import { TripEntity } from '../../trip/entity';
import { bboxOf, lineBlockers, routeStopProblems, zoneProblems } from './basedata-rules';
import { assertWritable, likeKeyword, lineScopeWhere, orgFilter, ownerOrg, paging, readScope } from './basedata-scope';
import { BasedataHistoryService } from './basedata-history.service';
import { GeofenceService } from './geofence.service';

/** One row per route stop; rows of the same route code form the route, in seq order. */
export const ROUTE_COLUMNS: ExcelColumn[] = [
  { key: 'routeCode', header: '线路编码', headerEn: 'Route code', width: 14, required: true, example: 'SZ-GZ-01', note: '本运营方内唯一；同一线路的各站写成多行，已存在的线路整体替换站点', parse: codeCell },
  { key: 'routeName', header: '线路名称', headerEn: 'Route name', width: 22, example: '深圳北站—广州南站', note: '新线路必填（写在该线路任一行即可）', parse: cellParsers.text(100) },
  { key: 'licenceNo', header: '班线许可编号', headerEn: 'Line licence no.', width: 28, required: true, example: '粤交运线许可深字440300-0001', parse: cellParsers.text(64) },
  { key: 'seq', header: '站序', headerEn: 'Seq', width: 8, required: true, example: 1, parse: cellParsers.number({ min: 1, max: 200, integer: true }) },
  { key: 'stopCode', header: '站点编码', headerEn: 'Stop code', width: 14, required: true, example: 'SZB', parse: cellParsers.text(32) },
  { key: 'distanceFromPrevM', header: '距上一站里程(米)', headerEn: 'Distance from previous (m)', width: 16, required: true, example: 0, note: '首站填 0', parse: cellParsers.number({ min: 0, max: 5_000_000, integer: true }) },
  { key: 'minutesFromPrev', header: '距上一站用时(分钟)', headerEn: 'Minutes from previous', width: 16, required: true, example: 0, note: '首站填 0', parse: cellParsers.number({ min: 0, max: 6000, integer: true }) },
  { key: 'pickup', header: '上客', headerEn: 'Pickup', width: 8, required: true, example: '是', note: '首站 是，末站 否', parse: cellParsers.boolean(), format: yesNo },
  { key: 'dropoff', header: '下客', headerEn: 'Drop-off', width: 8, required: true, example: '否', note: '首站 否，末站 是', parse: cellParsers.boolean(), format: yesNo },
  { key: 'enabled', header: '启用', headerEn: 'Enabled', width: 8, example: '是', note: '是 / 否，默认 是', parse: cellParsers.boolean(), format: yesNo },
];

const HEADER_OF: Record<string, string> = Object.fromEntries(ROUTE_COLUMNS.map((c) => [c.key, c.header]));

/**
 * Routes of a line: an ordered subset of the line's stops and the pickup/drop-off
 * geofence zones drawn on the map, each attached to a stop position of the route.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RouteService {
  @Inject() private db: DatabaseService;
  @Inject() private versions: BasedataHistoryService;
  @Inject() private audit: AuditService;
  @Inject() private geofence: GeofenceService;

  async list(principal: AdminPrincipal, q: RouteQuery): Promise<Page<RouteListItem>> {
    const { page, pageSize, offset } = paging(q);
    const { rows, count } = await RouteEntity.findAndCountAll({ where: await this.where(principal, q), order: [['orgId', 'ASC'], ['code', 'ASC']], limit: pageSize, offset });
    const views = await this.views(rows);
    return {
      items: views.map(({ stops, zones, ...rest }) => ({
        ...rest,
        stopCount: stops.length,
        zoneCount: zones.length,
        from: stops[0]?.stopName['zh-CN'] ?? '',
        to: stops[stops.length - 1]?.stopName['zh-CN'] ?? '',
      })),
      total: count,
      page,
      pageSize,
    };
  }

  async get(principal: AdminPrincipal, id: number): Promise<RouteView> {
    return (await this.views([await this.visible(principal, id)]))[0];
  }

  /** For other modules (booking, dispatch): the route with stops and zones, no scope check. */
  async byId(id: number): Promise<RouteView | null> {
    const route = await RouteEntity.findByPk(id);
    return route ? (await this.views([route]))[0] : null;
  }

  async history(principal: AdminPrincipal, id: number): Promise<BasedataHistoryEntry[]> {
    await this.visible(principal, id);
    return this.versions.list('route', id);
  }

  async create(principal: AdminPrincipal, req: RouteCreateRequest, origin: RequestOrigin): Promise<RouteView> {
    const line = await this.writableLine(principal, req.lineId);
    const code = String(req.code ?? '').trim();
    const name = String(req.name ?? '').trim();
    const errors: FieldError[] = [...codeNameProblems(code, name), ...(await this.stopProblems(line, req.stops))];
    const stops = normaliseStops(req.stops ?? []);
    (req.zones ?? []).forEach((z, i) => errors.push(...zoneProblems(z, stops, `zones[${i}]`)));
    throwIfAny(errors);
    await this.assertCodeFree(line.orgId, code);
    const route = await this.db.transaction(async (t) => {
      const created = await RouteEntity.create({ orgId: line.orgId, lineId: line.id, code, name, enabled: req.enabled ?? true }, { transaction: t });
      await this.replaceStops(created.id, stops, t);
      for (const z of req.zones ?? []) await createZone(created, z, t);
      await this.versions.record(origin, { entityType: 'route', entityId: created.id, orgId: line.orgId, action: 'create', before: null, after: await this.snapshot(created.id, t) }, t);
      return created;
    });
    this.geofence.invalidate();
    return this.get(principal, route.id);
  }

  /** `stops` replaces all stops; zones must still fit the new stops. */
  async update(principal: AdminPrincipal, id: number, req: RouteUpdateRequest, origin: RequestOrigin): Promise<RouteView> {
    const route = await this.writable(principal, id);
    const line = (await LineEntity.findByPk(route.lineId))!;
    const code = req.code !== undefined ? String(req.code).trim() : route.code;
    const name = req.name !== undefined ? String(req.name).trim() : route.name;
    const errors = codeNameProblems(code, name);
    let stops: RouteStopInput[] | null = null;
    if (req.stops) {
      errors.push(...(await this.stopProblems(line, req.stops)));
      stops = normaliseStops(req.stops);
      const zones = await ZoneEntity.findAll({ where: { routeId: id } });
      for (const z of zones) {
        for (const e of zoneProblems(zoneInput(z), stops).filter((p) => p.field.endsWith('stopSeq'))) {
          errors.push({ field: 'stops', reason: `区域“${z.name}”：${e.reason}，请先调整或删除该区域` });
        }
      }
    }
    throwIfAny(errors);
    const locked = stops ? await this.stopsLockedReason(id, stops) : null;
    if (locked) throw new DomainError('BASEDATA.IN_USE', locked, { errors: [{ field: 'stops', reason: locked }] });
    if (code !== route.code) await this.assertCodeFree(route.orgId, code);
    await this.db.transaction(async (t) => {
      const before = await this.snapshot(id, t);
      route.set({ code, name, ...(req.enabled !== undefined ? { enabled: req.enabled } : {}) });
      await route.save({ transaction: t });
      if (stops) await this.replaceStops(id, stops, t);
      await this.versions.record(origin, { entityType: 'route', entityId: id, orgId: route.orgId, action: 'update', before, after: await this.snapshot(id, t) }, t);
    });
    this.geofence.invalidate();
    return this.get(principal, id);
  }

  async setEnabled(principal: AdminPrincipal, id: number, enabled: boolean, origin: RequestOrigin): Promise<RouteView> {
    const route = await this.writable(principal, id);
    if (Boolean(route.enabled) !== enabled) {
      await this.db.transaction(async (t) => {
        const before = await this.snapshot(id, t);
        route.enabled = enabled;
        await route.save({ transaction: t });
        await this.versions.record(origin, { entityType: 'route', entityId: id, orgId: route.orgId, action: enabled ? 'enable' : 'disable', before, after: await this.snapshot(id, t) }, t);
      });
      this.geofence.invalidate();
    }
    return this.get(principal, id);
  }

  // ───────────── zones (the map page saves one at a time) ─────────────

  async createZone(principal: AdminPrincipal, routeId: number, req: ZoneInput, origin: RequestOrigin): Promise<ZoneView> {
    const route = await this.writable(principal, routeId);
    await this.checkZone(routeId, req);
    const zone = await this.db.transaction(async (t) => {
      const z = await createZone(route, req, t);
      await this.versions.record(origin, { entityType: 'route', entityId: routeId, orgId: route.orgId, action: 'zone.create', before: null, after: zoneView(z) }, t);
      return z;
    });
    this.geofence.invalidate();
    return zoneView(zone);
  }

  async updateZone(principal: AdminPrincipal, routeId: number, zoneId: number, req: ZoneInput, origin: RequestOrigin): Promise<ZoneView> {
    const route = await this.writable(principal, routeId);
    const zone = await ZoneEntity.findOne({ where: { id: zoneId, routeId } });
    if (!zone) throw new NotFoundError('区域');
    await this.checkZone(routeId, req);
    const before = zoneView(zone);
    await this.db.transaction(async (t) => {
      zone.set({ name: req.name.trim(), kind: req.kind, stopSeq: req.stopSeq, geometry: req.geometry, ...bboxOf(req.geometry) });
      await zone.save({ transaction: t });
      await this.versions.record(origin, { entityType: 'route', entityId: routeId, orgId: route.orgId, action: 'zone.update', before, after: zoneView(zone) }, t);
    });
    this.geofence.invalidate();
    return zoneView(zone);
  }

  async deleteZone(principal: AdminPrincipal, routeId: number, zoneId: number, origin: RequestOrigin): Promise<void> {
    const route = await this.writable(principal, routeId);
    const zone = await ZoneEntity.findOne({ where: { id: zoneId, routeId } });
    if (!zone) throw new NotFoundError('区域');
    await this.db.transaction(async (t) => {
      await zone.destroy({ transaction: t });
      await this.versions.record(origin, { entityType: 'route', entityId: routeId, orgId: route.orgId, action: 'zone.delete', before: zoneView(zone), after: null }, t);
    });
    this.geofence.invalidate();
  }

  // ───────────── spreadsheets ─────────────

  async exportSheet(principal: AdminPrincipal, q: RouteQuery): Promise<Buffer> {
    const routes = await RouteEntity.findAll({ where: await this.where(principal, q), order: [['orgId', 'ASC'], ['code', 'ASC']], limit: 5000 });
    const views = await this.views(routes);
    const rows = views.flatMap((r) =>
      r.stops.map((s) => ({ routeCode: r.code, routeName: r.name, licenceNo: r.licenceNo, seq: s.seq, stopCode: s.stopCode, distanceFromPrevM: s.distanceFromPrevM, minutesFromPrev: s.minutesFromPrev, pickup: s.pickup, dropoff: s.dropoff, enabled: r.enabled })),
    );
    return buildWorkbook(ROUTE_COLUMNS, rows, { sheetName: '线路站点' });
  }

  template(): Promise<Buffer> {
    return buildWorkbook(ROUTE_COLUMNS, [], { sheetName: '线路站点' });
  }

  /**
   * Routes of the caller's organisation (or `orgId` in its subtree). A known route code replaces
   * that route's stops; zones stay and must still fit.
   */
  async importSheet(principal: AdminPrincipal, buffer: Buffer, orgId: number | undefined, origin: RequestOrigin): Promise<ImportResult> {
    const org = await ownerOrg(principal, orgId);
    const { rows, errors } = await parseWorkbook<Record<string, any>>(buffer, ROUTE_COLUMNS);
    // every row of the file, good or bad, belongs to a route group so its errors stay on its row
    const groups = new Map<string, { rows: typeof rows }>();
    for (const r of rows) {
      const g = groups.get(r.values.routeCode) ?? { rows: [] };
      g.rows.push(r);
      groups.set(r.values.routeCode, g);
    }
    const [lines, stops, existing] = await Promise.all([
      LineEntity.findAll({ where: { orgId: org.id, licenceNo: { [Op.in]: [...new Set(rows.map((r) => r.values.licenceNo))] } } }),
      StopEntity.findAll({ where: { orgId: org.id, code: { [Op.in]: [...new Set(rows.map((r) => r.values.stopCode))] } } }),
      RouteEntity.findAll({ where: { orgId: org.id, code: { [Op.in]: [...groups.keys()] } } }),
    ]);
    const lineByNo = new Map(lines.map((l) => [l.licenceNo, l]));
    const stopByCode = new Map(stops.map((s) => [s.code, s]));
    const routeByCode = new Map(existing.map((r) => [r.code, r]));
    const plan: { code: string; name: string; line: LineEntity; stops: RouteStopInput[]; enabled: boolean | null; route?: RouteEntity }[] = [];

    for (const [code, g] of groups) {
      const first = g.rows[0];
      const licences = new Set(g.rows.map((r) => r.values.licenceNo));
      const groupErrors: ImportRowError[] = [];
      if (licences.size > 1) groupErrors.push(rowError(first.row, HEADER_OF.licenceNo, `线路 ${code} 的各行班线许可编号不一致`));
      const line = lineByNo.get(first.values.licenceNo);
      if (!line) groupErrors.push(rowError(first.row, HEADER_OF.licenceNo, `班线许可编号不存在：${first.values.licenceNo}`));
      const route = routeByCode.get(code);
      if (route && line && route.lineId !== line.id) groupErrors.push(rowError(first.row, HEADER_OF.licenceNo, `线路 ${code} 已属于另一条班线，不能改挂`));
      const name = g.rows.map((r) => r.values.routeName).find(Boolean) ?? route?.name ?? '';
      if (!name) groupErrors.push(rowError(first.row, HEADER_OF.routeName, '新线路须填写线路名称'));
      for (const r of g.rows) if (!stopByCode.has(r.values.stopCode)) groupErrors.push(rowError(r.row, HEADER_OF.stopCode, `站点编码不存在：${r.values.stopCode}`));
      const seqs = new Map<number, number>();
      for (const r of g.rows) {
        if (seqs.has(r.values.seq)) groupErrors.push(rowError(r.row, HEADER_OF.seq, `站序 ${r.values.seq} 与第 ${seqs.get(r.values.seq)} 行重复`));
        else seqs.set(r.values.seq, r.row);
      }
      const routeStops: RouteStopInput[] = g.rows.map((r) => ({
        seq: r.values.seq, stopId: stopByCode.get(r.values.stopCode)?.id ?? 0,
        distanceFromPrevM: r.values.distanceFromPrevM, minutesFromPrev: r.values.minutesFromPrev,
        pickup: r.values.pickup, dropoff: r.values.dropoff,
      }));
      if (line && !groupErrors.length) {
        // map "stops[i].field" (i in seq order) back to the sheet row and column
        const rowsBySeq = [...g.rows].sort((a, b) => a.values.seq - b.values.seq);
        const problems = await this.stopProblems(line, routeStops);
        if (route && !problems.length) {
          const zones = await ZoneEntity.findAll({ where: { routeId: route.id } });
          for (const z of zones) for (const e of zoneProblems(zoneInput(z), normaliseStops(routeStops)).filter((p) => p.field.endsWith('stopSeq'))) problems.push({ field: 'stops', reason: `区域“${z.name}”：${e.reason}` });
          const locked = await this.stopsLockedReason(route.id, normaliseStops(routeStops));
          if (locked) problems.push({ field: 'stops', reason: locked });
        }
        for (const p of problems) {
          const m = /^stops\[(\d+)\]\.(\w+)$/.exec(p.field);
          const at = m ? rowsBySeq[Number(m[1])] : first;
          groupErrors.push(rowError(at?.row ?? first.row, m ? HEADER_OF[m[2] === 'stopId' ? 'stopCode' : m[2]] ?? m[2] : HEADER_OF.seq, p.reason));
        }
      }
      errors.push(...groupErrors);
      if (!groupErrors.length && line) {
        const enabled = g.rows.map((r) => r.values.enabled).find((v) => v !== null && v !== undefined) ?? null;
        plan.push({ code, name, line, stops: normaliseStops(routeStops), enabled, route });
      }
    }
    if (errors.length || !rows.length) throwInvalidRows(errors.length ? errors : [rowError(2, HEADER_OF.routeCode, '文件中没有数据行')]);

    const result = await this.db.transaction(async (t) => {
      let created = 0;
      let updated = 0;
      for (const p of plan) {
        if (p.route) {
          const before = await this.snapshot(p.route.id, t);
          p.route.set({ name: p.name, enabled: p.enabled ?? p.route.enabled });
          await p.route.save({ transaction: t });
          await this.replaceStops(p.route.id, p.stops, t);
          const after = await this.snapshot(p.route.id, t);
          if (JSON.stringify(before) === JSON.stringify(after)) continue;
          await this.versions.record(origin, { entityType: 'route', entityId: p.route.id, orgId: org.id, action: 'import', before, after, audit: false }, t);
          updated++;
        } else {
          const r = await RouteEntity.create({ orgId: org.id, lineId: p.line.id, code: p.code, name: p.name, enabled: p.enabled ?? true }, { transaction: t });
          await this.replaceStops(r.id, p.stops, t);
          await this.versions.record(origin, { entityType: 'route', entityId: r.id, orgId: org.id, action: 'import', before: null, after: await this.snapshot(r.id, t), audit: false }, t);
          created++;
        }
      }
      await this.audit.record(origin, { category: 'admin_write', action: 'basedata.route.import', result: 'success', targetType: 'org', targetId: org.id, detail: { created, updated, routes: plan.length } }, t);
      return { created, updated };
    });
    this.geofence.invalidate();
    return result;
  }

  // ───────────── helpers ─────────────

  async visible(principal: AdminPrincipal, id: number): Promise<RouteEntity> {
    const route = await RouteEntity.findByPk(id);
    if (!route) throw new NotFoundError('线路');
    const scope = await readScope(principal);
    const line = await LineEntity.findOne({ where: { [Op.and]: [{ id: route.lineId }, lineScopeWhere(scope)] }, attributes: ['id'] });
    if (!line) throw new NotFoundError('线路');
    return route;
  }

  private async writable(principal: AdminPrincipal, id: number): Promise<RouteEntity> {
    const route = await RouteEntity.findByPk(id);
    if (!route) throw new NotFoundError('线路');
    await assertWritable(principal, route.orgId, '线路');
    return route;
  }

  private async writableLine(principal: AdminPrincipal, lineId: number): Promise<LineEntity> {
    const line = lineId ? await LineEntity.findByPk(lineId) : null;
    if (!line) throw new ValidationError([{ field: 'lineId', reason: '班线不存在' }]);
    try {
      await assertWritable(principal, line.orgId, '班线');
    } catch {
      throw new ValidationError([{ field: 'lineId', reason: '班线不存在' }]);
    }
    return line;
  }

  private async where(principal: AdminPrincipal, q: RouteQuery): Promise<WhereOptions> {
    const scope = await readScope(principal);
    const lineWhere: WhereOptions[] = [q.orgId ? { orgId: { [Op.in]: orgFilter(scope, q.orgId) } } : lineScopeWhere(scope)];
    if (q.lineId) lineWhere.push({ id: Number(q.lineId) });
    const lines = await LineEntity.findAll({ where: { [Op.and]: lineWhere }, attributes: ['id'] });
    const and: WhereOptions[] = [{ lineId: { [Op.in]: lines.map((l) => l.id) } }];
    if (q.keyword?.trim()) {
      const like = likeKeyword(q.keyword.trim());
      and.push({ [Op.or]: [{ code: { [Op.like]: like } }, { name: { [Op.like]: like } }] });
    }
    if (q.enabled !== undefined && q.enabled !== null) and.push({ enabled: q.enabled === true || (q.enabled as unknown) === 'true' || (q.enabled as unknown) === '1' });
    return { [Op.and]: and };
  }

  /** Stop rules against the line's organisation and approved stops. */
  private async stopProblems(line: LineEntity, stops: RouteStopInput[]): Promise<FieldError[]> {
    if (!Array.isArray(stops)) return [{ field: 'stops', reason: '线路至少需要 2 个站点' }];
    const ids = [...new Set(stops.map((s) => Number(s.stopId)).filter(Boolean))];
    const found = ids.length ? await StopEntity.findAll({ where: { id: { [Op.in]: ids }, orgId: line.orgId }, attributes: ['id', 'code', 'enabled'] }) : [];
    const known = new Map(found.map((s) => [s.id, { enabled: Boolean(s.enabled), code: s.code }]));
    return routeStopProblems(stops, known, line.approvedStopIds);
  }

  private async checkZone(routeId: number, req: ZoneInput): Promise<void> {
    const stops = await RouteStopEntity.findAll({ where: { routeId } });
    const errors = zoneProblems(req, stops, 'zone').map((e) => ({ ...e, field: e.field.replace(/^zone\./, '') }));
    if (!errors.length) return;
    const geometryOnly = errors.every((e) => e.field.startsWith('geometry'));
    if (geometryOnly) throw new DomainError('BASEDATA.GEOMETRY_INVALID', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors });
    throw new ValidationError(errors);
  }

  /**
   * Trips keep a snapshot of their stops, but door-to-door zones point at the live route's stop
   * positions: while trips are still to run on the route, its stops stay as they are.
   */
  private async stopsLockedReason(routeId: number, stops: RouteStopInput[]): Promise<string | null> {
    const current = await RouteStopEntity.findAll({ where: { routeId } });
    if (JSON.stringify(normaliseStops(current)) === JSON.stringify(stops)) return null;
    const trips = await TripEntity.count({ where: { routeId, status: { [Op.ne]: 'cancelled' }, departAt: { [Op.gt]: new Date() } } });
    return trips ? `线路还有 ${trips} 个未发车的班次，不能修改站点；请先取消这些班次，或另建一条线路` : null;
  }

  private async assertCodeFree(orgId: number, code: string): Promise<void> {
    if (await RouteEntity.findOne({ where: { orgId, code } })) {
      throw new DomainError('BASEDATA.DUPLICATE', `线路编码已存在：${code}`, { errors: [{ field: 'code', reason: '本运营方已有相同编码的线路' }] });
    }
  }

  private async replaceStops(routeId: number, stops: RouteStopInput[], t: Transaction): Promise<void> {
    await RouteStopEntity.destroy({ where: { routeId }, transaction: t });
    await RouteStopEntity.bulkCreate(stops.map((s) => ({ ...s, routeId })), { transaction: t });
  }

  /** What a version row keeps of a route: its fields and stops (zones have their own versions). */
  private async snapshot(id: number, t: Transaction): Promise<Record<string, unknown>> {
    const route = (await RouteEntity.findByPk(id, { transaction: t }))!;
    const stops = await RouteStopEntity.findAll({ where: { routeId: id }, order: [['seq', 'ASC']], transaction: t });
    return {
      code: route.code, name: route.name, lineId: route.lineId, enabled: Boolean(route.enabled),
      stops: stops.map((s) => ({ seq: s.seq, stopId: s.stopId, distanceFromPrevM: s.distanceFromPrevM, minutesFromPrev: s.minutesFromPrev, pickup: Boolean(s.pickup), dropoff: Boolean(s.dropoff) })),
    };
  }

  async views(routes: RouteEntity[]): Promise<RouteView[]> {
    if (!routes.length) return [];
    const ids = routes.map((r) => r.id);
    const [lines, routeStops, zones] = await Promise.all([
      LineEntity.findAll({ where: { id: { [Op.in]: [...new Set(routes.map((r) => r.lineId))] } } }),
      RouteStopEntity.findAll({ where: { routeId: { [Op.in]: ids } }, order: [['routeId', 'ASC'], ['seq', 'ASC']] }),
      ZoneEntity.findAll({ where: { routeId: { [Op.in]: ids } }, order: [['id', 'ASC']] }),
    ]);
    const stops = await StopEntity.findAll({ where: { id: { [Op.in]: [...new Set(routeStops.map((s) => s.stopId))] } } });
    const stopById = new Map(stops.map((s) => [s.id, s]));
    const lineById = new Map(lines.map((l) => [l.id, l]));
    return routes.map((r) => {
      const line = lineById.get(r.lineId)!;
      const own = routeStops.filter((s) => s.routeId === r.id);
      const blockers = [...lineBlockers(line)];
      if (!r.enabled) blockers.unshift('线路已停用');
      const disabledStops = own.map((s) => stopById.get(s.stopId)).filter((s) => s && !s.enabled);
      if (disabledStops.length) blockers.push(`站点已停用：${disabledStops.map((s) => s!.code).join('、')}`);
      return {
        id: r.id, lineId: r.lineId, lineName: line.name, licenceNo: line.licenceNo, orgId: r.orgId, code: r.code, name: r.name,
        stops: own.map((s) => {
          const stop = stopById.get(s.stopId);
          return {
            seq: s.seq, stopId: s.stopId, distanceFromPrevM: s.distanceFromPrevM, minutesFromPrev: s.minutesFromPrev, pickup: Boolean(s.pickup), dropoff: Boolean(s.dropoff),
            stopCode: stop?.code ?? '', stopName: stop?.name ?? { 'zh-CN': '' }, lng: stop?.lng ?? 0, lat: stop?.lat ?? 0,
          };
        }),
        zones: zones.filter((z) => z.routeId === r.id).map(zoneView),
        totalDistanceM: own.reduce((sum, s) => sum + s.distanceFromPrevM, 0),
        totalMinutes: own.reduce((sum, s) => sum + s.minutesFromPrev, 0),
        enabled: Boolean(r.enabled), operable: blockers.length === 0, blockers,
        createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
      };
    });
  }
}

function codeNameProblems(code: string, name: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(code)) errors.push({ field: 'code', reason: '编码为 1–32 位字母、数字、- 或 _' });
  if (!name || name.length > 100) errors.push({ field: 'name', reason: '线路名称必填，不超过 100 字' });
  return errors;
}

function normaliseStops(stops: RouteStopInput[]): RouteStopInput[] {
  return [...stops]
    .sort((a, b) => a.seq - b.seq)
    .map((s) => ({ seq: Number(s.seq), stopId: Number(s.stopId), distanceFromPrevM: Number(s.distanceFromPrevM), minutesFromPrev: Number(s.minutesFromPrev), pickup: Boolean(s.pickup), dropoff: Boolean(s.dropoff) }));
}

function throwIfAny(errors: FieldError[]): void {
  if (!errors.length) return;
  if (errors.every((e) => /^zones\[\d+\]\.geometry/.test(e.field))) {
    throw new DomainError('BASEDATA.GEOMETRY_INVALID', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors });
  }
  throw new ValidationError(errors);
}

async function createZone(route: RouteEntity, z: ZoneInput, t: Transaction): Promise<ZoneEntity> {
  return ZoneEntity.create({ orgId: route.orgId, routeId: route.id, name: z.name.trim(), kind: z.kind, stopSeq: z.stopSeq, geometry: z.geometry, ...bboxOf(z.geometry) }, { transaction: t });
}

function zoneInput(z: ZoneEntity): ZoneInput {
  return { name: z.name, kind: z.kind, stopSeq: z.stopSeq, geometry: z.geometry };
}

function zoneView(z: ZoneEntity): ZoneView {
  return { id: z.id, routeId: z.routeId, name: z.name, kind: z.kind, stopSeq: z.stopSeq, geometry: z.geometry };
}

function codeCell(cell: unknown): string {
  const s = String(cell).trim();
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(s)) throw new Error('编码为 1–32 位字母、数字、- 或 _');
  return s;
}
