import { DataTypes, type QueryInterface } from 'sequelize';

/** Identity and access, end-user accounts, sessions and the audit trail. */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable('org', {
    id,
    parent_id: { type: DataTypes.INTEGER, allowNull: true },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    region_code: { type: DataTypes.STRING(12), allowNull: true },
    // materialised path "/1/4/9/": a subtree is every org whose path starts with its root's path
    path: { type: DataTypes.STRING(255), allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('org', ['path']);
  await qi.addIndex('org', ['parent_id']);

  await qi.createTable('role', {
    id,
    code: { type: DataTypes.STRING(64), allowNull: false },
    name: { type: DataTypes.STRING(64), allowNull: false },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    built_in: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    permissions: { type: DataTypes.TEXT, allowNull: false },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('role', ['org_id', 'code'], { unique: true });

  await qi.createTable('admin_user', {
    id,
    username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    display_name: { type: DataTypes.STRING(64), allowNull: false },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    phone_enc: { type: DataTypes.TEXT, allowNull: true },
    phone_bidx: { type: DataTypes.STRING(64), allowNull: true },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    password_changed_at: { type: DataTypes.DATE(3), allowNull: false },
    must_change_password: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    totp_secret_enc: { type: DataTypes.TEXT, allowNull: true },
    totp_pending_enc: { type: DataTypes.TEXT, allowNull: true },
    totp_last_step: { type: DataTypes.BIGINT, allowNull: true },
    failed_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: { type: DataTypes.DATE(3), allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    last_login_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('admin_user', ['org_id']);
  await qi.addIndex('admin_user', ['phone_bidx']);

  await qi.createTable('admin_user_role', {
    user_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    role_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
  });
  await qi.addIndex('admin_user_role', ['role_id']);

  await qi.createTable('auth_session', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    audience: { type: DataTypes.STRING(16), allowNull: false },
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    refresh_hash: { type: DataTypes.STRING(64), allowNull: false },
    // the hash before the last rotation: presenting it again means the token was stolen
    previous_refresh_hash: { type: DataTypes.STRING(64), allowNull: true },
    created_at: createdAt,
    last_seen_at: { type: DataTypes.DATE(3), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    revoked_reason: { type: DataTypes.STRING(32), allowNull: true },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    user_agent: { type: DataTypes.STRING(255), allowNull: true },
  });
  await qi.addIndex('auth_session', ['audience', 'subject_id']);
  await qi.addIndex('auth_session', ['refresh_hash']);
  await qi.addIndex('auth_session', ['previous_refresh_hash']);

  await qi.createTable('security_setting', {
    key: { type: DataTypes.STRING(64), primaryKey: true },
    value: { type: DataTypes.STRING(255), allowNull: false },
    updated_at: updatedAt,
    updated_by: { type: DataTypes.INTEGER, allowNull: true },
  });

  await qi.createTable('end_user', {
    id,
    audience: { type: DataTypes.STRING(16), allowNull: false },
    phone_enc: { type: DataTypes.TEXT, allowNull: true },
    phone_bidx: { type: DataTypes.STRING(64), allowNull: true },
    nickname: { type: DataTypes.STRING(64), allowNull: true },
    privacy_version: { type: DataTypes.STRING(32), allowNull: true },
    privacy_at: { type: DataTypes.DATE(3), allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('end_user', ['audience', 'phone_bidx'], { unique: true });

  await qi.createTable('wechat_identity', {
    id,
    end_user_id: { type: DataTypes.INTEGER, allowNull: false },
    appid: { type: DataTypes.STRING(32), allowNull: false },
    openid: { type: DataTypes.STRING(64), allowNull: false },
    unionid: { type: DataTypes.STRING(64), allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('wechat_identity', ['appid', 'openid'], { unique: true });
  await qi.addIndex('wechat_identity', ['unionid']);
  await qi.addIndex('wechat_identity', ['end_user_id']);

  await qi.createTable('sms_code', {
    id,
    audience: { type: DataTypes.STRING(16), allowNull: false },
    phone_bidx: { type: DataTypes.STRING(64), allowNull: false },
    code_hash: { type: DataTypes.STRING(64), allowNull: false },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    consumed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('sms_code', ['phone_bidx', 'created_at']);
  await qi.addIndex('sms_code', ['ip', 'created_at']);

  await qi.createTable('audit_record', {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    seq: { type: DataTypes.BIGINT, allowNull: false, unique: true },
    at: { type: DataTypes.DATE(3), allowNull: false },
    category: { type: DataTypes.STRING(24), allowNull: false },
    action: { type: DataTypes.STRING(64), allowNull: false },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    actor_name: { type: DataTypes.STRING(64), allowNull: true },
    org_id: { type: DataTypes.INTEGER, allowNull: true },
    org_path: { type: DataTypes.STRING(255), allowNull: true },
    target_type: { type: DataTypes.STRING(32), allowNull: true },
    target_id: { type: DataTypes.STRING(64), allowNull: true },
    result: { type: DataTypes.STRING(16), allowNull: false },
    source_ip: { type: DataTypes.STRING(64), allowNull: true },
    request_id: { type: DataTypes.STRING(64), allowNull: true },
    detail: { type: DataTypes.TEXT, allowNull: true },
    prev_hash: { type: DataTypes.STRING(64), allowNull: false },
    hash: { type: DataTypes.STRING(64), allowNull: false },
  });
  await qi.addIndex('audit_record', ['at']);
  await qi.addIndex('audit_record', ['org_path']);

  // one row: the newest link of the chain, locked while a record is appended
  await qi.createTable('audit_head', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    seq: { type: DataTypes.BIGINT, allowNull: false },
    hash: { type: DataTypes.STRING(64), allowNull: false },
  });
  await qi.bulkInsert('audit_head', [{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
}

export async function down(qi: QueryInterface): Promise<void> {
  for (const table of [
    'audit_head', 'audit_record', 'sms_code', 'wechat_identity', 'end_user', 'security_setting',
    'auth_session', 'admin_user_role', 'admin_user', 'role', 'org',
  ]) {
    await qi.dropTable(table);
  }
}
