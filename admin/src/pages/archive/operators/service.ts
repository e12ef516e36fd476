import type { ArchiveHistoryEntry, OperatorInput, OperatorMerchantInput, OperatorQuery, OperatorView, Page, VerificationView } from '@dzky/contracts';
import { http } from '../../../request';

const BASE = '/api/admin/operators';

/** Platform staff see every operator in their scope; an operator's own staff get their own archive only. */
export function listOperators(q: OperatorQuery) {
  return http.get<Page<OperatorView>>(BASE, { ...q });
}

export function getOperator(id: number) {
  return http.get<OperatorView>(`${BASE}/${id}`);
}

export function updateOperator(id: number, req: OperatorInput) {
  return http.put<OperatorView>(`${BASE}/${id}`, req, { silent: true });
}

/** Finance only ('finance:write'): where the operator's ticket money is paid. */
export function updateMerchant(id: number, req: OperatorMerchantInput) {
  return http.put<OperatorView>(`${BASE}/${id}/merchant`, req, { silent: true });
}

export function verifyOperator(id: number) {
  return http.post<VerificationView>(`${BASE}/${id}/verify`);
}

export function operatorHistory(id: number) {
  return http.get<ArchiveHistoryEntry[]>(`${BASE}/${id}/history`);
}
