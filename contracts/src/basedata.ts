/**
 * API shapes and shared rules of the basedata module: stops (上下旅客地点), lines
 * (班线 / 班线许可), routes under a line with ordered stops and pickup/drop-off geofence zones, the
 * geofence lookup and spreadsheet import/export. Coordinates are GCJ-02 everywhere unless a request
 * says `coordSys: 'wgs84'` (terminals and GPS send WGS-84; bff converts once, at the edge).
 */
import type { FieldError, PageQuery } from './envelope';

// ───────────────────────── shared ─────────────────────────

/** Coordinate system of an incoming point. Stored values are always 'gcj02'. */
export type CoordSys = 'wgs84' | 'gcj02';
export const COORD_SYSTEMS: readonly CoordSys[] = ['wgs84', 'gcj02'];

/** `YYYY-MM-DD`, a calendar day in Asia/Shanghai. */
export type BasedataDate = string;

/**
 * A name in several languages, keyed by BCP-47 tag: zh-CN is required, en optional, room for
 * more (bo, ug …) as asks.
 */
export interface LocalizedName {
  'zh-CN': string;
  en?: string;
  [lang: string]: string | undefined;
}

/** A point in GCJ-02, longitude first (GeoJSON order). */
export interface LngLat {
  lng: number;
  lat: number;
}

/** GeoJSON geometries accepted for zones; positions are [lng, lat] in GCJ-02. */
export interface GeoPolygon {
  type: 'Polygon';
  /** outer ring first, then holes; each ring closed (first position = last), ≥ 4 positions */
  coordinates: number[][][];
}
export interface GeoMultiPolygon {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}
export type ZoneGeometry = GeoPolygon | GeoMultiPolygon;

/** Mainland China, Hong Kong, Macao and Taiwan lie inside this box (a coarse sanity check). */
export const CHINA_BOUNDS = { minLng: 73.5, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 } as const;

/** First two digits of GB/T 2260 codes: the provincial-level divisions. */
export const PROVINCE_PREFIXES: readonly string[] = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
];

/** Why a GB/T 2260 region code is unacceptable, or null when it is fine. */
export function regionCodeProblem(code: string | null | undefined): string | null {
  if (!code) return '必填';
  if (!/^\d{6}$/.test(code)) return '应为 6 位行政区划代码 (GB/T 2260)';
  if (!PROVINCE_PREFIXES.includes(code.slice(0, 2))) return `未知的省级行政区划：${code.slice(0, 2)}`;
  return null;
}

/** Why a point is unacceptable, or null when it lies inside China's bounds. */
export function coordinateProblem(lng: unknown, lat: unknown): string | null {
  if (typeof lng !== 'number' || !Number.isFinite(lng) || typeof lat !== 'number' || !Number.isFinite(lat)) return '经纬度应为数字';
  if (lng < CHINA_BOUNDS.minLng || lng > CHINA_BOUNDS.maxLng || lat < CHINA_BOUNDS.minLat || lat > CHINA_BOUNDS.maxLat) {
    return `坐标 (${lng}, ${lat}) 不在中国境内`;
  }
  return null;
}

/** Every problem of a localized name (field = the language key). */
export function localizedNameProblems(name: unknown, field = 'name'): FieldError[] {
  if (!name || typeof name !== 'object' || Array.isArray(name)) return [{ field, reason: '应为多语言名称，至少包含 zh-CN' }];
  const errors: FieldError[] = [];
  const n = name as Record<string, unknown>;
  if (typeof n['zh-CN'] !== 'string' || !n['zh-CN'].trim()) errors.push({ field: `${field}.zh-CN`, reason: '中文名称必填' });
  for (const [lang, value] of Object.entries(n)) {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) errors.push({ field: `${field}.${lang}`, reason: '语言代码应为 BCP-47 格式，如 zh-CN、en、bo' });
    else if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > 100)) errors.push({ field: `${field}.${lang}`, reason: '名称应为不超过 100 字的文本' });
  }
  return errors;
}

/** The name to show for a language, falling back to zh-CN. */
export function localizedName(name: LocalizedName | null | undefined, lang: string = 'zh-CN'): string {
  if (!name) return '';
  return name[lang] || (lang.startsWith('en') ? name.en : undefined) || name['zh-CN'] || '';
}

/** One version of a stop, line or route: who changed what, and when. */
export interface BasedataHistoryEntry {
  id: number;
  entityType: 'stop' | 'line' | 'route';
  entityId: number;
  action: 'create' | 'update' | 'disable' | 'enable' | 'import' | 'zone.create' | 'zone.update' | 'zone.delete';
  actorId: number | null;
  actorName: string | null;
  /** ISO 8601 */
  at: string;
  /** the record before the change; null for a creation */
  before: Record<string, unknown> | null;
  /** the record after the change */
  after: Record<string, unknown> | null;
}

/** `POST …/import` answer: all rows were written (nothing is written when any row is bad). */
export interface ImportResult {
  created: number;
  updated: number;
}

/**
 * One bad cell of a rejected import (IMPORT.INVALID_ROWS, in the envelope's `errors`).
 * `row` is the spreadsheet row number as Excel shows it; `column` the header text.
 */
export interface ImportRowError extends FieldError {
  row: number;
  column: string;
}

// ───────────────────────── stops ─────────────────────────

/** station = 客运站, fixed = 固定上下客点, zone = 灵活上下客区域 */
export type StopType = 'station' | 'fixed' | 'zone';
export const STOP_TYPES: readonly StopType[] = ['station', 'fixed', 'zone'];
export const STOP_TYPE_LABELS: Record<StopType, { zh: string; en: string }> = {
  station: { zh: '客运站', en: 'Station' },
  fixed: { zh: '固定站点', en: 'Fixed stop' },
  zone: { zh: '灵活区域', en: 'Flexible zone' },
};

export interface StopView {
  id: number;
  orgId: number;
  orgName: string;
  code: string;
  name: LocalizedName;
  address: string;
  regionCode: string;
  /** GCJ-02 */
  lng: number;
  lat: number;
  type: StopType;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StopQuery extends PageQuery {
  /** matches code or any language of the name */
  keyword?: string;
  type?: StopType;
  enabled?: boolean;
  orgId?: number;
  /** a 2-, 4- or 6-digit prefix */
  regionCode?: string;
}

export interface StopCreateRequest {
  /** owner; defaults to the caller's organisation, must be in the caller's subtree */
  orgId?: number;
  code: string;
  name: LocalizedName;
  address: string;
  regionCode: string;
  lng: number;
  lat: number;
  /** of lng/lat; default 'gcj02' */
  coordSys?: CoordSys;
  type: StopType;
  enabled?: boolean;
}

/** Everything optional; lng and lat go together. The owner cannot change. */
export type StopUpdateRequest = Partial<Omit<StopCreateRequest, 'orgId'>>;

// ───────────────────────── lines ─────────────────────────

export interface LineStopRef {
  id: number;
  code: string;
  name: LocalizedName;
  enabled: boolean;
}

export interface LineView {
  id: number;
  orgId: number;
  orgName: string;
  /** 班线经营许可编号, unique per operator */
  licenceNo: string;
  name: string;
  originCity: string;
  originRegionCode: string;
  destinationCity: string;
  destinationRegionCode: string;
  /** stops the licence approves; empty = any stop of the operator */
  approvedStopIds: number[];
  approvedStops: LineStopRef[];
  /** 核定区域 in words, when the licence states an area rather than (or besides) stops */
  approvedArea: string | null;
  validFrom: BasedataDate;
  validUntil: BasedataDate;
  enabled: boolean;
  /** enabled and the licence valid today */
  operable: boolean;
  /** Chinese reasons it is not operable, e.g. '班线许可已于 2025-12-31 过期' */
  blockers: string[];
  routeCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface LineQuery extends PageQuery {
  keyword?: string;
  enabled?: boolean;
  orgId?: number;
  operable?: boolean;
}

export interface LineCreateRequest {
  orgId?: number;
  licenceNo: string;
  name: string;
  originCity: string;
  originRegionCode: string;
  destinationCity: string;
  destinationRegionCode: string;
  approvedStopIds?: number[];
  approvedArea?: string | null;
  validFrom: BasedataDate;
  validUntil: BasedataDate;
  enabled?: boolean;
}

export type LineUpdateRequest = Partial<Omit<LineCreateRequest, 'orgId'>>;

// ───────────────────────── routes ─────────────────────────

export interface RouteStopInput {
  /** 1, 2, 3 … in travel order */
  seq: number;
  stopId: number;
  /** metres from the previous stop; 0 for the first */
  distanceFromPrevM: number;
  /** minutes from the previous stop; 0 for the first */
  minutesFromPrev: number;
  /** passengers may board here (false on the last stop) */
  pickup: boolean;
  /** passengers may alight here (false on the first stop) */
  dropoff: boolean;
}

export interface RouteStopView extends RouteStopInput {
  stopCode: string;
  stopName: LocalizedName;
  lng: number;
  lat: number;
}

export type ZoneKind = 'pickup' | 'dropoff';

export interface ZoneInput {
  name: string;
  kind: ZoneKind;
  /** the route stop position the zone feeds; it fixes the seat segments a booking holds */
  stopSeq: number;
  geometry: ZoneGeometry;
}

export interface ZoneView extends ZoneInput {
  id: number;
  routeId: number;
}

export interface RouteView {
  id: number;
  lineId: number;
  lineName: string;
  licenceNo: string;
  orgId: number;
  code: string;
  name: string;
  stops: RouteStopView[];
  zones: ZoneView[];
  totalDistanceM: number;
  totalMinutes: number;
  enabled: boolean;
  /** the line is operable and the route enabled */
  operable: boolean;
  blockers: string[];
  createdAt: string;
  updatedAt: string;
}

/** List rows leave out stop and zone details. */
export type RouteListItem = Omit<RouteView, 'stops' | 'zones'> & {
  stopCount: number;
  zoneCount: number;
  /** first and last stop names (zh-CN) */
  from: string;
  to: string;
};

export interface RouteQuery extends PageQuery {
  keyword?: string;
  lineId?: number;
  enabled?: boolean;
  orgId?: number;
}

export interface RouteCreateRequest {
  lineId: number;
  code: string;
  name: string;
  /** ≥ 2, seq 1..n; stops must be approved by the line when it lists any */
  stops: RouteStopInput[];
  zones?: ZoneInput[];
  enabled?: boolean;
}

/** `stops` replaces all stops (zones whose stopSeq no longer fits are rejected). */
export interface RouteUpdateRequest {
  code?: string;
  name?: string;
  stops?: RouteStopInput[];
  enabled?: boolean;
}

// ───────────────────────── geofence ─────────────────────────

export interface LocateRequest {
  lng: number;
  lat: number;
  coordSys?: CoordSys;
  routeId?: number;
  kind?: ZoneKind;
  /** nearest stops to return (default 5) */
  limit?: number;
  /** ignore stops farther than this (default 50 km) */
  maxDistanceM?: number;
}

export interface ZoneHit {
  zoneId: number;
  routeId: number;
  lineId: number;
  orgId: number;
  name: string;
  kind: ZoneKind;
  stopSeq: number;
}

export interface NearestStop {
  stopId: number;
  code: string;
  name: LocalizedName;
  distanceM: number;
}

export interface LocateResult {
  /** the point in GCJ-02 */
  point: LngLat;
  zones: ZoneHit[];
  nearestStops: NearestStop[];
}
