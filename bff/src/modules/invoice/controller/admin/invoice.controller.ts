import { Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { AdminInvoiceListItem, InvoiceDownload, InvoiceView, Page } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { AdminInvoiceQueryDTO } from '../../dto/invoice.dto';
import { AdminInvoiceService } from '../../service/admin-invoice.service';

/** Electronic invoices for finance staff: find, download, retry a failed one. */
@ApiTags('admin · invoices')
@ApiBearerAuth()
@Controller('/api/admin/invoices')
export class AdminInvoiceController {
  @Inject() ctx: Context;
  @Inject() invoices: AdminInvoiceService;

  @RequirePermission('finance:read')
  @Get('/')
  async list(@Query() q: AdminInvoiceQueryDTO): Promise<Page<AdminInvoiceListItem>> {
    return this.invoices.list(adminOf(this.ctx), q, originOf(this.ctx));
  }

  @RequirePermission('finance:read')
  @Get('/:id/download')
  async download(@Param('id') id: string): Promise<InvoiceDownload> {
    return this.invoices.download(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  /** A failed invoice is asked of the provider again. */
  @RequirePermission('finance:write')
  @Post('/:id/retry')
  async retry(@Param('id') id: string): Promise<InvoiceView> {
    return this.invoices.retry(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }
}
