import { AsyncLocalStorage } from 'async_hooks';
import type { Sequelize } from 'sequelize-typescript';
import { QueryTypes } from 'sequelize';

/**
 * SQLite has one writer at a time. Left to itself, every waiting writer sits in SQLite's busy
 * handler on one of libuv's four worker threads; with four of them waiting, the transaction that
 * holds the lock cannot run its next statement, and everyone waits out the busy timeout and fails
 * (a burst of concurrent bookings answered 500). So, on the embedded database, writes queue in the
 * process instead: a managed transaction, or a write outside any transaction, waits its turn here
 * and only then touches SQLite. Reads never wait (WAL lets them run beside the writer).
 *
 * The queue is per process, which is what the embedded database is for; MariaDB needs none of it.
 */
export function gateSqliteWrites(sequelize: Sequelize): void {
  let tail: Promise<unknown> = Promise.resolve();
  const holding = new AsyncLocalStorage<true>();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    // a write started from inside a turn (a nested call) must not wait behind its own turn
    if (holding.getStore()) return work();
    const turn = tail.then(() => holding.run(true, work));
    tail = turn.catch(() => undefined);
    return turn;
  };

  const transaction = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  (sequelize as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const managed = args.some((a) => typeof a === 'function');
    // unmanaged transactions (no callback) hold the lock beyond this call: they are not queued
    return managed ? inTurn(() => transaction(...args)) : transaction(...args);
  };

  const query = sequelize.query.bind(sequelize) as (sql: unknown, options?: { transaction?: unknown; type?: string }) => Promise<unknown>;
  (sequelize as { query: unknown }).query = (sql: unknown, options?: { transaction?: unknown; type?: string }) =>
    !options?.transaction && isWrite(sql, options?.type) ? inTurn(() => query(sql, options)) : query(sql, options);
}

const READ_TYPES: ReadonlySet<string> = new Set([QueryTypes.SELECT, QueryTypes.SHOWTABLES, QueryTypes.DESCRIBE, QueryTypes.SHOWINDEXES, QueryTypes.FOREIGNKEYS]);

function isWrite(sql: unknown, type: string | undefined): boolean {
  if (type && READ_TYPES.has(type)) return false;
  const text = typeof sql === 'string' ? sql : (sql as { query?: string } | null)?.query ?? '';
  return !/^\s*(select|with|pragma|explain)\b/i.test(text);
}
