/**
 * Typed calls of the passenger trip queries (/api/app/home, cities, trips, travel-info). They are
 * public on the bff: a signed-out visitor may browse; the wrapper still sends a token when there
 * is one.
 */
import type { CityOption, PassengerHome, SeatMap, TravelInfoItem, TripDetail, TripSearchItem, TripSearchQuery } from '@dzky/contracts';
import { http } from './request';

/** `?a=1&b=x` from the defined entries, values encoded. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export const tripApi = {
  home: () => http.get<PassengerHome>('/home'),
  cities: () => http.get<CityOption[]>('/cities'),
  search: (q: TripSearchQuery) => http.get<TripSearchItem[]>(`/trips${queryString({ fromCity: q.fromCity, toCity: q.toCity, date: q.date })}`),
  detail: (id: number) => http.get<TripDetail>(`/trips/${id}`),
  seats: (id: number, fromSeq: number, toSeq: number) => http.get<SeatMap>(`/trips/${id}/seats${queryString({ fromSeq, toSeq })}`),
  travelInfo: () => http.get<TravelInfoItem[]>('/travel-info'),
};
