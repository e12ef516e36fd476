import { Body, Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { AllowWithoutPrivacyConsent, Public } from '../../../common/security/access.decorator';
import { endUserOf, originOf } from '../../../common/security/origin';
import { BindPhoneDTO, EndUserRefreshDTO, PrivacyConsentDTO, SmsLoginDTO, SmsSendDTO, WechatLoginDTO } from '../dto/end-user.dto';
import { EndUserAuthService } from '../service/end-user-auth.service';
import { PrivacyConsentService } from '../service/privacy-consent.service';

/**
 * The passenger app (/api/app) and the driver app (/api/driver) sign in the same way but are
 * separate audiences, so one controller class is made per app. Signing in, reading the account,
 * binding the phone and giving consent work before the privacy policy is accepted (the app learns
 * from GET /me that consent is outstanding); nothing else does.
 */
function endUserAuthController(prefix: string, audience: 'passenger' | 'driver', tag: string) {
  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(prefix)
  class EndUserAuthController {
    @Inject() ctx: Context;
    @Inject() auth: EndUserAuthService;
    @Inject() consents: PrivacyConsentService;

    private principal() {
      return endUserOf(this.ctx, audience);
    }

    /** Mini-program: the code from wx.login. */
    @Public()
    @Post('/auth/wechat')
    async wechat(@Body() body: WechatLoginDTO) {
      return this.auth.wechatLogin(audience, body.code, originOf(this.ctx));
    }

    /** H5: sends a 6-digit code by SMS. */
    @Public()
    @Post('/auth/sms/send')
    async sendSms(@Body() body: SmsSendDTO) {
      return this.auth.sendSmsCode(audience, body.phone, originOf(this.ctx));
    }

    @Public()
    @Post('/auth/sms/login')
    async smsLogin(@Body() body: SmsLoginDTO) {
      return this.auth.smsLogin(audience, body.phone, body.code, originOf(this.ctx));
    }

    @Public()
    @Post('/auth/refresh')
    async refresh(@Body() body: EndUserRefreshDTO) {
      return this.auth.refresh(audience, body.refreshToken);
    }

    @AllowWithoutPrivacyConsent()
    @Post('/auth/logout')
    async logout() {
      await this.auth.logout(this.principal());
      return null;
    }

    @AllowWithoutPrivacyConsent()
    @Get('/me')
    async me() {
      return this.auth.profile(this.principal());
    }

    @AllowWithoutPrivacyConsent()
    @Post('/me/phone')
    async bindPhone(@Body() body: BindPhoneDTO) {
      return this.auth.bindPhone(this.principal(), body.code);
    }

    /** Records consent to the policy in force (a row, the account's version, an audit record). */
    @AllowWithoutPrivacyConsent()
    @Post('/me/privacy-consent')
    async consent(@Body() body: PrivacyConsentDTO) {
      const principal = this.principal();
      await this.consents.accept(principal, body.policyVersion, originOf(this.ctx));
      return this.auth.profile(principal);
    }
  }
  return EndUserAuthController;
}

export const PassengerAuthController = endUserAuthController('/api/app', 'passenger', 'passenger app · sign-in');
export const DriverAuthController = endUserAuthController('/api/driver', 'driver', 'driver app · sign-in');
