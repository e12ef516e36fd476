import { Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import RBush from 'rbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { point as turfPoint } from '@turf/helpers';
import { Op } from 'sequelize';
import type { CoordSys, LocalizedName, LngLat, NearestStop, ZoneGeometry, ZoneHit, ZoneKind } from '@dzky/contracts';
import { ValidationError } from '../../../common/error/domain.error';
import { LineEntity, RouteEntity, StopEntity, ZoneEntity } from '../entity';
import { pointProblems, toGcj02 } from './basedata-rules';

interface IndexedZone {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  zoneId: number;
  routeId: number;
  lineId: number;
  orgId: number;
  name: string;
  kind: ZoneKind;
  stopSeq: number;
  routeEnabled: boolean;
  geometry: ZoneGeometry;
}

interface CachedStop {
  stopId: number;
  orgId: number;
  code: string;
  name: LocalizedName;
  lng: number;
  lat: number;
}

export interface ZonesAtOptions {
  orgIds?: number[];
  routeId?: number;
  kind?: ZoneKind;
  /** also zones of disabled routes (admin map views); bookings leave this off */
  includeDisabled?: boolean;
}

export interface NearestStopsOptions {
  limit?: number;
  maxDistanceM?: number;
  orgIds?: number[];
}

/**
 * Another process (a second bff, the seed CLI) may change zones; past this age the next lookup
 * starts a reload in the background, so such a change is seen here about this long after.
 */
const CACHE_TTL_MS = 60_000;

/**
 * Which pickup/drop-off zones contain a point, and which stops are nearest (design.md §3
 * "Capacity": a door-to-door booking's points must lie in zones of the trip's route). Independent
 * of HTTP so booking calls it directly.
 *
 * Zones load once into an R-tree over their bounding boxes; a lookup tests only the candidates
 * exactly (@turf/boolean-point-in-polygon: a point on a border counts as inside, a point in a hole
 * does not). Writers in this process call invalidate() after their transaction commits; the
 * next lookup then waits for fresh data. A snapshot that has merely grown old keeps answering while
 * its replacement loads, so lookups (the booking path) never wait for the periodic reload.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class GeofenceService {
  @Logger() private logger: ILogger;
  private tree: RBush<IndexedZone> | null = null;
  private stops: CachedStop[] | null = null;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private generation = 0;

  /** Drops the cache; the next lookup reloads zones and stops. */
  invalidate(): void {
    this.generation++;
    this.tree = null;
    this.stops = null;
  }

  /** A point in GCJ-02 (converted when the caller says WGS-84), validated inside China. */
  normalise(lng: number, lat: number, coordSys: CoordSys = 'gcj02'): LngLat {
    const problems = pointProblems(lng, lat);
    if (problems.length) throw new ValidationError(problems);
    return toGcj02(lng, lat, coordSys);
  }

  async zonesAt(p: LngLat & { coordSys?: CoordSys }, opts: ZonesAtOptions = {}): Promise<ZoneHit[]> {
    const { lng, lat } = this.normalise(p.lng, p.lat, p.coordSys);
    await this.ensureLoaded();
    const orgs = opts.orgIds ? new Set(opts.orgIds) : null;
    const pt = turfPoint([lng, lat]);
    return this.tree!
      .search({ minX: lng, minY: lat, maxX: lng, maxY: lat })
      .filter((z) => (opts.includeDisabled || z.routeEnabled) && (!orgs || orgs.has(z.orgId)) && (!opts.routeId || z.routeId === opts.routeId) && (!opts.kind || z.kind === opts.kind))
      .filter((z) => booleanPointInPolygon(pt, z.geometry as any, { ignoreBoundary: false }))
      .sort((a, b) => a.routeId - b.routeId || a.stopSeq - b.stopSeq || a.zoneId - b.zoneId)
      .map((z) => ({ zoneId: z.zoneId, routeId: z.routeId, lineId: z.lineId, orgId: z.orgId, name: z.name, kind: z.kind, stopSeq: z.stopSeq }));
  }

  /** Enabled stops nearest first (great-circle distance), within maxDistanceM (default 50 km). */
  async nearestStops(p: LngLat & { coordSys?: CoordSys }, opts: NearestStopsOptions = {}): Promise<NearestStop[]> {
    const { lng, lat } = this.normalise(p.lng, p.lat, p.coordSys);
    await this.ensureLoaded();
    const limit = Math.min(Math.max(opts.limit ?? 5, 1), 50);
    const maxM = opts.maxDistanceM ?? 50_000;
    const orgs = opts.orgIds ? new Set(opts.orgIds) : null;
    const from = turfPoint([lng, lat]);
    return this.stops!
      .filter((s) => !orgs || orgs.has(s.orgId))
      .map((s) => ({ stopId: s.stopId, code: s.code, name: s.name, distanceM: Math.round(distance(from, turfPoint([s.lng, s.lat]), { units: 'meters' })) }))
      .filter((s) => s.distanceM <= maxM)
      .sort((a, b) => a.distanceM - b.distanceM || a.stopId - b.stopId)
      .slice(0, limit);
  }

  private async ensureLoaded(): Promise<void> {
    if (this.tree && this.stops) {
      if (Date.now() - this.loadedAt >= CACHE_TTL_MS) {
        this.reload().catch((e) => this.logger.warn('[geofence] background reload failed, the previous snapshot stays in use: %s', e));
      }
      return;
    }
    await this.reload();
    // invalidated while loading: load again so a lookup never sees data older than its caller's write
    if (!this.tree || !this.stops) await this.ensureLoaded();
  }

  /** Concurrent lookups share one load. */
  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const [zones, routes, stops] = await Promise.all([
      ZoneEntity.findAll(),
      RouteEntity.findAll({ attributes: ['id', 'lineId', 'enabled'] }),
      StopEntity.findAll({ where: { enabled: true } }),
    ]);
    const lines = await LineEntity.findAll({ where: { id: { [Op.in]: [...new Set(routes.map((r) => r.lineId))] } }, attributes: ['id', 'enabled'] });
    const lineEnabled = new Map(lines.map((l) => [l.id, l.enabled]));
    const routeById = new Map(routes.map((r) => [r.id, r]));
    const tree = new RBush<IndexedZone>();
    tree.load(
      zones.map((z) => {
        const route = routeById.get(z.routeId);
        return {
          minX: z.minLng, minY: z.minLat, maxX: z.maxLng, maxY: z.maxLat,
          zoneId: z.id, routeId: z.routeId, lineId: route?.lineId ?? 0, orgId: z.orgId,
          name: z.name, kind: z.kind, stopSeq: z.stopSeq,
          routeEnabled: Boolean(route?.enabled && lineEnabled.get(route.lineId)),
          geometry: z.geometry,
        };
      }),
    );
    if (generation !== this.generation) return; // a write happened meanwhile: this snapshot may be stale
    this.tree = tree;
    this.stops = stops.map((s) => ({ stopId: s.id, orgId: s.orgId, code: s.code, name: s.name, lng: s.lng, lat: s.lat }));
    this.loadedAt = Date.now();
  }
}
