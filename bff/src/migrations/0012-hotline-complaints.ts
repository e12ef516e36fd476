import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Complaints and suggestions made by phone (R-6.2.8 "through the app and a hotline"): customer
 * service logs the call. Such an item has no app account (end_user_id NULL), says where it came in
 * (channel) and who logged it (logged_by); a retried save is recognised by (logged_by, client_key),
 * as an app submission is by (end_user_id, client_key) — NULLs never collide, in SQLite and MariaDB.
 */
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };

/** The complaint table as 0010 made it, with end_user_id nullable and the two new columns. */
const COLUMNS = {
  id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
  complaint_no: { type: DataTypes.STRING(32), allowNull: false },
  end_user_id: { type: DataTypes.INTEGER, allowNull: true },
  channel: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'app' },
  logged_by: { type: DataTypes.INTEGER, allowNull: true },
  client_key: { type: DataTypes.STRING(64), allowNull: false },
  request_hash: { type: DataTypes.STRING(64), allowNull: false },
  kind: { type: DataTypes.STRING(16), allowNull: false },
  category: { type: DataTypes.STRING(16), allowNull: false },
  content: { type: DataTypes.TEXT, allowNull: false },
  order_id: { type: DataTypes.INTEGER, allowNull: true },
  org_id: { type: DataTypes.INTEGER, allowNull: true },
  contact_phone_enc: { type: DataTypes.TEXT, allowNull: true },
  status: { type: DataTypes.STRING(16), allowNull: false },
  accepted_at: { type: DataTypes.DATE(3), allowNull: true },
  resolved_at: { type: DataTypes.DATE(3), allowNull: true },
  closed_at: { type: DataTypes.DATE(3), allowNull: true },
  created_at: createdAt,
  updated_at: updatedAt,
};

/** 0010's columns, which both tables have */
const OLD_COLUMNS = 'id, complaint_no, end_user_id, client_key, request_hash, kind, category, content, order_id, org_id, contact_phone_enc, status, accepted_at, resolved_at, closed_at, created_at, updated_at';
const INDEXES = ['complaint_no', 'complaint_client_key', 'complaint_org_status', 'complaint_status_created', 'complaint_logged_client_key'];

async function addIndexes(qi: QueryInterface, hotline: boolean): Promise<void> {
  await qi.addIndex('complaint', ['complaint_no'], { unique: true, name: 'complaint_no' });
  await qi.addIndex('complaint', ['end_user_id', 'client_key'], { unique: true, name: 'complaint_client_key' });
  await qi.addIndex('complaint', ['org_id', 'status'], { name: 'complaint_org_status' });
  await qi.addIndex('complaint', ['status', 'created_at'], { name: 'complaint_status_created' });
  if (hotline) await qi.addIndex('complaint', ['logged_by', 'client_key'], { unique: true, name: 'complaint_logged_client_key' });
}

/**
 * SQLite cannot change a column's NOT NULL in place, and Sequelize's changeColumn rebuilds the table
 * wrongly (it made end_user_id unique): the table is rebuilt here by hand, rows and IDs kept.
 */
async function rebuildSqlite(qi: QueryInterface, hotline: boolean): Promise<void> {
  await qi.renameTable('complaint', 'complaint_old');
  for (const name of INDEXES) await qi.sequelize.query(`DROP INDEX IF EXISTS ${name}`);
  if (hotline) {
    await qi.createTable('complaint', COLUMNS);
    await qi.sequelize.query(`INSERT INTO complaint (${OLD_COLUMNS}, channel) SELECT ${OLD_COLUMNS}, 'app' FROM complaint_old`);
  } else {
    const { channel: _channel, logged_by: _loggedBy, ...old } = COLUMNS;
    await qi.createTable('complaint', { ...old, end_user_id: { type: DataTypes.INTEGER, allowNull: false } });
    await qi.sequelize.query(`INSERT INTO complaint (${OLD_COLUMNS}) SELECT ${OLD_COLUMNS} FROM complaint_old WHERE channel = 'app'`);
  }
  await qi.dropTable('complaint_old');
  await addIndexes(qi, hotline);
}

export async function up(qi: QueryInterface): Promise<void> {
  if (qi.sequelize.getDialect() === 'sqlite') return rebuildSqlite(qi, true);
  await qi.addColumn('complaint', 'channel', COLUMNS.channel);
  await qi.addColumn('complaint', 'logged_by', COLUMNS.logged_by);
  await qi.changeColumn('complaint', 'end_user_id', COLUMNS.end_user_id);
  await qi.addIndex('complaint', ['logged_by', 'client_key'], { unique: true, name: 'complaint_logged_client_key' });
}

/** Back to 0010's table: hotline calls, which it cannot hold, are dropped. */
export async function down(qi: QueryInterface): Promise<void> {
  if (qi.sequelize.getDialect() === 'sqlite') return rebuildSqlite(qi, false);
  await qi.removeIndex('complaint', 'complaint_logged_client_key');
  await qi.bulkDelete('complaint', { channel: 'hotline' });
  await qi.changeColumn('complaint', 'end_user_id', { type: DataTypes.INTEGER, allowNull: false });
  await qi.removeColumn('complaint', 'logged_by');
  await qi.removeColumn('complaint', 'channel');
}
