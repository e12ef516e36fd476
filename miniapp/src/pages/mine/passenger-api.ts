/** Typed calls of the passenger records API (/api/app/riders, /api/app/profile). */
import type { PassengerProfileUpdate, PassengerProfileView, RiderInput, RiderUpdate, RiderView } from '@dzky/contracts';
import { http, request } from '../../services/request';

export const riderApi = {
  list: () => http.get<RiderView[]>('/riders'),
  get: (id: number) => http.get<RiderView>(`/riders/${id}`),
  // silent: the form shows field errors beside the fields itself
  create: (body: RiderInput) => http.post<RiderView>('/riders', body, { silent: true }),
  update: (id: number, body: RiderUpdate) => request<RiderView>(`/riders/${id}`, { method: 'PUT', data: body, silent: true }),
  remove: (id: number) => request<null>(`/riders/${id}`, { method: 'DELETE' }),
};

export const profileApi = {
  get: () => http.get<PassengerProfileView>('/profile'),
  update: (body: PassengerProfileUpdate) => request<PassengerProfileView>('/profile', { method: 'PUT', data: body, silent: true }),
};
