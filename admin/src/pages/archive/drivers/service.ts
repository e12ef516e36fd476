import type { Page } from '@dzky/contracts';
import { download, http } from '../../../request';
import type { DriverQuery, DriverSaveRequest, DriverView, HistoryEntry, LinkCandidate, Verification } from '../types';

export const DRIVERS = '/api/admin/drivers';

const query = (q: DriverQuery) => ({
  page: q.page,
  pageSize: q.pageSize,
  idNumber: q.idNumber,
  phone: q.phone,
  name: q.name,
  enabled: q.enabled,
  operable: q.operable,
  orgId: q.orgId,
});

export function listDrivers(q: DriverQuery) {
  return http.get<Page<DriverView>>(DRIVERS, query(q));
}

export function getDriver(id: number) {
  return http.get<DriverView>(`${DRIVERS}/${id}`);
}

export function createDriver(req: DriverSaveRequest) {
  return http.post<DriverView>(DRIVERS, req, { silent: true });
}

export function updateDriver(id: number, req: DriverSaveRequest) {
  return http.put<DriverView>(`${DRIVERS}/${id}`, req, { silent: true });
}

export function disableDriver(id: number) {
  return http.post<DriverView>(`${DRIVERS}/${id}/disable`);
}

export function enableDriver(id: number) {
  return http.post<DriverView>(`${DRIVERS}/${id}/enable`);
}

export function driverHistory(id: number) {
  return http.get<HistoryEntry[]>(`${DRIVERS}/${id}/history`);
}

export function verifyDriver(id: number) {
  return http.post<Verification>(`${DRIVERS}/${id}/verify`);
}

/** Driver-app accounts whose phone number matches the archive's (design.md §3 "Identity"). */
export function linkCandidates(id: number) {
  return http.get<LinkCandidate[]>(`${DRIVERS}/${id}/link-candidates`);
}

export function linkDriver(id: number, endUserId: number) {
  return http.post<DriverView>(`${DRIVERS}/${id}/link`, { endUserId });
}

export function unlinkDriver(id: number) {
  return http.post<DriverView>(`${DRIVERS}/${id}/unlink`);
}

export function exportDrivers(q: DriverQuery) {
  return download(`${DRIVERS}/export`, { query: { ...query(q), page: undefined, pageSize: undefined }, fallbackName: 'drivers.xlsx' });
}
