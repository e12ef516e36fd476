import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { ArchiveKind, DeliveryChannel, DeliveryResult, ExpiryDocument } from '@dzky/contracts';

/** A document reached an expiry threshold (30/15/7/0 days); unique per document, date and threshold. */
@Table({ tableName: 'expiry_warning', timestamps: true, updatedAt: false })
export class ExpiryWarningEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.STRING(16) }) declare kind: ArchiveKind;
  @Column({ type: DataType.INTEGER }) declare recordId: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.STRING(24) }) declare document: ExpiryDocument;
  @Column({ type: DataType.STRING(10) }) declare expiresOn: string;
  @Column({ type: DataType.INTEGER }) declare threshold: number;
  @Column({ type: DataType.BOOLEAN }) declare open: boolean;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare closedAt: Date | null;
  declare createdAt: Date;
}

/** One attempt to tell a driver about a warning, by WeChat subscribe message or SMS. */
@Table({ tableName: 'expiry_delivery', timestamps: true, updatedAt: false })
export class ExpiryDeliveryEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.INTEGER }) declare warningId: number;
  @Column({ type: DataType.STRING(8) }) declare channel: DeliveryChannel;
  @Column({ type: DataType.STRING(16) }) declare result: DeliveryResult;
  @Column({ type: DataType.STRING(255), allowNull: true }) declare detail: string | null;
  declare createdAt: Date;
}
