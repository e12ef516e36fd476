import type { FinanceSummary } from '@dzky/contracts';
import { http } from '../../../request';

export interface SummaryQuery {
  orgId?: number;
  /** Asia/Shanghai days, inclusive */
  from: string;
  to: string;
}

/** 财务汇总: money received, refunded and kept as fees, per Shanghai day. */
export const financeApi = {
  summary: (q: SummaryQuery) => http.get<FinanceSummary>('/api/admin/finance/summary', { ...q }),
};
