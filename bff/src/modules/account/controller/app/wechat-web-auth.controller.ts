import { Body, Controller, Get, Inject, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiTags } from '@midwayjs/swagger';
import { endUserOf } from '../../../../common/security/origin';
import { WebAuthLinkDTO, WebAuthUrlQueryDTO } from '../../dto/wechat-web-auth.dto';
import { WechatWebAuthService } from '../../service/wechat-web-auth.service';

/**
 * The H5 passenger app opened inside WeChat: web authorisation of the official account, so the
 * signed-in passenger can pay with JSAPI there.
 */
@ApiTags('passenger app · WeChat web authorisation')
@ApiBearerAuth()
@Controller('/api/app/wechat')
export class WechatWebAuthController {
  @Inject() ctx: Context;
  @Inject() webAuth: WechatWebAuthService;

  /** The address to send the browser to; WeChat returns to `redirect` with `code` and `state`. */
  @Get('/web-auth-url')
  async authorizeUrl(@Query() q: WebAuthUrlQueryDTO) {
    endUserOf(this.ctx, 'passenger');
    return this.webAuth.authorizeUrl(q.redirect);
  }

  /** Links the official-account openid behind the code to the signed-in passenger. */
  @Post('/web-auth')
  async linkOpenid(@Body() body: WebAuthLinkDTO) {
    return this.webAuth.link(endUserOf(this.ctx, 'passenger'), body.code);
  }
}
