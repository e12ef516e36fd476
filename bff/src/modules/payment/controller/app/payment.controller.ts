import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import {
  PAYMENT_CHANNELS, type PayRequest, type PayStart, type PaymentStatusView, type RebookOptions, type RebookRequest, type RebookResult,
  type RefundCreateRequest, type RefundQuote, type RefundView,
} from '@dzky/contracts';
import { ValidationError } from '../../../../common/error/domain.error';
import { endUserOf } from '../../../../common/security/origin';
import { ownOrderOf } from '../../../booking/service/booking-support';
import { PaymentService } from '../../service/payment.service';
import { RebookService } from '../../service/rebook.service';
import { RefundService } from '../../service/refund.service';

/** Paying, returning and rebooking the signed-in passenger's own orders; anyone else's answer 404. */
@ApiTags('passenger app · payments')
@ApiBearerAuth()
@Controller('/api/app/orders')
export class PaymentController {
  @Inject() ctx: Context;
  @Inject() payments: PaymentService;
  @Inject() refunds: RefundService;
  @Inject() rebooks: RebookService;

  @Post('/:id/pay')
  async pay(@Param('id') id: string, @Body() body: PayRequest): Promise<PayStart> {
    if (!PAYMENT_CHANNELS.includes(body?.channel)) throw new ValidationError([{ field: 'channel', reason: '请选择支付方式' }]);
    if (body.payerApp && body.payerApp !== 'passenger' && body.payerApp !== 'official') throw new ValidationError([{ field: 'payerApp', reason: '付款应用无效' }]);
    if (body.returnUrl !== undefined && (typeof body.returnUrl !== 'string' || !/^https?:\/\//.test(body.returnUrl) || body.returnUrl.length > 512)) {
      throw new ValidationError([{ field: 'returnUrl', reason: '返回地址无效' }]);
    }
    return this.payments.pay(endUserOf(this.ctx, 'passenger'), Number(id), body, this.ctx.ip || null);
  }

  @Get('/:id/payment')
  async payment(@Param('id') id: string): Promise<PaymentStatusView> {
    return this.payments.status(endUserOf(this.ctx, 'passenger'), Number(id));
  }

  @Get('/:id/refund-quote')
  async quote(@Param('id') id: string, @Query('ticketIds') ticketIds?: string): Promise<RefundQuote> {
    const order = await ownOrderOf(endUserOf(this.ctx, 'passenger').subjectId, Number(id));
    const ids = ticketIds ? ticketIds.split(',').map(Number).filter(Number.isSafeInteger) : null;
    return this.refunds.quote(order, ids);
  }

  /** Idempotent on clientKey. */
  @Post('/:id/refunds')
  async refund(@Param('id') id: string, @Body() body: RefundCreateRequest): Promise<RefundView> {
    if (typeof body?.clientKey !== 'string' || body.clientKey.length < 8 || body.clientKey.length > 64) {
      throw new ValidationError([{ field: 'clientKey', reason: '请求标识应为 8–64 个字符' }]);
    }
    const principal = endUserOf(this.ctx, 'passenger');
    const order = await ownOrderOf(endUserOf(this.ctx, 'passenger').subjectId, Number(id));
    return this.refunds.returnTickets(order, body, { requestKey: `p:${principal.subjectId}:${body.clientKey}`, waiveFee: false, reason: 'passenger', requestedBy: null });
  }

  @Get('/:id/rebook-options')
  async rebookOptions(@Param('id') id: string, @Query('date') date?: string): Promise<RebookOptions> {
    return this.rebooks.options(endUserOf(this.ctx, 'passenger'), Number(id), date);
  }

  /** Idempotent on clientKey. */
  @Post('/:id/rebook')
  async rebook(@Param('id') id: string, @Body() body: RebookRequest): Promise<RebookResult> {
    return this.rebooks.rebook(endUserOf(this.ctx, 'passenger'), Number(id), body);
  }

}
