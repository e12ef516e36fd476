import type { LineCreateRequest, LineQuery, LineUpdateRequest, LineView } from '@dzky/contracts';
import { basedataApi } from '../api';

/** /api/admin/lines: 班线 with their licence (班线经营许可) and approved stops. */
export const lineApi = basedataApi<LineView, LineCreateRequest, LineUpdateRequest, LineQuery>(
  '/api/admin/lines',
);
