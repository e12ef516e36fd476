import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { BookingMode, IdType, OrderStatus, TicketStatus, TicketType } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** A door-to-door point as booked (GCJ-02). */
export interface BookedPoint {
  lng: number;
  lat: number;
  address: string | null;
}

/** One passenger's purchase on one trip (table booking_order: "order" is reserved in SQL). */
@Table({ tableName: 'booking_order', timestamps: true })
export class OrderEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(32) })
  declare orderNo: string;

  @Column({ type: DataType.INTEGER })
  declare endUserId: number;

  @Column({ type: DataType.STRING(64) })
  declare clientKey: string;

  /** SHA-256 of the normalised request, to tell a retry from a different order under the same key */
  @Column({ type: DataType.STRING(64) })
  declare requestHash: string;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.INTEGER })
  declare tripId: number;

  @Column({ type: DataType.STRING(8) })
  declare mode: BookingMode;

  @Column({ type: DataType.INTEGER })
  declare fromSeq: number;

  @Column({ type: DataType.INTEGER })
  declare toSeq: number;

  @Column(jsonColumn<BookedPoint | null>('pickupPoint', null, { allowNull: true }))
  declare pickupPoint: BookedPoint | null;

  @Column(jsonColumn<BookedPoint | null>('dropoffPoint', null, { allowNull: true }))
  declare dropoffPoint: BookedPoint | null;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare pickupZoneId: number | null;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare dropoffZoneId: number | null;

  @Column({ type: DataType.INTEGER })
  declare totalFen: number;

  @Column({ type: DataType.TEXT })
  declare contactPhoneEnc: string;

  @Column({ type: DataType.STRING(64) })
  declare contactPhoneBidx: string;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare remark: string | null;

  @Column({ type: DataType.STRING(24) })
  declare status: OrderStatus;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare holdExpiresAt: Date | null;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare cancelReason: string | null;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare paidAt: Date | null;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare closedAt: Date | null;

  /** money received for the order (a rebooked order carries its predecessor's), and paid back */
  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare paidFen: number;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare refundedFen: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare rebookedFromOrderId: number | null;

  /** rebookings so far along the chain of orders */
  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare rebookCount: number;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare rebookFeeFen: number;

  declare createdAt: Date;
  declare updatedAt: Date;
}

/** One rider's seat on a trip: from stop fromSeq to stop toSeq. */
@Table({ tableName: 'ticket', timestamps: true })
export class TicketEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(32) })
  declare ticketNo: string;

  @Column({ type: DataType.INTEGER })
  declare orderId: number;

  @Column({ type: DataType.INTEGER })
  declare tripId: number;

  @Column({ type: DataType.INTEGER })
  declare riderId: number;

  @Column({ type: DataType.STRING(64) })
  declare riderName: string;

  @Column({ type: DataType.STRING(16) })
  declare idType: IdType;

  @Column({ type: DataType.TEXT })
  declare idNumberEnc: string;

  @Column({ type: DataType.STRING(64) })
  declare idNumberBidx: string;

  @Column({ type: DataType.STRING(24) })
  declare ticketType: TicketType;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare seatNo: number | null;

  @Column({ type: DataType.INTEGER })
  declare fromSeq: number;

  @Column({ type: DataType.INTEGER })
  declare toSeq: number;

  @Column({ type: DataType.INTEGER })
  declare priceFen: number;

  @Column({ type: DataType.STRING(16) })
  declare status: TicketStatus;

  /** what the rider's seat was paid with (carried over by rebooking) */
  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare paidFen: number;

  /** the refund that returned it */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare refundId: number | null;

  /** true while the ticket holds a seat, null after (unique per trip and ID number while live) */
  @Column({ type: DataType.BOOLEAN, allowNull: true })
  declare live: boolean | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}

/** Seat selection: seat seatNo is taken on segment segNo of the trip by the ticket. */
@Table({ tableName: 'seat_occupancy', timestamps: false })
export class SeatOccupancyEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare tripId: number;

  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare seatNo: number;

  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare segNo: number;

  @Column({ type: DataType.INTEGER })
  declare ticketId: number;
}
