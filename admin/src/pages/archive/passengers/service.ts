import type { AdminPassengerDetail, AdminPassengerQuery, AdminPassengerRow, Page } from '@dzky/contracts';
import { http } from '../../../request';

const BASE = '/api/admin/passengers';

/** Exact search only (blind index): a whole phone number or a rider's whole ID number. */
export function listPassengers(q: AdminPassengerQuery) {
  return http.get<Page<AdminPassengerRow>>(BASE, { phone: q.phone, idNumber: q.idNumber, page: q.page, pageSize: q.pageSize });
}

/** Reading a passenger's record is itself audited by the bff (access to personal data). */
export function getPassenger(id: number) {
  return http.get<AdminPassengerDetail>(`${BASE}/${id}`);
}
