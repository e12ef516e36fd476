import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { LocalizedName, StopType } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** 上下旅客地点; lng/lat are GCJ-02. */
@Table({ tableName: 'bd_stop', timestamps: true })
export class StopEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.STRING(32) })
  declare code: string;

  @Column(jsonColumn<LocalizedName>('name', { 'zh-CN': '' }))
  declare name: LocalizedName;

  @Column({ type: DataType.STRING(255) })
  declare address: string;

  @Column({ type: DataType.STRING(6) })
  declare regionCode: string;

  @Column({ type: DataType.DOUBLE })
  declare lng: number;

  @Column({ type: DataType.DOUBLE })
  declare lat: number;

  @Column({ type: DataType.STRING(16) })
  declare type: StopType;

  @Column({ type: DataType.BOOLEAN })
  declare enabled: boolean;

  declare createdAt: Date;
  declare updatedAt: Date;
}
