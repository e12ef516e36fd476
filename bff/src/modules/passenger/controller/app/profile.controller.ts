import { Body, Controller, Get, Inject, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { AllowWithoutPrivacyConsent } from '../../../../common/security/access.decorator';
import { endUserOf, originOf } from '../../../../common/security/origin';
import { ProfileUpdateDTO } from '../../dto/passenger.dto';
import { PassengerProfileService } from '../../service/passenger-profile.service';

/** 个人资料 of the passenger app. */
@ApiTags('passenger app · profile')
@ApiBearerAuth()
@Controller('/api/app/profile')
export class PassengerProfileController {
  @Inject() ctx: Context;
  @Inject() profiles: PassengerProfileService;

  /** Readable before consent: the app needs it to know that consent is outstanding. */
  @AllowWithoutPrivacyConsent()
  @Get('/')
  async get() {
    return this.profiles.get(endUserOf(this.ctx, 'passenger'));
  }

  @Put('/')
  async update(@Body() body: ProfileUpdateDTO) {
    return this.profiles.update(endUserOf(this.ctx, 'passenger'), body, originOf(this.ctx));
  }
}
