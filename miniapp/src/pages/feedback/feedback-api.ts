/** Typed calls of the passenger's ratings, complaints and suggestions (/api/app/feedback, R-6.2.8). */
import type {
  ComplaintCreateRequest, ComplaintListItem, ComplaintQuery, ComplaintView, FeedbackSettings, Page, RatingCreateRequest, RatingView,
} from '@dzky/contracts';
import { http } from '../../services/request';

/** The pages of this area; the order page opens rate and complaint with `?orderId=`. */
export const FEEDBACK_ROUTES = {
  rate: '/pages/feedback/rate/index',
  complaint: '/pages/feedback/complaint/index',
  list: '/pages/feedback/list/index',
} as const;

export const feedbackApi = {
  // shown on 我的 before sign-in too; a failure only hides the number
  settings: () => http.get<FeedbackSettings>('/feedback/settings', { auth: false, silent: true }),
  // silent: the forms show field refusals beside the fields
  rate: (body: RatingCreateRequest) => http.post<RatingView>('/feedback/ratings', body, { silent: true }),
  ratingOf: (orderId: number) => http.get<RatingView | null>(`/feedback/ratings/order/${orderId}`),
  submit: (body: ComplaintCreateRequest) => http.post<ComplaintView>('/feedback/complaints', body, { silent: true }),
  list: (q: ComplaintQuery = {}) => http.get<Page<ComplaintListItem>>(`/feedback/complaints?page=${q.page ?? 1}&pageSize=${q.pageSize ?? 20}`),
  get: (id: number) => http.get<ComplaintView>(`/feedback/complaints/${id}`),
};

/** One key per visit of a form: a retry after a lost answer sends the same, so nothing is made twice. */
export function newClientKey(prefix: string, now = Date.now(), random: () => number = Math.random): string {
  return `${prefix}-${now.toString(36)}-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
}
