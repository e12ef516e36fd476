import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { ServiceLevel, TripStatus, VehicleType } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** A stop of the trip as the route had it when the trip was made (see migration 0007). */
export interface TripStopSnapshot {
  seq: number;
  stopId: number;
  distanceFromPrevM: number;
  minutesFromPrev: number;
  pickup: boolean;
  dropoff: boolean;
}

/** 班次: a departure of a route at a time with a capacity. */
@Table({ tableName: 'trip', timestamps: true })
export class TripEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.INTEGER })
  declare lineId: number;

  @Column({ type: DataType.INTEGER })
  declare routeId: number;

  @Column({ type: DataType.DATE(3) })
  declare departAt: Date;

  /** YYYY-MM-DD, Asia/Shanghai */
  @Column({ type: DataType.STRING(10) })
  declare departDate: string;

  /** HH:mm, Asia/Shanghai */
  @Column({ type: DataType.STRING(5) })
  declare departTime: string;

  @Column({ type: DataType.STRING(16) })
  declare vehicleType: VehicleType;

  @Column({ type: DataType.STRING(16) })
  declare serviceLevel: ServiceLevel;

  @Column({ type: DataType.INTEGER })
  declare capacity: number;

  @Column({ type: DataType.BOOLEAN })
  declare seatSelection: boolean;

  @Column(jsonColumn<TripStopSnapshot[]>('stops', []))
  declare stops: TripStopSnapshot[];

  @Column({ type: DataType.STRING(16) })
  declare status: TripStatus;

  @Column({ type: DataType.BOOLEAN })
  declare temporary: boolean;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare cancelReason: string | null;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare cancelledAt: Date | null;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare remark: string | null;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare createdBy: number | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}

/** Seats held or sold on one segment (stop segNo → stop segNo+1) of a trip. */
@Table({ tableName: 'trip_segment', timestamps: false })
export class TripSegmentEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare tripId: number;

  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare segNo: number;

  @Column({ type: DataType.INTEGER })
  declare sold: number;
}
