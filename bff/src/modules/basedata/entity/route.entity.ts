import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { ZoneGeometry, ZoneKind } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** A route (线路) of a line: an ordered subset of its stops, with pickup/drop-off zones. */
@Table({ tableName: 'bd_route', timestamps: true })
export class RouteEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.INTEGER })
  declare lineId: number;

  @Column({ type: DataType.STRING(32) })
  declare code: string;

  @Column({ type: DataType.STRING(100) })
  declare name: string;

  @Column({ type: DataType.BOOLEAN })
  declare enabled: boolean;

  declare createdAt: Date;
  declare updatedAt: Date;
}

@Table({ tableName: 'bd_route_stop', timestamps: false })
export class RouteStopEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare routeId: number;

  @Column({ type: DataType.INTEGER })
  declare seq: number;

  @Column({ type: DataType.INTEGER })
  declare stopId: number;

  @Column({ type: DataType.INTEGER })
  declare distanceFromPrevM: number;

  @Column({ type: DataType.INTEGER })
  declare minutesFromPrev: number;

  @Column({ type: DataType.BOOLEAN })
  declare pickup: boolean;

  @Column({ type: DataType.BOOLEAN })
  declare dropoff: boolean;
}

/** A geofence polygon (GCJ-02) attached to a stop position of a route. */
@Table({ tableName: 'bd_zone', timestamps: true })
export class ZoneEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.INTEGER })
  declare routeId: number;

  @Column({ type: DataType.STRING(64) })
  declare name: string;

  @Column({ type: DataType.STRING(8) })
  declare kind: ZoneKind;

  @Column({ type: DataType.INTEGER })
  declare stopSeq: number;

  @Column(jsonColumn<ZoneGeometry>('geometry', { type: 'Polygon', coordinates: [] }))
  declare geometry: ZoneGeometry;

  @Column({ type: DataType.DOUBLE }) declare minLng: number;
  @Column({ type: DataType.DOUBLE }) declare minLat: number;
  @Column({ type: DataType.DOUBLE }) declare maxLng: number;
  @Column({ type: DataType.DOUBLE }) declare maxLat: number;

  declare createdAt: Date;
  declare updatedAt: Date;
}
