import { ORDER_STATUS_LABELS, type OrderStatus } from '@dzky/contracts';
import type { Lang } from '../../i18n';

export function orderStatusLabel(status: OrderStatus, lang: Lang): string {
  return ORDER_STATUS_LABELS[status]?.[lang] ?? status;
}

/** mm:ss for the seat-hold countdown */
export function clock(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
