import { Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Transaction } from 'sequelize';
import type {
  InvoiceEventPayloadV1, OrderEventPayloadV1, OutboxAggregateType, OutboxEventType, PaymentEventPayloadV1, RefundEventPayloadV1, TripEventPayloadV1,
} from '@dzky/contracts';
import {
  INVOICE_EVENT_PAYLOAD_VERSION, ORDER_EVENT_PAYLOAD_VERSION, PAYMENT_EVENT_PAYLOAD_VERSION, REFUND_EVENT_PAYLOAD_VERSION, TRIP_EVENT_PAYLOAD_VERSION,
} from '@dzky/contracts';
import { OutboxEventEntity } from './outbox-event.entity';

/**
 * Appends business events to the outbox inside the caller's transaction (design.md §1), so an event
 * exists exactly when the change it reports was committed. The transaction is required on purpose.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class OutboxService {
  async orderEvent(t: Transaction, type: Extract<OutboxEventType, `order.${string}`>, orgId: number, payload: OrderEventPayloadV1): Promise<void> {
    await this.append(t, { type, version: ORDER_EVENT_PAYLOAD_VERSION, aggregateType: 'order', aggregateId: payload.orderId, orgId, payload });
  }

  async tripEvent(t: Transaction, type: Extract<OutboxEventType, `trip.${string}`>, orgId: number, payload: TripEventPayloadV1): Promise<void> {
    await this.append(t, { type, version: TRIP_EVENT_PAYLOAD_VERSION, aggregateType: 'trip', aggregateId: payload.tripId, orgId, payload });
  }

  async paymentEvent(t: Transaction, type: Extract<OutboxEventType, `payment.${string}`>, orgId: number, payload: PaymentEventPayloadV1): Promise<void> {
    await this.append(t, { type, version: PAYMENT_EVENT_PAYLOAD_VERSION, aggregateType: 'payment', aggregateId: payload.paymentId, orgId, payload });
  }

  async refundEvent(t: Transaction, type: Extract<OutboxEventType, `refund.${string}`>, orgId: number, payload: RefundEventPayloadV1): Promise<void> {
    await this.append(t, { type, version: REFUND_EVENT_PAYLOAD_VERSION, aggregateType: 'refund', aggregateId: payload.refundId, orgId, payload });
  }

  async invoiceEvent(t: Transaction, type: Extract<OutboxEventType, `invoice.${string}`>, orgId: number, payload: InvoiceEventPayloadV1): Promise<void> {
    await this.append(t, { type, version: INVOICE_EVENT_PAYLOAD_VERSION, aggregateType: 'invoice', aggregateId: payload.invoiceId, orgId, payload });
  }

  private async append(
    t: Transaction,
    e: { type: OutboxEventType; version: number; aggregateType: OutboxAggregateType; aggregateId: number; orgId: number; payload: unknown },
  ): Promise<void> {
    if (!t) throw new Error('outbox events are written only inside the transaction of the change they report');
    await OutboxEventEntity.create({ ...e, occurredAt: new Date(), publishedAt: null, attempts: 0, lastError: null }, { transaction: t });
  }
}
