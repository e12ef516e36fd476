/** Typed calls of the sign-in and profile API of this app (/api/app or /api/driver). */
import type {
  BindPhoneRequest,
  EndUserProfile,
  EndUserSession,
  PrivacyConsentRequest,
  SmsLoginRequest,
  SmsSendRequest,
  SmsSendResult,
  WechatLoginRequest,
} from '@dzky/contracts';
import { http } from './request';

export const authApi = {
  wechatLogin: (body: WechatLoginRequest) => http.post<EndUserSession>('/auth/wechat', body, { auth: false }),
  sendSmsCode: (body: SmsSendRequest) => http.post<SmsSendResult>('/auth/sms/send', body, { auth: false }),
  smsLogin: (body: SmsLoginRequest) => http.post<EndUserSession>('/auth/sms/login', body, { auth: false }),
  logout: () => http.post<null>('/auth/logout', undefined, { silent: true }),
  me: () => http.get<EndUserProfile>('/me'),
  bindPhone: (body: BindPhoneRequest) => http.post<EndUserProfile>('/me/phone', body),
  /** records the acceptance (who, version, when, from where); other app APIs answer 403 until then */
  consentPrivacy: (body: PrivacyConsentRequest) => http.post<EndUserProfile>('/me/privacy-consent', body),
};
