import { createHash, randomInt } from 'crypto';
import { UniqueConstraintError } from 'sequelize';
import type { OrderCreateRequest } from '@dzky/contracts';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import { OrderEntity } from '../entity';
import { shanghaiDay, shanghaiTime } from '../../trip/service/trip-rules';

/** Blind-index purpose of an order's contact phone (admin search by phone). */
export const CONTACT_PHONE_INDEX = 'booking_order.contact_phone';

/** yyMMddHHmmss in Asia/Shanghai. */
function chinaStamp(now: Date): string {
  return `${shanghaiDay(now).slice(2)}${shanghaiTime(now)}${String(now.getUTCSeconds()).padStart(2, '0')}`.replace(/[-:]/g, '');
}

/**
 * 'DZ' + yyMMddHHmmss (Shanghai) + 6 random digits: readable on the phone to customer service, sortable
 * by time, and a million numbers per second before two could meet (the unique index stops that).
 */
export function newOrderNo(now: Date = new Date()): string {
  return `DZ${chinaStamp(now)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** The order's number and the ticket's position: unique because the order number is. */
export function ticketNo(orderNo: string, index: number): string {
  return `${orderNo}${String(index + 1).padStart(2, '0')}`;
}

/**
 * SHA-256 over what the client asked for, in a fixed shape: a retry of the same booking hashes the
 * same; the same key reused for another booking does not. The key itself is left out.
 */
export function requestHash(r: OrderCreateRequest): string {
  const point = (p: OrderCreateRequest['pickup']) =>
    p ? { lng: p.lng, lat: p.lat, coordSys: p.coordSys ?? 'gcj02', address: p.address?.trim() || null } : null;
  const canonical = {
    tripId: r.tripId,
    mode: r.mode,
    fromSeq: r.mode === 'fixed' ? r.fromSeq : null,
    toSeq: r.mode === 'fixed' ? r.toSeq : null,
    pickup: r.mode === 'door' ? point(r.pickup) : null,
    dropoff: r.mode === 'door' ? point(r.dropoff) : null,
    riders: r.riders.map((x) => ({ riderId: x.riderId, ticketType: x.ticketType, seatNo: x.seatNo ?? null })),
    contactPhone: r.contactPhone,
    remark: r.remark?.trim() || null,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Which unique index a UniqueConstraintError came from (SQLite names the columns, MariaDB the index). */
export function violatedIndex(e: UniqueConstraintError): 'client_key' | 'rider_seat' | 'seat' | 'order_no' | 'other' {
  const text = [
    e.message,
    (e as any).parent?.message,
    (e as any).original?.message,
    JSON.stringify((e as any).fields ?? {}),
  ].join(' ');
  if (/client_key/.test(text)) return 'client_key';
  if (/id_number_bidx|one_seat_per_rider/.test(text)) return 'rider_seat';
  if (/seat_occupancy|seg_no/.test(text)) return 'seat';
  if (/order_no/.test(text)) return 'order_no';
  return 'other';
}

/**
 * InnoDB picked this transaction as a deadlock victim and rolled it back whole (MariaDB error 1213).
 * Running the same work again is what the server expects of its clients; nothing of it was kept.
 */
export function isDeadlock(e: unknown): boolean {
  const err = e as { parent?: { code?: string; errno?: number }; original?: { code?: string; errno?: number } } | null;
  const cause = err?.parent ?? err?.original;
  return cause?.code === 'ER_LOCK_DEADLOCK' || cause?.errno === 1213;
}

/**
 * Runs a whole transaction again when the database rolled it back as a deadlock victim, a few times
 * with a short random pause; after that the caller gets CONFLICT (409: try again) rather than a 500.
 * `work` must open its own transaction and read everything it decides on inside it.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!isDeadlock(e)) throw e;
      if (attempt >= attempts) throw new DomainError('CONFLICT', '当前操作人数较多，请稍后重试');
      await new Promise((resolve) => setTimeout(resolve, 5 + randomInt(0, 20 * attempt)));
    }
  }
}

/**
 * The passenger's own order; any other ID answers 404, exactly like one that does not exist (every
 * passenger-facing read and write of an order goes through here).
 */
export async function ownOrderOf(endUserId: number, id: number): Promise<OrderEntity> {
  const order = Number.isSafeInteger(id) && id > 0 ? await OrderEntity.findOne({ where: { id, endUserId } }) : null;
  if (!order) throw new NotFoundError('订单');
  return order;
}
