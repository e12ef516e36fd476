import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Payments, refunds and rebooking. A payment is one attempt to collect an order's money
 * through WeChat Pay (its own out_trade_no); a refund pays part of one payment back. Every WeChat
 * Pay notification received is kept (its id is unique), which with the conditional status updates
 * makes applying one twice impossible.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('booking_order', 'paid_fen', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('booking_order', 'refunded_fen', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  // rebooking (改签): the order this one replaced, and how many times the chain was rebooked
  await qi.addColumn('booking_order', 'rebooked_from_order_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('booking_order', 'rebook_count', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('booking_order', 'rebook_fee_fen', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  // what a ticket's rider paid (the price, or the old ticket's payment carried over by rebooking)
  await qi.addColumn('ticket', 'paid_fen', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('ticket', 'refund_id', { type: DataTypes.INTEGER, allowNull: true });

  await qi.createTable('payment', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    out_trade_no: { type: DataTypes.STRING(32), allowNull: false },
    purpose: { type: DataTypes.STRING(16), allowNull: false },
    channel: { type: DataTypes.STRING(16), allowNull: false },
    appid: { type: DataTypes.STRING(32), allowNull: false },
    payer_openid: { type: DataTypes.STRING(64), allowNull: true },
    merchant_mode: { type: DataTypes.STRING(16), allowNull: false },
    // the merchant whose key signs the calls (the service provider or the direct merchant)
    mchid: { type: DataTypes.STRING(32), allowNull: false },
    sub_mchid: { type: DataTypes.STRING(32), allowNull: true },
    amount_fen: { type: DataTypes.INTEGER, allowNull: false },
    refunded_fen: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    status: { type: DataTypes.STRING(16), allowNull: false },
    prepay_id: { type: DataTypes.STRING(64), allowNull: true },
    code_url: { type: DataTypes.STRING(255), allowNull: true },
    h5_url: { type: DataTypes.TEXT, allowNull: true },
    time_expire: { type: DataTypes.DATE(3), allowNull: false },
    transaction_id: { type: DataTypes.STRING(32), allowNull: true },
    paid_at: { type: DataTypes.DATE(3), allowNull: true },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('payment', ['out_trade_no'], { unique: true, name: 'payment_out_trade_no' });
  await qi.addIndex('payment', ['order_id'], { name: 'payment_order' });
  await qi.addIndex('payment', ['status', 'time_expire'], { name: 'payment_open' });
  await qi.addIndex('payment', ['org_id', 'created_at'], { name: 'payment_org_time' });

  await qi.createTable('refund', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    payment_id: { type: DataTypes.INTEGER, allowNull: false },
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    out_refund_no: { type: DataTypes.STRING(64), allowNull: false },
    // idempotency: the caller's key (passenger clientKey, or a system key like late:<paymentId>)
    request_key: { type: DataTypes.STRING(96), allowNull: false },
    reason: { type: DataTypes.STRING(16), allowNull: false },
    remark: { type: DataTypes.STRING(255), allowNull: true },
    amount_fen: { type: DataTypes.INTEGER, allowNull: false },
    fee_fen: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ticket_ids: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    wechat_refund_id: { type: DataTypes.STRING(32), allowNull: true },
    error: { type: DataTypes.STRING(255), allowNull: true },
    resolution: { type: DataTypes.STRING(255), allowNull: true },
    requested_by: { type: DataTypes.INTEGER, allowNull: true },
    settled_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('refund', ['out_refund_no'], { unique: true, name: 'refund_out_refund_no' });
  await qi.addIndex('refund', ['request_key'], { unique: true, name: 'refund_request_key' });
  await qi.addIndex('refund', ['order_id'], { name: 'refund_order' });
  await qi.addIndex('refund', ['status', 'updated_at'], { name: 'refund_status' });
  await qi.addIndex('refund', ['org_id', 'created_at'], { name: 'refund_org_time' });

  await qi.createTable('payment_notification', {
    id,
    // WeChat Pay's notification id: the same notification retried carries the same id
    notification_id: { type: DataTypes.STRING(64), allowNull: false },
    event_type: { type: DataTypes.STRING(32), allowNull: false },
    out_trade_no: { type: DataTypes.STRING(32), allowNull: true },
    out_refund_no: { type: DataTypes.STRING(64), allowNull: true },
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    detail: { type: DataTypes.STRING(255), allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('payment_notification', ['notification_id'], { unique: true, name: 'payment_notification_id' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('payment_notification');
  await qi.dropTable('refund');
  await qi.dropTable('payment');
  await qi.removeColumn('ticket', 'refund_id');
  await qi.removeColumn('ticket', 'paid_fen');
  await qi.removeColumn('booking_order', 'rebook_fee_fen');
  await qi.removeColumn('booking_order', 'rebook_count');
  await qi.removeColumn('booking_order', 'rebooked_from_order_id');
  await qi.removeColumn('booking_order', 'refunded_fen');
  await qi.removeColumn('booking_order', 'paid_fen');
}
