import type {
  AdminComplaintListItem, AdminComplaintQuery, AdminComplaintView, AdminRatingListItem, AdminRatingQuery, ComplaintAction,
  FeedbackStats, FeedbackStatsQuery, HotlineComplaintRequest, Page,
} from '@dzky/contracts';
import { http, type Query } from '../../../request';

const BASE = '/api/admin/feedback';

/** 服务评价: complaint handling, ratings and their statistics, within the user's organisation subtree. */
export const feedbackApi = {
  complaints: (q: AdminComplaintQuery) => http.get<Page<AdminComplaintListItem>>(`${BASE}/complaints`, q as Query),
  // silent: the form shows field errors beside the fields
  logHotline: (req: HotlineComplaintRequest) => http.post<AdminComplaintView>(`${BASE}/complaints`, req, { silent: true }),
  complaint: (id: number) => http.get<AdminComplaintView>(`${BASE}/complaints/${id}`),
  // silent: the drawer shows a missing note beside the field and reloads on FEEDBACK.STATE_INVALID
  act: (id: number, action: ComplaintAction, note: string) => http.post<AdminComplaintView>(`${BASE}/complaints/${id}/${action}`, { note }, { silent: true }),
  ratings: (q: AdminRatingQuery) => http.get<Page<AdminRatingListItem>>(`${BASE}/ratings`, q as Query),
  stats: (q: FeedbackStatsQuery) => http.get<FeedbackStats>(`${BASE}/stats`, q as Query),
};
