import type {
  Page,
  RouteView,
  TripBatchRequest,
  TripBatchResult,
  TripCancelRequest,
  TripCancelResult,
  TripCreateRequest,
  TripManifest,
  TripQuery,
  TripStopView,
  TripUpdateRequest,
  TripView,
} from '@dzky/contracts';
import { http, type Query } from '../../request';

export type { ManifestTicket, TripManifest } from '@dzky/contracts';

const BASE = '/api/admin/trips';

/**
 * A trip as the admin API may answer it: the contract's TripView, with the stop snapshot when the
 * bff includes it (the detail falls back to the route's stops otherwise).
 */
export type TripWithStops = TripView & { stops?: TripStopView[] };

export const tripApi = {
  list: (q: TripQuery) => http.get<Page<TripView>>(BASE, q as Query),
  get: (id: number) => http.get<TripWithStops>(`${BASE}/${id}`),
  // forms put field errors on their fields themselves
  create: (req: TripCreateRequest) => http.post<TripView>(BASE, req, { silent: true }),
  batch: (req: TripBatchRequest) => http.post<TripBatchResult>(`${BASE}/batch`, req, { silent: true }),
  update: (id: number, req: TripUpdateRequest) => http.put<TripView>(`${BASE}/${id}`, req, { silent: true }),
  suspend: (id: number) => http.post<TripView>(`${BASE}/${id}/suspend`),
  resume: (id: number) => http.post<TripView>(`${BASE}/${id}/resume`),
  cancel: (id: number, req: TripCancelRequest) => http.post<TripCancelResult>(`${BASE}/${id}/cancel`, req, { silent: true }),
  manifest: (id: number) => http.get<TripManifest>(`${BASE}/${id}/manifest`),
};

/** The route of a trip, for its stops and map (basedata:read). */
export const getRoute = (id: number) => http.get<RouteView>(`/api/admin/routes/${id}`, undefined, { silent: true });
