import { Body, Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { AllowWithoutPrivacyConsent } from '../../../common/security/access.decorator';
import { originOf } from '../../../common/security/origin';
import { PrivacyConsentBodyDTO } from '../dto/passenger.dto';
import { PrivacyConsentService } from '../service/privacy-consent.service';
import { endUserOf } from './end-user-of';

/** Privacy consent, the same for both apps; one controller class per app (audience). */
function privacyConsentController(prefix: string, audience: 'passenger' | 'driver', tag: string) {
  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(prefix)
  class PrivacyConsentController {
    @Inject() ctx: Context;
    @Inject() consents: PrivacyConsentService;

    @AllowWithoutPrivacyConsent()
    @Get('/privacy-consent')
    async state() {
      return this.consents.state(endUserOf(this.ctx, audience));
    }

    @AllowWithoutPrivacyConsent()
    @Post('/privacy-consent')
    async accept(@Body() body: PrivacyConsentBodyDTO) {
      return this.consents.accept(endUserOf(this.ctx, audience), body.version, originOf(this.ctx));
    }
  }
  return PrivacyConsentController;
}

export const PassengerPrivacyConsentController = privacyConsentController('/api/app', 'passenger', 'passenger app · privacy');
export const DriverPrivacyConsentController = privacyConsentController('/api/driver', 'driver', 'driver app · privacy');
