import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Uploaded files: the bytes live in object storage (OSS), this table says which org owns each
 * object, so other modules can check a file id before attaching it (tenancy, design.md §2).
 */
export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('file_object', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    uploader_admin_id: { type: DataTypes.INTEGER, allowNull: true },
    // org/<orgId>/<yyyy>/<mm>/<uuid>.<ext>: never derived from the uploader's file name
    storage_key: { type: DataTypes.STRING(255), allowNull: false, unique: true },
    original_name: { type: DataTypes.STRING(255), allowNull: false },
    content_type: { type: DataTypes.STRING(64), allowNull: false },
    size_bytes: { type: DataTypes.BIGINT, allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    purpose: { type: DataTypes.STRING(32), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    deleted_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await qi.addIndex('file_object', ['org_id', 'created_at']);
  await qi.addIndex('file_object', ['sha256']);
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('file_object');
}
