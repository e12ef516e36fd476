import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { maskPhone, type EndUserProfile, type EndUserSession } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { SessionService } from '../../access/service/session.service';
import { WechatPort } from '../../integration/port/wechat.port';
import { EndUserEntity, WechatIdentityEntity } from '../entity/end-user.entity';
import { PrivacyConsentService } from './privacy-consent.service';
import { PHONE_INDEX, SmsCodeService } from './sms-code.service';

type EndUserAudience = 'passenger' | 'driver';

/**
 * Passengers and drivers: WeChat sign-in in the mini-programs (identities keyed by appid + openid,
 * unionid kept), phone + SMS code in the H5 builds. The passenger app and the driver app are
 * separate audiences: a passenger token opens nothing of the driver's, and neither opens admin.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class EndUserAuthService {
  @Inject() private db: DatabaseService;
  @Inject() private sessions: SessionService;
  @Inject() private cipher: FieldCipher;
  @Inject() private smsCodes: SmsCodeService;
  @Inject() private consents: PrivacyConsentService;
  @Inject('wechatPort') private wechat: WechatPort;

  async wechatLogin(audience: EndUserAudience, code: string, origin: RequestOrigin): Promise<EndUserSession> {
    const session = await this.wechat.code2Session(audience, code).catch((e) => {
      throw new DomainError('AUTH.WECHAT_LOGIN_FAILED', `微信登录失败：${e.message}`);
    });
    const user = await this.db.transaction(async (t) => {
      const identity = await WechatIdentityEntity.findOne({ where: { appid: session.appid, openid: session.openid }, transaction: t });
      if (identity) {
        if (session.unionid && !identity.unionid) await identity.update({ unionid: session.unionid }, { transaction: t });
        return (await EndUserEntity.findByPk(identity.endUserId, { transaction: t }))!;
      }
      const created = await EndUserEntity.create({ audience, enabled: true }, { transaction: t });
      await WechatIdentityEntity.create({ endUserId: created.id, appid: session.appid, openid: session.openid, unionid: session.unionid }, { transaction: t });
      return created;
    });
    return this.signIn(user, origin);
  }

  async sendSmsCode(audience: EndUserAudience, phone: string, origin: RequestOrigin) {
    return this.smsCodes.send(audience, phone, origin.ip);
  }

  async smsLogin(audience: EndUserAudience, phone: string, code: string, origin: RequestOrigin): Promise<EndUserSession> {
    await this.smsCodes.verify(audience, phone, code);
    const phoneBidx = this.cipher.blindIndex(phone, PHONE_INDEX);
    const user = await this.db.transaction(async (t) => {
      const existing = await EndUserEntity.findOne({ where: { audience, phoneBidx }, transaction: t });
      return existing ?? EndUserEntity.create({ audience, phoneEnc: this.cipher.encrypt(phone), phoneBidx, enabled: true }, { transaction: t });
    });
    return this.signIn(user, origin);
  }

  async refresh(audience: EndUserAudience, refreshToken: string): Promise<EndUserSession> {
    const { session, ...tokens } = await this.sessions.refresh(audience, refreshToken);
    return { ...tokens, profile: await this.profileOf(session.subjectId) };
  }

  async logout(principal: EndUserPrincipal): Promise<void> {
    await this.sessions.revoke(principal.sessionId, 'logout');
  }

  async profile(principal: EndUserPrincipal): Promise<EndUserProfile> {
    return this.profileOf(principal.subjectId);
  }

  /**
   * Binds the phone number WeChat vouches for. If another account of the same app already has that
   * number (the person signed in on H5 first), this WeChat identity joins that account and the
   * current session moves with it — one person, one account, one order history.
   */
  async bindPhone(principal: EndUserPrincipal, code: string): Promise<EndUserProfile> {
    const { purePhoneNumber } = await this.wechat.getPhoneNumber(principal.audience, code);
    const phoneBidx = this.cipher.blindIndex(purePhoneNumber, PHONE_INDEX);
    const subjectId = await this.db.transaction(async (t) => {
      const owner = await EndUserEntity.findOne({ where: { audience: principal.audience, phoneBidx }, transaction: t });
      if (!owner || owner.id === principal.subjectId) {
        await EndUserEntity.update({ phoneEnc: this.cipher.encrypt(purePhoneNumber), phoneBidx }, { where: { id: principal.subjectId }, transaction: t });
        return principal.subjectId;
      }
      await WechatIdentityEntity.update({ endUserId: owner.id }, { where: { endUserId: principal.subjectId }, transaction: t });
      await EndUserEntity.update({ enabled: false }, { where: { id: principal.subjectId }, transaction: t });
      return owner.id;
    });
    if (subjectId !== principal.subjectId) await this.sessions.reassign(principal.sessionId, subjectId);
    return this.profileOf(subjectId);
  }

  private async signIn(user: EndUserEntity, origin: RequestOrigin): Promise<EndUserSession> {
    if (!user.enabled) throw new DomainError('AUTH.ACCOUNT_DISABLED');
    const { sessionId: _sid, ...tokens } = await this.sessions.issue(user.audience, user.id, origin);
    return { ...tokens, profile: await this.profileOf(user.id) };
  }

  private async profileOf(id: number): Promise<EndUserProfile> {
    const user = await EndUserEntity.findByPk(id);
    if (!user || !user.enabled) throw new DomainError('AUTH.ACCOUNT_DISABLED');
    const wechatBound = (await WechatIdentityEntity.count({ where: { endUserId: id } })) > 0;
    return {
      id: user.id,
      audience: user.audience,
      nickname: user.nickname,
      phone: user.phoneEnc ? maskPhone(this.cipher.decrypt(user.phoneEnc)) : null,
      wechatBound,
      privacyPolicyVersion: user.privacyVersion,
      privacyConsentRequired: this.consents.requiredVersion(user.privacyVersion),
    };
  }
}
