import { Body, Controller, Get, Inject, Param, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { OrgCreateDTO, OrgUpdateDTO } from '../../dto/system.dto';
import { OrgService } from '../../service/org.service';

@ApiTags('admin · organisations')
@ApiBearerAuth()
@Controller('/api/admin/orgs')
export class OrgController {
  @Inject() ctx: Context;
  @Inject() orgs: OrgService;

  @RequirePermission('system:org:read', 'system:user:read', 'system:user:write', 'security:grant', 'audit:read')
  @Get('/')
  async tree() {
    return this.orgs.tree(adminOf(this.ctx));
  }

  @RequirePermission('system:org:write')
  @Post('/')
  async create(@Body() body: OrgCreateDTO) {
    return this.orgs.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('system:org:write')
  @Put('/:id')
  async update(@Param('id') id: number, @Body() body: OrgUpdateDTO) {
    return this.orgs.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }
}
