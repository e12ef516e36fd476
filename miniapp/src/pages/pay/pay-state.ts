import type { OrderStatus, PaymentStatus } from '@dzky/contracts';

/**
 * ready: waiting for the payer to tap 支付; qr: a QR code is shown; confirming: the payer paid or
 * came back from WeChat and the bff is asked; paid; expired (hold ended or payment closed);
 * cancelled; late: paid after the hold ended, so the money goes back.
 */
export type PayPhase = 'loading' | 'ready' | 'qr' | 'confirming' | 'paid' | 'expired' | 'cancelled' | 'late';

/** What the order's and the payment's states mean for the pay page; null: still to be paid. */
export function phaseOf(
  orderStatus: OrderStatus,
  paymentStatus: PaymentStatus | null = null,
): PayPhase | null {
  switch (orderStatus) {
    case 'pending_payment':
      return paymentStatus === 'closed' ? 'expired' : paymentStatus === 'paid' ? 'confirming' : null;
    case 'paid':
    case 'partially_refunded':
    case 'completed':
      return 'paid';
    case 'refunding':
    case 'refunded':
      // from the pay page these follow a payment that arrived after the seats were released
      return 'late';
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    default:
      return null;
  }
}

/** Phases in which the page asks the bff for the payment's state every few seconds. */
export const POLLING_PHASES: readonly PayPhase[] = ['qr', 'confirming'];
