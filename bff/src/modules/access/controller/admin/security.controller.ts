import { Body, Controller, Get, Inject, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { DatabaseService } from '../../../../common/db/database.service';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { AuditService } from '../../../audit/service/audit.service';
import { SecuritySettingsDTO } from '../../dto/system.dto';
import { SecuritySettingsService } from '../../service/security-settings.service';

@ApiTags('admin · security policy')
@ApiBearerAuth()
@Controller('/api/admin/security')
export class SecurityController {
  @Inject() ctx: Context;
  @Inject() settings: SecuritySettingsService;
  @Inject() audit: AuditService;
  @Inject() db: DatabaseService;

  @RequirePermission('security:settings')
  @Get('/settings')
  async get() {
    return this.settings.get();
  }

  @RequirePermission('security:settings')
  @Put('/settings')
  async update(@Body() body: SecuritySettingsDTO) {
    const principal = adminOf(this.ctx);
    const before = await this.settings.get();
    return this.db.transaction(async (t) => {
      const after = await this.settings.update(body, principal.subjectId, t);
      await this.audit.record(originOf(this.ctx), { category: 'security', action: 'security.settings', result: 'success', detail: { before, change: body } }, t);
      return after;
    });
  }
}
