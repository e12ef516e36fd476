/**
 * Information publishing: notices on special requirements (ID needed, luggage,
 * children), service commitments and general announcements, per operator, optionally limited to
 * some lines; shown on the passenger home page and on the trip page.
 */
import type { PageQuery } from './envelope';

export const NOTICE_KINDS = ['announcement', 'service_commitment', 'special_requirement'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, { zh: string; en: string }> = {
  announcement: { zh: '公告', en: 'Announcement' },
  service_commitment: { zh: '服务承诺', en: 'Service commitment' },
  special_requirement: { zh: '乘车须知', en: 'Travel requirements' },
};

export interface NoticeView {
  id: number;
  orgId: number;
  orgName: string;
  kind: NoticeKind;
  title: string;
  /** plain text; line breaks are kept */
  body: string;
  /** empty: every line of the operator */
  lineIds: number[];
  /** ISO 8601; null = from publication / no end */
  validFrom: string | null;
  validUntil: string | null;
  published: boolean;
  /** higher first */
  priority: number;
  createdAt: string;
  updatedAt: string;
}

export interface NoticeQuery extends PageQuery {
  orgId?: number;
  kind?: NoticeKind;
  published?: boolean;
  keyword?: string;
}

export interface NoticeInput {
  orgId?: number;
  kind: NoticeKind;
  title: string;
  body: string;
  lineIds?: number[];
  validFrom?: string | null;
  validUntil?: string | null;
  published?: boolean;
  priority?: number;
}

/** GET /api/app/home — what the passenger home page shows. */
export interface PassengerHome {
  notices: NoticeView[];
  /** cities with trips on sale, for the search pickers */
  cities: Array<{ code: string; name: string }>;
  /** recent temporary changes (added or cancelled trips) */
  travelInfo: TravelInfoItem[];
}

/** GET /api/app/travel-info — temporary changes passengers should know about. */
export interface TravelInfoItem {
  kind: 'trip_added' | 'trip_cancelled';
  tripId: number;
  lineName: string;
  departAt: string;
  reason: string | null;
  at: string;
}
