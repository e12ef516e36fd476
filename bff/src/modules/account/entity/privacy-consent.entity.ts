import { Column, DataType, Model, Table } from 'sequelize-typescript';

/** One acceptance of one privacy policy version: append-only evidence of consent. */
@Table({ tableName: 'privacy_consent', timestamps: false })
export class PrivacyConsentEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare endUserId: number;

  @Column({ type: DataType.STRING(16) })
  declare audience: 'passenger' | 'driver';

  @Column({ type: DataType.STRING(32) })
  declare policyVersion: string;

  @Column({ type: DataType.DATE(3) })
  declare acceptedAt: Date;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare ip: string | null;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare userAgent: string | null;
}
