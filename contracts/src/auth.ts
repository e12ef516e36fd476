import type { OrgKind, PermissionCode } from './permissions';

/** Who a token belongs to. Tokens of one audience are refused on the routes of another. */
export type Audience = 'admin' | 'passenger' | 'driver';

export interface TokenPair {
  accessToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
  refreshToken: string;
}

// ---- admin sign-in: password, then TOTP (enrolment at first sign-in) ----

/** POST /api/admin/auth/login */
export interface AdminLoginRequest {
  username: string;
  password: string;
}

/**
 * The password was right; a second step follows. `enrol` carries the TOTP secret the first time
 * (shown as a QR code); `verify` asks for a code from the already enrolled authenticator.
 */
export interface AdminLoginChallenge {
  step: 'totp_enrol' | 'totp_verify';
  challengeToken: string;
  /** otpauth:// URI, only for enrolment */
  otpauthUrl?: string;
  /** the same URI as a PNG data URL, only for enrolment */
  qrDataUrl?: string;
  /** base32 secret for manual entry, only for enrolment */
  secret?: string;
}

/** POST /api/admin/auth/totp */
export interface AdminTotpRequest {
  challengeToken: string;
  code: string;
}

export interface AdminProfile {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  orgKind: OrgKind;
  roles: string[];
  permissions: PermissionCode[];
  /** the password must be changed before anything else */
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
}

export interface AdminSession extends TokenPair {
  profile: AdminProfile;
}

/** POST /api/admin/auth/password */
export interface ChangePasswordRequest {
  oldPassword: string;
  newPassword: string;
}

/** POST /api/{admin,app,driver}/auth/refresh */
export interface RefreshRequest {
  refreshToken: string;
}

// ---- mini-program and H5 sign-in ----

/** POST /api/app/auth/wechat, POST /api/driver/auth/wechat — `code` from wx.login */
export interface WechatLoginRequest {
  code: string;
}

/** POST /api/{app,driver}/auth/sms/send */
export interface SmsSendRequest {
  phone: string;
}

export interface SmsSendResult {
  /** seconds before another code may be asked for */
  resendAfter: number;
  /** seconds the code stays valid */
  expiresIn: number;
}

/** POST /api/{app,driver}/auth/sms/login */
export interface SmsLoginRequest {
  phone: string;
  code: string;
}

/** POST /api/{app,driver}/me/phone — `code` from the getPhoneNumber button */
export interface BindPhoneRequest {
  code: string;
}

/** POST /api/{app,driver}/me/privacy-consent */
export interface PrivacyConsentRequest {
  policyVersion: string;
}

export interface EndUserProfile {
  id: number;
  audience: 'passenger' | 'driver';
  nickname: string | null;
  /** masked, e.g. 138****1234 */
  phone: string | null;
  wechatBound: boolean;
  privacyPolicyVersion: string | null;
  /** the version the user must accept before using the app; null when already accepted */
  privacyConsentRequired: string | null;
}

export interface EndUserSession extends TokenPair {
  profile: EndUserProfile;
}

export const PRIVACY_POLICY_VERSION = '2026-11-01';
