import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Passenger messages carry the caller's idempotency key (e.g. payment:<outTradeNo>), so a retried
 * payment callback or job never tells the passenger twice. The first row of an attempt
 * (one row per order it concerns) carries the key and claims (key, kind, channel) before the message
 * goes out; rows without a key (NULL) never collide, in SQLite and MariaDB alike.
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('notification_delivery', 'dedupe_key', { type: DataTypes.STRING(96), allowNull: true });
  await qi.addIndex('notification_delivery', ['dedupe_key', 'kind', 'channel'], {
    unique: true,
    name: 'notification_dedupe',
  });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeIndex('notification_delivery', 'notification_dedupe');
  await qi.removeColumn('notification_delivery', 'dedupe_key');
}
