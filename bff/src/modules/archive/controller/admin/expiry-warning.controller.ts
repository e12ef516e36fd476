import { Controller, Get, Inject, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { ExpiryWarningView, Page } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf } from '../../../../common/security/origin';
import { ExpiryWarningQueryDTO } from '../../dto/archive.dto';
import { ExpiryService } from '../../service/expiry.service';

/** Open expiry warnings of the caller's subtree, for the dashboard. */
@ApiTags('admin · archives')
@ApiBearerAuth()
@Controller('/api/admin/expiry-warnings')
export class ExpiryWarningController {
  @Inject() ctx: Context;
  @Inject() expiry: ExpiryService;

  @RequirePermission('basedata:read', 'basedata:write')
  @Get('/')
  async list(@Query() q: ExpiryWarningQueryDTO): Promise<Page<ExpiryWarningView>> {
    return this.expiry.list(adminOf(this.ctx), q);
  }
}
