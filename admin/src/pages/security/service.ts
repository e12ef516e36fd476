import type { SecuritySettings } from '@dzky/contracts';
import { http } from '../../request';

export function getSecuritySettings() {
  return http.get<SecuritySettings>('/api/admin/security/settings');
}

export function saveSecuritySettings(s: SecuritySettings) {
  return http.put<SecuritySettings>('/api/admin/security/settings', s);
}
