import { Controller, Inject, Param, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiExcludeController } from '@midwayjs/swagger';
import { Public } from '../../../../common/security/access.decorator';
import { PaymentService } from '../../service/payment.service';

/**
 * WeChat Pay's notifications (payments and refunds). No sign-in: the body is verified against
 * WeChat Pay's signature and decrypted with the merchant's APIv3 key named by the path. Answers in
 * WeChat's form; a non-2xx answer makes WeChat send the notification again later.
 */
@ApiExcludeController()
@Controller('/api/callbacks/wechatpay')
export class WechatPayCallbackController {
  @Inject() ctx: Context;
  @Inject() payments: PaymentService;

  @Public()
  @Post('/:merchant')
  async notify(@Param('merchant') merchant: string): Promise<void> {
    const raw = (this.ctx.request as unknown as { rawBody?: string }).rawBody ?? JSON.stringify(this.ctx.request.body ?? {});
    const { status, body } = await this.payments.onNotification(merchant, this.ctx.headers, raw);
    this.ctx.status = status;
    if (body) this.ctx.body = body;
    else this.ctx.status = 204;
  }
}
