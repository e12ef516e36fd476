import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { MerchantMode, OperatorStatus, RegistryStatus, VerificationStatus } from '@dzky/contracts';

/** An operator's archive: one per organisation of kind 'operator'. */
@Table({ tableName: 'operator_archive', timestamps: true })
export class OperatorArchiveEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.STRING(100) }) declare legalName: string;
  @Column({ type: DataType.STRING(18), allowNull: true }) declare creditCode: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare legalRepresentative: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare contactName: string | null;
  @Column({ type: DataType.TEXT, allowNull: true }) declare contactPhoneEnc: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare contactPhoneBidx: string | null;
  @Column({ type: DataType.STRING(200), allowNull: true }) declare address: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare businessLicenceFileId: number | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare businessLicenceExpiry: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare permitNo: string | null;
  @Column({ type: DataType.STRING(200), allowNull: true }) declare permitScope: string | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare permitExpiry: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare permitFileId: number | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare agreementNo: string | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare agreementSignedOn: string | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare agreementValidUntil: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare agreementFileId: number | null;
  @Column({ type: DataType.STRING(16), allowNull: true }) declare merchantMode: MerchantMode | null;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare subMchId: string | null;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare mchId: string | null;
  @Column({ type: DataType.STRING(100), allowNull: true }) declare settlementAccountName: string | null;
  @Column({ type: DataType.STRING(16) }) declare status: OperatorStatus;
  @Column({ type: DataType.STRING(16) }) declare verificationStatus: VerificationStatus;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare verificationCheckedAt: Date | null;
  @Column({ type: DataType.STRING(500), allowNull: true }) declare verificationReason: string | null;
  /** JSON VerificationMismatch[] */
  @Column({ type: DataType.TEXT, allowNull: true }) declare verificationMismatches: string | null;
  @Column({ type: DataType.STRING(16), allowNull: true }) declare registryStatus: RegistryStatus | null;
  @Column({ type: DataType.BOOLEAN }) declare operable: boolean;
  /** JSON string[] */
  @Column({ type: DataType.TEXT, allowNull: true }) declare blockers: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}
