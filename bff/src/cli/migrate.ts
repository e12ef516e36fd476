import { cliContext, runCli } from './cli-context';

/** `npm run migrate`: applies pending migrations to the configured database (DB_URL or SQLite). */
async function main(): Promise<number> {
  const ctx = await cliContext();
  console.warn(`migrations up to date on ${ctx.sequelize.getDialect()}`);
  await ctx.close();
  return 0;
}

if (require.main === module) runCli(main);
