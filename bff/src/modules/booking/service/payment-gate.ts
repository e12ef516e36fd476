import type { OrderMoney } from '@dzky/contracts';
import type { OrderEntity } from '../entity';

/**
 * What booking asks of payments, without depending on the payment module (which builds on booking):
 * the payment module provides it as 'paymentGate'.
 */
export abstract class PaymentGate {
  /**
   * Before an unpaid order gives its seats back (hold ended, passenger cancelled): asks WeChat Pay
   * about the order's open payments — WeChat's rule is to query before closing. 'paid' when one was
   * paid after all (it is applied, and the order must not be released); 'clear' once every open
   * payment is closed, or could not be reached (a payment arriving later is refunded automatically).
   */
  abstract settleOpenPayments(orderId: number): Promise<'paid' | 'clear'>;
  /** Paid orders of a cancelled trip are refunded in full; called after the cancellation committed. */
  abstract refundCancelledTrip(orderIds: number[]): Promise<void>;
  /** The order's money and what the passenger may do next. */
  abstract moneyOf(order: OrderEntity): Promise<OrderMoney>;
}
