import { Column, DataType, Model, Table } from 'sequelize-typescript';

@Table({ tableName: 'admin_user', timestamps: true })
export class AdminUserEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(64) })
  declare username: string;

  @Column({ type: DataType.STRING(64) })
  declare displayName: string;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  /** encrypted (FieldCipher) */
  @Column({ type: DataType.TEXT, allowNull: true })
  declare phoneEnc: string | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare phoneBidx: string | null;

  @Column({ type: DataType.STRING(255) })
  declare passwordHash: string;

  @Column({ type: DataType.DATE(3) })
  declare passwordChangedAt: Date;

  @Column({ type: DataType.BOOLEAN })
  declare mustChangePassword: boolean;

  /** encrypted TOTP secret once enrolment is confirmed */
  @Column({ type: DataType.TEXT, allowNull: true })
  declare totpSecretEnc: string | null;

  /** encrypted TOTP secret offered at first sign-in, until the first code confirms it */
  @Column({ type: DataType.TEXT, allowNull: true })
  declare totpPendingEnc: string | null;

  /** the last accepted 30-second step: a code is never accepted twice */
  @Column({ type: DataType.BIGINT, allowNull: true })
  declare totpLastStep: number | null;

  @Column({ type: DataType.INTEGER })
  declare failedAttempts: number;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare lockedUntil: Date | null;

  @Column({ type: DataType.BOOLEAN })
  declare enabled: boolean;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare lastLoginAt: Date | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}

@Table({ tableName: 'admin_user_role' })
export class AdminUserRoleEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare userId: number;

  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare roleId: number;
}
