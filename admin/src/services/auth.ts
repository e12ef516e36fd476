import type { AdminProfile } from '@dzky/contracts';
import { http } from '../request';

/** Session calls shared by the layout and the guards; the sign-in steps live in pages/login/service.ts. */
export function fetchProfile() {
  return http.get<AdminProfile>('/api/admin/auth/me', undefined, { silent: true });
}

export function logout() {
  return http.post<null>('/api/admin/auth/logout', undefined, { silent: true });
}
