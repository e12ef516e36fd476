import type { StopCreateRequest, StopQuery, StopUpdateRequest, StopView } from '@dzky/contracts';
import { basedataApi } from '../api';

/** /api/admin/stops: 上下客点 (stations, fixed stops, flexible zones), GCJ-02. */
export const stopApi = basedataApi<StopView, StopCreateRequest, StopUpdateRequest, StopQuery>(
  '/api/admin/stops',
);
