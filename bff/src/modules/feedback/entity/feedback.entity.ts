import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { ComplaintCategory, ComplaintChannel, ComplaintKind, ComplaintStatus, ComplaintTimelineEvent, RatingTag } from '@dzky/contracts';
import { jsonColumn } from '../../../common/db/json-column';

/** A passenger's rating of one order (one per order). */
@Table({ tableName: 'rating', timestamps: true })
export class RatingEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER }) declare endUserId: number;
  @Column({ type: DataType.STRING(64) }) declare clientKey: string;
  @Column({ type: DataType.STRING(64) }) declare requestHash: string;
  @Column({ type: DataType.INTEGER }) declare orderId: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.INTEGER }) declare routeId: number;
  @Column({ type: DataType.INTEGER }) declare tripId: number;
  /** YYYY-MM, Asia/Shanghai */
  @Column({ type: DataType.STRING(7) }) declare month: string;
  @Column({ type: DataType.INTEGER }) declare score: number;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare punctuality: number | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare vehicle: number | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare driver: number | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare service: number | null;
  @Column(jsonColumn<RatingTag[]>('tags', [])) declare tags: RatingTag[];
  @Column({ type: DataType.STRING(300), allowNull: true }) declare comment: string | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}

/** A complaint or a suggestion, with the state of its handling. */
@Table({ tableName: 'complaint', timestamps: true })
export class ComplaintEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(32) }) declare complaintNo: string;
  /** the passenger's account; null for a hotline call logged by customer service */
  @Column({ type: DataType.INTEGER, allowNull: true }) declare endUserId: number | null;
  @Column({ type: DataType.STRING(16) }) declare channel: ComplaintChannel;
  /** the staff user who logged a hotline call */
  @Column({ type: DataType.INTEGER, allowNull: true }) declare loggedBy: number | null;
  @Column({ type: DataType.STRING(64) }) declare clientKey: string;
  @Column({ type: DataType.STRING(64) }) declare requestHash: string;
  @Column({ type: DataType.STRING(16) }) declare kind: ComplaintKind;
  @Column({ type: DataType.STRING(16) }) declare category: ComplaintCategory;
  @Column({ type: DataType.TEXT }) declare content: string;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare orderId: number | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare orgId: number | null;
  @Column({ type: DataType.TEXT, allowNull: true }) declare contactPhoneEnc: string | null;
  @Column({ type: DataType.STRING(16) }) declare status: ComplaintStatus;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare acceptedAt: Date | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare resolvedAt: Date | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare closedAt: Date | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}

/** One step of a complaint's timeline (append only). */
@Table({ tableName: 'complaint_event', timestamps: true, updatedAt: false })
export class ComplaintEventEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER }) declare complaintId: number;
  @Column({ type: DataType.STRING(16) }) declare event: ComplaintTimelineEvent;
  @Column({ type: DataType.STRING(16), allowNull: true }) declare fromStatus: ComplaintStatus | null;
  @Column({ type: DataType.STRING(16) }) declare toStatus: ComplaintStatus;
  @Column({ type: DataType.TEXT, allowNull: true }) declare note: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare actorId: number | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare actorName: string | null;

  declare createdAt: Date;
}
