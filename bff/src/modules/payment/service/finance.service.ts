import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type WhereOptions } from 'sequelize';
import type {
  AdminRefundRequest, FinanceSummary, Page, PaymentListItem, PaymentQuery, RefundListItem, RefundQuery, RefundView,
} from '@dzky/contracts';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { visibleSubtreeIds } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import { OrderEntity } from '../../booking/entity';
import { AdminOrderService } from '../../booking/service/admin-order.service';
import { shanghaiDay, shanghaiInstant, addDays } from '../../trip/service/trip-rules';
import { PaymentEntity, RefundEntity } from '../entity';
import { RefundService } from './refund.service';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Finance's view: payments, refunds — abnormal ones to handle — and daily totals, within
 * the caller's organisation subtree (platform staff see every operator). Staff refunds go through
 * the same refund code as the passenger's, with the fee waived when chosen.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FinanceService {
  @Inject() private orders: AdminOrderService;
  @Inject() private refunds: RefundService;
  @Inject() private audit: AuditService;

  async payments(principal: AdminPrincipal, q: PaymentQuery, origin: RequestOrigin): Promise<Page<PaymentListItem>> {
    const { where, page, pageSize } = await this.filter(principal, q, origin, 'paidAt');
    if (q.status) where.push({ status: q.status });
    if (q.channel) where.push({ channel: q.channel });
    const keyword = q.keyword?.trim();
    if (keyword) {
      const orders = await OrderEntity.findAll({ where: { orderNo: keyword }, attributes: ['id'] });
      where.push({ [Op.or]: [{ outTradeNo: keyword }, { transactionId: keyword }, { orderId: { [Op.in]: orders.map((o) => o.id) } }] });
    }
    const { rows, count } = await PaymentEntity.findAndCountAll({ where: { [Op.and]: where }, order: [['id', 'DESC']], offset: (page - 1) * pageSize, limit: pageSize });
    const [orders, orgs] = await this.names(rows);
    return {
      items: rows.map((p) => ({
        id: p.id, outTradeNo: p.outTradeNo, transactionId: p.transactionId, orderId: p.orderId, orderNo: orders.get(p.orderId) ?? '', orgId: p.orgId, orgName: orgs.get(p.orgId) ?? '',
        purpose: p.purpose, channel: p.channel, merchantMode: p.merchantMode, mchid: p.subMchid ?? p.mchid, amountFen: p.amountFen, refundedFen: p.refundedFen,
        status: p.status, paidAt: p.paidAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString(),
      })),
      total: count, page, pageSize,
    };
  }

  async refundList(principal: AdminPrincipal, q: RefundQuery, origin: RequestOrigin): Promise<Page<RefundListItem>> {
    const { where, page, pageSize } = await this.filter(principal, q, origin, 'createdAt');
    if (q.status) where.push({ status: q.status });
    if (q.reason) where.push({ reason: q.reason });
    const keyword = q.keyword?.trim();
    if (keyword) {
      const orders = await OrderEntity.findAll({ where: { orderNo: keyword }, attributes: ['id'] });
      where.push({ [Op.or]: [{ outRefundNo: keyword }, { wechatRefundId: keyword }, { orderId: { [Op.in]: orders.map((o) => o.id) } }] });
    }
    const { rows, count } = await RefundEntity.findAndCountAll({ where: { [Op.and]: where }, order: [['id', 'DESC']], offset: (page - 1) * pageSize, limit: pageSize });
    return { items: await Promise.all(rows.map((r) => this.refundItem(r))), total: count, page, pageSize };
  }

  async resolve(principal: AdminPrincipal, id: number, note: string, origin: RequestOrigin): Promise<RefundListItem> {
    if (typeof note !== 'string' || note.trim().length < 2) throw new ValidationError([{ field: 'note', reason: '请说明线下退款的方式和凭证' }]);
    const refund = await this.visibleRefund(principal, id, origin);
    if (refund.status !== 'abnormal' && refund.status !== 'closed') throw new DomainError('REFUND.STATE_INVALID');
    await this.refunds.resolveOffline(refund, note.trim(), principal.subjectId);
    await this.audit.record(origin, { category: 'admin_write', action: 'refund.resolve', result: 'success', targetType: 'refund', targetId: refund.id, detail: { outRefundNo: refund.outRefundNo } });
    return this.refundItem(await refund.reload());
  }

  async refundOrder(principal: AdminPrincipal, orderId: number, req: AdminRefundRequest, origin: RequestOrigin): Promise<RefundView> {
    if (typeof req?.remark !== 'string' || !req.remark.trim()) throw new ValidationError([{ field: 'remark', reason: '请填写退款原因' }]);
    if (typeof req.clientKey !== 'string' || req.clientKey.length < 8) throw new ValidationError([{ field: 'clientKey', reason: '请求标识应为 8–64 个字符' }]);
    const order = await this.orders.visibleOrder(principal, orderId, origin);
    const view = await this.refunds.returnTickets(order, { clientKey: req.clientKey, ticketIds: req.ticketIds, remark: req.remark }, {
      requestKey: `a:${principal.subjectId}:${req.clientKey}`, waiveFee: req.waiveFee === true, reason: 'operator', requestedBy: principal.subjectId,
    });
    await this.audit.record(origin, { category: 'admin_write', action: 'refund.create', result: 'success', targetType: 'order', targetId: order.id, detail: { orderNo: order.orderNo, amountFen: view.amountFen, waiveFee: req.waiveFee === true } });
    return view;
  }

  async summary(principal: AdminPrincipal, q: { orgId?: number; from?: string; to?: string }, origin: RequestOrigin): Promise<FinanceSummary> {
    const to = q.to && DAY.test(q.to) ? q.to : shanghaiDay(new Date());
    const from = q.from && DAY.test(q.from) ? q.from : addDays(to, -29);
    const scope = await this.orders.scopeOf(principal, origin);
    const orgFilter: WhereOptions[] = scope ? [{ orgId: { [Op.in]: scope } }] : [];
    if (q.orgId) orgFilter.push({ orgId: { [Op.in]: await visibleSubtreeIds(principal, Number(q.orgId)) } });
    const range = { [Op.gte]: shanghaiInstant(from), [Op.lt]: shanghaiInstant(addDays(to, 1)) };
    const [paid, refunded, abnormal] = await Promise.all([
      PaymentEntity.findAll({ where: { [Op.and]: [...orgFilter, { status: 'paid', paidAt: range }] }, attributes: ['amountFen', 'paidAt'] }),
      RefundEntity.findAll({ where: { [Op.and]: [...orgFilter, { status: { [Op.in]: ['succeeded', 'resolved_offline'] }, settledAt: range }] }, attributes: ['amountFen', 'feeFen', 'settledAt'] }),
      RefundEntity.count({ where: { [Op.and]: [...orgFilter, { status: { [Op.in]: ['abnormal', 'closed'] } }] } }),
    ]);
    const days = new Map<string, FinanceSummary['days'][number]>();
    for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, { day: d, paidFen: 0, refundedFen: 0, feeFen: 0, netFen: 0, payments: 0, refunds: 0 });
    for (const p of paid) {
      const row = days.get(shanghaiDay(p.paidAt!));
      if (row) { row.paidFen += p.amountFen; row.payments++; }
    }
    for (const r of refunded) {
      const row = days.get(shanghaiDay(r.settledAt!));
      if (row) { row.refundedFen += r.amountFen; row.feeFen += r.feeFen; row.refunds++; }
    }
    const list = [...days.values()].map((d) => ({ ...d, netFen: d.paidFen - d.refundedFen }));
    const total = (k: 'paidFen' | 'refundedFen' | 'feeFen' | 'netFen' | 'payments' | 'refunds') => list.reduce((a, d) => a + d[k], 0);
    return {
      days: list,
      totals: { paidFen: total('paidFen'), refundedFen: total('refundedFen'), feeFen: total('feeFen'), netFen: total('netFen'), payments: total('payments'), refunds: total('refunds'), abnormalRefunds: abnormal },
    };
  }

  private async filter(principal: AdminPrincipal, q: PaymentQuery | RefundQuery, origin: RequestOrigin, timeColumn: 'paidAt' | 'createdAt') {
    const scope = await this.orders.scopeOf(principal, origin);
    const where: WhereOptions[] = [];
    if (scope) where.push({ orgId: { [Op.in]: scope } });
    if (q.orgId) where.push({ orgId: { [Op.in]: await visibleSubtreeIds(principal, Number(q.orgId)) } });
    if (q.from && DAY.test(q.from)) where.push({ [timeColumn]: { [Op.gte]: shanghaiInstant(q.from) } });
    if (q.to && DAY.test(q.to)) where.push({ [timeColumn]: { [Op.lt]: shanghaiInstant(addDays(q.to, 1)) } });
    return { where, page: Math.max(1, Number(q.page) || 1), pageSize: Math.min(100, Math.max(1, Number(q.pageSize) || 20)) };
  }

  private async visibleRefund(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<RefundEntity> {
    const scope = await this.orders.scopeOf(principal, origin);
    const refund = Number.isSafeInteger(id) && id > 0 ? await RefundEntity.findByPk(id) : null;
    if (!refund || (scope && !scope.includes(refund.orgId))) throw new NotFoundError('退款');
    return refund;
  }

  private async refundItem(r: RefundEntity): Promise<RefundListItem> {
    const [payment, org] = await Promise.all([PaymentEntity.findByPk(r.paymentId, { attributes: ['outTradeNo'] }), OrgEntity.findByPk(r.orgId, { attributes: ['name'] })]);
    return { ...(await this.refunds.view(r)), orgId: r.orgId, orgName: org?.name ?? '', outTradeNo: payment?.outTradeNo ?? '', wechatRefundId: r.wechatRefundId, error: r.error, resolution: r.resolution };
  }

  private async names(rows: PaymentEntity[]): Promise<[Map<number, string>, Map<number, string>]> {
    const [orders, orgs] = await Promise.all([
      OrderEntity.findAll({ where: { id: { [Op.in]: [...new Set(rows.map((p) => p.orderId))] } }, attributes: ['id', 'orderNo'] }),
      OrgEntity.findAll({ where: { id: { [Op.in]: [...new Set(rows.map((p) => p.orgId))] } }, attributes: ['id', 'name'] }),
    ]);
    return [new Map(orders.map((o) => [o.id, o.orderNo])), new Map(orgs.map((o) => [o.id, o.name]))];
  }
}
