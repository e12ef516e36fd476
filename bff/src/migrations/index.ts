import type { QueryInterface, Sequelize } from 'sequelize';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-built-in-roles';

export interface Migration {
  name: string;
  up(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
  down(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
}

/** Every migration, in order. Listed explicitly so the same list runs from src (tests) and dist. */
export const MIGRATIONS: Migration[] = [
  { name: '0001-foundation', ...m0001 },
  { name: '0002-built-in-roles', ...m0002 },
];
