import { http } from '../../../request';
import type { PlatformProfile, PlatformProfileRequest } from '../types';

const BASE = '/api/admin/platform-profile';

export function getPlatformProfile() {
  return http.get<PlatformProfile>(BASE);
}

export function savePlatformProfile(req: PlatformProfileRequest) {
  return http.put<PlatformProfile>(BASE, req, { silent: true });
}
