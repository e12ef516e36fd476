import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { DomainError } from '../../../common/error/domain.error';
import { OperatorArchiveEntity } from '../../archive/entity';
import type { MerchantRef, PaymentPort } from '../../integration/port/payment.port';
import type { PaymentEntity } from '../entity';

/**
 * Where each operator's money goes: its merchant settings in the operator archive (finance sets
 * them), usable only when the keys for that merchant are configured (secrets live outside the database).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class MerchantDirectory {
  @Inject('paymentPort') private port: PaymentPort;

  async of(orgId: number): Promise<MerchantRef> {
    const archive = await OperatorArchiveEntity.findOne({ where: { orgId }, attributes: ['merchantMode', 'subMchId', 'mchId'] });
    const merchant: MerchantRef | null =
      archive?.merchantMode === 'sub_merchant' && archive.subMchId ? { mode: 'sub_merchant', subMchid: archive.subMchId }
        : archive?.merchantMode === 'direct' && archive.mchId ? { mode: 'direct', mchid: archive.mchId }
          : null;
    if (!merchant || !this.port.canCollect(merchant)) throw new DomainError('PAYMENT.MERCHANT_NOT_CONFIGURED');
    return merchant;
  }
}

/** The merchant a payment was made to (kept on the payment: settings may change later). */
export function merchantOfPayment(p: Pick<PaymentEntity, 'merchantMode' | 'mchid' | 'subMchid'>): MerchantRef {
  return p.merchantMode === 'sub_merchant' ? { mode: 'sub_merchant', subMchid: p.subMchid! } : { mode: 'direct', mchid: p.mchid };
}
