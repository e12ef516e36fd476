import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction } from 'sequelize';
import {
  maskIdNumber, maskPhone,
  type AdminOrderListItem, type LocalizedName, type OrderEvent, type OrderEventPayloadV1, type OrderListItem, type OrderPlace,
  type OrderView, type OutboxTicketV1, type TicketView,
} from '@dzky/contracts';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import { OrgEntity } from '../../access/entity/org.entity';
import { LineEntity, RouteEntity, StopEntity, ZoneEntity } from '../../basedata/entity';
import { TripEntity } from '../../trip/entity';
import { OrderEntity, TicketEntity } from '../entity';
import { journeyTimes } from '../../trip/service/trip-rules';

/** What an order's views need besides the order: its trip, line, route, operator, stops and zones. */
export interface OrderContext {
  trip: TripEntity;
  lineName: string;
  licenceNo: string;
  routeName: string;
  orgName: string;
  stopOf: (seq: number) => { code: string; name: LocalizedName } | null;
  plannedAt: (seq: number) => Date;
  zoneName: (zoneId: number | null) => string | null;
}

const NO_NAME: LocalizedName = { 'zh-CN': '' };

/**
 * Turns orders and tickets into what clients and the outbox see. ID and phone numbers leave only
 * masked (design.md §3 "Personal data"); stop names and times come from the trip's own stop snapshot,
 * so a later edit of the route never changes what a booked ticket says.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class OrderPresenter {
  @Inject() private cipher: FieldCipher;

  /** Contexts for the trips of these orders, loaded in a handful of queries whatever their number. */
  async contexts(orders: Array<Pick<OrderEntity, 'tripId' | 'pickupZoneId' | 'dropoffZoneId'>>, t?: Transaction): Promise<Map<number, OrderContext>> {
    const tripIds = [...new Set(orders.map((o) => o.tripId))];
    if (!tripIds.length) return new Map();
    const trips = await TripEntity.findAll({ where: { id: { [Op.in]: tripIds } }, transaction: t });
    return this.contextsOfTrips(trips, orders.flatMap((o) => [o.pickupZoneId, o.dropoffZoneId]), t);
  }

  async contextsOfTrips(trips: TripEntity[], zoneIds: Array<number | null> = [], t?: Transaction): Promise<Map<number, OrderContext>> {
    const ids = <T>(values: T[]) => [...new Set(values.filter((v) => v !== null && v !== undefined))];
    const stopIds = ids(trips.flatMap((tr) => tr.stops.map((s) => s.stopId)));
    const wantedZones = ids(zoneIds) as number[];
    const [lines, routes, orgs, stops, zones] = await Promise.all([
      LineEntity.findAll({ where: { id: { [Op.in]: ids(trips.map((tr) => tr.lineId)) } }, attributes: ['id', 'name', 'licenceNo'], transaction: t }),
      RouteEntity.findAll({ where: { id: { [Op.in]: ids(trips.map((tr) => tr.routeId)) } }, attributes: ['id', 'name'], transaction: t }),
      OrgEntity.findAll({ where: { id: { [Op.in]: ids(trips.map((tr) => tr.orgId)) } }, attributes: ['id', 'name'], transaction: t }),
      stopIds.length ? StopEntity.findAll({ where: { id: { [Op.in]: stopIds } }, attributes: ['id', 'code', 'name'], transaction: t }) : [],
      wantedZones.length ? ZoneEntity.findAll({ where: { id: { [Op.in]: wantedZones } }, attributes: ['id', 'name'], transaction: t }) : [],
    ]);
    const lineById = new Map(lines.map((l) => [l.id, l]));
    const routeById = new Map(routes.map((r) => [r.id, r]));
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const stopById = new Map(stops.map((s) => [s.id, s]));
    const zoneById = new Map(zones.map((z) => [z.id, z]));
    const result = new Map<number, OrderContext>();
    for (const trip of trips) {
      const times = new Map(journeyTimes(trip, trip.stops).map((s) => [s.seq, s.plannedAt]));
      const bySeq = new Map(trip.stops.map((s) => [s.seq, s]));
      const line = lineById.get(trip.lineId);
      result.set(trip.id, {
        trip,
        lineName: line?.name ?? '',
        licenceNo: line?.licenceNo ?? '',
        routeName: routeById.get(trip.routeId)?.name ?? '',
        orgName: orgById.get(trip.orgId)?.name ?? '',
        stopOf: (seq) => {
          const stop = stopById.get(bySeq.get(seq)?.stopId ?? -1);
          return stop ? { code: stop.code, name: stop.name } : null;
        },
        plannedAt: (seq) => times.get(seq) ?? trip.departAt,
        zoneName: (zoneId) => (zoneId ? (zoneById.get(zoneId)?.name ?? null) : null),
      });
    }
    return result;
  }

  async ticketsOf(orderIds: number[], t?: Transaction): Promise<Map<number, TicketEntity[]>> {
    const map = new Map<number, TicketEntity[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return map;
    const tickets = await TicketEntity.findAll({ where: { orderId: { [Op.in]: orderIds } }, order: [['id', 'ASC']], transaction: t });
    for (const tk of tickets) map.get(tk.orderId)?.push(tk);
    return map;
  }

  /** Full views of orders, in the order given. */
  async views(orders: OrderEntity[], t?: Transaction): Promise<OrderView[]> {
    const [contexts, tickets] = await Promise.all([this.contexts(orders, t), this.ticketsOf(orders.map((o) => o.id), t)]);
    return orders.map((o) => this.view(o, tickets.get(o.id) ?? [], contexts.get(o.tripId)!));
  }

  async viewOf(order: OrderEntity, t?: Transaction): Promise<OrderView> {
    return (await this.views([order], t))[0];
  }

  view(o: OrderEntity, tickets: TicketEntity[], ctx: OrderContext): OrderView {
    const { trip } = ctx;
    return {
      id: o.id,
      orderNo: o.orderNo,
      status: o.status,
      mode: o.mode,
      tripId: o.tripId,
      orgId: o.orgId,
      orgName: ctx.orgName,
      lineName: ctx.lineName,
      routeName: ctx.routeName,
      departAt: trip.departAt.toISOString(),
      vehicleType: trip.vehicleType,
      serviceLevel: trip.serviceLevel,
      from: this.place(ctx, o.fromSeq, o.pickupPoint, o.pickupZoneId),
      to: this.place(ctx, o.toSeq, o.dropoffPoint, o.dropoffZoneId),
      tickets: tickets.map((tk) => this.ticket(tk)),
      totalFen: o.totalFen,
      contactPhoneMasked: maskPhone(this.cipher.decrypt(o.contactPhoneEnc)),
      remark: o.remark,
      holdExpiresAt: o.status === 'pending_payment' && o.holdExpiresAt ? o.holdExpiresAt.toISOString() : null,
      cancelReason: o.cancelReason,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    };
  }

  place(ctx: OrderContext, seq: number, point: OrderEntity['pickupPoint'], zoneId: number | null): OrderPlace {
    return {
      seq,
      stopName: ctx.stopOf(seq)?.name ?? NO_NAME,
      plannedAt: ctx.plannedAt(seq).toISOString(),
      point: point ? { lng: point.lng, lat: point.lat, address: point.address ?? null } : null,
      zoneName: ctx.zoneName(zoneId),
    };
  }

  ticket(tk: TicketEntity): TicketView {
    return {
      id: tk.id,
      ticketNo: tk.ticketNo,
      riderId: tk.riderId,
      riderName: tk.riderName,
      idType: tk.idType,
      idNumberMasked: maskIdNumber(this.cipher.decrypt(tk.idNumberEnc)),
      ticketType: tk.ticketType,
      seatNo: tk.seatNo ?? null,
      priceFen: tk.priceFen,
      status: tk.status,
    };
  }

  async listItems(orders: OrderEntity[]): Promise<OrderListItem[]> {
    const [contexts, counts] = await Promise.all([this.contexts(orders), this.riderCounts(orders.map((o) => o.id))]);
    return orders.map((o) => this.listItem(o, contexts.get(o.tripId)!, counts.get(o.id) ?? 0));
  }

  async adminListItems(orders: OrderEntity[]): Promise<AdminOrderListItem[]> {
    const [contexts, counts] = await Promise.all([this.contexts(orders), this.riderCounts(orders.map((o) => o.id))]);
    return orders.map((o) => {
      const ctx = contexts.get(o.tripId)!;
      return {
        ...this.listItem(o, ctx, counts.get(o.id) ?? 0),
        orgName: ctx.orgName,
        endUserId: o.endUserId,
        contactPhoneMasked: maskPhone(this.cipher.decrypt(o.contactPhoneEnc)),
        mode: o.mode,
      };
    });
  }

  private listItem(o: OrderEntity, ctx: OrderContext, riderCount: number): OrderListItem {
    return {
      id: o.id,
      orderNo: o.orderNo,
      status: o.status,
      tripId: o.tripId,
      lineName: ctx.lineName,
      departAt: ctx.trip.departAt.toISOString(),
      fromName: ctx.stopOf(o.fromSeq)?.name['zh-CN'] ?? '',
      toName: ctx.stopOf(o.toSeq)?.name['zh-CN'] ?? '',
      riderCount,
      totalFen: o.totalFen,
      holdExpiresAt: o.status === 'pending_payment' && o.holdExpiresAt ? o.holdExpiresAt.toISOString() : null,
      createdAt: o.createdAt.toISOString(),
    };
  }

  private async riderCounts(orderIds: number[]): Promise<Map<number, number>> {
    const tickets = await this.ticketsOf(orderIds);
    return new Map([...tickets].map(([id, list]) => [id, list.length]));
  }

  /** The outbox payload (version 1) of an order event; the feeds get ID numbers masked. */
  payload(o: OrderEntity, tickets: TicketEntity[], ctx: OrderContext, event: OrderEvent | 'ORDER_CREATED', reason: string | null): OrderEventPayloadV1 {
    return {
      orderNo: o.orderNo,
      orderId: o.id,
      event,
      status: o.status,
      mode: o.mode,
      tripId: o.tripId,
      routeId: ctx.trip.routeId,
      lineId: ctx.trip.lineId,
      licenceNo: ctx.licenceNo,
      departAt: ctx.trip.departAt.toISOString(),
      fromStopCode: ctx.stopOf(o.fromSeq)?.code ?? '',
      toStopCode: ctx.stopOf(o.toSeq)?.code ?? '',
      fromSeq: o.fromSeq,
      toSeq: o.toSeq,
      totalFen: o.totalFen,
      tickets: tickets.map((tk): OutboxTicketV1 => ({
        ticketNo: tk.ticketNo,
        riderName: tk.riderName,
        idType: tk.idType,
        idNumberMasked: maskIdNumber(this.cipher.decrypt(tk.idNumberEnc)),
        ticketType: tk.ticketType,
        seatNo: tk.seatNo ?? null,
        priceFen: tk.priceFen,
        status: tk.status,
      })),
      reason,
    };
  }
}
