import { Column, DataType, Model, Table } from 'sequelize-typescript';
import { jsonColumn } from '../../../common/db/json-column';

/** One version of a stop, line or route: who changed it, when, and the record before and after. */
@Table({ tableName: 'bd_version', timestamps: false })
export class BasedataVersionEntity extends Model {
  @Column({ type: DataType.BIGINT, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(16) })
  declare entityType: 'stop' | 'line' | 'route';

  @Column({ type: DataType.INTEGER })
  declare entityId: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.STRING(16) })
  declare action: string;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare actorId: number | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare actorName: string | null;

  @Column({ type: DataType.DATE(3) })
  declare at: Date;

  @Column(jsonColumn<Record<string, unknown> | null>('dataBefore', null, { allowNull: true }))
  declare dataBefore: Record<string, unknown> | null;

  @Column(jsonColumn<Record<string, unknown> | null>('dataAfter', null, { allowNull: true }))
  declare dataAfter: Record<string, unknown> | null;
}
