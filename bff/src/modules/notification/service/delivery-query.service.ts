import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { NotificationDeliveryView } from '@dzky/contracts';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AdminOrderService } from '../../booking/service/admin-order.service';
import { NotificationDeliveryEntity } from '../entity';

/** The messages an order's passenger was sent (R-6.2.5: every delivery recorded and shown to staff). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class DeliveryQueryService {
  @Inject() private adminOrders: AdminOrderService;

  /** Oldest first; 404 exactly like the order itself for staff who may not see it. */
  async ofOrder(principal: AdminPrincipal, orderId: number, origin: RequestOrigin): Promise<NotificationDeliveryView[]> {
    // the order endpoint's own ownership check (operator subtree, regulators refused)
    const order = await this.adminOrders.get(principal, orderId, origin);
    const rows = await NotificationDeliveryEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      providerRef: r.providerRef,
      error: r.error,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
