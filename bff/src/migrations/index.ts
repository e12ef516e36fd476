import type { QueryInterface, Sequelize } from 'sequelize';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-built-in-roles';
import * as m0003 from './0003-base-data';
import * as m0004 from './0004-archives';
import * as m0005 from './0005-files';
import * as m0006 from './0006-riders';
import * as m0007 from './0007-trips-and-booking';
import * as m0008 from './0008-payments';
import * as m0009 from './0009-notification-dedupe';
import * as m0010 from './0010-feedback';
import * as m0011 from './0011-invoices';
import * as m0012 from './0012-hotline-complaints';

export interface Migration {
  name: string;
  up(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
  down(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
}

/** Every migration, in order. Listed explicitly so the same list runs from src (tests) and dist. */
export const MIGRATIONS: Migration[] = [
  { name: '0001-foundation', ...m0001 },
  { name: '0002-built-in-roles', ...m0002 },
  { name: '0003-base-data', ...m0003 },
  { name: '0004-archives', ...m0004 },
  { name: '0005-files', ...m0005 },
  { name: '0006-riders', ...m0006 },
  { name: '0007-trips-and-booking', ...m0007 },
  { name: '0008-payments', ...m0008 },
  { name: '0009-notification-dedupe', ...m0009 },
  { name: '0010-feedback', ...m0010 },
  { name: '0011-invoices', ...m0011 },
  { name: '0012-hotline-complaints', ...m0012 },
];
