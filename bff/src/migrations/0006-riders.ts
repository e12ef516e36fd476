import { DataTypes, type QueryInterface } from 'sequelize';

/** Passenger records: real-name riders, passenger profiles, privacy consents. */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('rider', {
    id,
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    // the owner's own name is shown to them whole, so it is kept as text; ID and phone are encrypted
    name: { type: DataTypes.STRING(64), allowNull: false },
    id_type: { type: DataTypes.STRING(16), allowNull: false },
    id_number_enc: { type: DataTypes.TEXT, allowNull: false },
    id_number_bidx: { type: DataTypes.STRING(64), allowNull: false },
    phone_enc: { type: DataTypes.TEXT, allowNull: true },
    phone_bidx: { type: DataTypes.STRING(64), allowNull: true },
    birth_date: { type: DataTypes.STRING(10), allowNull: true },
    is_self: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    // true while the rider is in the list, NULL once deleted: unique (end_user_id, id_number_bidx, live)
    // then allows one live rider per ID and any number of deleted ones (NULLs never collide, in
    // SQLite and MariaDB alike). Deleted rows stay for the bookings that name them.
    live: { type: DataTypes.BOOLEAN, allowNull: true, defaultValue: true },
    deleted_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('rider', ['end_user_id', 'id_number_bidx', 'live'], { unique: true, name: 'rider_owner_id_live' });
  await qi.addIndex('rider', ['id_number_bidx']);

  await qi.createTable('passenger_profile', {
    end_user_id: { type: DataTypes.INTEGER, primaryKey: true },
    gender: { type: DataTypes.STRING(8), allowNull: true },
    emergency_name_enc: { type: DataTypes.TEXT, allowNull: true },
    emergency_phone_enc: { type: DataTypes.TEXT, allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });

  // one row per acceptance: the evidence of who accepted which version, when and from where
  await qi.createTable('privacy_consent', {
    id,
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    audience: { type: DataTypes.STRING(16), allowNull: false },
    policy_version: { type: DataTypes.STRING(32), allowNull: false },
    accepted_at: { type: DataTypes.DATE(3), allowNull: false },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    user_agent: { type: DataTypes.STRING(255), allowNull: true },
  });
  await qi.addIndex('privacy_consent', ['end_user_id', 'policy_version']);
}

export async function down(qi: QueryInterface): Promise<void> {
  for (const table of ['privacy_consent', 'passenger_profile', 'rider']) await qi.dropTable(table);
}
