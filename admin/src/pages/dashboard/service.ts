import { http } from '../../request';
import type { ExpiryWarning } from '../archive/types';

/** The nearest certificate, inspection and insurance due dates in the caller's scope, soonest first. */
export function listExpiryWarnings(limit = 10) {
  return http.get<ExpiryWarning[]>('/api/admin/expiry-warnings', { limit }, { silent: true });
}
