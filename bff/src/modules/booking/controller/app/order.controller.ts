import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { OrderListItem, OrderView, Page } from '@dzky/contracts';
import { endUserOf, originOf } from '../../../../common/security/origin';
import { OrderCancelDTO, OrderCreateDTO, OrderQueryDTO } from '../../dto/booking.dto';
import { OrderService } from '../../service/order.service';

/** The signed-in passenger's own orders; anyone else's answer 404. */
@ApiTags('passenger app · orders')
@ApiBearerAuth()
@Controller('/api/app/orders')
export class OrderController {
  @Inject() ctx: Context;
  @Inject() orders: OrderService;

  /** Idempotent on clientKey: a retry with the same content answers the same order. */
  @Post('/')
  async create(@Body() body: OrderCreateDTO): Promise<OrderView> {
    return this.orders.create(endUserOf(this.ctx, 'passenger'), body, originOf(this.ctx));
  }

  @Get('/')
  async list(@Query() q: OrderQueryDTO): Promise<Page<OrderListItem>> {
    return this.orders.list(endUserOf(this.ctx, 'passenger'), q);
  }

  @Get('/:id')
  async get(@Param('id') id: string): Promise<OrderView> {
    return this.orders.get(endUserOf(this.ctx, 'passenger'), Number(id));
  }

  /** Unpaid orders only; the seats go back on sale at once. */
  @Post('/:id/cancel')
  async cancel(@Param('id') id: string, @Body() body: OrderCancelDTO): Promise<OrderView> {
    return this.orders.cancel(endUserOf(this.ctx, 'passenger'), Number(id), body?.reason, originOf(this.ctx));
  }
}
