import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { DrivingLicenceClass, EmploymentStatus, Gender, IdType, RegistryStatus, VerificationStatus } from '@dzky/contracts';

/** A driver's archive, owned by an operator or branch. Numbers are encrypted at rest. */
@Table({ tableName: 'driver', timestamps: true })
export class DriverEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.STRING(64) }) declare name: string;
  @Column({ type: DataType.STRING(8), allowNull: true }) declare gender: Gender | null;
  @Column({ type: DataType.STRING(16) }) declare idType: IdType;
  @Column({ type: DataType.TEXT }) declare idNumberEnc: string;
  @Column({ type: DataType.STRING(64) }) declare idNumberBidx: string;
  @Column({ type: DataType.TEXT }) declare phoneEnc: string;
  @Column({ type: DataType.STRING(64) }) declare phoneBidx: string;
  @Column({ type: DataType.TEXT, allowNull: true }) declare licenceNoEnc: string | null;
  @Column({ type: DataType.STRING(4) }) declare licenceClass: DrivingLicenceClass;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare licenceFirstIssuedOn: string | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare licenceExpiry: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare licenceFileId: number | null;
  @Column({ type: DataType.TEXT, allowNull: true }) declare qualificationNoEnc: string | null;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare qualificationCategory: string | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare qualificationExpiry: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare qualificationFileId: number | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare photoFileId: number | null;
  @Column({ type: DataType.STRING(16) }) declare employmentStatus: EmploymentStatus;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare hiredOn: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare linkedEndUserId: number | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare linkedAt: Date | null;
  @Column({ type: DataType.BOOLEAN }) declare enabled: boolean;
  @Column({ type: DataType.STRING(16) }) declare verificationStatus: VerificationStatus;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare verificationCheckedAt: Date | null;
  @Column({ type: DataType.STRING(500), allowNull: true }) declare verificationReason: string | null;
  @Column({ type: DataType.TEXT, allowNull: true }) declare verificationMismatches: string | null;
  @Column({ type: DataType.STRING(16), allowNull: true }) declare registryStatus: RegistryStatus | null;
  @Column({ type: DataType.BOOLEAN }) declare operable: boolean;
  @Column({ type: DataType.TEXT, allowNull: true }) declare blockers: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}
