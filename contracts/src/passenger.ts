/**
 * API shapes and shared rules of the passenger module (R-6.1.2 passenger records, design.md §3
 * "Real name" and "Personal data"), used by bff and the apps so both give the same reasons.
 */
import type { FieldError } from './envelope';
import { ID_TYPES, birthDateFromIdCard, validateIdNumber, type IdType } from './id-number';

/** Labels of the ID document types, Chinese first. */
export const ID_TYPE_LABELS: Record<IdType, { zh: string; en: string }> = {
  id_card: { zh: '居民身份证', en: 'Resident ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_mo_permit: { zh: '港澳居民来往内地通行证', en: 'Mainland travel permit (HK/Macao)' },
  tw_permit: { zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit (Taiwan)' },
  hmt_residence: { zh: '港澳台居民居住证', en: 'Residence permit (HK/Macao/Taiwan)' },
};

/** At most this many riders per account: enough for a family, few enough to deter ID harvesting. */
export const MAX_RIDERS_PER_ACCOUNT = 15;

/** Under this age (on the day of reading) a rider counts as a child; fares are the booking issue's. */
export const CHILD_AGE_LIMIT = 14;

export type PassengerType = 'adult' | 'child';
export type Gender = 'male' | 'female';
export const GENDERS: readonly Gender[] = ['male', 'female'];

// Chinese names may carry the middle dot of minority and transliterated names (买买提·艾力);
// Latin names as printed on a passport: letters, spaces, dots, hyphens and apostrophes.
const CHINESE_NAME = /^[\u4e00-\u9fa5\u3400-\u4dbf]+(?:[·•][\u4e00-\u9fa5\u3400-\u4dbf]+)*$/;
const LATIN_NAME = /^[A-Za-z](?:[A-Za-z .'-]*[A-Za-z.])?$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const CONTACT_NAME = /^(?:[\u4e00-\u9fa5\u3400-\u4dbf·]{1,30}|[A-Za-z][A-Za-z .'-]{0,29})$/;

/** null when the name is acceptable, otherwise the Chinese reason. */
export function validateRiderName(raw: string | null | undefined): string | null {
  const name = (raw ?? '').trim();
  if (!name) return '姓名不能为空';
  const length = Array.from(name).length;
  if (length < 2 || length > 30) return '姓名应为2至30个字符';
  if (!CHINESE_NAME.test(name) && !LATIN_NAME.test(name)) return '姓名只能为中文或英文字母，与证件上一致';
  return null;
}

/** null when the number is an 11-digit mainland mobile number, otherwise the Chinese reason. */
export function validateMobile(raw: string | null | undefined, label = '手机号码'): string | null {
  const phone = (raw ?? '').trim();
  if (!phone) return `${label}不能为空`;
  return MAINLAND_MOBILE.test(phone) ? null : `${label}应为11位中国大陆手机号`;
}

/**
 * Problems of an emergency contact that is being set (at least one of the two given): name and
 * phone go together. Clearing both is not checked here: it is always allowed.
 */
export function validateEmergencyContact(rawName: string | null | undefined, rawPhone: string | null | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const name = (rawName ?? '').trim();
  if (!name) errors.push({ field: 'emergencyContactName', reason: '请填写紧急联系人姓名' });
  else if (!CONTACT_NAME.test(name)) errors.push({ field: 'emergencyContactName', reason: '紧急联系人姓名只能为中文或英文字母，不超过30个字符' });
  const phoneProblem = validateMobile(rawPhone, '紧急联系人手机号码');
  if (phoneProblem) errors.push({ field: 'emergencyContactPhone', reason: phoneProblem });
  return errors;
}

/** The birth date an ID number carries (YYYY-MM-DD), when its type carries one. */
export function birthDateOf(idType: IdType, idNumber: string): string | null {
  return idType === 'id_card' || idType === 'hmt_residence' ? birthDateFromIdCard(idNumber.trim()) : null;
}

/** Full years between a birth date (YYYY-MM-DD) and `today` (YYYY-MM-DD, Asia/Shanghai). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today's date in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Derived when read, not stored: a child becomes an adult on their 14th birthday. */
export function passengerTypeOf(birthDate: string | null, today: string = chinaToday()): PassengerType {
  return birthDate && ageOn(birthDate, today) < CHILD_AGE_LIMIT ? 'child' : 'adult';
}

/** POST /api/app/riders, PUT /api/app/riders/:id */
export interface RiderInput {
  name: string;
  idType: IdType;
  idNumber: string;
  /** optional; 11-digit mainland mobile */
  phone?: string | null;
  /** at most one rider of an account is the account holder (本人) */
  isSelf?: boolean;
}

/**
 * PUT /api/app/riders/:id — the app only ever sees masked numbers, so: idNumber left out or empty
 * with an unchanged idType keeps the ID; phone left out keeps it ('' or null removes it); isSelf
 * left out keeps the flag.
 */
export interface RiderUpdate {
  name: string;
  idType: IdType;
  idNumber?: string | null;
  phone?: string | null;
  isSelf?: boolean;
}

/**
 * Every problem of a rider form at once, field by field, with the reasons the server gives too.
 * The server runs the same function, so the app's messages and the server's never drift apart.
 */
export function validateRiderInput(input: Partial<RiderInput>): FieldError[] {
  const errors: FieldError[] = [];
  const nameProblem = validateRiderName(input.name);
  if (nameProblem) errors.push({ field: 'name', reason: nameProblem });
  if (!input.idType || !(ID_TYPES as readonly string[]).includes(input.idType)) {
    errors.push({ field: 'idType', reason: '请选择证件类型' });
  } else {
    const idProblem = validateIdNumber(input.idType, input.idNumber ?? '');
    if (idProblem) errors.push({ field: 'idNumber', reason: idProblem });
  }
  if (input.phone !== undefined && input.phone !== null && input.phone !== '') {
    const phoneProblem = validateMobile(input.phone);
    if (phoneProblem) errors.push({ field: 'phone', reason: phoneProblem });
  }
  return errors;
}

/** A rider as its owner sees it: own name whole, ID and phone masked. */
export interface RiderView {
  id: number;
  name: string;
  idType: IdType;
  /** e.g. 110***********1234 */
  idNumberMasked: string;
  /** e.g. 138****1234; null when none */
  phoneMasked: string | null;
  isSelf: boolean;
  passengerType: PassengerType;
  /** YYYY-MM-DD when the ID carries it */
  birthDate: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/app/profile */
export interface PassengerProfileView {
  id: number;
  nickname: string | null;
  gender: Gender | null;
  /** masked */
  phone: string | null;
  emergencyContactName: string | null;
  /** masked */
  emergencyContactPhone: string | null;
  privacyPolicyVersion: string | null;
  /** the version to accept before using the app; null when accepted */
  privacyConsentRequired: string | null;
}

/**
 * PUT /api/app/profile — fields left out stay as they are; null clears. The emergency contact is
 * set or cleared as a pair.
 */
export interface PassengerProfileUpdate {
  nickname?: string | null;
  gender?: Gender | null;
  emergencyContactName?: string | null;
  emergencyContactPhone?: string | null;
}

/** GET /api/admin/passengers — platform staff only; exact search, never a substring of a phone. */
export interface AdminPassengerQuery {
  /** exact account phone number (searched by blind index) */
  phone?: string;
  /** exact ID number of one of the account's riders (blind index) */
  idNumber?: string;
  page?: number;
  pageSize?: number;
}

export interface AdminPassengerRow {
  id: number;
  nickname: string | null;
  /** masked */
  phone: string | null;
  wechatBound: boolean;
  riderCount: number;
  enabled: boolean;
  privacyPolicyVersion: string | null;
  createdAt: string;
}

/** A rider as staff see it: everything masked. */
export interface AdminRiderView {
  id: number;
  /** masked, e.g. 张** */
  name: string;
  idType: IdType;
  idNumberMasked: string;
  phoneMasked: string | null;
  isSelf: boolean;
  passengerType: PassengerType;
  deleted: boolean;
  createdAt: string;
}

/** GET /api/admin/passengers/:id — the read is recorded in the audit trail (personal data access). */
export interface AdminPassengerDetail {
  profile: AdminPassengerRow & {
    gender: Gender | null;
    emergencyContactName: string | null;
    emergencyContactPhone: string | null;
    privacyAcceptedAt: string | null;
  };
  riders: AdminRiderView[];
  /** the passenger's booking history; filled by the booking issue */
  bookings: unknown[];
}
