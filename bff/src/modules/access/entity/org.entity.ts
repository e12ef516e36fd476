import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { OrgKind } from '@dzky/contracts';

@Table({ tableName: 'org', timestamps: true })
export class OrgEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare parentId: number | null;

  @Column({ type: DataType.STRING(16) })
  declare kind: OrgKind;

  @Column({ type: DataType.STRING(100) })
  declare name: string;

  @Column({ type: DataType.STRING(12), allowNull: true })
  declare regionCode: string | null;

  /** "/1/4/9/" — the org's ancestors and itself */
  @Column({ type: DataType.STRING(255) })
  declare path: string;

  @Column({ type: DataType.BOOLEAN })
  declare enabled: boolean;

  declare createdAt: Date;
  declare updatedAt: Date;
}
