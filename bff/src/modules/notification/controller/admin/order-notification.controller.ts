import { Controller, Get, Inject, Param } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { NotificationDeliveryView } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { DeliveryQueryService } from '../../service/delivery-query.service';

/** The messages sent about an order, beside the order itself in order management. */
@ApiTags('admin · orders')
@ApiBearerAuth()
@Controller('/api/admin/orders')
export class OrderNotificationController {
  @Inject() ctx: Context;
  @Inject() deliveries: DeliveryQueryService;

  @RequirePermission('order:read')
  @Get('/:id/notifications')
  async list(@Param('id') id: string): Promise<NotificationDeliveryView[]> {
    return this.deliveries.ofOrder(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }
}
