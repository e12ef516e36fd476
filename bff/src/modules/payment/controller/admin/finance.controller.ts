import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type {
  AdminRefundRequest, FinanceSummary, Page, PaymentListItem, PaymentQuery, RefundListItem, RefundQuery, RefundResolveRequest, RefundView,
} from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { FinanceService } from '../../service/finance.service';

/** Finance: payments, refunds and their abnormal ends, daily totals, staff refunds. */
@ApiTags('admin · finance')
@ApiBearerAuth()
@Controller('/api/admin')
export class FinanceController {
  @Inject() ctx: Context;
  @Inject() finance: FinanceService;

  @RequirePermission('finance:read', 'finance:write')
  @Get('/payments')
  async payments(@Query() q: PaymentQuery): Promise<Page<PaymentListItem>> {
    return this.finance.payments(adminOf(this.ctx), q, originOf(this.ctx));
  }

  @RequirePermission('finance:read', 'finance:write')
  @Get('/refunds')
  async refunds(@Query() q: RefundQuery): Promise<Page<RefundListItem>> {
    return this.finance.refundList(adminOf(this.ctx), q, originOf(this.ctx));
  }

  /** An abnormal refund paid back another way (bank transfer, cash), with finance's note. */
  @RequirePermission('finance:write')
  @Post('/refunds/:id/resolve')
  async resolve(@Param('id') id: string, @Body() body: RefundResolveRequest): Promise<RefundListItem> {
    return this.finance.resolve(adminOf(this.ctx), Number(id), body?.note, originOf(this.ctx));
  }

  @RequirePermission('finance:write')
  @Post('/orders/:id/refunds')
  async refundOrder(@Param('id') id: string, @Body() body: AdminRefundRequest): Promise<RefundView> {
    return this.finance.refundOrder(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('finance:read', 'finance:write')
  @Get('/finance/summary')
  async summary(@Query() q: { orgId?: number; from?: string; to?: string }): Promise<FinanceSummary> {
    return this.finance.summary(adminOf(this.ctx), q, originOf(this.ctx));
  }
}
