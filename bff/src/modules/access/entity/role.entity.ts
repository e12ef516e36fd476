import { Column, DataType, Model, Table } from 'sequelize-typescript';
import type { PermissionCode } from '@dzky/contracts';

@Table({ tableName: 'role', timestamps: true })
export class RoleEntity extends Model {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: number;

  @Column({ type: DataType.STRING(64) })
  declare code: string;

  @Column({ type: DataType.STRING(64) })
  declare name: string;

  @Column({ type: DataType.INTEGER })
  declare orgId: number;

  @Column({ type: DataType.BOOLEAN })
  declare builtIn: boolean;

  /** JSON array of permission codes */
  @Column({
    type: DataType.TEXT,
    get(this: RoleEntity) {
      const raw = this.getDataValue('permissions') as unknown as string;
      return raw ? JSON.parse(raw) : [];
    },
    set(this: RoleEntity, value: PermissionCode[]) {
      this.setDataValue('permissions', JSON.stringify([...new Set(value)].sort()) as any);
    },
  })
  declare permissions: PermissionCode[];

  declare createdAt: Date;
  declare updatedAt: Date;
}
