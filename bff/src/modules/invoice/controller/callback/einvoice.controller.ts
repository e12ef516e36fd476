import { Controller, Inject, Logger, Post, type ILogger } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiExcludeController } from '@midwayjs/swagger';
import { Public } from '../../../../common/security/access.decorator';
import { InvoiceCallbackRejected } from '../../../integration/port/invoice.port';
import { InvoiceService } from '../../service/invoice.service';

/**
 * The e-invoice provider's callbacks. No sign-in: the body is verified against the provider's
 * signature. A 2xx tells the provider to stop sending; anything else makes it send again later, so
 * an outcome we could not apply yet (storage down) is answered 500.
 */
@ApiExcludeController()
@Controller('/api/callbacks/einvoice')
export class EInvoiceCallbackController {
  @Inject() ctx: Context;
  @Inject() invoices: InvoiceService;
  @Logger() logger: ILogger;

  @Public()
  @Post('/')
  async notify(): Promise<void> {
    const raw = (this.ctx.request as unknown as { rawBody?: string }).rawBody ?? JSON.stringify(this.ctx.request.body ?? {});
    try {
      await this.invoices.onCallback(this.ctx.path, this.ctx.headers, raw);
    } catch (e) {
      if (e instanceof InvoiceCallbackRejected) {
        this.logger.warn('[invoice] callback refused: %s', e.message);
        this.ctx.status = 401;
        this.ctx.body = { code: 40106, message: 'signature does not match' };
        return;
      }
      this.logger.error('[invoice] callback not applied yet: %s', (e as Error).stack ?? e);
      this.ctx.status = 500;
      this.ctx.body = { code: 50000, message: 'try again later' };
      return;
    }
    this.ctx.status = 200;
    this.ctx.body = { code: 0, message: 'ok' };
  }
}
