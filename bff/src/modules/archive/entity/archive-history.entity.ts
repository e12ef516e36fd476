import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { ArchiveKind, HistoryAction } from '@dzky/contracts';

/** One version of an archive record; the snapshot never holds personal data whole. */
@Table({ tableName: 'archive_history', timestamps: true, updatedAt: false })
export class ArchiveHistoryEntity extends Model {
  @Column({ type: DataType.BIGINT, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.STRING(16) }) declare kind: ArchiveKind;
  @Column({ type: DataType.INTEGER }) declare recordId: number;
  @Column({ type: DataType.INTEGER }) declare version: number;
  @Column({ type: DataType.STRING(16) }) declare action: HistoryAction;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare actorId: number | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare actorName: string | null;
  /** JSON object */
  @Column({ type: DataType.TEXT }) declare snapshot: string;
  declare createdAt: Date;
}
