import type { PlatformProfileInput, PlatformProfileView } from '@dzky/contracts';
import { http } from '../../../request';

const BASE = '/api/admin/platform-profile';

export function getPlatformProfile() {
  return http.get<PlatformProfileView>(BASE);
}

export function savePlatformProfile(req: PlatformProfileInput) {
  return http.put<PlatformProfileView>(BASE, req, { silent: true });
}
