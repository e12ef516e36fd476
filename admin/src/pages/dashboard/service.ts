import type { ExpiryWarningView, Page } from '@dzky/contracts';
import { http } from '../../request';

/** The open certificate, inspection and insurance warnings in the caller's scope, soonest expiry first. */
export function listExpiryWarnings(pageSize = 10) {
  return http.get<Page<ExpiryWarningView>>('/api/admin/expiry-warnings', { pageSize }, { silent: true });
}
