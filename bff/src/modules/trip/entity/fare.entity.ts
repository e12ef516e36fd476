import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { TradingRules } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** The base price of one origin–destination pair of a route (stop positions). */
@Table({ tableName: 'fare_pair', timestamps: true, createdAt: false })
export class FarePairEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.INTEGER })
  declare routeId: number;

  @Column({ type: DataType.INTEGER })
  declare fromSeq: number;

  @Column({ type: DataType.INTEGER })
  declare toSeq: number;

  @Column({ type: DataType.INTEGER })
  declare baseFen: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare updatedBy: number | null;

  declare updatedAt: Date;
}

/** An operator's trading rules (routeId 0) or a route's override. */
@Table({ tableName: 'trading_rules', timestamps: true, createdAt: false })
export class TradingRulesEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  /** 0 = the operator's rules */
  @Column({ type: DataType.INTEGER })
  declare routeId: number;

  @Column(jsonColumn<TradingRules | null>('rules', null))
  declare rules: TradingRules;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare updatedBy: number | null;

  declare updatedAt: Date;
}
