import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

/**
 * Base data: stops, lines (班线许可), routes with ordered stops and geofence zones, and
 * the version history of each. Coordinates are GCJ-02; JSON is stored as TEXT (as in 0001) so
 * SQLite and MariaDB read it the same way.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };
const coordinate = { type: DataTypes.DOUBLE, allowNull: false };

export async function up(qi: QueryInterface): Promise<void> {
  // MEDIUMTEXT on MariaDB (a drawn zone can exceed 64 KB); SQLite's TEXT has no size and warns on options
  const longText = qi.sequelize.getDialect() === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('medium');
  await qi.createTable('bd_stop', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    code: { type: DataTypes.STRING(32), allowNull: false },
    // {"zh-CN": "…", "en": "…", …}; keyword search uses LIKE on this text
    name: { type: DataTypes.TEXT, allowNull: false },
    address: { type: DataTypes.STRING(255), allowNull: false },
    region_code: { type: DataTypes.STRING(6), allowNull: false },
    lng: coordinate,
    lat: coordinate,
    type: { type: DataTypes.STRING(16), allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('bd_stop', ['org_id', 'code'], { unique: true, name: 'bd_stop_org_code' });
  await qi.addIndex('bd_stop', ['region_code'], { name: 'bd_stop_region' });

  await qi.createTable('bd_line', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    licence_no: { type: DataTypes.STRING(64), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    origin_city: { type: DataTypes.STRING(64), allowNull: false },
    origin_region_code: { type: DataTypes.STRING(6), allowNull: false },
    destination_city: { type: DataTypes.STRING(64), allowNull: false },
    destination_region_code: { type: DataTypes.STRING(6), allowNull: false },
    // JSON array of bd_stop ids
    approved_stop_ids: { type: DataTypes.TEXT, allowNull: false },
    approved_area: { type: DataTypes.TEXT, allowNull: true },
    // calendar days (Asia/Shanghai) as YYYY-MM-DD: comparable as text on both databases
    valid_from: { type: DataTypes.STRING(10), allowNull: false },
    valid_until: { type: DataTypes.STRING(10), allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('bd_line', ['org_id', 'licence_no'], { unique: true, name: 'bd_line_org_licence' });
  await qi.addIndex('bd_line', ['origin_region_code'], { name: 'bd_line_origin' });
  await qi.addIndex('bd_line', ['destination_region_code'], { name: 'bd_line_destination' });

  await qi.createTable('bd_route', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    line_id: { type: DataTypes.INTEGER, allowNull: false },
    code: { type: DataTypes.STRING(32), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  // unique per operator, so an import row names a route by its code alone
  await qi.addIndex('bd_route', ['org_id', 'code'], { unique: true, name: 'bd_route_org_code' });
  await qi.addIndex('bd_route', ['line_id'], { name: 'bd_route_line' });

  await qi.createTable('bd_route_stop', {
    id,
    route_id: { type: DataTypes.INTEGER, allowNull: false },
    seq: { type: DataTypes.INTEGER, allowNull: false },
    stop_id: { type: DataTypes.INTEGER, allowNull: false },
    distance_from_prev_m: { type: DataTypes.INTEGER, allowNull: false },
    minutes_from_prev: { type: DataTypes.INTEGER, allowNull: false },
    pickup: { type: DataTypes.BOOLEAN, allowNull: false },
    dropoff: { type: DataTypes.BOOLEAN, allowNull: false },
  });
  await qi.addIndex('bd_route_stop', ['route_id', 'seq'], { unique: true, name: 'bd_route_stop_seq' });
  await qi.addIndex('bd_route_stop', ['stop_id'], { name: 'bd_route_stop_stop' });

  await qi.createTable('bd_zone', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    route_id: { type: DataTypes.INTEGER, allowNull: false },
    name: { type: DataTypes.STRING(64), allowNull: false },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    stop_seq: { type: DataTypes.INTEGER, allowNull: false },
    // GeoJSON Polygon / MultiPolygon, GCJ-02
    geometry: { type: longText, allowNull: false },
    // bounding box, kept beside the geometry so the geofence index loads without parsing every shape twice
    min_lng: coordinate,
    min_lat: coordinate,
    max_lng: coordinate,
    max_lat: coordinate,
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('bd_zone', ['route_id'], { name: 'bd_zone_route' });

  await qi.createTable('bd_version', {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    entity_type: { type: DataTypes.STRING(16), allowNull: false },
    entity_id: { type: DataTypes.INTEGER, allowNull: false },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    action: { type: DataTypes.STRING(16), allowNull: false },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    actor_name: { type: DataTypes.STRING(64), allowNull: true },
    at: { type: DataTypes.DATE(3), allowNull: false },
    // BEFORE is a reserved word in MySQL: the columns carry a prefix
    data_before: { type: longText, allowNull: true },
    data_after: { type: longText, allowNull: true },
  });
  await qi.addIndex('bd_version', ['entity_type', 'entity_id'], { name: 'bd_version_entity' });

  await setDispatcherWrite(qi, true);
}

export async function down(qi: QueryInterface): Promise<void> {
  await setDispatcherWrite(qi, false);
  for (const table of ['bd_version', 'bd_zone', 'bd_route_stop', 'bd_route', 'bd_line', 'bd_stop']) {
    await qi.dropTable(table);
  }
}

/** Dispatchers maintain stops, routes and zones day to day, so the built-in role gains basedata:write. */
async function setDispatcherWrite(qi: QueryInterface, grant: boolean): Promise<void> {
  const rows = await qi.sequelize.query<{ id: number; permissions: string }>(
    'SELECT id, permissions FROM role WHERE code = :code AND built_in = :builtIn',
    { replacements: { code: 'dispatcher', builtIn: true }, type: QueryTypes.SELECT },
  );
  for (const row of rows) {
    const set = new Set<string>(JSON.parse(row.permissions || '[]'));
    if (grant) set.add('basedata:write');
    else set.delete('basedata:write');
    await qi.bulkUpdate('role', { permissions: JSON.stringify([...set].sort()) }, { id: row.id });
  }
}
