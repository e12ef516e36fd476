import gcoord from 'gcoord';
import {
  coordinateProblem,
  localizedNameProblems,
  regionCodeProblem,
  type CoordSys,
  type FieldError,
  type RouteStopInput,
  type ZoneGeometry,
  type ZoneInput,
} from '@dzky/contracts';

/**
 * The rules of base data as pure functions returning every problem (field + reason), so forms
 * (ValidationError) and spreadsheet imports (row errors) say exactly the same thing.
 */

/** Converts an incoming point to GCJ-02 (stored form); WGS-84 comes from GPS and terminals. */
export function toGcj02(lng: number, lat: number, coordSys: CoordSys = 'gcj02'): { lng: number; lat: number } {
  if (coordSys !== 'wgs84') return { lng, lat };
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  // 1e-7° ≈ 1 cm: more digits are noise from the conversion
  return { lng: round7(x), lat: round7(y) };
}

export function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export function pointProblems(lng: unknown, lat: unknown, field = 'lng'): FieldError[] {
  const problem = coordinateProblem(lng, lat);
  return problem ? [{ field, reason: problem }] : [];
}

export function regionProblems(code: unknown, field: string): FieldError[] {
  const problem = regionCodeProblem(typeof code === 'string' ? code : code === null || code === undefined ? null : String(code));
  return problem ? [{ field, reason: problem }] : [];
}

export function nameProblems(name: unknown): FieldError[] {
  return localizedNameProblems(name, 'name');
}

/** Today in Asia/Shanghai as YYYY-MM-DD (licence validity is by calendar day there). */
export function todayInShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Why a line cannot be operated today (Chinese reasons), empty when it can. */
export function lineBlockers(line: { enabled: boolean; validFrom: string; validUntil: string }, today = todayInShanghai()): string[] {
  const blockers: string[] = [];
  if (!line.enabled) blockers.push('班线已停用');
  if (line.validFrom > today) blockers.push(`班线许可尚未生效（${line.validFrom} 起）`);
  if (line.validUntil < today) blockers.push(`班线许可已于 ${line.validUntil} 过期`);
  return blockers;
}

export function dateRangeProblems(validFrom: string | undefined, validUntil: string | undefined): FieldError[] {
  if (validFrom && validUntil && validUntil < validFrom) return [{ field: 'validUntil', reason: '有效期止不能早于有效期起' }];
  return [];
}

/**
 * Ordered stops of a route: seq 1..n, at least two, each stop once, the first with 0 m / 0 min,
 * passengers board at the first and alight at the last, every stop serves at least one of the two.
 * `known` says which stop ids exist (in the owner's organisation) and whether they are enabled;
 * `approved` is the line's approved stop list (empty = any stop of the operator).
 */
export function routeStopProblems(
  stops: RouteStopInput[],
  known: Map<number, { enabled: boolean; code: string }>,
  approved: number[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(stops) || stops.length < 2) return [{ field: 'stops', reason: '线路至少需要 2 个站点' }];
  const sorted = [...stops].sort((a, b) => a.seq - b.seq);
  sorted.forEach((s, i) => {
    const f = `stops[${i}]`;
    if (s.seq !== i + 1) errors.push({ field: `${f}.seq`, reason: `站序应从 1 开始连续编号，此处应为 ${i + 1}，实际为 ${s.seq}` });
    const stop = known.get(s.stopId);
    if (!stop) errors.push({ field: `${f}.stopId`, reason: `站点不存在或不属于本运营方：${s.stopId}` });
    else if (!stop.enabled) errors.push({ field: `${f}.stopId`, reason: `站点已停用：${stop.code}` });
    else if (approved.length && !approved.includes(s.stopId)) errors.push({ field: `${f}.stopId`, reason: `站点 ${stop.code} 不在班线许可核定的站点内` });
    if (sorted.findIndex((o) => o.stopId === s.stopId) !== i) errors.push({ field: `${f}.stopId`, reason: '同一站点在线路中重复出现' });
    if (!Number.isInteger(s.distanceFromPrevM) || s.distanceFromPrevM < 0) errors.push({ field: `${f}.distanceFromPrevM`, reason: '里程应为不小于 0 的整数（米）' });
    if (!Number.isInteger(s.minutesFromPrev) || s.minutesFromPrev < 0) errors.push({ field: `${f}.minutesFromPrev`, reason: '用时应为不小于 0 的整数（分钟）' });
    if (i === 0) {
      if (s.distanceFromPrevM !== 0 || s.minutesFromPrev !== 0) errors.push({ field: `${f}.distanceFromPrevM`, reason: '首站的里程和用时应为 0' });
      if (!s.pickup) errors.push({ field: `${f}.pickup`, reason: '首站必须允许上客' });
      if (s.dropoff) errors.push({ field: `${f}.dropoff`, reason: '首站不能下客' });
    } else if (i === sorted.length - 1) {
      if (!s.dropoff) errors.push({ field: `${f}.dropoff`, reason: '末站必须允许下客' });
      if (s.pickup) errors.push({ field: `${f}.pickup`, reason: '末站不能上客' });
    } else if (!s.pickup && !s.dropoff) {
      errors.push({ field: `${f}.pickup`, reason: '途经站至少允许上客或下客之一' });
    }
    if (i > 0 && s.distanceFromPrevM === 0 && Number.isInteger(s.distanceFromPrevM)) errors.push({ field: `${f}.distanceFromPrevM`, reason: '非首站的里程应大于 0' });
  });
  return errors;
}

/** A zone must hang on an existing stop position that allows its kind. */
export function zoneProblems(zone: ZoneInput, stops: { seq: number; pickup: boolean; dropoff: boolean }[], field = 'zone'): FieldError[] {
  const errors: FieldError[] = [];
  if (!zone.name || !String(zone.name).trim()) errors.push({ field: `${field}.name`, reason: '区域名称必填' });
  if (zone.kind !== 'pickup' && zone.kind !== 'dropoff') errors.push({ field: `${field}.kind`, reason: '应为 pickup（上客区）或 dropoff（下客区）' });
  const stop = stops.find((s) => s.seq === zone.stopSeq);
  if (!stop) errors.push({ field: `${field}.stopSeq`, reason: `线路中没有站序 ${zone.stopSeq}` });
  else if (zone.kind === 'pickup' && !stop.pickup) errors.push({ field: `${field}.stopSeq`, reason: `站序 ${zone.stopSeq} 不允许上客，不能挂上客区` });
  else if (zone.kind === 'dropoff' && !stop.dropoff) errors.push({ field: `${field}.stopSeq`, reason: `站序 ${zone.stopSeq} 不允许下客，不能挂下客区` });
  errors.push(...geometryProblems(zone.geometry, `${field}.geometry`));
  return errors;
}

/**
 * GeoJSON Polygon / MultiPolygon in GCJ-02: each ring closed with ≥ 4 positions, positions
 * [lng, lat] inside China, rings not degenerate; holes must lie within the outer ring's box.
 */
export function geometryProblems(geometry: unknown, field = 'geometry'): FieldError[] {
  const g = geometry as ZoneGeometry | null;
  if (!g || typeof g !== 'object') return [{ field, reason: '应为 GeoJSON Polygon 或 MultiPolygon' }];
  if (g.type === 'Polygon') return polygonProblems(g.coordinates, `${field}.coordinates`);
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || !g.coordinates.length) return [{ field: `${field}.coordinates`, reason: 'MultiPolygon 至少包含一个多边形' }];
    return g.coordinates.flatMap((p, i) => polygonProblems(p, `${field}.coordinates[${i}]`));
  }
  return [{ field: `${field}.type`, reason: '只支持 Polygon 或 MultiPolygon' }];
}

function polygonProblems(rings: unknown, field: string): FieldError[] {
  if (!Array.isArray(rings) || !rings.length) return [{ field, reason: '多边形至少需要一个外环' }];
  const errors: FieldError[] = [];
  let outer: ReturnType<typeof bboxOfRing> | null = null;
  rings.forEach((ring, r) => {
    const f = `${field}[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4) {
      errors.push({ field: f, reason: '每个环至少需要 4 个坐标（首尾相同）' });
      return;
    }
    const bad = ring.findIndex((p) => !Array.isArray(p) || p.length < 2 || coordinateProblem(p[0], p[1]) !== null);
    if (bad >= 0) {
      const p = ring[bad];
      errors.push({ field: `${f}[${bad}]`, reason: Array.isArray(p) && p.length >= 2 ? coordinateProblem(p[0], p[1])! : '坐标应为 [经度, 纬度]' });
      return;
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) errors.push({ field: f, reason: '环未闭合：首尾坐标必须相同' });
    if (new Set(ring.slice(0, -1).map((p: number[]) => `${p[0]},${p[1]}`)).size < 3) errors.push({ field: f, reason: '环至少需要 3 个不同的顶点' });
    else if (Math.abs(ringArea(ring)) < 1e-12) errors.push({ field: f, reason: '环的面积为 0' });
    const box = bboxOfRing(ring);
    if (r === 0) outer = box;
    else if (outer && (box.minLng < outer.minLng || box.maxLng > outer.maxLng || box.minLat < outer.minLat || box.maxLat > outer.maxLat)) {
      errors.push({ field: f, reason: '内环（挖空区域）必须位于外环之内' });
    }
  });
  return errors;
}

function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function bboxOfRing(ring: number[][]) {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const [x, y] of ring) {
    minLng = Math.min(minLng, x);
    maxLng = Math.max(maxLng, x);
    minLat = Math.min(minLat, y);
    maxLat = Math.max(maxLat, y);
  }
  return { minLng, minLat, maxLng, maxLat };
}

/** Bounding box of a (valid) geometry: the outer rings suffice. */
export function bboxOf(geometry: ZoneGeometry): { minLng: number; minLat: number; maxLng: number; maxLat: number } {
  const outers = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  const boxes = outers.map(bboxOfRing);
  return {
    minLng: Math.min(...boxes.map((b) => b.minLng)),
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLng: Math.max(...boxes.map((b) => b.maxLng)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  };
}
