import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Transaction } from 'sequelize';
import type { Sequelize } from 'sequelize-typescript';
import { openDatabase } from '../../src/common/db/database.service';

/**
 * The embedded database as `npm start` opens it: many writers at once — slow transactions and
 * plain writes outside any transaction — must all wait their turn and succeed, never fail with
 * SQLITE_BUSY or stall behind writers parked on libuv's worker threads.
 */
describe('R-7.1 SQLite writes queue in the process (decision 0013)', () => {
  let dir: string;
  let db: Sequelize;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dzky-gate-'));
    db = await openDatabase({ url: `sqlite:${join(dir, 'gate.sqlite')}`, createDatabase: false, dropOnClose: false, logSql: false }, []);
    await db.query('CREATE TABLE counter (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)');
    await db.query('INSERT INTO counter (id, v) VALUES (1, 0)');
    await db.query('CREATE TABLE entry (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL)');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-7.1 thirty slow write transactions and twenty plain writes at once all succeed', async () => {
    const transactions = Array.from({ length: 30 }, (_, i) =>
      db.transaction({ type: Transaction.TYPES.IMMEDIATE }, async (t) => {
        await db.query('INSERT INTO entry (n) VALUES (?)', { replacements: [i], transaction: t });
        // a read outside the transaction while it holds the write lock (WAL lets it through)
        await db.query('SELECT count(*) AS n FROM entry');
        await new Promise((r) => setTimeout(r, 20));
      }),
    );
    const plainWrites = Array.from({ length: 20 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 15));
      await db.query('UPDATE counter SET v = v + 1 WHERE id = 1');
    });
    const results = await Promise.allSettled([...transactions, ...plainWrites]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const [[entries]] = (await db.query('SELECT count(*) AS n FROM entry')) as [Array<{ n: number }>, unknown];
    const [[counter]] = (await db.query('SELECT v FROM counter WHERE id = 1')) as [Array<{ v: number }>, unknown];
    expect(Number(entries.n)).toBe(30);
    expect(Number(counter.v)).toBe(20);
  });

  it('R-7.1 a write transaction that fails gives the turn to the next one', async () => {
    const failing = db.transaction(async (t) => {
      await db.query('INSERT INTO entry (n) VALUES (-1)', { transaction: t });
      throw new Error('refused');
    });
    const next = db.transaction(async (t) => db.query('INSERT INTO entry (n) VALUES (-2)', { transaction: t }));
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBeDefined();
    const [[row]] = (await db.query('SELECT count(*) AS n FROM entry WHERE n < 0')) as [Array<{ n: number }>, unknown];
    expect(Number(row.n)).toBe(1);
  });
});
