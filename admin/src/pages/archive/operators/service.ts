import type { Page, PageQuery } from '@dzky/contracts';
import { http } from '../../../request';
import type { HistoryEntry, MerchantRequest, OperatorSaveRequest, OperatorView, Verification } from '../types';

const BASE = '/api/admin/operators';

/** Platform staff see every operator in their scope; an operator's own staff get their own archive only. */
export function listOperators(q: PageQuery & { keyword?: string }) {
  return http.get<Page<OperatorView>>(BASE, { page: q.page, pageSize: q.pageSize, keyword: q.keyword });
}

export function getOperator(id: number) {
  return http.get<OperatorView>(`${BASE}/${id}`);
}

export function updateOperator(id: number, req: OperatorSaveRequest) {
  return http.put<OperatorView>(`${BASE}/${id}`, req, { silent: true });
}

/** Finance only ('operator.merchant'): where the operator's ticket money is paid. */
export function updateMerchant(id: number, req: MerchantRequest) {
  return http.put<OperatorView>(`${BASE}/${id}/merchant`, req, { silent: true });
}

export function verifyOperator(id: number) {
  return http.post<Verification>(`${BASE}/${id}/verify`);
}

export function operatorHistory(id: number) {
  return http.get<HistoryEntry[]>(`${BASE}/${id}/history`);
}
