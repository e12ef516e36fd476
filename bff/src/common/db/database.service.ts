import { Config, Destroy, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Sequelize, type ModelCtor } from 'sequelize-typescript';
import { Transaction, type Options } from 'sequelize';
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { runMigrations } from './migrator';
import { ENTITIES } from './entities';
import { gateSqliteWrites } from './sqlite-write-gate';

export interface DbConfig {
  url: string;
  createDatabase: boolean;
  dropOnClose: boolean;
  logSql: boolean;
}

/**
 * The one database of the bff: SQLite embedded by default, MySQL/MariaDB with DB_URL=mysql://…,
 * one code path for both (design.md §2). Schema comes from migrations at start, never sync().
 *
 * We build the Sequelize instance ourselves rather than through @midwayjs/sequelize so that SQLite
 * gets WAL, a busy timeout on every connection and IMMEDIATE write transactions (concurrent writers
 * wait instead of failing), and so that migrations finish before the app answers /ready.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DatabaseService {
  @Config('db')
  private config: DbConfig;

  sequelize: Sequelize;

  get dialect(): 'sqlite' | 'mysql' {
    return this.sequelize.getDialect() as 'sqlite' | 'mysql';
  }

  @Init()
  async init(): Promise<void> {
    this.sequelize = await openDatabase(this.config, ENTITIES);
    await runMigrations(this.sequelize);
  }

  /** Runs `work` in a write transaction; on SQLite it takes the write lock up front (IMMEDIATE). */
  transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    return this.sequelize.transaction(
      this.dialect === 'sqlite' ? { type: Transaction.TYPES.IMMEDIATE } : {},
      work,
    );
  }

  /** Whether the database answers: used by GET /ready. */
  async ping(): Promise<boolean> {
    await this.sequelize.query('SELECT 1');
    return true;
  }

  @Destroy()
  async close(): Promise<void> {
    if (!this.sequelize) return;
    if (this.config.dropOnClose && this.dialect === 'mysql') {
      const name = this.sequelize.getDatabaseName();
      await this.sequelize.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
    await this.sequelize.close();
  }
}

/**
 * Sequelize opens one SQLite connection per transaction, and its SQLite connection manager never
 * runs the afterConnect hook: without this, every connection would keep node-sqlite3's 1 s busy
 * timeout and the default rollback journal, and a writer queued behind others for more than a
 * second would fail with SQLITE_BUSY (a 500) instead of waiting. Each new connection is set up
 * once, before its first statement.
 */
function configureSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as { getConnection: (options?: unknown) => Promise<any> };
  const getConnection = manager.getConnection.bind(manager);
  const ready = new WeakMap<object, Promise<void>>();
  manager.getConnection = async (options?: unknown) => {
    const connection = await getConnection(options);
    if (!ready.has(connection)) {
      ready.set(connection, new Promise<void>((resolve, reject) => {
        connection.configure('busyTimeout', 10_000);
        connection.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;', (err: Error | null) => (err ? reject(err) : resolve()));
      }));
    }
    await ready.get(connection);
    return connection;
  };
}

export async function openDatabase(config: DbConfig, models: ModelCtor[]): Promise<Sequelize> {
  const common: Options = {
    logging: config.logSql ? (sql: string) => process.stdout.write(`${sql}\n`) : false,
    define: { underscored: true, timestamps: false, freezeTableName: true },
    // store and read times in UTC (design.md §2)
    timezone: '+00:00',
  };
  let sequelize: Sequelize;
  if (config.url.startsWith('sqlite:')) {
    const storage = config.url.slice('sqlite:'.length);
    if (storage !== ':memory:') mkdirSync(dirname(storage), { recursive: true });
    sequelize = new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage,
      models,
    });
    configureSqliteConnections(sequelize);
    gateSqliteWrites(sequelize);
  } else if (config.url.startsWith('mysql:')) {
    if (config.createDatabase) await createMysqlDatabase(config.url);
    sequelize = new Sequelize(config.url, {
      ...common,
      dialect: 'mysql',
      models,
      pool: { max: 20, min: 0, idle: 10000, acquire: 30000 },
      dialectOptions: { charset: 'utf8mb4', dateStrings: false, supportBigNumbers: true },
    });
  } else {
    throw new Error(`DB_URL must start with sqlite: or mysql:, got ${config.url.split(':')[0]}:`);
  }
  await sequelize.authenticate();
  return sequelize;
}

async function createMysqlDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  u.pathname = '/';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection(u.toString());
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
