import { Column, DataType, Model, Table } from 'sequelize-typescript';

/** The platform's own registration data: a single row, id 1. */
@Table({ tableName: 'platform_profile', timestamps: false })
export class PlatformProfileEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare id: number;

  @Column({ type: DataType.STRING(100) }) declare platformName: string;
  @Column({ type: DataType.STRING(100), allowNull: true }) declare operatingEntity: string | null;
  @Column({ type: DataType.STRING(18), allowNull: true }) declare creditCode: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare icpLicenceNo: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare icpFilingNo: string | null;
  @Column({ type: DataType.STRING(64), allowNull: true }) declare mlpsFilingNo: string | null;
  @Column({ type: DataType.STRING(32), allowNull: true }) declare hotline: string | null;
  @Column({ type: DataType.STRING(200), allowNull: true }) declare address: string | null;
  @Column({ type: DataType.INTEGER, allowNull: true }) declare updatedBy: number | null;
  @Column({ type: DataType.DATE(3), allowNull: true }) declare updatedAt: Date | null;
}
