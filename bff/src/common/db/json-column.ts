import { DataType } from 'sequelize-typescript';

/** A TEXT column holding JSON (as 0001 does), parsed on read: the same on SQLite and MariaDB. */
export function jsonColumn<T>(field: string, empty: T, opts: { allowNull?: boolean } = {}) {
  return {
    type: DataType.TEXT,
    allowNull: opts.allowNull ?? false,
    get(this: any): T {
      const raw = this.getDataValue(field) as unknown as string | null;
      return raw ? JSON.parse(raw) : empty;
    },
    set(this: any, value: T | null) {
      this.setDataValue(field, value === null || value === undefined ? (opts.allowNull ? null : JSON.stringify(empty)) : JSON.stringify(value));
    },
  };
}
