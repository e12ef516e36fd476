import { Controller, Get, Inject, Param } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { OrderVouchers } from '@dzky/contracts';
import { endUserOf } from '../../../../common/security/origin';
import { VoucherService } from '../../service/voucher.service';

/** The signed-in passenger's ride codes; another passenger's order answers 404. */
@ApiTags('passenger app · ride codes')
@ApiBearerAuth()
@Controller('/api/app/orders')
export class VoucherController {
  @Inject() ctx: Context;
  @Inject() vouchers: VoucherService;

  @Get('/:id/vouchers')
  async ofOrder(@Param('id') id: string): Promise<OrderVouchers> {
    return this.vouchers.ofOrder(endUserOf(this.ctx, 'passenger'), Number(id));
  }
}
