import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { Audience } from '@dzky/contracts';

/** One signed-in device. Access tokens name it; revoking it ends the session at once. */
@Table({ tableName: 'auth_session', timestamps: true, updatedAt: false })
export class AuthSessionEntity extends Model {
  @Column({ type: DataType.STRING(36), primaryKey: true })
  declare id: string;

  @Column({ type: DataType.STRING(16) })
  declare audience: Audience;

  @Column({ type: DataType.INTEGER })
  declare subjectId: number;

  @Column({ type: DataType.STRING(64) })
  declare refreshHash: string;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare previousRefreshHash: string | null;

  declare createdAt: Date;

  @Column({ type: DataType.DATE(3) })
  declare lastSeenAt: Date;

  @Column({ type: DataType.DATE(3) })
  declare expiresAt: Date;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare revokedAt: Date | null;

  @Column({ type: DataType.STRING(32), allowNull: true })
  declare revokedReason: string | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare ip: string | null;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare userAgent: string | null;
}

@Table({ tableName: 'security_setting', timestamps: true, createdAt: false })
export class SecuritySettingEntity extends Model {
  @Column({ type: DataType.STRING(64), primaryKey: true })
  declare key: string;

  @Column({ type: DataType.STRING(255) })
  declare value: string;

  declare updatedAt: Date;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare updatedBy: number | null;
}
