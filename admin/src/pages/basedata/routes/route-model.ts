/**
 * The route editor's pure rules: stop rows ↔ the API's ordered stops, the fixed ends (nobody
 * boards at the last stop or alights at the first), distance estimates, and how zones are drawn.
 */
import type { RouteStopInput, RouteStopView, ZoneKind, ZoneView } from '@dzky/contracts';
import type { AreaGeometry, LngLat, MapMarker, MapPolygon, MapPolyline } from '../../../components/map';
import { haversineM } from '../utils';

export interface StopRow {
  /** stable React key */
  key: string;
  stopId?: number;
  code?: string;
  name?: string;
  lng?: number;
  lat?: number;
  distanceKm: number;
  minutes: number;
  pickup: boolean;
  dropoff: boolean;
  /** the switch the editor turned off because the stop is at an end (see normaliseEnds) */
  forced?: 'pickup' | 'dropoff';
}

let keySeq = 0;
export const newKey = () => `r${++keySeq}`;

export const ZONE_COLOR: Record<ZoneKind, string> = {
  pickup: '#52c41a',
  dropoff: '#1677ff',
};
/** a shape that was edited but not saved yet */
export const PENDING_COLOR = '#fa8c16';

export function rowsFromRoute(
  stops: readonly RouteStopView[],
  nameOf: (s: RouteStopView) => string,
): StopRow[] {
  const sorted = [...stops].sort((a, b) => a.seq - b.seq);
  const last = sorted.length - 1;
  return sorted.map((s, i): StopRow => ({
    key: newKey(),
    stopId: s.stopId,
    code: s.stopCode,
    name: nameOf(s),
    lng: s.lng,
    lat: s.lat,
    distanceKm: Math.round(s.distanceFromPrevM / 100) / 10,
    minutes: s.minutesFromPrev,
    pickup: s.pickup,
    dropoff: s.dropoff,
    // the ends' closed directions count as the editor's doing, so moving them inward reopens them
    forced: i === 0 && !s.dropoff ? 'dropoff' : i === last && last > 0 && !s.pickup ? 'pickup' : undefined,
  }));
}

/**
 * The first stop has no way in (0 km, 0 min) and no alighting; the last has no boarding. A switch
 * turned off only because its stop was at an end is remembered (`forced`), so the stop serves both
 * ways again when it is moved into the middle; a switch the operator turned off stays off.
 */
export function normaliseEnds(rows: StopRow[]): StopRow[] {
  const last = rows.length - 1;
  return rows.map((r, i) => {
    const next: StopRow = { ...r, forced: undefined };
    if (r.forced === 'dropoff' && i !== 0) next.dropoff = true;
    if (r.forced === 'pickup' && (i !== last || rows.length === 1)) next.pickup = true;
    if (i === 0) {
      next.distanceKm = 0;
      next.minutes = 0;
      if (next.dropoff) next.forced = 'dropoff';
      next.dropoff = false;
    }
    if (i === last && rows.length > 1) {
      if (next.pickup) next.forced = 'pickup';
      next.pickup = false;
    }
    return next;
  });
}

export function move(rows: StopRow[], from: number, to: number): StopRow[] {
  if (to < 0 || to >= rows.length) return rows;
  const next = rows.slice();
  const [r] = next.splice(from, 1);
  next.splice(to, 0, r);
  return normaliseEnds(next);
}

/** Why the stops cannot be saved yet (shown above the table), or [] when they can. */
export function stopProblems(
  rows: readonly StopRow[],
  t: (k: string, o?: Record<string, unknown>) => string,
): string[] {
  const problems: string[] = [];
  if (rows.length < 2) problems.push(t('basedata.routes.needTwoStops'));
  rows.forEach((r, i) => {
    if (!r.stopId) problems.push(t('basedata.routes.rowNoStop', { seq: i + 1 }));
    else if (i > 0 && rows[i - 1].stopId === r.stopId)
      problems.push(t('basedata.routes.rowRepeated', { seq: i + 1 }));
    if (i > 0 && (!(r.distanceKm > 0) || !(r.minutes > 0)))
      problems.push(t('basedata.routes.rowNoSegment', { seq: i + 1 }));
  });
  return problems;
}

export function toStopInputs(rows: readonly StopRow[]): RouteStopInput[] {
  return rows.map((r, i) => ({
    seq: i + 1,
    stopId: r.stopId as number,
    distanceFromPrevM: i === 0 ? 0 : Math.round(r.distanceKm * 1000),
    minutesFromPrev: i === 0 ? 0 : Math.round(r.minutes),
    pickup: r.pickup,
    dropoff: r.dropoff,
  }));
}

/**
 * Fills segments still at 0 from the straight line between the stops: roads are about a quarter
 * longer than the straight line, and a coach averages about 60 km/h between cities. A starting
 * point for the operator, who enters the real figures.
 */
export function estimateSegments(rows: StopRow[], roadFactor = 1.25, kmPerHour = 60): StopRow[] {
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    if (
      i === 0 ||
      r.distanceKm > 0 ||
      r.lng === undefined ||
      r.lat === undefined ||
      prev?.lng === undefined ||
      prev?.lat === undefined
    )
      return r;
    const km = (haversineM([prev.lng, prev.lat as number], [r.lng, r.lat]) / 1000) * roadFactor;
    return {
      ...r,
      distanceKm: Math.round(km * 10) / 10,
      minutes: r.minutes > 0 ? r.minutes : Math.max(1, Math.round((km / kmPerHour) * 60)),
    };
  });
}

export function totals(rows: readonly StopRow[]): {
  km: number;
  minutes: number;
} {
  return rows.reduce(
    (acc, r, i) =>
      i === 0
        ? acc
        : {
            km: acc.km + (r.distanceKm || 0),
            minutes: acc.minutes + (r.minutes || 0),
          },
    { km: 0, minutes: 0 },
  );
}

/** Numbered markers (green start, red end) and the line through them, in travel order. */
export function stopsOnMap(rows: readonly StopRow[]): {
  markers: MapMarker[];
  line: MapPolyline[];
} {
  const placed = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.lng !== undefined && r.lat !== undefined);
  const markers = placed.map(({ r, i }) => ({
    id: `stop-${i + 1}`,
    position: [r.lng, r.lat] as LngLat,
    label: String(i + 1),
    title: `${i + 1}. ${r.code ?? ''} ${r.name ?? ''}`.trim(),
    color: i === 0 ? '#389e0d' : i === rows.length - 1 ? '#cf1322' : '#1677ff',
  }));
  const path = placed.map(({ r }) => [r.lng, r.lat] as LngLat);
  return {
    markers,
    line: path.length > 1 ? [{ id: 'route', path, color: '#597ef7', weight: 4, dashed: true }] : [],
  };
}

/** Zones as the map draws them: pickup green, drop-off blue, edited-but-unsaved orange. */
export function zonesOnMap(
  zones: readonly ZoneView[],
  opts: {
    pending: ReadonlyMap<number, AreaGeometry>;
    selectedId: number | null;
    label: (z: ZoneView) => string;
  },
): MapPolygon[] {
  return zones.map((z) => {
    const pending = opts.pending.get(z.id);
    return {
      id: `zone-${z.id}`,
      geometry: pending ?? (z.geometry as AreaGeometry),
      color: pending ? PENDING_COLOR : ZONE_COLOR[z.kind],
      label: opts.label(z),
      selected: z.id === opts.selectedId,
    };
  });
}

export const zoneIdOf = (polygonId: string): number | null =>
  /^zone-(\d+)$/.exec(polygonId) ? Number(polygonId.slice(5)) : null;
