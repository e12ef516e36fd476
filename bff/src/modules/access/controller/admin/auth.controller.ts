import { Body, Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { AllowDuringPasswordChange, Public } from '../../../../common/security/access.decorator';
import { adminOf, originOf } from '../../../../common/security/origin';
import { AdminLoginDTO, AdminTotpDTO, ChangePasswordDTO, RefreshDTO } from '../../dto/auth.dto';
import { AdminAuthService } from '../../service/admin-auth.service';

@ApiTags('admin · sign-in')
@ApiBearerAuth()
@Controller('/api/admin/auth')
export class AdminAuthController {
  @Inject() ctx: Context;
  @Inject() auth: AdminAuthService;

  /** Step 1: user name and password. Answers with the TOTP step (and the QR code at first sign-in). */
  @Public()
  @Post('/login')
  async login(@Body() body: AdminLoginDTO) {
    return this.auth.login(body.username, body.password, originOf(this.ctx));
  }

  /** Step 2: the 6-digit code. Answers with the tokens and the profile. */
  @Public()
  @Post('/totp')
  async totp(@Body() body: AdminTotpDTO) {
    return this.auth.verifyTotp(body.challengeToken, body.code, originOf(this.ctx));
  }

  @Public()
  @Post('/refresh')
  async refresh(@Body() body: RefreshDTO) {
    return this.auth.refresh(body.refreshToken);
  }

  @AllowDuringPasswordChange()
  @Post('/logout')
  async logout() {
    await this.auth.logout(adminOf(this.ctx), originOf(this.ctx));
    return null;
  }

  @AllowDuringPasswordChange()
  @Get('/me')
  async me() {
    return this.auth.profile(adminOf(this.ctx));
  }

  @AllowDuringPasswordChange()
  @Post('/password')
  async changePassword(@Body() body: ChangePasswordDTO) {
    await this.auth.changePassword(adminOf(this.ctx), body.oldPassword, body.newPassword, originOf(this.ctx));
    return null;
  }
}
