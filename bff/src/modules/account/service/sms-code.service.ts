import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomInt, timingSafeEqual } from 'crypto';
import { Op } from 'sequelize';
import type { SmsSendResult } from '@dzky/contracts';
import { DomainError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import { SmsPort } from '../../integration/port/sms.port';
import { SmsCodeEntity } from '../entity/end-user.entity';

export interface SmsCodeConfig {
  codeTtlSeconds: number;
  resendAfterSeconds: number;
  maxPerPhonePerHour: number;
  maxPerPhonePerDay: number;
  maxPerIpPerHour: number;
  maxAttemptsPerCode: number;
}

export const PHONE_INDEX = 'end_user.phone';

/**
 * One-time sign-in codes by SMS: expiry, one resend per interval, hourly and daily caps per phone
 * number and per client address, a few attempts per code, single use. Counted in the database so
 * the limits hold across processes.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SmsCodeService {
  @Config('auth.sms') private config: SmsCodeConfig;
  @Inject() private cipher: FieldCipher;
  @Inject('smsPort') private sms: SmsPort;

  async send(audience: 'passenger' | 'driver', phone: string, ip: string | null): Promise<SmsSendResult> {
    const phoneBidx = this.cipher.blindIndex(phone, PHONE_INDEX);
    const now = Date.now();
    const since = (seconds: number) => new Date(now - seconds * 1000);
    const last = await SmsCodeEntity.findOne({ where: { phoneBidx }, order: [['createdAt', 'DESC']] });
    if (last && last.createdAt.getTime() > now - this.config.resendAfterSeconds * 1000) {
      const wait = Math.ceil((last.createdAt.getTime() + this.config.resendAfterSeconds * 1000 - now) / 1000);
      throw new DomainError('RATE_LIMITED', `请 ${wait} 秒后再获取验证码`, { detail: { retryAfter: wait } });
    }
    const [perHour, perDay, perIp] = await Promise.all([
      SmsCodeEntity.count({ where: { phoneBidx, createdAt: { [Op.gt]: since(3600) } } }),
      SmsCodeEntity.count({ where: { phoneBidx, createdAt: { [Op.gt]: since(86400) } } }),
      ip ? SmsCodeEntity.count({ where: { ip, createdAt: { [Op.gt]: since(3600) } } }) : 0,
    ]);
    if (perHour >= this.config.maxPerPhonePerHour || perDay >= this.config.maxPerPhonePerDay) {
      throw new DomainError('RATE_LIMITED', '该手机号获取验证码次数过多，请稍后再试');
    }
    if (perIp >= this.config.maxPerIpPerHour) throw new DomainError('RATE_LIMITED', '获取验证码次数过多，请稍后再试');

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const row = await SmsCodeEntity.create({
      audience, phoneBidx, ip, attempts: 0,
      codeHash: this.hash(phoneBidx, code),
      expiresAt: new Date(now + this.config.codeTtlSeconds * 1000),
    });
    try {
      await this.sms.send(phone, 'loginCode', { code });
    } catch (e) {
      // not sent: it must not count against the user's limits
      await row.destroy();
      throw e;
    }
    return { resendAfter: this.config.resendAfterSeconds, expiresIn: this.config.codeTtlSeconds };
  }

  /** Consumes the newest live code for the number if it matches; otherwise counts an attempt. */
  async verify(audience: 'passenger' | 'driver', phone: string, code: string): Promise<void> {
    const phoneBidx = this.cipher.blindIndex(phone, PHONE_INDEX);
    const row = await SmsCodeEntity.findOne({
      where: { audience, phoneBidx, consumedAt: null, expiresAt: { [Op.gt]: new Date() } },
      order: [['createdAt', 'DESC']],
    });
    if (!row || row.attempts >= this.config.maxAttemptsPerCode) throw new DomainError('AUTH.SMS_CODE_INVALID');
    const given = Buffer.from(this.hash(phoneBidx, code));
    if (!timingSafeEqual(given, Buffer.from(row.codeHash))) {
      await SmsCodeEntity.increment('attempts', { where: { id: row.id } });
      throw new DomainError('AUTH.SMS_CODE_INVALID');
    }
    // single use, even under concurrent attempts with the same code
    const [used] = await SmsCodeEntity.update({ consumedAt: new Date() }, { where: { id: row.id, consumedAt: null } });
    if (!used) throw new DomainError('AUTH.SMS_CODE_INVALID');
  }

  private hash(phoneBidx: string, code: string): string {
    return this.cipher.blindIndex(`${phoneBidx}:${code}`, 'sms_code');
  }
}
