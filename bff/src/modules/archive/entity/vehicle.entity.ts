import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { PlateColor, RegistryStatus, VehicleClass, VehicleType, VerificationStatus } from '@dzky/contracts';

/** A vehicle's archive, owned by an operator or branch. */
@Table({ tableName: 'vehicle', timestamps: true })
export class VehicleEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.INTEGER }) declare orgId: number;
  @Column({ type: DataType.STRING(16) }) declare plateNo: string;
  @Column({ type: DataType.INTEGER }) declare plateColor: PlateColor;
  @Column({ type: DataType.INTEGER }) declare approvedSeats: number;
  @Column({ type: DataType.STRING(16) }) declare vehicleType: VehicleType;
  @Column({ type: DataType.STRING(16) }) declare vehicleClass: VehicleClass;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare brand: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare model: string | null;
  @Column({ type: DataType.STRING(17), allowNull: true }) declare vin: string | null;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare transportCertNo: string | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare transportCertExpiry: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare transportCertFileId: number | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare annualInspectionDue: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare insurer: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare insurancePolicyNo: string | null;
  @Column({ type: DataType.STRING(10), allowNull: true }) declare insuranceExpiry: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare insuranceFileId: number | null;
  @Column({ type: DataType.STRING(30), allowNull: true }) declare terminalId: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare terminalMaker: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare terminalModel: string | null;
  @Column({ type: DataType.STRING(20), allowNull: true }) declare terminalPhone: string | null;
  /** JSON number[] */
  @Column({ type: DataType.TEXT, allowNull: true }) declare certificateFileIds: string | null;
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
