import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { AuditCategory, AuditResult } from '@dzky/contracts';

/** Append-only: the service never updates or deletes a record; the HMAC chain shows if anyone did. */
@Table({ tableName: 'audit_record' })
export class AuditRecordEntity extends Model {
  @Column({ type: DataType.BIGINT, primaryKey: true, autoIncrement: true })
  declare id: number;

  /** position in the chain, 1, 2, 3 … without gaps */
  @Column({ type: DataType.BIGINT })
  declare seq: number;

  @Column({ type: DataType.DATE(3) })
  declare at: Date;

  @Column({ type: DataType.STRING(24) })
  declare category: AuditCategory;

  @Column({ type: DataType.STRING(64) })
  declare action: string;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare actorId: number | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare actorName: string | null;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare orgId: number | null;

  /** the acting user's org path, so audit administrators see only their subtree */
  @Column({ type: DataType.STRING(255), allowNull: true })
  declare orgPath: string | null;

  @Column({ type: DataType.STRING(32), allowNull: true })
  declare targetType: string | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare targetId: string | null;

  @Column({ type: DataType.STRING(16) })
  declare result: AuditResult;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare sourceIp: string | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare requestId: string | null;

  /** JSON text exactly as hashed */
  @Column({ type: DataType.TEXT, allowNull: true })
  declare detail: string | null;

  @Column({ type: DataType.STRING(64) })
  declare prevHash: string;

  @Column({ type: DataType.STRING(64) })
  declare hash: string;
}

@Table({ tableName: 'audit_head' })
export class AuditHeadEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @Column({ type: DataType.BIGINT })
  declare seq: number;

  @Column({ type: DataType.STRING(64) })
  declare hash: string;
}
