import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { AdminOrderListItem, OrderView, Page } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { AdminOrderQueryDTO, OrderCancelDTO } from '../../dto/booking.dto';
import { AdminOrderService } from '../../service/admin-order.service';

/** Order management (R-6.1.4) and passengers' booking history (R-6.1.2, ?endUserId=). */
@ApiTags('admin · orders')
@ApiBearerAuth()
@Controller('/api/admin/orders')
export class AdminOrderController {
  @Inject() ctx: Context;
  @Inject() orders: AdminOrderService;

  @RequirePermission('order:read')
  @Get('/')
  async list(@Query() q: AdminOrderQueryDTO): Promise<Page<AdminOrderListItem>> {
    return this.orders.list(adminOf(this.ctx), q, originOf(this.ctx));
  }

  @RequirePermission('order:read')
  @Get('/:id')
  async get(@Param('id') id: string): Promise<OrderView> {
    return this.orders.get(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  /** Unpaid orders only (paid ones are refunded). */
  @RequirePermission('order:write')
  @Post('/:id/cancel')
  async cancel(@Param('id') id: string, @Body() body: OrderCancelDTO): Promise<OrderView> {
    return this.orders.cancel(adminOf(this.ctx), Number(id), body?.reason, originOf(this.ctx));
  }
}
