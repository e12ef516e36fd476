import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { OutboxAggregateType, OutboxEventType } from '@dzky/contracts';
import { jsonColumn } from '../db/json-column';

/** A business event waiting for (or already given to) the regulator feeds; see contracts/outbox.ts. */
@Table({ tableName: 'outbox_event', timestamps: false })
export class OutboxEventEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(48) })
  declare type: OutboxEventType;

  @Column({ type: DataType.INTEGER })
  declare version: number;

  @Column({ type: DataType.STRING(16) })
  declare aggregateType: OutboxAggregateType;

  @Column({ type: DataType.INTEGER })
  declare aggregateId: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column(jsonColumn<unknown>('payload', null))
  declare payload: unknown;

  @Column({ type: DataType.DATE(3) })
  declare occurredAt: Date;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare publishedAt: Date | null;

  @Column({ type: DataType.INTEGER })
  declare attempts: number;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare lastError: string | null;
}
