import { Column, DataType, Model, Table } from 'sequelize-typescript';
import { jsonColumn } from '../../../common/db/json-column';

/** 班线 / 班线经营许可: what the transport authority approved an operator to run. */
@Table({ tableName: 'bd_line', timestamps: true })
export class LineEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.STRING(64) })
  declare licenceNo: string;

  @Column({ type: DataType.STRING(100) })
  declare name: string;

  @Column({ type: DataType.STRING(64) })
  declare originCity: string;

  @Column({ type: DataType.STRING(6) })
  declare originRegionCode: string;

  @Column({ type: DataType.STRING(64) })
  declare destinationCity: string;

  @Column({ type: DataType.STRING(6) })
  declare destinationRegionCode: string;

  @Column(jsonColumn<number[]>('approvedStopIds', []))
  declare approvedStopIds: number[];

  @Column({ type: DataType.TEXT, allowNull: true })
  declare approvedArea: string | null;

  /** YYYY-MM-DD */
  @Column({ type: DataType.STRING(10) })
  declare validFrom: string;

  /** YYYY-MM-DD, the last day the licence is valid */
  @Column({ type: DataType.STRING(10) })
  declare validUntil: string;

  @Column({ type: DataType.BOOLEAN })
  declare enabled: boolean;

  declare createdAt: Date;
  declare updatedAt: Date;
}
