import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type WhereOptions } from 'sequelize';
import type { AdminInvoiceListItem, AdminInvoiceQuery, InvoiceDownload, InvoiceView, Page } from '@dzky/contracts';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { subtreeOrgIds, visibleSubtreeIds } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import { OrderEntity } from '../../booking/entity';
import { InvoiceEntity } from '../entity';
import { InvoiceService } from './invoice.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Invoices for finance staff (R-6.2.6): platform staff see every operator's, operator staff their
 * own organisation subtree — anything else answers 404, exactly like an invoice that does not
 * exist. Regulators are refused (they get the feeds). A download is recorded in the audit trail: the
 * PDF carries the travellers' ID numbers.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AdminInvoiceService {
  @Inject() private invoices: InvoiceService;
  @Inject() private audit: AuditService;

  async list(principal: AdminPrincipal, q: AdminInvoiceQuery, origin: RequestOrigin): Promise<Page<AdminInvoiceListItem>> {
    const orgIds = await this.visibleOrgs(principal, origin);
    const page = Math.max(1, Number(q.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
    const and: WhereOptions[] = [];
    if (orgIds) and.push({ orgId: { [Op.in]: orgIds } });
    if (q.orgId) and.push({ orgId: { [Op.in]: await visibleSubtreeIds(principal, Number(q.orgId)) } });
    if (q.status) and.push({ status: q.status });
    if (q.kind) and.push({ kind: q.kind });
    // dates are China days: 00:00 +08:00 of dateFrom up to the end of dateTo
    if (q.dateFrom && DATE.test(q.dateFrom)) and.push({ createdAt: { [Op.gte]: new Date(`${q.dateFrom}T00:00:00+08:00`) } });
    if (q.dateTo && DATE.test(q.dateTo)) and.push({ createdAt: { [Op.lt]: new Date(new Date(`${q.dateTo}T00:00:00+08:00`).getTime() + 86_400_000) } });
    const orderNo = q.orderNo?.trim();
    if (orderNo) {
      const orders = await OrderEntity.findAll({ where: { orderNo }, attributes: ['id'] });
      and.push({ orderId: { [Op.in]: orders.map((o) => o.id) } });
    }
    const { rows, count } = await InvoiceEntity.findAndCountAll({ where: { [Op.and]: and }, order: [['id', 'DESC']], offset: (page - 1) * pageSize, limit: pageSize });
    const orgs = await OrgEntity.findAll({ where: { id: { [Op.in]: [...new Set(rows.map((r) => r.orgId))] } }, attributes: ['id', 'name'] });
    const orders = await OrderEntity.findAll({ where: { id: { [Op.in]: [...new Set(rows.map((r) => r.orderId))] } }, attributes: ['id', 'orderNo'] });
    const items = await Promise.all(
      rows.map(async (r) => ({
        ...(await this.invoices.view(r, orders.find((o) => o.id === r.orderId))),
        orgId: r.orgId,
        orgName: orgs.find((o) => o.id === r.orgId)?.name ?? '',
      })),
    );
    return { items, total: count, page, pageSize };
  }

  async download(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<InvoiceDownload> {
    const inv = await this.visible(principal, id, origin);
    const link = await this.invoices.download(inv);
    await this.audit.record(origin, { category: 'security', action: 'invoice.download', result: 'success', targetType: 'invoice', targetId: inv.id, detail: { invoiceNo: inv.invoiceNo } });
    return link;
  }

  async retry(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<InvoiceView> {
    const inv = await this.visible(principal, id, origin);
    const retried = await this.invoices.retry(inv.id);
    await this.audit.record(origin, { category: 'admin_write', action: 'invoice.retry', result: 'success', targetType: 'invoice', targetId: inv.id, detail: { kind: inv.kind, failReason: inv.failReason } });
    return this.invoices.view(retried);
  }

  private async visible(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<InvoiceEntity> {
    const orgIds = await this.visibleOrgs(principal, origin);
    const inv = Number.isSafeInteger(id) && id > 0 ? await InvoiceEntity.findByPk(id) : null;
    if (!inv || (orgIds && !orgIds.includes(inv.orgId))) throw new NotFoundError('发票');
    return inv;
  }

  /** null: every organisation (platform staff); otherwise the caller's subtree. Regulators are refused. */
  private async visibleOrgs(principal: AdminPrincipal, origin: RequestOrigin): Promise<number[] | null> {
    if (principal.orgKind === 'regulator') {
      const e = new DomainError('ACCESS.DENIED', '监管机构通过监管数据接口查看开票数据');
      await this.audit.record(origin, { category: 'access_denied', action: 'invoice.access', result: 'denied', detail: { reason: e.errorCode, orgKind: principal.orgKind } });
      throw e;
    }
    if (principal.orgKind === 'platform') return null;
    return subtreeOrgIds(principal);
  }
}
