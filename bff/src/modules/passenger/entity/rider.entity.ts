import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { IdType } from '@dzky/contracts';

/** A real-name rider (乘车人) of a passenger account: one rider per seat when booking. */
@Table({ tableName: 'rider', timestamps: true })
export class RiderEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER })
  declare endUserId: number;

  @Column({ type: DataType.STRING(64) })
  declare name: string;

  @Column({ type: DataType.STRING(16) })
  declare idType: IdType;

  @Column({ type: DataType.TEXT })
  declare idNumberEnc: string;

  @Column({ type: DataType.STRING(64) })
  declare idNumberBidx: string;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare phoneEnc: string | null;

  @Column({ type: DataType.STRING(64), allowNull: true })
  declare phoneBidx: string | null;

  /** YYYY-MM-DD, from the ID number when it carries one */
  @Column({ type: DataType.STRING(10), allowNull: true })
  declare birthDate: string | null;

  @Column({ type: DataType.BOOLEAN })
  declare isSelf: boolean;

  /** true while listed, null once deleted (see migration 0006 for the unique index) */
  @Column({ type: DataType.BOOLEAN, allowNull: true })
  declare live: boolean | null;

  @Column({ type: DataType.DATE(3), allowNull: true })
  declare deletedAt: Date | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}
