import type { Page } from '@dzky/contracts';
import { download, http } from '../../../request';
import type { HistoryEntry, VehicleQuery, VehicleSaveRequest, VehicleView, Verification } from '../types';

export const VEHICLES = '/api/admin/vehicles';

const query = (q: VehicleQuery) => ({ page: q.page, pageSize: q.pageSize, plateNo: q.plateNo, enabled: q.enabled, operable: q.operable, orgId: q.orgId });

export function listVehicles(q: VehicleQuery) {
  return http.get<Page<VehicleView>>(VEHICLES, query(q));
}

export function getVehicle(id: number) {
  return http.get<VehicleView>(`${VEHICLES}/${id}`);
}

/** The form maps field errors itself, hence silent. */
export function createVehicle(req: VehicleSaveRequest) {
  return http.post<VehicleView>(VEHICLES, req, { silent: true });
}

export function updateVehicle(id: number, req: VehicleSaveRequest) {
  return http.put<VehicleView>(`${VEHICLES}/${id}`, req, { silent: true });
}

export function disableVehicle(id: number) {
  return http.post<VehicleView>(`${VEHICLES}/${id}/disable`);
}

export function enableVehicle(id: number) {
  return http.post<VehicleView>(`${VEHICLES}/${id}/enable`);
}

export function vehicleHistory(id: number) {
  return http.get<HistoryEntry[]>(`${VEHICLES}/${id}/history`);
}

/** asks the licence registry now and stores the result on the archive. */
export function verifyVehicle(id: number) {
  return http.post<Verification>(`${VEHICLES}/${id}/verify`);
}

export function exportVehicles(q: VehicleQuery) {
  return download(`${VEHICLES}/export`, { query: { ...query(q), page: undefined, pageSize: undefined }, fallbackName: 'vehicles.xlsx' });
}
