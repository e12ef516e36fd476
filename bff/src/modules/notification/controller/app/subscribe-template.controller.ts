import { Controller, Get, Inject } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import type { SubscribeTemplates } from '@dzky/contracts';
import { endUserOf } from '../../../../common/security/origin';
import { SubscribeTemplateService } from '../../service/subscribe-template.service';

/** What the passenger app asks the user to subscribe to (wx.requestSubscribeMessage) before paying. */
@ApiTags('passenger app · notifications')
@ApiBearerAuth()
@Controller('/api/app/notification')
export class SubscribeTemplateController {
  @Inject() ctx: Context;
  @Inject() templates: SubscribeTemplateService;

  @Get('/subscribe-templates')
  async subscribeTemplates(): Promise<SubscribeTemplates> {
    // passengers only: a driver token is refused by the guard before this, this states the audience
    endUserOf(this.ctx, 'passenger');
    return this.templates.view();
  }
}
