import type { ArchiveHistoryEntry, Page, VehicleInput, VehicleQuery, VehicleView, VerificationView } from '@dzky/contracts';
import { spreadsheetApi } from '../../../components/data-table';
import { http } from '../../../request';

const VEHICLES = '/api/admin/vehicles';

export function listVehicles(q: VehicleQuery) {
  return http.get<Page<VehicleView>>(VEHICLES, { ...q });
}

export function getVehicle(id: number) {
  return http.get<VehicleView>(`${VEHICLES}/${id}`);
}

/** The form maps field errors itself, hence silent. */
export function createVehicle(req: VehicleInput) {
  return http.post<VehicleView>(VEHICLES, req, { silent: true });
}

export function updateVehicle(id: number, req: VehicleInput) {
  return http.put<VehicleView>(`${VEHICLES}/${id}`, req, { silent: true });
}

export function setVehicleEnabled(id: number, enabled: boolean) {
  return http.post<VehicleView>(`${VEHICLES}/${id}/${enabled ? 'enable' : 'disable'}`);
}

export function vehicleHistory(id: number) {
  return http.get<ArchiveHistoryEntry[]>(`${VEHICLES}/${id}/history`);
}

/** asks the licence registry now and stores the result on the archive. */
export function verifyVehicle(id: number) {
  return http.post<VerificationView>(`${VEHICLES}/${id}/verify`);
}

/** Export (masked, the list's filters), template and all-or-nothing import. */
export const vehicleSheets = spreadsheetApi(VEHICLES);
