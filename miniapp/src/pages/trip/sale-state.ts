import type { TripSaleState } from '@dzky/contracts';
import type { MessageKey } from '../../i18n';

/** What a trip card says about seats: 余 N 座 while on sale, else why it cannot be booked. */
export const SALE_STATE_KEYS: Record<Exclude<TripSaleState, 'open'>, MessageKey> = {
  sold_out: 'trip.state.soldOut',
  not_yet_open: 'trip.state.notYetOpen',
  closed: 'trip.state.closed',
  suspended: 'trip.state.suspended',
  cancelled: 'trip.state.cancelled',
};

export function saleStateText(state: TripSaleState, seatsLeft: number, t: (key: MessageKey, vars?: Record<string, string | number>) => string): string {
  return state === 'open' ? t('trip.seatsLeft', { n: seatsLeft }) : t(SALE_STATE_KEYS[state]);
}
