import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { Gender } from '@dzky/contracts';

/** What a passenger adds to their account (end_user): gender and an emergency contact. */
@Table({ tableName: 'passenger_profile', timestamps: true })
export class PassengerProfileEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare endUserId: number;

  @Column({ type: DataType.STRING(8), allowNull: true })
  declare gender: Gender | null;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare emergencyNameEnc: string | null;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare emergencyPhoneEnc: string | null;

  declare createdAt: Date;
  declare updatedAt: Date;
}
