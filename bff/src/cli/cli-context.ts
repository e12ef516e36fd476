import { join } from 'path';
import type { Sequelize } from 'sequelize-typescript';
import defaultConfig from '../config/config.default';
import { openDatabase, type DbConfig } from '../common/db/database.service';
import { ENTITIES } from '../common/db/entities';
import { runMigrations } from '../common/db/migrator';
import { FieldCipher } from '../common/security/field-cipher.service';

/**
 * What the command-line tools share with the app: the same configuration, database and keys,
 * without starting the HTTP server. (These files run only when invoked directly: Midway loads every
 * file under src/ at start, so each CLI checks `require.main === module`.)
 */
export async function cliContext(): Promise<{ config: any; sequelize: Sequelize; cipher: FieldCipher; close: () => Promise<void> }> {
  const config: any = defaultConfig({ appDir: join(__dirname, '..', '..'), baseDir: join(__dirname, '..') } as any);
  const sequelize = await openDatabase(config.db as DbConfig, ENTITIES);
  await runMigrations(sequelize);
  const cipher = new FieldCipher();
  (cipher as any).config = config.crypto; // what @Config would inject
  cipher.init();
  return { config, sequelize, cipher, close: () => sequelize.close() };
}

export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
