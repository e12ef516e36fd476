/**
 * Service evaluation: ratings of a finished journey, complaints and suggestions through the
 * app (and the hotline shown in it), their handling by customer service, and rating statistics.
 *
 * A complaint or suggestion moves only through the named events of COMPLAINT_MACHINE; any other move
 * is refused (FEEDBACK.STATE_INVALID).
 */
import type { FieldError, PageQuery } from './envelope';
import type { StateMachine } from './order';

// ───────────────────────── ratings ─────────────────────────

export const RATING_SUB_SCORES = ['punctuality', 'vehicle', 'driver', 'service'] as const;
export type RatingSubScore = (typeof RATING_SUB_SCORES)[number];

export const RATING_SUB_SCORE_LABELS: Record<RatingSubScore, { zh: string; en: string }> = {
  punctuality: { zh: '准点', en: 'Punctuality' },
  vehicle: { zh: '车辆', en: 'Vehicle' },
  driver: { zh: '司机', en: 'Driver' },
  service: { zh: '服务', en: 'Service' },
};

/** Preset tags a passenger may pick; `good` ones praise, the others report a problem. */
export const RATING_TAGS = [
  { code: 'punctual', zh: '准时', en: 'On time', good: true },
  { code: 'clean_vehicle', zh: '车辆整洁', en: 'Clean vehicle', good: true },
  { code: 'polite_driver', zh: '司机礼貌', en: 'Polite driver', good: true },
  { code: 'smooth_driving', zh: '驾驶平稳', en: 'Smooth driving', good: true },
  { code: 'comfortable', zh: '乘坐舒适', en: 'Comfortable', good: true },
  { code: 'detour', zh: '绕路', en: 'Detour', good: false },
  { code: 'late', zh: '迟到', en: 'Late', good: false },
  { code: 'dirty_vehicle', zh: '车辆不洁', en: 'Dirty vehicle', good: false },
  { code: 'rude', zh: '态度不好', en: 'Rude', good: false },
  { code: 'unsafe_driving', zh: '驾驶不安全', en: 'Unsafe driving', good: false },
] as const;
export type RatingTag = (typeof RATING_TAGS)[number]['code'];
export const RATING_TAG_CODES: readonly RatingTag[] = RATING_TAGS.map((t) => t.code);

export const RATING_COMMENT_MAX = 300;

/**
 * POST /api/app/feedback/ratings: rate one's own order once, after departure (order `paid`) or when
 * it is `completed`. `clientKey` makes it idempotent: a retry with the same key and content answers
 * the rating already made; any other second rating is FEEDBACK.ALREADY_RATED.
 */
export interface RatingCreateRequest {
  clientKey: string;
  orderId: number;
  /** 1–5 stars overall */
  score: number;
  subScores?: Partial<Record<RatingSubScore, number>>;
  tags?: RatingTag[];
  comment?: string | null;
}

export interface RatingView {
  id: number;
  orderId: number;
  orderNo: string;
  score: number;
  subScores: Partial<Record<RatingSubScore, number>>;
  tags: RatingTag[];
  comment: string | null;
  createdAt: string;
}

export interface AdminRatingListItem extends RatingView {
  orgId: number;
  orgName: string;
  routeId: number;
  routeName: string;
  lineName: string;
  tripId: number;
  departAt: string;
  endUserId: number;
}

/** GET /api/admin/feedback/ratings */
export interface AdminRatingQuery extends PageQuery {
  orgId?: number;
  routeId?: number;
  score?: number;
  tag?: RatingTag;
  /** YYYY-MM-DD (Asia/Shanghai) of the rating, inclusive */
  dateFrom?: string;
  dateTo?: string;
}

// ───────────────────────── complaints and suggestions ─────────────────────────

export const COMPLAINT_KINDS = ['complaint', 'suggestion'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, { zh: string; en: string }> = {
  complaint: { zh: '投诉', en: 'Complaint' },
  suggestion: { zh: '建议', en: 'Suggestion' },
};

export const COMPLAINT_CATEGORIES = ['attitude', 'vehicle', 'timing', 'ticketing', 'safety', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, { zh: string; en: string }> = {
  attitude: { zh: '服务态度', en: 'Service attitude' },
  vehicle: { zh: '车辆', en: 'Vehicle' },
  timing: { zh: '时间', en: 'Timing' },
  ticketing: { zh: '票务', en: 'Ticketing' },
  safety: { zh: '安全', en: 'Safety' },
  other: { zh: '其他', en: 'Other' },
};

export const COMPLAINT_STATUSES = ['submitted', 'processing', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Staff events; SUBMITTED starts the timeline (the machine's initial state) and is no transition. */
export const COMPLAINT_EVENTS = ['ACCEPTED', 'REPLIED', 'RESOLVED', 'CLOSED'] as const;
export type ComplaintEvent = (typeof COMPLAINT_EVENTS)[number];
export type ComplaintTimelineEvent = ComplaintEvent | 'SUBMITTED';

/**
 * Customer service accepts an item, replies as often as needed while handling it, then resolves it
 * (the problem was dealt with) or closes it (nothing to do: a duplicate, no grounds, a suggestion
 * noted). A reply without accepting first also accepts it.
 */
export const COMPLAINT_MACHINE: StateMachine<ComplaintStatus, ComplaintEvent> = {
  name: 'complaint',
  initial: 'submitted',
  transitions: {
    ACCEPTED: { submitted: 'processing' },
    REPLIED: { submitted: 'processing', processing: 'processing' },
    RESOLVED: { processing: 'resolved' },
    CLOSED: { submitted: 'closed', processing: 'closed' },
  },
  final: ['resolved', 'closed'],
};

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  processing: { zh: '处理中', en: 'Processing' },
  resolved: { zh: '已解决', en: 'Resolved' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const COMPLAINT_EVENT_LABELS: Record<ComplaintTimelineEvent, { zh: string; en: string }> = {
  SUBMITTED: { zh: '提交', en: 'Submitted' },
  ACCEPTED: { zh: '受理', en: 'Accepted' },
  REPLIED: { zh: '回复', en: 'Replied' },
  RESOLVED: { zh: '办结', en: 'Resolved' },
  CLOSED: { zh: '关闭', en: 'Closed' },
};

/** Events whose note is written to the passenger (shown in the app as replies); an ACCEPTED note is internal. */
export const PASSENGER_VISIBLE_EVENTS: readonly ComplaintTimelineEvent[] = ['REPLIED', 'RESOLVED', 'CLOSED'];

export const COMPLAINT_CONTENT_MIN = 10;
export const COMPLAINT_CONTENT_MAX = 500;
export const COMPLAINT_NOTE_MAX = 500;

/** POST /api/app/feedback/complaints; idempotent on clientKey like orders. */
export interface ComplaintCreateRequest {
  clientKey: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  /** 10–500 characters */
  content: string;
  /** one's own order the complaint is about */
  orderId?: number | null;
  /** 11-digit mainland mobile for a call back */
  contactPhone?: string | null;
}

/**
 * Where an item came in: the passenger's app, or a call to the service hotline logged by customer
 * service (R-6.2.8 "through the app and a hotline").
 */
export const COMPLAINT_CHANNELS = ['app', 'hotline'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, { zh: string; en: string }> = {
  app: { zh: '线上', en: 'App' },
  hotline: { zh: '来电', en: 'Hotline' },
};

/**
 * POST /api/admin/feedback/complaints: customer service logs a hotline call. Idempotent on clientKey
 * per staff user. The caller is called back on contactPhone; the item is not linked to an app account.
 */
export interface HotlineComplaintRequest {
  clientKey: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  /** 10–500 characters: what the caller said */
  content: string;
  /** the order the call is about, if the caller has its number; it decides the operator */
  orderNo?: string | null;
  /** the caller's 11-digit mainland mobile (required: the answer goes back by phone) */
  contactPhone: string;
}

export interface ComplaintReply {
  event: ComplaintTimelineEvent;
  note: string;
  at: string;
}

export interface ComplaintListItem {
  id: number;
  complaintNo: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  status: ComplaintStatus;
  /** the first 60 characters of the content */
  summary: string;
  orderId: number | null;
  orderNo: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The passenger's own item: content and the replies written to them. */
export interface ComplaintView extends Omit<ComplaintListItem, 'summary'> {
  content: string;
  contactPhoneMasked: string | null;
  replies: ComplaintReply[];
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface ComplaintTimelineEntry {
  id: number;
  event: ComplaintTimelineEvent;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus;
  note: string | null;
  /** staff user name; null for the passenger's own submission */
  actorName: string | null;
  at: string;
}

export interface AdminComplaintListItem extends ComplaintListItem {
  orgId: number | null;
  orgName: string | null;
  /** null for a hotline call */
  endUserId: number | null;
  channel: ComplaintChannel;
}

export interface AdminComplaintView extends ComplaintView {
  orgId: number | null;
  orgName: string | null;
  endUserId: number | null;
  channel: ComplaintChannel;
  acceptedAt: string | null;
  timeline: ComplaintTimelineEntry[];
}

export interface ComplaintQuery extends PageQuery {
  status?: ComplaintStatus;
}

/** GET /api/admin/feedback/complaints */
export interface AdminComplaintQuery extends PageQuery {
  orgId?: number;
  kind?: ComplaintKind;
  category?: ComplaintCategory;
  status?: ComplaintStatus;
  channel?: ComplaintChannel;
  /** complaint number (or its leading part) */
  keyword?: string;
  /** YYYY-MM-DD (Asia/Shanghai) of submission, inclusive */
  dateFrom?: string;
  dateTo?: string;
}

/** The admin actions, one per event: POST /api/admin/feedback/complaints/:id/{accept,reply,resolve,close}. */
export const COMPLAINT_ACTIONS = { accept: 'ACCEPTED', reply: 'REPLIED', resolve: 'RESOLVED', close: 'CLOSED' } as const satisfies Record<string, ComplaintEvent>;
export type ComplaintAction = keyof typeof COMPLAINT_ACTIONS;

export interface ComplaintActionRequest {
  /** required for reply, resolve and close (written to the passenger); optional when accepting */
  note?: string | null;
}

// ───────────────────────── hotline and statistics ─────────────────────────

/** GET /api/app/feedback/settings: what the app shows next to the complaint form. */
export interface FeedbackSettings {
  /** customer service hotline (客服热线), dialled from the app */
  hotline: string;
}

/** Count and average of a group of ratings; distribution[i] = ratings with i + 1 stars. */
export interface RatingSummary {
  count: number;
  /** rounded to two decimals; null without ratings */
  average: number | null;
  distribution: [number, number, number, number, number];
}

export interface FeedbackStatsQuery {
  orgId?: number;
  /** YYYY-MM-DD (Asia/Shanghai), inclusive */
  dateFrom?: string;
  dateTo?: string;
}

/** GET /api/admin/feedback/stats: ratings per operator, route and month; complaints by category and state. */
export interface FeedbackStats {
  ratings: RatingSummary;
  byOperator: Array<RatingSummary & { orgId: number; orgName: string }>;
  byRoute: Array<RatingSummary & { routeId: number; routeName: string; orgName: string }>;
  /** YYYY-MM in Asia/Shanghai, oldest first */
  byMonth: Array<RatingSummary & { month: string }>;
  /** most used first */
  tags: Array<{ tag: RatingTag; count: number }>;
  subScores: Record<RatingSubScore, { count: number; average: number | null }>;
  complaints: {
    total: number;
    byCategory: Array<{ kind: ComplaintKind; category: ComplaintCategory; count: number }>;
    byStatus: Record<ComplaintStatus, number>;
    /** hours from submission to RESOLVED, over the resolved ones (one decimal); null when none */
    averageResolveHours: number | null;
  };
}

// ───────────────────────── checks the app runs before sending (bff runs them again) ─────────────────────────

const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const isStars = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 5;

export function ratingRequestProblems(r: Partial<RatingCreateRequest>): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, reason: string) => errors.push({ field, reason });
  if (typeof r.clientKey !== 'string' || !CLIENT_KEY.test(r.clientKey)) push('clientKey', '应为 8–64 位字母、数字、- 或 _');
  if (!Number.isInteger(r.orderId) || (r.orderId as number) <= 0) push('orderId', '请选择要评价的订单');
  if (!isStars(r.score)) push('score', '请选择 1–5 星');
  if (r.subScores != null) {
    if (typeof r.subScores !== 'object') push('subScores', '分项评分无效');
    else {
      for (const [key, value] of Object.entries(r.subScores)) {
        if (!(RATING_SUB_SCORES as readonly string[]).includes(key)) push(`subScores.${key}`, '没有这个评分项');
        else if (value != null && !isStars(value)) push(`subScores.${key}`, '请选择 1–5 星');
      }
    }
  }
  if (r.tags != null) {
    if (!Array.isArray(r.tags)) push('tags', '标签无效');
    else {
      if (r.tags.length > RATING_TAGS.length) push('tags', '标签过多');
      if (new Set(r.tags).size !== r.tags.length) push('tags', '标签不能重复');
      r.tags.forEach((tag, i) => {
        if (!RATING_TAG_CODES.includes(tag)) push(`tags.${i}`, '没有这个标签');
      });
    }
  }
  if (r.comment != null && (typeof r.comment !== 'string' || [...r.comment].length > RATING_COMMENT_MAX)) push('comment', `评价内容不超过 ${RATING_COMMENT_MAX} 字`);
  return errors;
}

export function complaintRequestProblems(r: Partial<ComplaintCreateRequest>): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, reason: string) => errors.push({ field, reason });
  if (typeof r.clientKey !== 'string' || !CLIENT_KEY.test(r.clientKey)) push('clientKey', '应为 8–64 位字母、数字、- 或 _');
  if (!COMPLAINT_KINDS.includes(r.kind as ComplaintKind)) push('kind', '请选择投诉或建议');
  if (!COMPLAINT_CATEGORIES.includes(r.category as ComplaintCategory)) push('category', '请选择类别');
  const length = typeof r.content === 'string' ? [...r.content.trim()].length : 0;
  if (length < COMPLAINT_CONTENT_MIN) push('content', `请至少写 ${COMPLAINT_CONTENT_MIN} 个字`);
  else if (length > COMPLAINT_CONTENT_MAX) push('content', `内容不超过 ${COMPLAINT_CONTENT_MAX} 字`);
  if (r.orderId != null && (!Number.isInteger(r.orderId) || r.orderId <= 0)) push('orderId', '订单无效');
  if (r.contactPhone != null && r.contactPhone !== '' && (typeof r.contactPhone !== 'string' || !/^1[3-9]\d{9}$/.test(r.contactPhone))) {
    push('contactPhone', '请输入 11 位手机号码');
  }
  return errors;
}

/** A hotline call as logged: the passenger's rules, plus the caller's phone (required) and an order number. */
export function hotlineComplaintProblems(r: Partial<HotlineComplaintRequest>): FieldError[] {
  const { orderNo, contactPhone, ...rest } = r;
  const errors = complaintRequestProblems({ ...rest, contactPhone: contactPhone || null });
  if (!contactPhone) errors.push({ field: 'contactPhone', reason: '请填写来电号码，用于回访' });
  if (orderNo != null && orderNo !== '' && (typeof orderNo !== 'string' || !/^[A-Z0-9]{8,32}$/.test(orderNo.trim()))) {
    errors.push({ field: 'orderNo', reason: '订单号应为 8–32 位大写字母或数字' });
  }
  return errors;
}

/** The note an action needs: replies, resolutions and closings are written to the passenger. */
export function complaintNoteProblem(action: ComplaintAction, note: string | null | undefined): FieldError | null {
  const text = (note ?? '').trim();
  if (action !== 'accept' && !text) return { field: 'note', reason: '请填写回复内容' };
  if ([...text].length > COMPLAINT_NOTE_MAX) return { field: 'note', reason: `不超过 ${COMPLAINT_NOTE_MAX} 字` };
  return null;
}
