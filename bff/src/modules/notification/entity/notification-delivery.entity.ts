import { Column, DataType, Model, Table } from 'sequelize-typescript';

export type DeliveryChannel = 'sms' | 'wechat';
export type DeliveryStatus = 'sent' | 'failed';

/** One message to a passenger and what became of it (R-6.2.5: every delivery recorded). */
@Table({ tableName: 'notification_delivery', timestamps: true, updatedAt: false })
export class NotificationDeliveryEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare endUserId: number | null;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare orderId: number | null;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare tripId: number | null;

  /** what the message was about, e.g. trip.cancelled */
  @Column({ type: DataType.STRING(32) })
  declare kind: string;

  @Column({ type: DataType.STRING(16) })
  declare channel: DeliveryChannel;

  @Column({ type: DataType.STRING(16) })
  declare status: DeliveryStatus;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare providerRef: string | null;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare error: string | null;

  declare createdAt: Date;
}
