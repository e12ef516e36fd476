import type { AdminLoginChallenge, AdminLoginRequest, AdminSession, AdminTotpRequest } from '@dzky/contracts';
import { http } from '../../request';

/** Step 1: user name and password → the TOTP step (with the QR code at first sign-in). */
export function login(req: AdminLoginRequest) {
  return http.post<AdminLoginChallenge>('/api/admin/auth/login', req, { silent: true });
}

/** Step 2: the 6-digit code → tokens and profile. */
export function verifyTotp(req: AdminTotpRequest) {
  return http.post<AdminSession>('/api/admin/auth/totp', req, { silent: true });
}
