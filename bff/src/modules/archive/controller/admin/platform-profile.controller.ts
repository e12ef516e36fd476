import { Body, Controller, Get, Inject, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { PlatformProfileView } from '@dzky/contracts';
import { RequirePermission } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { PlatformProfileDTO } from '../../dto/archive.dto';
import { PlatformProfileService } from '../../service/platform-profile.service';

/** the platform's ICP licence/filing, MLPS filing and operating entity. */
@ApiTags('admin · archives')
@ApiBearerAuth()
@Controller('/api/admin/platform-profile')
export class PlatformProfileController {
  @Inject() ctx: Context;
  @Inject() profile: PlatformProfileService;

  /** Any signed-in admin (page footers, contracts). */
  @Get('/')
  async get(): Promise<PlatformProfileView> {
    adminOf(this.ctx);
    return this.profile.get();
  }

  /** Platform staff only (the service refuses other orgs). */
  @RequirePermission('system:org:write')
  @Put('/')
  async save(@Body() body: PlatformProfileDTO): Promise<PlatformProfileView> {
    return this.profile.save(adminOf(this.ctx), body, originOf(this.ctx));
  }
}
