import type { ChangePasswordRequest } from '@dzky/contracts';
import { http } from '../../request';

export function changePassword(req: ChangePasswordRequest) {
  return http.post<null>('/api/admin/auth/password', req);
}
