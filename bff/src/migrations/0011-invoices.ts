import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Electronic invoices. One row per invoice asked of the provider, blue or red-letter. A
 * row is written (`issuing`) before the provider is called, so an interrupted submission is found
 * and finished by the sweeper; `request_key` makes every way of creating one idempotent (the
 * passenger's clientKey, the red letter of a blue invoice, the new blue after a reversal) and
 * `request_no` is what the provider deduplicates on.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('invoice', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    request_key: { type: DataTypes.STRING(96), allowNull: false },
    request_hash: { type: DataTypes.STRING(64), allowNull: true },
    request_no: { type: DataTypes.STRING(64), allowNull: false },
    buyer_type: { type: DataTypes.STRING(16), allowNull: false },
    title: { type: DataTypes.STRING(100), allowNull: false },
    tax_id: { type: DataTypes.STRING(20), allowNull: true },
    email: { type: DataTypes.STRING(100), allowNull: true },
    seller_name: { type: DataTypes.STRING(100), allowNull: false },
    seller_tax_id: { type: DataTypes.STRING(20), allowNull: false },
    amount_fen: { type: DataTypes.INTEGER, allowNull: false },
    tax_fen: { type: DataTypes.INTEGER, allowNull: true },
    // the red-letter invoice: the blue one it reverses
    reverses_invoice_id: { type: DataTypes.INTEGER, allowNull: true },
    serial_no: { type: DataTypes.STRING(64), allowNull: true },
    invoice_no: { type: DataTypes.STRING(32), allowNull: true },
    issued_at: { type: DataTypes.DATE(3), allowNull: true },
    fail_reason: { type: DataTypes.STRING(255), allowNull: true },
    file_key: { type: DataTypes.STRING(200), allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('invoice', ['request_key'], { unique: true, name: 'invoice_request_key' });
  await qi.addIndex('invoice', ['request_no'], { unique: true, name: 'invoice_request_no' });
  await qi.addIndex('invoice', ['order_id'], { name: 'invoice_order' });
  await qi.addIndex('invoice', ['serial_no'], { name: 'invoice_serial' });
  await qi.addIndex('invoice', ['status', 'updated_at'], { name: 'invoice_status_updated' });
  await qi.addIndex('invoice', ['org_id', 'created_at'], { name: 'invoice_org_created' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('invoice');
}
