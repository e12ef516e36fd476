import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { InvoiceBuyerType, InvoiceKind, InvoiceStatus } from '@dzky/contracts';

/** One invoice asked of the e-invoice provider: blue, or the red letter reversing a blue one. */
@Table({ tableName: 'invoice', timestamps: true })
export class InvoiceEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.INTEGER }) declare orderId: number;
  @Column({ type: DataType.INTEGER }) declare endUserId: number;
  @Column({ type: DataType.STRING(8) }) declare kind: InvoiceKind;
  @Column({ type: DataType.STRING(16) }) declare status: InvoiceStatus;
  /** how it came to be, unique: app:<endUserId>:<clientKey>, red:<blueId>, reissue:<redId> */
  @Column({ type: DataType.STRING(96) }) declare requestKey: string;
  /** SHA-256 of the passenger's request, to tell a retry from another request under the same key */
  @Column({ type: DataType.STRING(64), allowNull: true }) declare requestHash: string | null;
  /** the provider's idempotency key; a new one for each retry after a failure */
  @Column({ type: DataType.STRING(64) }) declare requestNo: string;
  @Column({ type: DataType.STRING(16) }) declare buyerType: InvoiceBuyerType;
  @Column({ type: DataType.STRING(100) }) declare title: string;
  @Column({ type: DataType.STRING(20), allowNull: true }) declare taxId: string | null;
  @Column({ type: DataType.STRING(100), allowNull: true }) declare email: string | null;
  @Column({ type: DataType.STRING(100) }) declare sellerName: string;
  @Column({ type: DataType.STRING(20) }) declare sellerTaxId: string;
  /** including tax; negative on a red-letter invoice */
  @Column({ type: DataType.INTEGER }) declare amountFen: number;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare taxFen: number | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare reversesInvoiceId: number | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare serialNo: string | null;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare invoiceNo: string | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare issuedAt: Date | null;
  @Column({ type: DataType.STRING(255), allowNull: true }) declare failReason: string | null;
  /** the PDF in object storage */
  @Column({ type: DataType.STRING(200), allowNull: true }) declare fileKey: string | null;
  @Column({ type: DataType.INTEGER, defaultValue: 0 }) declare attempts: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
