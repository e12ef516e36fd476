import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Service evaluation: one rating per order, complaints and suggestions with the timeline of
 * their handling. Ratings keep the operator, route and month (Asia/Shanghai) they count towards, so
 * statistics group by columns instead of joining orders and trips.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('rating', {
    id,
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    client_key: { type: DataTypes.STRING(64), allowNull: false },
    request_hash: { type: DataTypes.STRING(64), allowNull: false },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    route_id: { type: DataTypes.INTEGER, allowNull: false },
    trip_id: { type: DataTypes.INTEGER, allowNull: false },
    // YYYY-MM (Asia/Shanghai) of the rating
    month: { type: DataTypes.STRING(7), allowNull: false },
    score: { type: DataTypes.INTEGER, allowNull: false },
    punctuality: { type: DataTypes.INTEGER, allowNull: true },
    vehicle: { type: DataTypes.INTEGER, allowNull: true },
    driver: { type: DataTypes.INTEGER, allowNull: true },
    service: { type: DataTypes.INTEGER, allowNull: true },
    // JSON array of tag codes
    tags: { type: DataTypes.TEXT, allowNull: false },
    comment: { type: DataTypes.STRING(300), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  // an order is rated once, whatever the client sends
  await qi.addIndex('rating', ['order_id'], { unique: true, name: 'rating_order' });
  await qi.addIndex('rating', ['end_user_id', 'client_key'], { unique: true, name: 'rating_client_key' });
  await qi.addIndex('rating', ['org_id', 'month'], { name: 'rating_org_month' });
  await qi.addIndex('rating', ['route_id', 'month'], { name: 'rating_route_month' });

  await qi.createTable('complaint', {
    id,
    complaint_no: { type: DataTypes.STRING(32), allowNull: false },
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    client_key: { type: DataTypes.STRING(64), allowNull: false },
    request_hash: { type: DataTypes.STRING(64), allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    category: { type: DataTypes.STRING(16), allowNull: false },
    content: { type: DataTypes.TEXT, allowNull: false },
    order_id: { type: DataTypes.INTEGER, allowNull: true },
    // the operator of the order; null (no order) goes to platform customer service
    org_id: { type: DataTypes.INTEGER, allowNull: true },
    contact_phone_enc: { type: DataTypes.TEXT, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false },
    accepted_at: { type: DataTypes.DATE(3), allowNull: true },
    resolved_at: { type: DataTypes.DATE(3), allowNull: true },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('complaint', ['complaint_no'], { unique: true, name: 'complaint_no' });
  await qi.addIndex('complaint', ['end_user_id', 'client_key'], { unique: true, name: 'complaint_client_key' });
  await qi.addIndex('complaint', ['org_id', 'status'], { name: 'complaint_org_status' });
  await qi.addIndex('complaint', ['status', 'created_at'], { name: 'complaint_status_created' });

  // the timeline: the submission and every staff event, never updated
  await qi.createTable('complaint_event', {
    id,
    complaint_id: { type: DataTypes.INTEGER, allowNull: false },
    event: { type: DataTypes.STRING(16), allowNull: false },
    from_status: { type: DataTypes.STRING(16), allowNull: true },
    to_status: { type: DataTypes.STRING(16), allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: true },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    actor_name: { type: DataTypes.STRING(64), allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('complaint_event', ['complaint_id', 'id'], { name: 'complaint_event_complaint' });
}

export async function down(qi: QueryInterface): Promise<void> {
  for (const table of ['complaint_event', 'complaint', 'rating']) await qi.dropTable(table);
}
