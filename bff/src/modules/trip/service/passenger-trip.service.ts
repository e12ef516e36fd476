import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { Op, col } from 'sequelize';
import {
  TICKET_TYPES, priceTicket, seatsLeftFor, segmentsOf,
  type CityOption, type CoordSys, type Fen, type FieldError, type PassengerHome, type PublicStop, type RouteView, type SeatMap, type StopSearchQuery,
  type TicketType, type TradingRules, type TravelInfoItem, type TripDetail, type TripSearchItem, type TripSearchQuery, type TripStopView,
  type WeatherNow,
} from '@dzky/contracts';
import { NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { LineEntity, RouteEntity, StopEntity } from '../../basedata/entity';
import { GeofenceService } from '../../basedata/service/geofence.service';
import { RouteService } from '../../basedata/service/route.service';
import { SeatOccupancyEntity } from '../../booking/entity';
import type { MapPort } from '../../integration/port/map.port';
import { FarePairEntity, TripEntity, TripSegmentEntity } from '../entity';
import { NoticeService } from './notice.service';
import { TradingRulesService } from './trading-rules.service';
import { TripService } from './trip.service';
import { isCalendarDay, journeyProblem, journeyTimes, saleStateOf } from './trip-rules';

/** Travel information looks this far ahead. */
const TRAVEL_INFO_DAYS = 7;
/** Near-me answers at most this many stops within this distance. */
const NEAR_LIMIT = 20;
const NEAR_MAX_M = 50_000;

/**
 * What passengers read without signing in: cities with trips, trips of a day
 * between two cities with the price of the journey, a trip's page (stops, zones, fares, rules,
 * notices, weather), seat maps, stops by city, line or nearness, and travel information.
 * Only operable routes (enabled, licence in force, stops enabled) are offered.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PassengerTripService {
  @Inject() private trips: TripService;
  @Inject() private routes: RouteService;
  @Inject() private rules: TradingRulesService;
  @Inject() private notices: NoticeService;
  @Inject() private geofence: GeofenceService;
  @Inject('mapPort') private map: MapPort;
  @Logger() private logger: ILogger;

  async home(now = new Date()): Promise<PassengerHome> {
    const [notices, cities, travelInfo] = await Promise.all([this.notices.current({ limit: 20 }, now), this.cities(now), this.travelInfo(now)]);
    return { notices, cities, travelInfo };
  }

  /** 4-digit city codes of stops on operable routes that have trips on sale, named after the lines' cities. */
  async cities(now = new Date()): Promise<CityOption[]> {
    const onSale = await TripEntity.findAll({ where: { status: 'on_sale', departAt: { [Op.gt]: now } }, attributes: ['routeId'], group: [col('route_id')] });
    const routes = (await this.routeViews(onSale.map((x) => x.routeId))).filter((r) => r.operable);
    if (!routes.length) return [];
    const [stops, lines] = await Promise.all([
      StopEntity.findAll({ where: { id: { [Op.in]: [...new Set(routes.flatMap((r) => r.stops.map((s) => s.stopId)))] } }, attributes: ['id', 'regionCode', 'address'] }),
      LineEntity.findAll({ where: { id: { [Op.in]: [...new Set(routes.map((r) => r.lineId))] } }, attributes: ['originCity', 'originRegionCode', 'destinationCity', 'destinationRegionCode'] }),
    ]);
    const named = new Map<string, string>();
    for (const l of lines) {
      named.set(l.originRegionCode.slice(0, 4), named.get(l.originRegionCode.slice(0, 4)) ?? l.originCity);
      named.set(l.destinationRegionCode.slice(0, 4), named.get(l.destinationRegionCode.slice(0, 4)) ?? l.destinationCity);
    }
    const cities = new Map<string, string>();
    for (const s of stops) {
      const code = s.regionCode.slice(0, 4);
      // a city no line names: the city part of the stop's address (深圳市龙华区… → 深圳市)
      if (!cities.has(code)) cities.set(code, named.get(code) ?? /^(.+?市)/.exec(s.address)?.[1] ?? code);
    }
    return [...cities.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * Trips of a Shanghai day from one city to another: boarding at the trip's first pickup stop in
   * the origin city, alighting at its last drop-off stop in the destination city after that, at the
   * adult price of that pair. Trips whose pair has no fare are not offered; sold-out, closed and
   * cancelled ones are listed with their sale state so the app can grey them.
   */
  async search(q: TripSearchQuery, now = new Date()): Promise<TripSearchItem[]> {
    const errors: FieldError[] = [];
    if (!/^\d{4}$/.test(String(q.fromCity ?? ''))) errors.push({ field: 'fromCity', reason: '出发城市应为 4 位城市代码' });
    if (!/^\d{4}$/.test(String(q.toCity ?? ''))) errors.push({ field: 'toCity', reason: '到达城市应为 4 位城市代码' });
    if (!isCalendarDay(q.date)) errors.push({ field: 'date', reason: '日期应为 YYYY-MM-DD' });
    if (errors.length) throw new ValidationError(errors);
    const trips = await TripEntity.findAll({ where: { departDate: q.date }, order: [['departAt', 'ASC'], ['id', 'ASC']] });
    if (!trips.length) return [];
    const routes = new Map((await this.routeViews(trips.map((x) => x.routeId))).filter((r) => r.operable).map((r) => [r.id, r]));
    const candidates = trips.filter((x) => routes.has(x.routeId));
    const stops = await this.stopsById(candidates.flatMap((x) => x.stops.map((s) => s.stopId)));
    const [views, segments, fares] = await Promise.all([
      this.trips.views(candidates, undefined, now),
      TripSegmentEntity.findAll({ where: { tripId: { [Op.in]: candidates.map((x) => x.id) } } }),
      FarePairEntity.findAll({ where: { routeId: { [Op.in]: [...routes.keys()] } } }),
    ]);
    const rulesByRoute = new Map<number, TradingRules>();
    const items: TripSearchItem[] = [];
    for (const [i, trip] of candidates.entries()) {
      const ordered = [...trip.stops].sort((a, b) => a.seq - b.seq);
      const board = ordered.find((s) => s.pickup && stops.get(s.stopId)?.regionCode.startsWith(q.fromCity));
      if (!board) continue;
      const alight = [...ordered].reverse().find((s) => s.dropoff && s.seq > board.seq && stops.get(s.stopId)?.regionCode.startsWith(q.toCity));
      if (!alight) continue;
      const fare = fares.find((f) => f.routeId === trip.routeId && f.fromSeq === board.seq && f.toSeq === alight.seq);
      if (!fare) continue;
      const route = routes.get(trip.routeId)!;
      if (!rulesByRoute.has(trip.routeId)) rulesByRoute.set(trip.routeId, await this.rules.effective(trip.orgId, trip.routeId));
      const rules = rulesByRoute.get(trip.routeId)!;
      const seatsLeft = seatsLeftFor(segments.filter((s) => s.tripId === trip.id), trip.capacity, board.seq, alight.seq);
      const times = new Map(journeyTimes(trip, trip.stops).map((x) => [x.seq, x.plannedAt]));
      const view = views[i];
      items.push({
        tripId: trip.id,
        orgName: view.orgName,
        lineName: view.lineName,
        routeName: view.routeName,
        departAt: view.departAt,
        departTime: view.departTime,
        fromSeq: board.seq,
        fromStopName: stops.get(board.stopId)!.name,
        toSeq: alight.seq,
        toStopName: stops.get(alight.stopId)!.name,
        boardAt: times.get(board.seq)!.toISOString(),
        arriveAt: times.get(alight.seq)!.toISOString(),
        priceFen: priceTicket({ baseFen: fare.baseFen, vehicleType: trip.vehicleType, serviceLevel: trip.serviceLevel, ticketType: 'adult' }, rules).priceFen,
        seatsLeft,
        vehicleType: trip.vehicleType,
        serviceLevel: trip.serviceLevel,
        saleState: saleStateOf(trip, seatsLeft, rules, now),
        temporary: Boolean(trip.temporary),
        doorToDoor: hasDoorToDoor(route),
      });
    }
    return items;
  }

  async detail(id: number, now = new Date()): Promise<TripDetail> {
    const trip = await this.tripOr404(id);
    const route = await this.routes.byId(trip.routeId);
    const [view, stopsById, rules, pairs, notices] = await Promise.all([
      this.trips.views([trip], undefined, now).then((v) => v[0]),
      this.stopsById(trip.stops.map((s) => s.stopId)),
      this.rules.effective(trip.orgId, trip.routeId),
      FarePairEntity.findAll({ where: { routeId: trip.routeId }, order: [['fromSeq', 'ASC'], ['toSeq', 'ASC']] }),
      this.notices.current({ orgIds: [trip.orgId], lineId: trip.lineId }, now),
    ]);
    const times = new Map(journeyTimes(trip, trip.stops).map((x) => [x.seq, x]));
    const stops: TripStopView[] = [...trip.stops].sort((a, b) => a.seq - b.seq).map((s) => {
      const stop = stopsById.get(s.stopId);
      return {
        seq: s.seq, stopId: s.stopId, code: stop?.code ?? '', name: stop?.name ?? { 'zh-CN': '' }, address: stop?.address ?? '',
        regionCode: stop?.regionCode ?? '', lng: stop?.lng ?? 0, lat: stop?.lat ?? 0, pickup: s.pickup, dropoff: s.dropoff,
        plannedAt: times.get(s.seq)!.plannedAt.toISOString(), distanceFromStartM: times.get(s.seq)!.distanceFromStartM,
      };
    });
    const [origin, destination] = await Promise.all([this.weather(stops[0]?.regionCode), this.weather(stops[stops.length - 1]?.regionCode)]);
    return {
      trip: view,
      stops,
      zones: route?.zones ?? [],
      fares: pairs
        .filter((p) => !journeyProblem(trip.stops, p.fromSeq, p.toSeq))
        .map((p) => ({ fromSeq: p.fromSeq, toSeq: p.toSeq, prices: pricesOf(p.baseFen, trip, rules) })),
      rules: {
        holdMinutes: rules.holdMinutes,
        refundTiers: rules.refundTiers.map((r) => ({ minMinutesBefore: r.minMinutesBefore, feePercent: r.feePercent })),
        rebookAllowed: rules.rebook.allowed,
        freeChildMaxAge: rules.freeChildMaxAge,
        childMaxAge: rules.childMaxAge,
      },
      notices,
      weather: { origin, destination },
    };
  }

  /** Seats free for the whole journey on a trip with seat selection. */
  async seats(id: number, fromSeq: number, toSeq: number): Promise<SeatMap> {
    const trip = await this.tripOr404(id);
    const problem = journeyProblem(trip.stops, Number(fromSeq), Number(toSeq));
    if (problem) throw new ValidationError([problem]);
    if (!trip.seatSelection) throw new ValidationError([{ field: 'tripId', reason: '该班次不选座，下单时自动分配座位' }]);
    const taken = await SeatOccupancyEntity.findAll({ where: { tripId: trip.id, segNo: { [Op.in]: segmentsOf(Number(fromSeq), Number(toSeq)) } }, attributes: ['seatNo'] });
    const takenSeats = new Set(taken.map((o) => o.seatNo));
    return { capacity: trip.capacity, free: Array.from({ length: trip.capacity }, (_, i) => i + 1).filter((n) => !takenSeats.has(n)) };
  }

  /**
   * Stops passengers can use (on operable routes): by city prefix, by line, or nearest to a point
   * (GCJ-02, or WGS-84 from a phone's GPS). Conditions given together narrow each other.
   */
  async stops(q: StopSearchQuery): Promise<PublicStop[]> {
    const errors: FieldError[] = [];
    if (q.city !== undefined && !/^\d{2,6}$/.test(String(q.city))) errors.push({ field: 'city', reason: '城市应为 2–6 位行政区划代码前缀' });
    let near: { lng: number; lat: number; coordSys: CoordSys } | null = null;
    if (q.near !== undefined) {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(String(q.near));
      if (!m) errors.push({ field: 'near', reason: '位置应为 "经度,纬度"' });
      else near = { lng: Number(m[1]), lat: Number(m[2]), coordSys: q.coordSys === 'wgs84' ? 'wgs84' : 'gcj02' };
    }
    if (q.city === undefined && q.lineId === undefined && q.near === undefined) errors.push({ field: 'city', reason: '请按城市、班线或位置查询' });
    if (errors.length) throw new ValidationError(errors);

    const routes = (await this.routeViews(undefined)).filter((r) => r.operable && (q.lineId === undefined || r.lineId === Number(q.lineId)));
    const linesOf = new Map<number, Map<number, string>>();
    for (const r of routes) {
      for (const s of r.stops) {
        const m = linesOf.get(s.stopId) ?? new Map<number, string>();
        m.set(r.lineId, r.lineName);
        linesOf.set(s.stopId, m);
      }
    }
    let ranked: { stopId: number; distanceM?: number }[] = [...linesOf.keys()].map((stopId) => ({ stopId }));
    if (near) {
      const nearest = await this.geofence.nearestStops(near, { limit: 50, maxDistanceM: NEAR_MAX_M });
      ranked = nearest.filter((n) => linesOf.has(n.stopId)).map((n) => ({ stopId: n.stopId, distanceM: n.distanceM }));
    }
    const stops = await this.stopsById(ranked.map((r) => r.stopId));
    const result: PublicStop[] = [];
    for (const r of ranked) {
      const s = stops.get(r.stopId);
      if (!s || !s.enabled || (q.city !== undefined && !s.regionCode.startsWith(String(q.city)))) continue;
      result.push({
        id: s.id, name: s.name, address: s.address, regionCode: s.regionCode, lng: s.lng, lat: s.lat, type: s.type,
        ...(r.distanceM !== undefined ? { distanceM: r.distanceM } : {}),
        lines: [...linesOf.get(s.id)!.entries()].map(([id, name]) => ({ id, name })),
      });
    }
    if (near) return result.slice(0, NEAR_LIMIT);
    return result.sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.id - b.id).slice(0, 200);
  }

  /** 临时加班 and cancelled trips departing in the next days (R-6.2.2 travel information). */
  async travelInfo(now = new Date()): Promise<TravelInfoItem[]> {
    const until = new Date(now.getTime() + TRAVEL_INFO_DAYS * 24 * 3600_000);
    const trips = await TripEntity.findAll({
      where: { departAt: { [Op.gt]: now, [Op.lte]: until }, [Op.or]: [{ temporary: true }, { status: 'cancelled' }] },
      order: [['departAt', 'ASC'], ['id', 'ASC']],
      limit: 200,
    });
    const lines = await LineEntity.findAll({ where: { id: { [Op.in]: [...new Set(trips.map((x) => x.lineId))] } }, attributes: ['id', 'name'] });
    const lineName = new Map(lines.map((l) => [l.id, l.name]));
    return trips.map((x) => {
      const cancelled = x.status === 'cancelled';
      return {
        kind: cancelled ? 'trip_cancelled' : 'trip_added',
        tripId: x.id,
        lineName: lineName.get(x.lineId) ?? '',
        departAt: new Date(x.departAt).toISOString(),
        reason: cancelled ? x.cancelReason : x.remark,
        at: new Date(cancelled && x.cancelledAt ? x.cancelledAt : x.createdAt).toISOString(),
      };
    });
  }

  // ───────────── helpers ─────────────

  /** Weather never fails the page: a provider that is down or knows no weather gives null. */
  private async weather(adcode: string | undefined): Promise<WeatherNow | null> {
    if (!adcode) return null;
    try {
      return await this.map.weather(adcode);
    } catch (e) {
      this.logger.warn('[trip] weather for %s unavailable: %s', adcode, (e as Error).message);
      return null;
    }
  }

  private async tripOr404(id: number): Promise<TripEntity> {
    const trip = Number.isSafeInteger(Number(id)) && Number(id) > 0 ? await TripEntity.findByPk(Number(id)) : null;
    if (!trip) throw new NotFoundError('班次');
    return trip;
  }

  /** Route views by id (undefined: every enabled route). */
  private async routeViews(ids: number[] | undefined): Promise<RouteView[]> {
    const where = ids === undefined ? { enabled: true } : { id: { [Op.in]: [...new Set(ids)] } };
    return this.routes.views(await RouteEntity.findAll({ where, order: [['id', 'ASC']] }));
  }

  private async stopsById(ids: number[]): Promise<Map<number, StopEntity>> {
    if (!ids.length) return new Map();
    const stops = await StopEntity.findAll({ where: { id: { [Op.in]: [...new Set(ids)] } } });
    return new Map(stops.map((s) => [s.id, s]));
  }
}

function hasDoorToDoor(route: RouteView): boolean {
  return route.zones.some((z) => z.kind === 'pickup') && route.zones.some((z) => z.kind === 'dropoff');
}

function pricesOf(baseFen: Fen, trip: TripEntity, rules: TradingRules): Record<TicketType, Fen> {
  return Object.fromEntries(
    TICKET_TYPES.map((ticketType) => [ticketType, priceTicket({ baseFen, vehicleType: trip.vehicleType, serviceLevel: trip.serviceLevel, ticketType }, rules).priceFen]),
  ) as Record<TicketType, Fen>;
}
