import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { NoticeKind } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** A notice, service commitment or travel requirement published to passengers. */
@Table({ tableName: 'notice', timestamps: true })
export class NoticeEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.STRING(32) })
  declare kind: NoticeKind;

  @Column({ type: DataType.STRING(100) })
  declare title: string;

  @Column({ type: DataType.TEXT })
  declare body: string;

  @Column(jsonColumn<number[]>('lineIds', []))
  declare lineIds: number[];

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare validFrom: Date | null;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare validUntil: Date | null;

  @Column({ type: DataType.BOOLEAN })
  declare published: boolean;

  @Column({ type: DataType.INTEGER })
  declare priority: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare createdBy: number | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}
