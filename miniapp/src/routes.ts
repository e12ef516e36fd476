import { APP_KIND } from './env';

/** Page URLs, in one place so navigation never spells a path twice. */
export const ROUTES = {
  login: '/pages/auth/login/index',
  privacy: '/pages/auth/privacy/index',
  passengerHome: '/pages/home/index/index',
  orders: '/pages/order/list/index',
  mine: '/pages/mine/index/index',
  riders: '/pages/mine/riders/index',
  riderEdit: '/pages/mine/rider-edit/index',
  profile: '/pages/mine/profile/index',
  tripList: '/pages/trip/list/index',
  tripDetail: '/pages/trip/detail/index',
  booking: '/pages/booking/create/index',
  orderDetail: '/pages/order/detail/index',
  driverHome: '/pages/driver/home/index',
} as const;

/** The first page after sign-in and consent. */
export const HOME_ROUTE = APP_KIND === 'driver' ? ROUTES.driverHome : ROUTES.passengerHome;
