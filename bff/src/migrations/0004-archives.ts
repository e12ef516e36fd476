import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Archives: the platform profile, operator archives, drivers, vehicles,
 * their version history, and expiry warnings with their notification deliveries.
 *
 * Dates of documents are `YYYY-MM-DD` strings (calendar days in Asia/Shanghai, compared as text);
 * JSON is TEXT as in 0001. Personal data is stored as `*_enc` (AES-GCM, see FieldCipher) with a
 * `*_bidx` blind index where search or uniqueness needs it.
 */
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const createdAt = { type: DataTypes.DATE(3), allowNull: false };
const updatedAt = { type: DataTypes.DATE(3), allowNull: false };
const day = { type: DataTypes.STRING(10), allowNull: true };
const str = (n: number) => ({ type: DataTypes.STRING(n), allowNull: true });
const fileId = { type: DataTypes.INTEGER, allowNull: true };

/** The outcome of the last licence registry check and the computed operability (lists filter on it). */
const verificationAndOperability = {
  verification_status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'unverified' },
  verification_checked_at: { type: DataTypes.DATE(3), allowNull: true },
  verification_reason: { type: DataTypes.STRING(500), allowNull: true },
  verification_mismatches: { type: DataTypes.TEXT, allowNull: true },
  registry_status: str(16),
  operable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  blockers: { type: DataTypes.TEXT, allowNull: true },
};

export async function up(qi: QueryInterface): Promise<void> {
  // one row (id 1): the platform's own registration data
  await qi.createTable('platform_profile', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    platform_name: { type: DataTypes.STRING(100), allowNull: false },
    operating_entity: str(100),
    credit_code: str(18),
    icp_licence_no: str(64),
    icp_filing_no: str(64),
    mlps_filing_no: str(64),
    hotline: str(32),
    address: str(200),
    updated_by: { type: DataTypes.INTEGER, allowNull: true },
    updated_at: { type: DataTypes.DATE(3), allowNull: true },
  });

  await qi.createTable('operator_archive', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    legal_name: { type: DataTypes.STRING(100), allowNull: false },
    credit_code: str(18),
    legal_representative: str(64),
    contact_name: str(64),
    contact_phone_enc: { type: DataTypes.TEXT, allowNull: true },
    contact_phone_bidx: str(64),
    address: str(200),
    business_licence_file_id: fileId,
    business_licence_expiry: day,
    permit_no: str(64),
    permit_scope: str(200),
    permit_expiry: day,
    permit_file_id: fileId,
    agreement_no: str(64),
    agreement_signed_on: day,
    agreement_valid_until: day,
    agreement_file_id: fileId,
    merchant_mode: str(16),
    sub_mch_id: str(32),
    mch_id: str(32),
    settlement_account_name: str(100),
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
    ...verificationAndOperability,
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('operator_archive', ['credit_code']);

  await qi.createTable('driver', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    name: { type: DataTypes.STRING(64), allowNull: false },
    gender: str(8),
    id_type: { type: DataTypes.STRING(16), allowNull: false },
    id_number_enc: { type: DataTypes.TEXT, allowNull: false },
    id_number_bidx: { type: DataTypes.STRING(64), allowNull: false },
    phone_enc: { type: DataTypes.TEXT, allowNull: false },
    phone_bidx: { type: DataTypes.STRING(64), allowNull: false },
    // licence and qualification numbers are usually the ID number itself: encrypted too
    licence_no_enc: { type: DataTypes.TEXT, allowNull: true },
    licence_class: { type: DataTypes.STRING(4), allowNull: false },
    licence_first_issued_on: day,
    licence_expiry: day,
    licence_file_id: fileId,
    qualification_no_enc: { type: DataTypes.TEXT, allowNull: true },
    qualification_category: str(32),
    qualification_expiry: day,
    qualification_file_id: fileId,
    photo_file_id: fileId,
    employment_status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
    hired_on: day,
    linked_end_user_id: { type: DataTypes.INTEGER, allowNull: true, unique: true },
    linked_at: { type: DataTypes.DATE(3), allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...verificationAndOperability,
    created_at: createdAt,
    updated_at: updatedAt,
  });
  // one archive per person on the whole platform
  await qi.addIndex('driver', ['id_number_bidx'], { unique: true });
  await qi.addIndex('driver', ['phone_bidx']);
  await qi.addIndex('driver', ['org_id']);

  await qi.createTable('vehicle', {
    id,
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    plate_no: { type: DataTypes.STRING(16), allowNull: false },
    plate_color: { type: DataTypes.INTEGER, allowNull: false },
    approved_seats: { type: DataTypes.INTEGER, allowNull: false },
    vehicle_type: { type: DataTypes.STRING(16), allowNull: false },
    vehicle_class: { type: DataTypes.STRING(16), allowNull: false },
    brand: str(64),
    model: str(64),
    vin: str(17),
    transport_cert_no: str(32),
    transport_cert_expiry: day,
    transport_cert_file_id: fileId,
    annual_inspection_due: day,
    insurer: str(64),
    insurance_policy_no: str(64),
    insurance_expiry: day,
    insurance_file_id: fileId,
    terminal_id: str(30),
    terminal_maker: str(64),
    terminal_model: str(64),
    terminal_phone: str(20),
    certificate_file_ids: { type: DataTypes.TEXT, allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...verificationAndOperability,
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('vehicle', ['plate_no', 'plate_color'], { unique: true });
  await qi.addIndex('vehicle', ['org_id']);
  await qi.addIndex('vehicle', ['terminal_id']);

  await qi.createTable('archive_history', {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    record_id: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    action: { type: DataTypes.STRING(16), allowNull: false },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    actor_name: str(64),
    // the record after the change, personal data masked
    snapshot: { type: DataTypes.TEXT, allowNull: false },
    created_at: createdAt,
  });
  await qi.addIndex('archive_history', ['kind', 'record_id', 'version'], { unique: true });

  await qi.createTable('expiry_warning', {
    id,
    kind: { type: DataTypes.STRING(16), allowNull: false },
    record_id: { type: DataTypes.INTEGER, allowNull: false },
    org_id: { type: DataTypes.INTEGER, allowNull: false },
    document: { type: DataTypes.STRING(24), allowNull: false },
    expires_on: { type: DataTypes.STRING(10), allowNull: false },
    threshold: { type: DataTypes.INTEGER, allowNull: false },
    // only the newest threshold of a document is open; a renewed document closes them all
    open: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
  });
  // a scan run twice (or by two processes) raises each warning once; the expiry date is part of
  // the key so a renewed document warns again before its next expiry
  await qi.addIndex('expiry_warning', ['kind', 'record_id', 'document', 'expires_on', 'threshold'], { unique: true, name: 'expiry_warning_once' });
  await qi.addIndex('expiry_warning', ['open', 'org_id']);

  await qi.createTable('expiry_delivery', {
    id,
    warning_id: { type: DataTypes.INTEGER, allowNull: false },
    channel: { type: DataTypes.STRING(8), allowNull: false },
    result: { type: DataTypes.STRING(16), allowNull: false },
    detail: str(255),
    created_at: createdAt,
  });
  await qi.addIndex('expiry_delivery', ['warning_id']);
}

export async function down(qi: QueryInterface): Promise<void> {
  for (const table of ['expiry_delivery', 'expiry_warning', 'archive_history', 'vehicle', 'driver', 'operator_archive', 'platform_profile']) {
    await qi.dropTable(table);
  }
}
