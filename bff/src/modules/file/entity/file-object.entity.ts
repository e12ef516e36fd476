import { Column, DataType, Model, Table } from 'sequelize-typescript';

/**
 * One uploaded file. The bytes live in object storage under `storageKey`; this row carries who owns
 * it (org, for tenancy checks), what it is, and a SHA-256 so a stored object can be verified.
 */
@Table({ tableName: 'file_object', timestamps: true, updatedAt: false })
export class FileObjectEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare uploaderAdminId: number | null;

  @Column({ type: DataType.STRING(255) })
  declare storageKey: string;

  @Column({ type: DataType.STRING(255) })
  declare originalName: string;

  @Column({ type: DataType.STRING(64) })
  declare contentType: string;

  @Column({ type: DataType.BIGINT })
  declare sizeBytes: number;

  @Column({ type: DataType.STRING(64) })
  declare sha256: string;

  @Column({ type: DataType.STRING(32) })
  declare purpose: string;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare deletedAt: Date | null;

  declare createdAt: Date;
}
