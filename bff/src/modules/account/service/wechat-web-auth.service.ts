import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import { UniqueConstraintError } from 'sequelize';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, UpstreamError, ValidationError } from '../../../common/error/domain.error';
import type { EndUserPrincipal } from '../../../common/security/principal';
import { WechatPort, type WechatWebIdentity } from '../../integration/port/wechat.port';
import { WechatIdentityEntity } from '../entity/end-user.entity';

/** WeChat's answers for a code that is unknown, expired, of another app or already used. */
const SPENT_CODE = new Set([40029, 40163]);

export interface WebAuthLink {
  /** where the browser goes: WeChat's authorisation page, which returns to the H5 page */
  url: string;
  /** comes back beside the code; the page checks it is the one it asked with */
  state: string;
}

/**
 * H5 inside WeChat pays with JSAPI under the official account, which needs the payer's openid
 * there. Web authorisation (`snsapi_base`, silent) yields it; it is linked to the signed-in
 * passenger as a WeChat identity keyed by (official appid, openid), like the mini-program's.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WechatWebAuthService {
  @Inject() private db: DatabaseService;
  @Inject('wechatPort') private wechat: WechatPort;
  /** origins of the H5 app: WeChat hands the code to the page it returns to, so only ours may be named */
  @Config('wechat.h5Origins') private h5Origins: string[];

  authorizeUrl(redirect: string): WebAuthLink {
    let target: URL | null = null;
    try {
      target = new URL(redirect);
    } catch {
      // answered below
    }
    if (!target || !(this.h5Origins ?? []).includes(target.origin)) {
      throw new ValidationError([{ field: 'redirect', reason: '不是本应用的页面地址' }]);
    }
    // a code and state left from an earlier round would be replaced by WeChat anyway
    target.searchParams.delete('code');
    target.searchParams.delete('state');
    const state = randomBytes(12).toString('hex');
    return { url: this.wechat.webAuthorizeUrl(target.toString(), state), state };
  }

  /**
   * Links the openid behind `code` to the passenger. Repeating it is harmless; an openid already
   * linked to another account is refused, so one WeChat user never pays as two passengers. The
   * passenger keeps one official-account openid: the WeChat user now in the browser, who is the
   * one who will pay.
   */
  async link(principal: EndUserPrincipal, code: string): Promise<{ linked: true }> {
    const identity = await this.wechat.webAuthOpenid(code).catch((e) => {
      if (e instanceof UpstreamError && SPENT_CODE.has(Number(e.upstreamCode))) {
        throw new ValidationError([{ field: 'code', reason: '微信授权码无效或已使用，请重新授权' }]);
      }
      throw e;
    });
    try {
      await this.save(principal.subjectId, identity);
    } catch (e) {
      // two requests for the same new openid at once: the loser sees the winner's row
      if (!(e instanceof UniqueConstraintError)) throw e;
      await this.save(principal.subjectId, identity);
    }
    return { linked: true };
  }

  private save(endUserId: number, { appid, openid, unionid }: WechatWebIdentity): Promise<void> {
    return this.db.transaction(async (t) => {
      const holder = await WechatIdentityEntity.findOne({ where: { appid, openid }, transaction: t });
      if (holder && holder.endUserId !== endUserId) throw new DomainError('ACCOUNT.WECHAT_BOUND_ELSEWHERE');
      if (holder) {
        if (unionid && !holder.unionid) await holder.update({ unionid }, { transaction: t });
        return;
      }
      const previous = await WechatIdentityEntity.findOne({ where: { appid, endUserId }, transaction: t });
      if (previous) await previous.update({ openid, unionid }, { transaction: t });
      else await WechatIdentityEntity.create({ endUserId, appid, openid, unionid }, { transaction: t });
    });
  }
}
