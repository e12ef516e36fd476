import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { ResetPasswordDTO, RoleAssignDTO, UserCreateDTO, UserQueryDTO, UserUpdateDTO } from '../../dto/system.dto';
import { AdminUserService } from '../../service/admin-user.service';

@ApiTags('admin · users')
@ApiBearerAuth()
@Controller('/api/admin/users')
export class UserController {
  @Inject() ctx: Context;
  @Inject() users: AdminUserService;

  @RequirePermission('system:user:read', 'system:user:write', 'security:grant')
  @Get('/')
  async list(@Query() q: UserQueryDTO) {
    return this.users.list(adminOf(this.ctx), q);
  }

  @RequirePermission('system:user:read', 'system:user:write', 'security:grant')
  @Get('/:id')
  async get(@Param('id') id: number) {
    return this.users.get(adminOf(this.ctx), Number(id));
  }

  @RequirePermission('system:user:write')
  @Post('/')
  async create(@Body() body: UserCreateDTO) {
    return this.users.create(adminOf(this.ctx), body, originOf(this.ctx));
  }

  @RequirePermission('system:user:write')
  @Put('/:id')
  async update(@Param('id') id: number, @Body() body: UserUpdateDTO) {
    return this.users.update(adminOf(this.ctx), Number(id), body, originOf(this.ctx));
  }

  /** Role assignment, also open to the security administrator (who appoints security and audit admins). */
  @RequirePermission('system:user:write', 'security:grant')
  @Put('/:id/roles')
  async assignRoles(@Param('id') id: number, @Body() body: RoleAssignDTO) {
    return this.users.assignRoles(adminOf(this.ctx), Number(id), body.roleIds, originOf(this.ctx));
  }

  @RequirePermission('system:user:write')
  @Post('/:id/disable')
  async disable(@Param('id') id: number) {
    return this.users.setEnabled(adminOf(this.ctx), Number(id), false, originOf(this.ctx));
  }

  @RequirePermission('system:user:write')
  @Post('/:id/enable')
  async enable(@Param('id') id: number) {
    return this.users.setEnabled(adminOf(this.ctx), Number(id), true, originOf(this.ctx));
  }

  @RequirePermission('system:user:write', 'security:session')
  @Post('/:id/unlock')
  async unlock(@Param('id') id: number) {
    return this.users.unlock(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }

  @RequirePermission('system:user:write')
  @Post('/:id/reset-password')
  async resetPassword(@Param('id') id: number, @Body() body: ResetPasswordDTO) {
    return this.users.resetPassword(adminOf(this.ctx), Number(id), body.password, originOf(this.ctx));
  }

  @RequirePermission('system:user:write', 'security:session')
  @Post('/:id/reset-totp')
  async resetTotp(@Param('id') id: number) {
    return this.users.resetTotp(adminOf(this.ctx), Number(id), originOf(this.ctx));
  }
}
