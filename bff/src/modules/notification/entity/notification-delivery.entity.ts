import { Column, DataType, Model, Table } from 'sequelize-typescript';

export type DeliveryChannel = 'sms' | 'wechat';
/** 'pending' while a send is under way: the row claims the message before it goes out */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

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

  /** what the message was about: a NotificationKind (rows written before trip cancellations went through send(): trip.cancelled) */
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

  /**
   * the caller's idempotency key (e.g. payment:<outTradeNo>), on the first row of an attempt: unique
   * with kind and channel, so one message is sent once per channel however often the caller retries
   */
  @Column({ type: DataType.STRING(96), allowNull: true })
  declare dedupeKey: string | null;

  declare createdAt: Date;
}
