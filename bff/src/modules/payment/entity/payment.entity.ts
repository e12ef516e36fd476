import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { PaymentChannel, PaymentPurpose, PaymentStatus, RefundReason, RefundStatus } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** One attempt to collect an order's money through WeChat Pay (its own out_trade_no). */
@Table({ tableName: 'payment', timestamps: true })
export class PaymentEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.INTEGER }) declare orderId: number;
  @Column({ type: DataType.INTEGER }) declare endUserId: number;
  @Column({ type: DataType.STRING(32) }) declare outTradeNo: string;
  @Column({ type: DataType.STRING(16) }) declare purpose: PaymentPurpose;
  @Column({ type: DataType.STRING(16) }) declare channel: PaymentChannel;
  @Column({ type: DataType.STRING(32) }) declare appid: string;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare payerOpenid: string | null;
  @Column({ type: DataType.STRING(16) }) declare merchantMode: 'sub_merchant' | 'direct';
  /** the merchant whose key signs the calls: the service provider, or the direct merchant */
  @Column({ type: DataType.STRING(32) }) declare mchid: string;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare subMchid: string | null;
  @Column({ type: DataType.INTEGER }) declare amountFen: number;
  @Column({ type: DataType.INTEGER, defaultValue: 0 }) declare refundedFen: number;
  @Column({ type: DataType.STRING(16) }) declare status: PaymentStatus;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare prepayId: string | null;
  @Column({ type: DataType.STRING(255), allowNull: true }) declare codeUrl: string | null;
  @Column({ type: DataType.TEXT, allowNull: true }) declare h5Url: string | null;
  @Column({ type: DataType.DATE(3) }) declare timeExpire: Date;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare transactionId: string | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare paidAt: Date | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare closedAt: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** Part of one payment paid back. */
@Table({ tableName: 'refund', timestamps: true })
export class RefundEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.INTEGER }) declare orderId: number;
  @Column({ type: DataType.INTEGER }) declare paymentId: number;
  @Column({ type: DataType.INTEGER }) declare endUserId: number;
  @Column({ type: DataType.STRING(64) }) declare outRefundNo: string;
  /** the request this refund answers (a retry finds it again) */
  @Column({ type: DataType.STRING(96) }) declare requestKey: string;
  @Column({ type: DataType.STRING(16) }) declare reason: RefundReason;
  @Column({ type: DataType.STRING(255), allowNull: true }) declare remark: string | null;
  @Column({ type: DataType.INTEGER }) declare amountFen: number;
  @Column({ type: DataType.INTEGER, defaultValue: 0 }) declare feeFen: number;
  @Column(jsonColumn<number[]>('ticketIds', [])) declare ticketIds: number[];
  @Column({ type: DataType.STRING(16) }) declare status: RefundStatus;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare wechatRefundId: string | null;
  @Column({ type: DataType.STRING(255), allowNull: true }) declare error: string | null;
  @Column({ type: DataType.STRING(255), allowNull: true }) declare resolution: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare requestedBy: number | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare settledAt: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** Every WeChat Pay notification received, once (its id is unique), with what became of it. */
@Table({ tableName: 'payment_notification', timestamps: true, updatedAt: false })
export class PaymentNotificationEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.STRING(64) }) declare notificationId: string;
  @Column({ type: DataType.STRING(32) }) declare eventType: string;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare outTradeNo: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare outRefundNo: string | null;
  @Column({ type: DataType.STRING(16) }) declare outcome: 'applied' | 'duplicate' | 'rejected' | 'ignored';
  @Column({ type: DataType.STRING(255), allowNull: true }) declare detail: string | null;
  declare createdAt: Date;
}
