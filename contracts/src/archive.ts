/**
 * API shapes and shared rules of the archive module: operators, the platform profile, drivers and
 * vehicles, licence verification and expiry warnings. Personal data (ID,
 * phone, driving-licence and qualification numbers, which are usually the ID number) is never
 * returned whole: the `…Masked` fields carry the masked form (contracts mask.ts).
 */
import type { FieldError, PageQuery } from './envelope';
import type { FileView } from './file';
import { ID_TYPES, validateIdNumber, type IdType } from './id-number';
import { GENDERS, validateMobile, validateRiderName, type Gender } from './passenger';

// ───────────────────────── shared ─────────────────────────

/** Dates are `YYYY-MM-DD` (a calendar day in Asia/Shanghai); instants are ISO 8601. */
export type DateString = string;

export type ArchiveKind = 'operator' | 'vehicle' | 'driver';

/** the outcome of the last check against the transport authority's licence registry. */
export type VerificationStatus = 'unverified' | 'verified' | 'mismatch' | 'not_found';

/** The registry's own state of a licence. */
export type RegistryStatus = 'valid' | 'suspended' | 'revoked' | 'expired';

export const VERIFICATION_STATUS_LABELS: Record<VerificationStatus, { zh: string; en: string }> = {
  unverified: { zh: '未核验', en: 'Not verified' },
  verified: { zh: '核验通过', en: 'Verified' },
  mismatch: { zh: '信息不一致', en: 'Mismatch' },
  not_found: { zh: '许可库无记录', en: 'Not in registry' },
};

export const REGISTRY_STATUS_LABELS: Record<RegistryStatus, { zh: string; en: string }> = {
  valid: { zh: '有效', en: 'Valid' },
  suspended: { zh: '暂停', en: 'Suspended' },
  revoked: { zh: '吊销', en: 'Revoked' },
  expired: { zh: '过期', en: 'Expired' },
};

/** One field on which the archive and the registry disagree. */
export interface VerificationMismatch {
  /** the archive field, e.g. 'approvedSeats', 'name', 'status' */
  field: string;
  /** Chinese label of the field, e.g. '核定座位数' */
  label: string;
  archive: string | null;
  registry: string | null;
}

export interface VerificationView {
  status: VerificationStatus;
  /** when the registry last answered; null while never checked */
  checkedAt: string | null;
  /** Chinese summary, e.g. '核定座位数不一致：档案 19，许可库 45' */
  reason: string | null;
  mismatches: VerificationMismatch[];
  /** the registry's state of the licence at the last check */
  registryStatus: RegistryStatus | null;
}

/**
 * Computed on every read (and stored for list filters): a driver or vehicle may be dispatched only
 * when enabled, every dated document unexpired and the licence check 'verified'.
 */
export interface Operability {
  operable: boolean;
  /** Chinese reasons, e.g. ['道路运输证已于 2026-10-01 过期', '未通过许可核验：车辆状态为暂停'] */
  blockers: string[];
}

export type HistoryAction =
  | 'create'
  | 'update'
  | 'disable'
  | 'enable'
  | 'verify'
  | 'link'
  | 'unlink'
  | 'merchant'
  | 'expire';

export const HISTORY_ACTION_LABELS: Record<HistoryAction, { zh: string; en: string }> = {
  create: { zh: '新建', en: 'Created' },
  update: { zh: '修改', en: 'Updated' },
  disable: { zh: '停用', en: 'Disabled' },
  enable: { zh: '启用', en: 'Enabled' },
  verify: { zh: '许可核验', en: 'Verified against registry' },
  link: { zh: '绑定司机端账号', en: 'Linked driver-app account' },
  unlink: { zh: '解绑司机端账号', en: 'Unlinked driver-app account' },
  merchant: { zh: '修改收款设置', en: 'Merchant settings changed' },
  expire: { zh: '证件到期', en: 'Document expired' },
};

/** `GET /api/admin/{operators,drivers,vehicles}/:id/history`, newest first. */
export interface ArchiveHistoryEntry {
  id: number;
  /** 1 for the first version of the record, then +1 per change */
  version: number;
  action: HistoryAction;
  actorName: string | null;
  at: string;
  /** the whole record after the change, personal data masked */
  snapshot: Record<string, unknown>;
  /** what differs from the previous version (empty for 'create') */
  changes: { field: string; from: unknown; to: unknown }[];
}

// ───────────────────────── platform profile ─────────────────────────

/** `GET /api/admin/platform-profile` (any admin), `PUT` (platform org, 'system:org:write'). */
export interface PlatformProfileView {
  /** 平台名称 */
  platformName: string;
  /** 运营主体 (the company running the platform) */
  operatingEntity: string | null;
  /** 统一社会信用代码 of the operating entity */
  creditCode: string | null;
  /** ICP 经营许可证号 (增值电信业务经营许可证) */
  icpLicenceNo: string | null;
  /** ICP 备案号 */
  icpFilingNo: string | null;
  /** 网络安全等级保护备案号 */
  mlpsFilingNo: string | null;
  /** 客服电话 (a public hotline, not personal data) */
  hotline: string | null;
  address: string | null;
  updatedAt: string | null;
}

export type PlatformProfileInput = Omit<PlatformProfileView, 'updatedAt'>;

// ───────────────────────── operators ─────────────────────────

export const MERCHANT_MODES = ['sub_merchant', 'direct'] as const;
/** design.md §3: sub-merchant of the platform's service-provider account, or a direct merchant. */
export type MerchantMode = (typeof MERCHANT_MODES)[number];

export type OperatorStatus = 'active' | 'suspended';

/**
 * Where an operator's ticket money goes. Only ids live here — API keys and certificates are
 * secrets configured outside the database and never returned.
 */
export interface OperatorMerchantView {
  /** null while not configured: the operator cannot take payments yet */
  mode: MerchantMode | null;
  /** WeChat Pay sub_mchid when mode is 'sub_merchant' */
  subMchId: string | null;
  /** own mchid when mode is 'direct' */
  mchId: string | null;
  /** 结算账户名称 */
  settlementAccountName: string | null;
}

/** `PUT /api/admin/operators/:id/merchant` ('finance:write') */
export interface OperatorMerchantInput {
  mode: MerchantMode;
  subMchId?: string | null;
  mchId?: string | null;
  settlementAccountName: string;
}

/**
 * One archive per operator organisation; `id` is the operator org's id (the archive is created by
 * the first save). An org without a saved archive answers a blank view with `saved: false`.
 */
export interface OperatorView {
  /** = orgId */
  id: number;
  orgId: number;
  orgName: string;
  saved: boolean;
  /** 企业名称 as on the business licence */
  legalName: string;
  /** 统一社会信用代码 */
  creditCode: string | null;
  /** 法定代表人 */
  legalRepresentative: string | null;
  contactName: string | null;
  /** masked, e.g. 138****1234 */
  contactPhoneMasked: string | null;
  address: string | null;
  /** 营业执照 */
  businessLicenceFileId: number | null;
  businessLicenceExpiry: DateString | null;
  /** 道路运输经营许可证 */
  permitNo: string | null;
  permitScope: string | null;
  permitExpiry: DateString | null;
  permitFileId: number | null;
  /** 与平台的合作协议 */
  agreementNo: string | null;
  agreementSignedOn: DateString | null;
  agreementValidUntil: DateString | null;
  agreementFileId: number | null;
  merchant: OperatorMerchantView;
  status: OperatorStatus;
  verification: VerificationView;
  /** selling for this operator is allowed only while operable (permit and agreement valid, verified) */
  operable: boolean;
  blockers: string[];
  /** the files referenced above, for download links */
  files: FileView[];
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * `PUT /api/admin/operators/:id` ('basedata:write'). contactPhone: left out or '' keeps the stored
 * number (the page only ever sees it masked); null clears it.
 */
export interface OperatorInput {
  legalName: string;
  creditCode: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone?: string | null;
  address: string;
  businessLicenceFileId?: number | null;
  businessLicenceExpiry?: DateString | null;
  permitNo: string;
  permitScope: string;
  permitExpiry: DateString;
  permitFileId?: number | null;
  agreementNo?: string | null;
  agreementSignedOn?: DateString | null;
  agreementValidUntil?: DateString | null;
  agreementFileId?: number | null;
  status?: OperatorStatus;
}

/** `GET /api/admin/operators` */
export interface OperatorQuery extends PageQuery {
  /** part of the org or legal name */
  keyword?: string;
}

// ───────────────────────── vehicles ─────────────────────────

/** JT/T 808 plate colour codes. */
export const PLATE_COLORS = [1, 2, 3, 4, 5, 9] as const;
export type PlateColor = (typeof PLATE_COLORS)[number];
export const PLATE_COLOR_LABELS: Record<PlateColor, { zh: string; en: string }> = {
  1: { zh: '蓝色', en: 'Blue' },
  2: { zh: '黄色', en: 'Yellow' },
  3: { zh: '黑色', en: 'Black' },
  4: { zh: '白色', en: 'White' },
  5: { zh: '绿色', en: 'Green' },
  9: { zh: '其他', en: 'Other' },
};

/** JT/T 325 营运客车 size. */
export const VEHICLE_TYPES = ['extra_large', 'large', 'medium', 'small'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];
export const VEHICLE_TYPE_LABELS: Record<VehicleType, { zh: string; en: string }> = {
  extra_large: { zh: '特大型客车', en: 'Extra-large coach' },
  large: { zh: '大型客车', en: 'Large coach' },
  medium: { zh: '中型客车', en: 'Medium coach' },
  small: { zh: '小型客车', en: 'Small coach' },
};

/** JT/T 325 营运客车 class. */
export const VEHICLE_CLASSES = ['high3', 'high2', 'high1', 'middle', 'ordinary'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];
export const VEHICLE_CLASS_LABELS: Record<VehicleClass, { zh: string; en: string }> = {
  high3: { zh: '高三级', en: 'Premium 3' },
  high2: { zh: '高二级', en: 'Premium 2' },
  high1: { zh: '高一级', en: 'Premium 1' },
  middle: { zh: '中级', en: 'Intermediate' },
  ordinary: { zh: '普通级', en: 'Ordinary' },
};

/** Customized passenger transport uses vehicles approved for at least 7 seats. */
export const MIN_APPROVED_SEATS = 7;
export const MAX_APPROVED_SEATS = 70;

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE_ALNUM = '[A-HJ-NP-Z0-9]';
/** 7 characters: province, issuing letter, 5 characters (the last may be 挂/学/警/港/澳/领). */
const PLATE_REGULAR = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z]${PLATE_ALNUM}{4}[A-HJ-NP-Z0-9挂学警港澳领]$`);
/** 8 characters, new energy: small cars D/F + 5 (second may be a letter); large vehicles 5 digits + D/F. */
const PLATE_NEW_ENERGY = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z](?:[DF]${PLATE_ALNUM}\\d{4}|\\d{5}[DF])$`);

export function normalizePlateNo(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** null when the plate is a valid Chinese motor-vehicle plate number, otherwise the Chinese reason. */
export function validatePlateNo(raw: string | null | undefined): string | null {
  const plate = normalizePlateNo(raw ?? '');
  if (!plate) return '车牌号不能为空';
  if (PLATE_REGULAR.test(plate) || PLATE_NEW_ENERGY.test(plate)) return null;
  return '车牌号格式不正确（如 粤B12345 或新能源 粤B12345D）';
}

/** JT/T 808 terminal ID: 7 characters (2013) up to 30 (2019), letters and digits. */
export function validateTerminalId(raw: string | null | undefined): string | null {
  const id = (raw ?? '').trim();
  if (!id) return null;
  return /^[A-Za-z0-9]{7,30}$/.test(id) ? null : '终端ID应为7至30位字母或数字';
}

/** VIN (GB 16735): 17 characters, no I, O or Q. */
export function validateVin(raw: string | null | undefined): string | null {
  const vin = (raw ?? '').trim().toUpperCase();
  if (!vin) return null;
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(vin) ? null : '车辆识别代号应为17位字母或数字（不含 I、O、Q）';
}

export interface VehicleView extends Operability {
  id: number;
  orgId: number;
  orgName: string;
  plateNo: string;
  plateColor: PlateColor;
  approvedSeats: number;
  vehicleType: VehicleType;
  vehicleClass: VehicleClass;
  brand: string | null;
  model: string | null;
  vin: string | null;
  /** 道路运输证 */
  transportCertNo: string | null;
  transportCertExpiry: DateString | null;
  transportCertFileId: number | null;
  /** 年审 (综合性能检测) due date */
  annualInspectionDue: DateString | null;
  /** 承运人责任险 */
  insurer: string | null;
  insurancePolicyNo: string | null;
  insuranceExpiry: DateString | null;
  insuranceFileId: number | null;
  /** JT/T 808 terminal */
  terminalId: string | null;
  terminalMaker: string | null;
  terminalModel: string | null;
  /** the terminal SIM's number (a device number, not personal data) */
  terminalPhone: string | null;
  /** other certificate scans (行驶证, photos …) */
  certificateFileIds: number[];
  enabled: boolean;
  verification: VerificationView;
  files: FileView[];
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/admin/vehicles`, `PUT /api/admin/vehicles/:id` ('basedata:write') */
export interface VehicleInput {
  /** the owning operator or branch; defaults to the caller's org */
  orgId?: number;
  plateNo: string;
  plateColor: PlateColor;
  approvedSeats: number;
  vehicleType: VehicleType;
  vehicleClass: VehicleClass;
  brand?: string | null;
  model?: string | null;
  vin?: string | null;
  transportCertNo?: string | null;
  transportCertExpiry?: DateString | null;
  transportCertFileId?: number | null;
  annualInspectionDue?: DateString | null;
  insurer?: string | null;
  insurancePolicyNo?: string | null;
  insuranceExpiry?: DateString | null;
  insuranceFileId?: number | null;
  terminalId?: string | null;
  terminalMaker?: string | null;
  terminalModel?: string | null;
  terminalPhone?: string | null;
  certificateFileIds?: number[];
}

/** `GET /api/admin/vehicles` */
export interface VehicleQuery extends PageQuery {
  /** exact plate, or a part of it */
  plateNo?: string;
  orgId?: number;
  enabled?: boolean;
  operable?: boolean;
  verification?: VerificationStatus;
}

// ───────────────────────── drivers ─────────────────────────

/** 准驾车型 (GB 5768 / 机动车驾驶证申领和使用规定). A1/A3/B1 allow buses of the various sizes. */
export const DRIVING_LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'] as const;
export type DrivingLicenceClass = (typeof DRIVING_LICENCE_CLASSES)[number];

export const EMPLOYMENT_STATUSES = ['active', 'suspended', 'left'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, { zh: string; en: string }> = {
  active: { zh: '在职', en: 'Active' },
  suspended: { zh: '停职', en: 'Suspended' },
  left: { zh: '离职', en: 'Left' },
};

/** 从业资格证 categories (JT/T 1290) relevant to passenger transport. */
export const QUALIFICATION_CATEGORIES = ['道路旅客运输驾驶员', '出租汽车驾驶员', '道路货物运输驾驶员'] as const;

export interface DriverView extends Operability {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  gender: Gender | null;
  idType: IdType;
  /** e.g. 440***********0013 */
  idNumberMasked: string;
  /** e.g. 138****1234 */
  phoneMasked: string;
  /** 驾驶证 */
  licenceNoMasked: string | null;
  licenceClass: DrivingLicenceClass;
  licenceFirstIssuedOn: DateString | null;
  licenceExpiry: DateString | null;
  licenceFileId: number | null;
  /** 从业资格证 */
  qualificationNoMasked: string | null;
  qualificationCategory: string | null;
  qualificationExpiry: DateString | null;
  qualificationFileId: number | null;
  photoFileId: number | null;
  employmentStatus: EmploymentStatus;
  hiredOn: DateString | null;
  /** the driver-app account (end user, audience 'driver') linked to this archive */
  linkedEndUserId: number | null;
  linkedAt: string | null;
  enabled: boolean;
  verification: VerificationView;
  files: FileView[];
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /api/admin/drivers` (idNumber and phone required), `PUT /api/admin/drivers/:id`. The page
 * only ever sees masked numbers, so on update a number left out or '' keeps the stored one;
 * licenceNo/qualificationNo null clears.
 */
export interface DriverInput {
  /** the owning operator or branch; defaults to the caller's org */
  orgId?: number;
  name: string;
  gender?: Gender | null;
  idType: IdType;
  idNumber?: string;
  phone?: string;
  licenceNo?: string | null;
  licenceClass: DrivingLicenceClass;
  licenceFirstIssuedOn?: DateString | null;
  licenceExpiry: DateString;
  licenceFileId?: number | null;
  qualificationNo?: string | null;
  qualificationCategory?: string | null;
  qualificationExpiry?: DateString | null;
  qualificationFileId?: number | null;
  photoFileId?: number | null;
  employmentStatus?: EmploymentStatus;
  hiredOn?: DateString | null;
}

/** `GET /api/admin/drivers`. ID and phone are whole numbers matched exactly (blind index). */
export interface DriverQuery extends PageQuery {
  idNumber?: string;
  phone?: string;
  /** part of the name */
  name?: string;
  orgId?: number;
  enabled?: boolean;
  operable?: boolean;
  employmentStatus?: EmploymentStatus;
  verification?: VerificationStatus;
}

/** `GET /api/admin/drivers/:id/link-candidates`: driver-app accounts with the archive's phone. */
export interface DriverLinkCandidate {
  endUserId: number;
  nickname: string | null;
  /** masked */
  phoneMasked: string;
  registeredAt: string;
  /** the archive this account is already linked to, if any (it cannot be linked twice) */
  linkedDriverId: number | null;
}

/** `POST /api/admin/drivers/:id/link` */
export interface DriverLinkInput {
  endUserId: number;
}

// ───────────────────────── expiry warnings ─────────────────────────

/** Days before expiry at which a warning is raised; 0 = expired (today or earlier). */
export const EXPIRY_THRESHOLDS = [30, 15, 7, 0] as const;
export type ExpiryThreshold = (typeof EXPIRY_THRESHOLDS)[number];

export const EXPIRY_DOCUMENTS = [
  'driving_licence',
  'qualification',
  'transport_cert',
  'annual_inspection',
  'insurance',
  'business_licence',
  'operating_permit',
  'agreement',
] as const;
export type ExpiryDocument = (typeof EXPIRY_DOCUMENTS)[number];
export const EXPIRY_DOCUMENT_LABELS: Record<ExpiryDocument, { zh: string; en: string }> = {
  driving_licence: { zh: '驾驶证', en: 'Driving licence' },
  qualification: { zh: '从业资格证', en: 'Qualification certificate' },
  transport_cert: { zh: '道路运输证', en: 'Road transport certificate' },
  annual_inspection: { zh: '年审', en: 'Annual inspection' },
  insurance: { zh: '承运人责任险', en: 'Carrier liability insurance' },
  business_licence: { zh: '营业执照', en: 'Business licence' },
  operating_permit: { zh: '道路运输经营许可证', en: 'Road transport operating permit' },
  agreement: { zh: '平台合作协议', en: 'Platform cooperation agreement' },
};

export type DeliveryChannel = 'wechat' | 'sms';
export type DeliveryResult = 'delivered' | 'failed' | 'no_subscription' | 'no_recipient';

export interface ExpiryDeliveryView {
  channel: DeliveryChannel;
  result: DeliveryResult;
  detail: string | null;
  at: string;
}

/** `GET /api/admin/expiry-warnings`: open warnings in the caller's scope, soonest expiry first. */
export interface ExpiryWarningView {
  id: number;
  kind: ArchiveKind;
  recordId: number;
  /** plate number, driver name or operator name */
  label: string;
  orgId: number;
  orgName: string;
  document: ExpiryDocument;
  /** Chinese, e.g. '承运人责任险' */
  documentLabel: string;
  expiresOn: DateString;
  /** negative once expired */
  daysLeft: number;
  /** the threshold that raised this warning */
  threshold: ExpiryThreshold;
  createdAt: string;
  /** notifications sent to the driver (driver documents only) */
  deliveries: ExpiryDeliveryView[];
}

export interface ExpiryWarningQuery extends PageQuery {
  /** only documents expiring within this many days from today (expired ones included) */
  withinDays?: number;
  kind?: ArchiveKind;
}

/** Result of one expiry scan (CLI `npm run jobs:expiry` prints it). */
export interface ExpiryScanResult {
  today: DateString;
  created: number;
  notified: number;
  smsFallbacks: number;
  markedInoperable: number;
}

// ───────────────────────── shared validation ─────────────────────────

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** null when `raw` is a real calendar date YYYY-MM-DD. */
export function validateDate(raw: string | null | undefined, label: string): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (!DATE.test(raw)) return `${label}应为 YYYY-MM-DD 格式的日期`;
  const d = new Date(`${raw}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw) return `${label}不是有效日期`;
  return null;
}

/** Every problem of a vehicle form at once (the bff runs the same rules). */
export function validateVehicleInput(input: Partial<VehicleInput>): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, reason: string | null) => reason && errors.push({ field, reason });
  push('plateNo', validatePlateNo(input.plateNo));
  if (!(PLATE_COLORS as readonly number[]).includes(Number(input.plateColor))) push('plateColor', '请选择车牌颜色');
  const seats = Number(input.approvedSeats);
  if (!Number.isInteger(seats)) push('approvedSeats', '核定座位数应为整数');
  else if (seats < MIN_APPROVED_SEATS) push('approvedSeats', `定制客运车辆核定座位数不得少于 ${MIN_APPROVED_SEATS} 座`);
  else if (seats > MAX_APPROVED_SEATS) push('approvedSeats', `核定座位数不得超过 ${MAX_APPROVED_SEATS} 座`);
  if (!input.vehicleType || !(VEHICLE_TYPES as readonly string[]).includes(input.vehicleType)) push('vehicleType', '请选择车辆类型');
  if (!input.vehicleClass || !(VEHICLE_CLASSES as readonly string[]).includes(input.vehicleClass)) push('vehicleClass', '请选择客车等级');
  push('vin', validateVin(input.vin));
  push('terminalId', validateTerminalId(input.terminalId));
  if (input.terminalPhone && !/^\d{11,20}$/.test(input.terminalPhone.trim())) push('terminalPhone', '终端SIM卡号应为11至20位数字');
  push('transportCertExpiry', validateDate(input.transportCertExpiry, '道路运输证有效期'));
  push('annualInspectionDue', validateDate(input.annualInspectionDue, '年审到期日'));
  push('insuranceExpiry', validateDate(input.insuranceExpiry, '承运人责任险到期日'));
  return errors;
}

/**
 * Every problem of a driver form at once. `creating` requires the ID and phone numbers; on update
 * a number left out keeps the stored one.
 */
export function validateDriverInput(input: Partial<DriverInput>, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, reason: string | null) => reason && errors.push({ field, reason });
  push('name', validateRiderName(input.name));
  if (input.gender != null && !GENDERS.includes(input.gender)) push('gender', '性别无效');
  if (!input.idType || !(ID_TYPES as readonly string[]).includes(input.idType)) push('idType', '请选择证件类型');
  else if (creating || input.idNumber) push('idNumber', validateIdNumber(input.idType, input.idNumber ?? ''));
  if (creating || input.phone) push('phone', validateMobile(input.phone));
  if (!input.licenceClass || !(DRIVING_LICENCE_CLASSES as readonly string[]).includes(input.licenceClass)) {
    push('licenceClass', '请选择准驾车型');
  }
  if (input.licenceNo && !/^[A-Za-z0-9]{6,20}$/.test(input.licenceNo.trim())) push('licenceNo', '驾驶证号应为6至20位字母或数字');
  if (input.qualificationNo && !/^[A-Za-z0-9]{6,20}$/.test(input.qualificationNo.trim())) {
    push('qualificationNo', '从业资格证号应为6至20位字母或数字');
  }
  if (!input.licenceExpiry) push('licenceExpiry', '驾驶证有效期不能为空');
  else push('licenceExpiry', validateDate(input.licenceExpiry, '驾驶证有效期'));
  push('licenceFirstIssuedOn', validateDate(input.licenceFirstIssuedOn, '初次领证日期'));
  push('qualificationExpiry', validateDate(input.qualificationExpiry, '从业资格证有效期'));
  push('hiredOn', validateDate(input.hiredOn, '入职日期'));
  if (input.employmentStatus && !(EMPLOYMENT_STATUSES as readonly string[]).includes(input.employmentStatus)) {
    push('employmentStatus', '在职状态无效');
  }
  return errors;
}
