import { Body, Controller, Del, Get, Inject, Param, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { DutyGroups, Permissions, type PermissionCode } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { RoleCreateDTO, RoleUpdateDTO } from '../../dto/system.dto';
import { RoleService } from '../../service/role.service';

@ApiTags('admin · roles')
@ApiBearerAuth()
@Controller('/api/admin')
export class RoleController {
  @Inject() ctx: Context;
  @Inject() roles: RoleService;

  /** Every permission code with its label and group, for the role editor. */
  @RequirePermission('system:role:read', 'system:role:write', 'security:grant')
  @Get('/permissions')
  async permissions() {
    return (Object.keys(Permissions) as PermissionCode[]).map((code) => ({
      code,
      label: Permissions[code],
      group: (Object.keys(DutyGroups) as (keyof typeof DutyGroups)[]).find((g) => (DutyGroups[g] as readonly string[]).includes(code)) ?? code.split(':')[0],
    }));
  }

  @RequirePermission('system:role:read', 'system:role:write', 'system:user:read', 'system:user:write', 'security:grant')
  @Get('/roles')
  async list() {
    return this.roles.list(adminOf(this.ctx));
  }

  @RequirePermission('system:role:write')
  @Post('/roles')
  async create(@Body() body: RoleCreateDTO) {
    return this.roles.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('system:role:write')
  @Put('/roles/:id')
  async update(@Param('id') id: number, @Body() body: RoleUpdateDTO) {
    return this.roles.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  @RequirePermission('system:role:write')
  @Del('/roles/:id')
  async remove(@Param('id') id: number) {
    await this.roles.remove(adminOf(this.ctx), Number(id), originOf(this.ctx));
    return null;
  }
}
