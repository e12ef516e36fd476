import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

/**
 * Trips, fares and booking: trips with per-segment seat counters,
 * origin–destination prices and trading rules, notices, orders and tickets, seat occupancy for trips
 * with seat selection, the outbox of business events and the record of every message sent.
 *
 * Seat integrity rests on two things the database enforces on both dialects: `trip_segment.sold` is
 * only raised by a conditional UPDATE (`sold + n <= capacity`) inside the booking transaction, and
 * unique indexes on (trip, rider ID, live) and (trip, seat, segment) refuse a second seat for a rider
 * and a second rider on a seat.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('trip', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    line_id: { type: DataTypes.INTEGER, allowNull: false },
    route_id: { type: DataTypes.INTEGER, allowNull: false },
    depart_at: { type: DataTypes.DATE(3), allowNull: false },
    // Asia/Shanghai calendar day and time of departure, for search by day and display
    depart_date: { type: DataTypes.STRING(10), allowNull: false },
    depart_time: { type: DataTypes.STRING(5), allowNull: false },
    vehicle_type: { type: DataTypes.STRING(16), allowNull: false },
    service_level: { type: DataTypes.STRING(16), allowNull: false },
    capacity: { type: DataTypes.INTEGER, allowNull: false },
    seat_selection: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    // the route's stops when the trip was made (seq, stopId, minutes, metres, pickup, dropoff):
    // segment numbers of sold tickets must not move if the route is edited later
    stops: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    temporary: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    cancel_reason: { type: DataTypes.STRING(255), allowNull: true },
    cancelled_at: { type: DataTypes.DATE(3), allowNull: true },
    remark: { type: DataTypes.STRING(255), allowNull: true },
    created_by: { type: DataTypes.INTEGER, allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('trip', ['route_id', 'depart_at', 'service_level'], { unique: true, name: 'trip_route_departure' });
  await qi.addIndex('trip', ['depart_date', 'status'], { name: 'trip_day_status' });
  await qi.addIndex('trip', ['org_id', 'depart_date'], { name: 'trip_org_day' });

  // one row per segment (stop k → stop k+1): seats held or sold on it
  await qi.createTable('trip_segment', {
    trip_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    seg_no: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    sold: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });

  await qi.createTable('fare_pair', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    route_id: { type: DataTypes.INTEGER, allowNull: false },
    from_seq: { type: DataTypes.INTEGER, allowNull: false },
    to_seq: { type: DataTypes.INTEGER, allowNull: false },
    base_fen: { type: DataTypes.INTEGER, allowNull: false },
    updated_by: { type: DataTypes.INTEGER, allowNull: true },
    updated_at: updatedAt,
  });
  await qi.addIndex('fare_pair', ['route_id', 'from_seq', 'to_seq'], { unique: true, name: 'fare_pair_route_pair' });

  // route_id 0 = the operator's own rules; another value = that route's override
  await qi.createTable('trading_rules', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    route_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    rules: { type: DataTypes.TEXT, allowNull: false },
    updated_by: { type: DataTypes.INTEGER, allowNull: true },
    updated_at: updatedAt,
  });
  await qi.addIndex('trading_rules', ['org_id', 'route_id'], { unique: true, name: 'trading_rules_scope' });

  await qi.createTable('notice', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    title: { type: DataTypes.STRING(100), allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    line_ids: { type: DataTypes.TEXT, allowNull: false },
    valid_from: { type: DataTypes.DATE(3), allowNull: true },
    valid_until: { type: DataTypes.DATE(3), allowNull: true },
    published: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_by: { type: DataTypes.INTEGER, allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('notice', ['org_id', 'published'], { name: 'notice_org_published' });

  // "order" is a reserved word in SQL
  await qi.createTable('booking_order', {
    id,
    order_no: { type: DataTypes.STRING(32), allowNull: false },
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    // the client's idempotency key and a hash of what it asked for
    client_key: { type: DataTypes.STRING(64), allowNull: false },
    request_hash: { type: DataTypes.STRING(64), allowNull: false },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    trip_id: { type: DataTypes.INTEGER, allowNull: false },
    mode: { type: DataTypes.STRING(8), allowNull: false },
    from_seq: { type: DataTypes.INTEGER, allowNull: false },
    to_seq: { type: DataTypes.INTEGER, allowNull: false },
    // door to door: {lng, lat, address} in GCJ-02 and the zone each fell in
    pickup_point: { type: DataTypes.TEXT, allowNull: true },
    dropoff_point: { type: DataTypes.TEXT, allowNull: true },
    pickup_zone_id: { type: DataTypes.INTEGER, allowNull: true },
    dropoff_zone_id: { type: DataTypes.INTEGER, allowNull: true },
    total_fen: { type: DataTypes.INTEGER, allowNull: false },
    contact_phone_enc: { type: DataTypes.TEXT, allowNull: false },
    contact_phone_bidx: { type: DataTypes.STRING(64), allowNull: false },
    remark: { type: DataTypes.STRING(255), allowNull: true },
    status: { type: DataTypes.STRING(24), allowNull: false },
    hold_expires_at: { type: DataTypes.DATE(3), allowNull: true },
    cancel_reason: { type: DataTypes.STRING(255), allowNull: true },
    paid_at: { type: DataTypes.DATE(3), allowNull: true },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('booking_order', ['order_no'], { unique: true, name: 'booking_order_no' });
  await qi.addIndex('booking_order', ['end_user_id', 'client_key'], { unique: true, name: 'booking_order_client_key' });
  await qi.addIndex('booking_order', ['end_user_id', 'status'], { name: 'booking_order_user_status' });
  await qi.addIndex('booking_order', ['trip_id', 'status'], { name: 'booking_order_trip_status' });
  await qi.addIndex('booking_order', ['status', 'hold_expires_at'], { name: 'booking_order_hold' });
  await qi.addIndex('booking_order', ['contact_phone_bidx'], { name: 'booking_order_phone' });

  await qi.createTable('ticket', {
    id,
    ticket_no: { type: DataTypes.STRING(32), allowNull: false },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    trip_id: { type: DataTypes.INTEGER, allowNull: false },
    rider_id: { type: DataTypes.INTEGER, allowNull: false },
    // the rider as booked: a later edit or deletion of the rider does not change the ticket
    rider_name: { type: DataTypes.STRING(64), allowNull: false },
    id_type: { type: DataTypes.STRING(16), allowNull: false },
    id_number_enc: { type: DataTypes.TEXT, allowNull: false },
    id_number_bidx: { type: DataTypes.STRING(64), allowNull: false },
    ticket_type: { type: DataTypes.STRING(24), allowNull: false },
    seat_no: { type: DataTypes.INTEGER, allowNull: true },
    from_seq: { type: DataTypes.INTEGER, allowNull: false },
    to_seq: { type: DataTypes.INTEGER, allowNull: false },
    price_fen: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    // true while the ticket holds a seat, NULL after: one live ticket per (trip, ID number)
    live: { type: DataTypes.BOOLEAN, allowNull: true, defaultValue: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('ticket', ['ticket_no'], { unique: true, name: 'ticket_no' });
  await qi.addIndex('ticket', ['trip_id', 'id_number_bidx', 'live'], { unique: true, name: 'ticket_one_seat_per_rider' });
  await qi.addIndex('ticket', ['order_id'], { name: 'ticket_order' });

  // trips with seat selection: who sits in which seat on which segment
  await qi.createTable('seat_occupancy', {
    trip_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    seat_no: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    seg_no: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    ticket_id: { type: DataTypes.INTEGER, allowNull: false },
  });
  await qi.addIndex('seat_occupancy', ['ticket_id'], { name: 'seat_occupancy_ticket' });

  await qi.createTable('outbox_event', {
    id,
    type: { type: DataTypes.STRING(48), allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    aggregate_type: { type: DataTypes.STRING(16), allowNull: false },
    aggregate_id: { type: DataTypes.INTEGER, allowNull: false },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    payload: { type: DataTypes.TEXT, allowNull: false },
    occurred_at: { type: DataTypes.DATE(3), allowNull: false },
    // set by the consumer (regulator-adapter) once pushed
    published_at: { type: DataTypes.DATE(3), allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_error: { type: DataTypes.STRING(255), allowNull: true },
  });
  await qi.addIndex('outbox_event', ['published_at', 'id'], { name: 'outbox_pending' });
  await qi.addIndex('outbox_event', ['aggregate_type', 'aggregate_id'], { name: 'outbox_aggregate' });

  // every message to a passenger (SMS, WeChat subscribe message): what, to whom, and what happened
  await qi.createTable('notification_delivery', {
    id,
    end_user_id: { type: DataTypes.INTEGER, allowNull: true },
    order_id: { type: DataTypes.INTEGER, allowNull: true },
    trip_id: { type: DataTypes.INTEGER, allowNull: true },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    channel: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    provider_ref: { type: DataTypes.STRING(64), allowNull: true },
    error: { type: DataTypes.STRING(255), allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('notification_delivery', ['order_id'], { name: 'notification_order' });
  await qi.addIndex('notification_delivery', ['trip_id', 'kind'], { name: 'notification_trip_kind' });

  await grant(qi, 'operator_admin', 'fare:write', true);
}

/** Prices and trading rules are the operator's commercial decision: the operator administrator sets them. */
async function grant(qi: QueryInterface, roleCode: string, permission: string, on: boolean): Promise<void> {
  const rows = await qi.sequelize.query<{ id: number; permissions: string }>(
    'SELECT id, permissions FROM role WHERE code = :code AND built_in = :builtIn',
    { replacements: { code: roleCode, builtIn: true }, type: QueryTypes.SELECT },
  );
  for (const row of rows) {
    const set = new Set<string>(JSON.parse(row.permissions || '[]'));
    if (on) set.add(permission);
    else set.delete(permission);
    await qi.bulkUpdate('role', { permissions: JSON.stringify([...set].sort()) }, { id: row.id });
  }
}

export async function down(qi: QueryInterface): Promise<void> {
  await grant(qi, 'operator_admin', 'fare:write', false);
  for (const table of [
    'notification_delivery', 'outbox_event', 'seat_occupancy', 'ticket', 'booking_order', 'notice',
    'trading_rules', 'fare_pair', 'trip_segment', 'trip',
  ]) {
    await qi.dropTable(table);
  }
}
