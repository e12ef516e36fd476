import type {
  LocateRequest,
  LocateResult,
  RouteCreateRequest,
  RouteListItem,
  RouteQuery,
  RouteUpdateRequest,
  RouteView,
  ZoneInput,
  ZoneView,
} from '@dzky/contracts';
import { http } from '../../../request';
import { basedataApi } from '../api';

const BASE = '/api/admin/routes';

/** /api/admin/routes: routes of a line with ordered stops; the list rows leave out stops and zones. */
export const routeApi = basedataApi<
  RouteView | RouteListItem,
  RouteCreateRequest,
  RouteUpdateRequest,
  RouteQuery
>(BASE);

export const getRoute = (id: number) => http.get<RouteView>(`${BASE}/${id}`);
export const listRoutes = (q: RouteQuery) =>
  routeApi.list(q) as Promise<{
    items: RouteListItem[];
    total: number;
    page: number;
    pageSize: number;
  }>;
export const createRoute = (req: RouteCreateRequest) => routeApi.create(req) as Promise<RouteView>;
export const updateRoute = (id: number, req: RouteUpdateRequest) =>
  routeApi.update(id, req) as Promise<RouteView>;

// zones: GeoJSON Polygon/MultiPolygon in GCJ-02, each attached to a stop position of the route.
// The editor shows refusals (BASEDATA.GEOMETRY_INVALID …) itself, next to the shape.
export const createZone = (routeId: number, zone: ZoneInput) =>
  http.post<ZoneView>(`${BASE}/${routeId}/zones`, zone, { silent: true });
export const updateZone = (routeId: number, zoneId: number, zone: ZoneInput) =>
  http.put<ZoneView>(`${BASE}/${routeId}/zones/${zoneId}`, zone, {
    silent: true,
  });
export const deleteZone = (routeId: number, zoneId: number) =>
  http.del<null>(`${BASE}/${routeId}/zones/${zoneId}`);

/** Which zones contain a point and which stops are nearest (the 位置检测 tool). */
export const locate = (req: LocateRequest) => http.post<LocateResult>('/api/admin/geo/locate', req);
