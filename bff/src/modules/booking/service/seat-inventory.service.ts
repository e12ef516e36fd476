import { Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, UniqueConstraintError, literal, type Transaction } from 'sequelize';
import { segmentsOf } from '@dzky/contracts';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import { TripSegmentEntity, type TripEntity } from '../../trip/entity';
import { SeatOccupancyEntity } from '../entity';

export interface SeatRequest {
  ticketId: number;
  /** trips with seat selection: the seat the rider chose; left out: one is chosen */
  seatNo?: number | null;
  /** where a refusal points in the request (e.g. riders.0.seatNo) */
  field?: string;
}

export interface HeldSeat {
  ticketId: number;
  seatNo: number | null;
}

export interface ReleasableTicket {
  id: number;
  tripId: number;
  fromSeq: number;
  toSeq: number;
}

/**
 * Seat inventory by segment (design.md §3 "Capacity"). A journey a→b holds segments a … b−1; the
 * seats of every segment are counted in trip_segment.sold and raised only by ONE conditional UPDATE
 * per hold, which the database applies to all the journey's segments or — when any of them is
 * full — to fewer of them, and then the whole hold is refused and its transaction rolls back. That
 * check-and-increment is atomic on both databases, so concurrent bookings can never oversell, however
 * they interleave.
 *
 * Trips with seat selection also record who sits where on each segment (seat_occupancy); its primary
 * key (trip, seat, segment) refuses a second rider on a seat.
 *
 * Every method runs inside the caller's transaction, which must hold the trip row (the capacity read).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SeatInventoryService {
  async hold(t: Transaction, trip: TripEntity, fromSeq: number, toSeq: number, seats: SeatRequest[]): Promise<HeldSeat[]> {
    if (!t) throw new Error('seats are held only inside a transaction');
    if (!seats.length) return [];
    const segments = segmentsOf(fromSeq, toSeq);
    const n = seats.length;
    const capacity = Number(trip.capacity);
    if (!Number.isInteger(n) || !Number.isInteger(capacity)) throw new Error('seat counts must be integers');
    const [affected] = await TripSegmentEntity.update(
      { sold: literal(`sold + ${n}`) },
      {
        where: {
          tripId: trip.id,
          segNo: { [Op.between]: [segments[0], segments[segments.length - 1]] },
          [Op.and]: [literal(`sold + ${n} <= ${capacity}`)],
        },
        transaction: t,
      },
    );
    if (affected !== segments.length) {
      throw new DomainError('ORDER.SEAT_SOLD_OUT', n > 1 ? `余票不足 ${n} 张，请减少乘车人或选择其他班次` : undefined);
    }
    if (!trip.seatSelection) return seats.map((s) => ({ ticketId: s.ticketId, seatNo: null }));
    return this.occupy(t, trip, segments, seats);
  }

  /** Gives the seats of these tickets back: counters down (never below 0), seat assignments gone. */
  async release(t: Transaction, tickets: ReleasableTicket[]): Promise<void> {
    if (!t) throw new Error('seats are released only inside a transaction');
    const journeys = new Map<string, { tripId: number; fromSeq: number; toSeq: number; n: number }>();
    for (const tk of tickets) {
      const key = `${tk.tripId}:${tk.fromSeq}:${tk.toSeq}`;
      const j = journeys.get(key) ?? { tripId: tk.tripId, fromSeq: tk.fromSeq, toSeq: tk.toSeq, n: 0 };
      j.n++;
      journeys.set(key, j);
    }
    for (const j of journeys.values()) {
      const segments = segmentsOf(j.fromSeq, j.toSeq);
      await TripSegmentEntity.update(
        { sold: literal(`CASE WHEN sold >= ${j.n} THEN sold - ${j.n} ELSE 0 END`) },
        { where: { tripId: j.tripId, segNo: { [Op.between]: [segments[0], segments[segments.length - 1]] } }, transaction: t },
      );
    }
    if (tickets.length) {
      await SeatOccupancyEntity.destroy({ where: { ticketId: { [Op.in]: tickets.map((tk) => tk.id) } }, transaction: t });
    }
  }

  private async taken(tripId: number, segments: number[], t?: Transaction): Promise<Set<number>> {
    const rows = await SeatOccupancyEntity.findAll({
      where: { tripId, segNo: { [Op.in]: segments } },
      attributes: ['seatNo'],
      transaction: t,
    });
    return new Set(rows.map((r) => Number(r.seatNo)));
  }

  private async occupy(t: Transaction, trip: TripEntity, segments: number[], seats: SeatRequest[]): Promise<HeldSeat[]> {
    const taken = await this.taken(trip.id, segments, t);
    const errors: { field: string; reason: string }[] = [];
    const wanted = new Set<number>();
    seats.forEach((s, i) => {
      if (s.seatNo === undefined || s.seatNo === null) return;
      const field = s.field ?? `seats.${i}.seatNo`;
      if (!Number.isInteger(s.seatNo) || s.seatNo < 1 || s.seatNo > trip.capacity) errors.push({ field, reason: `座位号应为 1–${trip.capacity}` });
      else if (wanted.has(s.seatNo)) errors.push({ field, reason: `座位 ${s.seatNo} 不能重复选择` });
      wanted.add(s.seatNo);
    });
    if (errors.length) throw new ValidationError(errors);
    const takenNow = seats.filter((s) => s.seatNo && taken.has(s.seatNo));
    if (takenNow.length) throw this.seatTaken(takenNow.map((s, i) => ({ field: s.field ?? `seats.${i}.seatNo`, seatNo: s.seatNo! })));

    // the rest sit in the lowest seats free for the whole journey
    const free = Array.from({ length: trip.capacity }, (_, i) => i + 1).filter((s) => !taken.has(s) && !wanted.has(s));
    const held = seats.map((s) => ({ ticketId: s.ticketId, seatNo: s.seatNo ?? free.shift() ?? null }));
    // the counters said there is room; the seat map disagreeing means it is out of step: refuse
    if (held.some((h) => h.seatNo === null)) throw new DomainError('ORDER.SEAT_SOLD_OUT');
    try {
      await SeatOccupancyEntity.bulkCreate(
        held.flatMap((h) => segments.map((segNo) => ({ tripId: trip.id, seatNo: h.seatNo, segNo, ticketId: h.ticketId }))),
        { transaction: t },
      );
    } catch (e) {
      // another booking took the seat between our read and our insert (MariaDB; SQLite writers are serial)
      if (e instanceof UniqueConstraintError) throw this.seatTaken([]);
      throw e;
    }
    return held;
  }

  private seatTaken(which: { field: string; seatNo: number }[]): DomainError {
    const message = which.length ? `座位 ${which.map((w) => w.seatNo).join('、')} 已被占用，请重新选座` : undefined;
    return new DomainError('ORDER.SEAT_TAKEN', message, { errors: which.map((w) => ({ field: w.field, reason: `座位 ${w.seatNo} 已被占用` })) });
  }
}
