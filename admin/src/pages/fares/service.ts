import type {
  FarePreview,
  FarePreviewRequest,
  RouteFareTable,
  RouteFareTableUpdate,
  TradingRules,
  TradingRulesView,
} from '@dzky/contracts';
import { http, isApiError } from '../../request';

const BASE = '/api/admin/fares';

/** 票价与规则: a route's origin–destination prices, the operator's trading rules and a route's own. */
export const fareApi = {
  table: (routeId: number) => http.get<RouteFareTable>(`${BASE}/routes/${routeId}`),
  // replaces the whole table; the page shows refused cells itself
  saveTable: (routeId: number, req: RouteFareTableUpdate) => http.put<RouteFareTable>(`${BASE}/routes/${routeId}`, req, { silent: true }),
  rules: (orgId: number) => http.get<TradingRulesView>(`${BASE}/rules`, { orgId }),
  saveRules: (orgId: number, rules: TradingRules) => http.put<TradingRulesView>(`${BASE}/rules?orgId=${orgId}`, { rules }, { silent: true }),
  /**
   * A route's own rules; null when it follows the operator's. The bff answers a route without an
   * override with the operator's rules that apply to it (`routeId: null`).
   */
  async routeRules(routeId: number): Promise<TradingRulesView | null> {
    try {
      const view = await http.get<TradingRulesView | null>(`${BASE}/rules/routes/${routeId}`, undefined, { silent: true });
      return view && view.routeId !== null ? view : null;
    } catch (e) {
      if (isApiError(e) && e.status === 404) return null;
      throw e;
    }
  },
  saveRouteRules: (routeId: number, rules: TradingRules) =>
    http.put<TradingRulesView>(`${BASE}/rules/routes/${routeId}`, { rules }, { silent: true }),
  removeRouteRules: (routeId: number) => http.del<TradingRulesView | null>(`${BASE}/rules/routes/${routeId}`),
  // the panel shows FARE.NOT_SET and other refusals in place
  preview: (req: FarePreviewRequest) => http.post<FarePreview>(`${BASE}/preview`, req, { silent: true }),
};
