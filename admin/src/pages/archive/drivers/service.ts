import type { ArchiveHistoryEntry, DriverInput, DriverLinkCandidate, DriverQuery, DriverView, Page, VerificationView } from '@dzky/contracts';
import { spreadsheetApi } from '../../../components/data-table';
import { http } from '../../../request';

const DRIVERS = '/api/admin/drivers';

/** `idNumber` and `phone` are whole numbers, matched exactly through the blind index. */
export function listDrivers(q: DriverQuery) {
  return http.get<Page<DriverView>>(DRIVERS, { ...q });
}

export function getDriver(id: number) {
  return http.get<DriverView>(`${DRIVERS}/${id}`);
}

/** The form maps field errors itself, hence silent. */
export function createDriver(req: DriverInput) {
  return http.post<DriverView>(DRIVERS, req, { silent: true });
}

export function updateDriver(id: number, req: DriverInput) {
  return http.put<DriverView>(`${DRIVERS}/${id}`, req, { silent: true });
}

export function setDriverEnabled(id: number, enabled: boolean) {
  return http.post<DriverView>(`${DRIVERS}/${id}/${enabled ? 'enable' : 'disable'}`);
}

export function driverHistory(id: number) {
  return http.get<ArchiveHistoryEntry[]>(`${DRIVERS}/${id}/history`);
}

/** asks the licence registry now and stores the result on the archive. */
export function verifyDriver(id: number) {
  return http.post<VerificationView>(`${DRIVERS}/${id}/verify`);
}

/** Driver-app accounts whose phone number matches the archive's (design.md §3 "Identity"). */
export function linkCandidates(id: number) {
  return http.get<DriverLinkCandidate[]>(`${DRIVERS}/${id}/link-candidates`);
}

export function linkDriver(id: number, endUserId: number) {
  return http.post<DriverView>(`${DRIVERS}/${id}/link`, { endUserId });
}

export function unlinkDriver(id: number) {
  return http.post<DriverView>(`${DRIVERS}/${id}/unlink`);
}

/** Export (numbers masked, the list's filters), template and all-or-nothing import. */
export const driverSheets = spreadsheetApi(DRIVERS);
