import { Column, DataType, Model, Table } from 'sequelize-typescript';

/** A passenger or a driver account of the mini-programs and H5 builds. */
@Table({ tableName: 'end_user', timestamps: true })
export class EndUserEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(16) })
  declare audience: 'passenger' | 'driver';

  @Column({ type: DataType.TEXT, allowNull: true })
  declare phoneEnc: string | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare phoneBidx: string | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare nickname: string | null;

  @Column({ type: DataType.STRING(32), allowNull: true })
  declare privacyVersion: string | null;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare privacyAt: Date | null;

  @Column({ type: DataType.BOOLEAN })
  declare enabled: boolean;

  declare createdAt: Date;
  declare updatedAt: Date;
}

/** A WeChat identity is keyed by (appid, openid): one person has an openid per mini-program. */
@Table({ tableName: 'wechat_identity', timestamps: true, updatedAt: false })
export class WechatIdentityEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare endUserId: number;

  @Column({ type: DataType.STRING(32) })
  declare appid: string;

  @Column({ type: DataType.STRING(64) })
  declare openid: string;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare unionid: string | null;

  declare createdAt: Date;
}

@Table({ tableName: 'sms_code', timestamps: true, updatedAt: false })
export class SmsCodeEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(16) })
  declare audience: 'passenger' | 'driver';

  @Column({ type: DataType.STRING(64) })
  declare phoneBidx: string;

  /** HMAC of the code: the code itself is never stored */
  @Column({ type: DataType.STRING(64) })
  declare codeHash: string;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare ip: string | null;

  @Column({ type: DataType.INTEGER })
  declare attempts: number;

  @Column({ type: DataType.DATE(3) })
  declare expiresAt: Date;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare consumedAt: Date | null;

  declare createdAt: Date;
}
