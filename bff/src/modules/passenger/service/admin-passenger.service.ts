import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { fn, col, Op, type WhereOptions } from 'sequelize';
import {
  maskIdNumber, maskName, maskPhone, passengerTypeOf,
  type AdminPassengerDetail, type AdminPassengerQuery, type AdminPassengerRow, type AdminRiderView, type Page,
} from '@dzky/contracts';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { EndUserEntity, WechatIdentityEntity } from '../../account/entity/end-user.entity';
import { PHONE_INDEX } from '../../account/service/sms-code.service';
import { AuditService } from '../../audit/service/audit.service';
import { PassengerProfileEntity, RiderEntity } from '../entity';
import { RIDER_ID_INDEX } from './rider.service';

/**
 * Passenger records for platform staff: customer service finds an account by its exact
 * phone number or a rider's exact ID number (blind indexes — no substring search over personal
 * data) and sees everything masked. Passengers belong to the platform, not to an operator, so
 * operator staff are refused outright; every detail read is audited as personal-data access.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AdminPassengerService {
  @Inject() private cipher: FieldCipher;
  @Inject() private audit: AuditService;

  async list(principal: AdminPrincipal, q: AdminPassengerQuery, origin: RequestOrigin): Promise<Page<AdminPassengerRow>> {
    await this.platformOnly(principal, origin);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const where: WhereOptions = { audience: 'passenger' };
    if (q.phone?.trim()) Object.assign(where, { phoneBidx: this.cipher.blindIndex(q.phone.trim(), PHONE_INDEX) });
    if (q.idNumber?.trim()) {
      const owners = await RiderEntity.findAll({ where: { idNumberBidx: this.cipher.blindIndex(q.idNumber.trim().toUpperCase(), RIDER_ID_INDEX) }, attributes: ['endUserId'] });
      Object.assign(where, { id: { [Op.in]: [...new Set(owners.map((r) => r.endUserId))] } });
    }
    const { rows, count } = await EndUserEntity.findAndCountAll({ where, order: [['id', 'DESC']], offset: (page - 1) * pageSize, limit: pageSize });
    const ids = rows.map((u) => u.id);
    const [riderCounts, wechat] = ids.length
      ? await Promise.all([
          RiderEntity.findAll({ where: { endUserId: { [Op.in]: ids }, live: true }, attributes: ['endUserId', [fn('COUNT', col('id')), 'n']], group: ['endUserId'], raw: true }) as unknown as Promise<{ endUserId: number; n: number }[]>,
          WechatIdentityEntity.findAll({ where: { endUserId: { [Op.in]: ids } }, attributes: ['endUserId'] }),
        ])
      : [[], []];
    const counts = new Map(riderCounts.map((r) => [Number(r.endUserId), Number(r.n)]));
    const bound = new Set(wechat.map((w) => w.endUserId));
    if (q.phone || q.idNumber) {
      // an exact search over personal data is itself a personal-data access
      await this.audit.record(origin, { category: 'security', action: 'passenger.search', result: 'success', targetType: 'end_user', detail: { by: q.phone ? 'phone' : 'idNumber', found: count } });
    }
    return { items: rows.map((u) => this.row(u, counts.get(u.id) ?? 0, bound.has(u.id))), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<AdminPassengerDetail> {
    await this.platformOnly(principal, origin);
    const user = Number.isSafeInteger(id) && id > 0 ? await EndUserEntity.findOne({ where: { id, audience: 'passenger' } }) : null;
    if (!user) throw new NotFoundError('乘客');
    const [extra, riders, wechatCount] = await Promise.all([
      PassengerProfileEntity.findByPk(user.id),
      // deleted riders too: staff resolving a complaint about an old booking need to see them
      RiderEntity.findAll({ where: { endUserId: user.id }, order: [['id', 'ASC']] }),
      WechatIdentityEntity.count({ where: { endUserId: user.id } }),
    ]);
    await this.audit.record(origin, { category: 'security', action: 'passenger.read', result: 'success', targetType: 'end_user', targetId: user.id, detail: { riders: riders.length } });
    const emergencyName = this.cipher.decrypt(extra?.emergencyNameEnc ?? null);
    return {
      profile: {
        ...this.row(user, riders.filter((r) => r.live).length, wechatCount > 0),
        gender: extra?.gender ?? null,
        emergencyContactName: emergencyName ? maskName(emergencyName) : null,
        emergencyContactPhone: extra?.emergencyPhoneEnc ? maskPhone(this.cipher.decrypt(extra.emergencyPhoneEnc)) : null,
        privacyAcceptedAt: user.privacyAt ? user.privacyAt.toISOString() : null,
      },
      riders: riders.map((r) => this.rider(r)),
      // TODO(booking issue): the passenger's bookings (R-6.1.2 "each booking stored automatically")
      bookings: [],
    };
  }

  /**
   * Platform staff only. The guard already required order:read or service:complaint; an operator's
   * customer service holds those too but must not browse the platform's passengers.
   */
  private async platformOnly(principal: AdminPrincipal, origin: RequestOrigin): Promise<void> {
    if (principal.orgKind === 'platform') return;
    const e = new DomainError('ACCESS.DENIED', '仅平台工作人员可查看乘客档案');
    await this.audit.record(origin, { category: 'access_denied', action: 'passenger.access', result: 'denied', detail: { reason: e.errorCode, orgKind: principal.orgKind } });
    throw e;
  }

  private row(u: EndUserEntity, riderCount: number, wechatBound: boolean): AdminPassengerRow {
    return {
      id: u.id,
      nickname: u.nickname,
      phone: u.phoneEnc ? maskPhone(this.cipher.decrypt(u.phoneEnc)) : null,
      wechatBound,
      riderCount,
      enabled: Boolean(u.enabled),
      privacyPolicyVersion: u.privacyVersion,
      createdAt: u.createdAt.toISOString(),
    };
  }

  private rider(r: RiderEntity): AdminRiderView {
    return {
      id: r.id,
      name: maskName(r.name),
      idType: r.idType,
      idNumberMasked: maskIdNumber(this.cipher.decrypt(r.idNumberEnc)),
      phoneMasked: r.phoneEnc ? maskPhone(this.cipher.decrypt(r.phoneEnc)) : null,
      isSelf: Boolean(r.isSelf),
      passengerType: passengerTypeOf(r.birthDate),
      deleted: !r.live,
      createdAt: r.createdAt.toISOString(),
    };
  }
}
