import { Body, Controller, Get, Inject, Param, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { InvoiceDownload, InvoiceView } from '@dzky/contracts';
import { endUserOf } from '../../../../common/security/origin';
import { InvoiceRequestDTO } from '../../dto/invoice.dto';
import { InvoiceService } from '../../service/invoice.service';

/** The passenger's electronic invoices; another passenger's orders and invoices answer 404. */
@ApiTags('passenger app · invoices')
@ApiBearerAuth()
@Controller('/api/app')
export class AppInvoiceController {
  @Inject() ctx: Context;
  @Inject() invoices: InvoiceService;

  /** Asks for the order's invoice; idempotent on clientKey. Answers the invoice (usually `issuing`). */
  @Post('/orders/:id/invoice')
  async request(@Param('id') id: string, @Body() body: InvoiceRequestDTO): Promise<InvoiceView> {
    return this.invoices.request(endUserOf(this.ctx, 'passenger').subjectId, Number(id), body);
  }

  @Get('/orders/:id/invoices')
  async list(@Param('id') id: string): Promise<InvoiceView[]> {
    return this.invoices.listOfOrder(endUserOf(this.ctx, 'passenger').subjectId, Number(id));
  }

  /** A signed URL of the PDF, valid for a few minutes. */
  @Get('/invoices/:id/download')
  async download(@Param('id') id: string): Promise<InvoiceDownload> {
    return this.invoices.downloadOwn(endUserOf(this.ctx, 'passenger').subjectId, Number(id));
  }
}
