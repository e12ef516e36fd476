import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { createHash, randomBytes } from 'crypto';
import { Op, type Transaction } from 'sequelize';
import {
  INVOICEABLE_ORDER_STATUSES, INVOICE_ITEM_NAME, INVOICE_MACHINE, INVOICE_TAX_RATE, SERVICE_LEVEL_LABELS, nextState, validateInvoiceRequest,
  type InvoiceDownload, type InvoiceEvent, type InvoiceRequest, type InvoiceView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, UpstreamError, ValidationError } from '../../../common/error/domain.error';
import { OutboxService } from '../../../common/outbox/outbox.service';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import { OrgEntity } from '../../access/entity/org.entity';
import { OperatorArchiveEntity } from '../../archive/entity/operator-archive.entity';
import { StopEntity } from '../../basedata/entity';
import { OrderEntity, TicketEntity } from '../../booking/entity';
import { ownOrderOf } from '../../booking/service/booking-support';
import { InvoicePort, InvoiceAlreadyReversedError, type BlueInvoiceSubmission, type InvoiceTraveller } from '../../integration/port/invoice.port';
import { ObjectStoragePort } from '../../integration/port/object-storage.port';
import { TripEntity } from '../../trip/entity';
import { InvoiceEntity } from '../entity';

/** Tickets whose rider travels (or travelled) on the order: the invoice's traveller lines. */
const TRAVELLING = ['issued', 'checked', 'used'];
/** Blue invoices that stand for the order's money: at most one at a time. */
const ACTIVE_BLUE = ['issuing', 'issued', 'reversing'];
export const DOWNLOAD_TTL_SECONDS = 300;
const REVERSAL_REASON = '服务中止';

/**
 * Electronic invoices: requested by the passenger for an order they paid, issued by the
 * e-invoice provider with the operator as seller, stored as a PDF and downloadable through a
 * short-lived signed URL; reversed (红冲) when a refund changes the order's money, and issued anew
 * for what is left.
 *
 * Each invoice is recorded (`issuing`) before the provider is asked, and the provider is asked
 * outside any transaction; the outcome arrives by callback or query and is applied once (the row is
 * locked and its state checked). Every state change the feeds care about (issued, reversed, failed)
 * writes its outbox event in the same transaction.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class InvoiceService {
  @Inject() private db: DatabaseService;
  @Inject() private outbox: OutboxService;
  @Inject() private cipher: FieldCipher;
  @Inject('invoicePort') private port: InvoicePort;
  @Inject('objectStoragePort') private storage: ObjectStoragePort;
  @Logger() private logger: ILogger;

  // ───────────────────────── passenger ─────────────────────────

  /** Asks for the order's invoice; idempotent on clientKey (the same request answers the same invoice). */
  async request(endUserId: number, orderId: number, req: InvoiceRequest): Promise<InvoiceView> {
    const clientKey = String(req.clientKey ?? '').trim();
    const errors = validateInvoiceRequest(req);
    if (!/^[\w-]{8,64}$/.test(clientKey)) errors.unshift({ field: 'clientKey', reason: '请求标识应为8–64位字母、数字、-或_' });
    if (errors.length) throw new ValidationError(errors);
    const buyer = {
      buyerType: req.buyerType,
      title: req.title.trim(),
      taxId: req.buyerType === 'company' ? String(req.taxId).trim().toUpperCase() : null,
      email: req.email?.trim() || null,
    };
    const requestKey = `app:${endUserId}:${clientKey}`;
    const requestHash = createHash('sha256').update(JSON.stringify({ orderId, ...buyer })).digest('hex');
    const again = await InvoiceEntity.findOne({ where: { requestKey } });
    if (again) {
      if (again.requestHash !== requestHash) throw new DomainError('INVOICE.IDEMPOTENCY_MISMATCH');
      return this.view(again);
    }
    const order = await ownOrderOf(endUserId, orderId);
    const seller = await this.seller(order.orgId);
    const created = await this.db.transaction(async (t) => {
      const locked = (await OrderEntity.findByPk(order.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      // a retry racing the first request: the first one's invoice
      const raced = await InvoiceEntity.findOne({ where: { requestKey }, transaction: t });
      if (raced) return raced;
      if (!INVOICEABLE_ORDER_STATUSES.includes(locked.status)) throw new DomainError('INVOICE.NOT_ALLOWED');
      const active = await InvoiceEntity.findOne({ where: { orderId: order.id, kind: 'blue', status: { [Op.in]: ACTIVE_BLUE } }, transaction: t });
      if (active) throw new DomainError('INVOICE.ALREADY_REQUESTED');
      const amountFen = locked.paidFen - locked.refundedFen;
      if (amountFen <= 0) throw new DomainError('INVOICE.NOTHING_TO_INVOICE');
      return this.create(t, { order: locked, kind: 'blue', requestKey, requestHash, amountFen, buyer, seller, reversesInvoiceId: null });
    });
    await this.submit(created.id);
    return this.view((await InvoiceEntity.findByPk(created.id))!);
  }

  /** The invoices of one of the passenger's own orders, oldest first. */
  async listOfOrder(endUserId: number, orderId: number): Promise<InvoiceView[]> {
    const order = await ownOrderOf(endUserId, orderId);
    const rows = await InvoiceEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    return Promise.all(rows.map((r) => this.view(r, order)));
  }

  /** A signed URL of the PDF of the passenger's own invoice; anyone else's is 404. */
  async downloadOwn(endUserId: number, invoiceId: number): Promise<InvoiceDownload> {
    const inv = Number.isSafeInteger(invoiceId) && invoiceId > 0 ? await InvoiceEntity.findByPk(invoiceId) : null;
    if (!inv || inv.endUserId !== endUserId) throw new NotFoundError('发票');
    return this.download(inv);
  }

  async download(inv: InvoiceEntity): Promise<InvoiceDownload> {
    if (!inv.fileKey) throw new DomainError('INVOICE.NOT_READY');
    const name = `${inv.kind === 'red' ? '红字发票' : '电子发票'}-${inv.invoiceNo}.pdf`;
    return { url: await this.storage.signedUrl(inv.fileKey, DOWNLOAD_TTL_SECONDS, name), expiresInSeconds: DOWNLOAD_TTL_SECONDS };
  }

  // ───────────────────────── refunds ─────────────────────────

  /**
   * After a refund of the order succeeded: an issued blue invoice no longer matches the money, so it
   * is reversed; when the red letter is issued a new blue invoice for what is left follows (see
   * settle). Idempotent, and never throws at the caller: a failure is logged and the sweeper or
   * finance staff finish the work.
   */
  async afterRefund(orderId: number): Promise<void> {
    try {
      const blue = await InvoiceEntity.findOne({ where: { orderId, kind: 'blue', status: 'issued' }, order: [['id', 'DESC']] });
      if (blue) await this.reverseIfStale(blue.id);
    } catch (e) {
      this.logger.error('[invoice] reversing the invoice of order %d after a refund failed: %s', orderId, (e as Error).stack ?? e);
    }
  }

  /** Starts the red letter of an issued blue invoice whose amount is no longer what the order kept. */
  private async reverseIfStale(blueId: number): Promise<void> {
    const red = await this.db.transaction(async (t) => {
      const blue = (await InvoiceEntity.findByPk(blueId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (blue.status !== 'issued') return null;
      const order = (await OrderEntity.findByPk(blue.orderId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (blue.amountFen === order.paidFen - order.refundedFen) return null;
      await this.move(t, blue, 'REVERSAL_REQUESTED');
      return this.create(t, {
        order,
        kind: 'red',
        requestKey: `red:${blue.id}`,
        requestHash: null,
        amountFen: -blue.amountFen,
        buyer: { buyerType: blue.buyerType, title: blue.title, taxId: blue.taxId, email: blue.email },
        seller: { name: blue.sellerName, taxId: blue.sellerTaxId },
        reversesInvoiceId: blue.id,
      });
    });
    if (red) await this.submit(red.id);
  }

  // ───────────────────────── the provider ─────────────────────────

  /**
   * Sends an `issuing` invoice to the provider (again, after a crash: the request number makes that
   * safe). A refusal of the content fails the invoice; an unreachable provider leaves it to the sweeper.
   */
  async submit(invoiceId: number): Promise<void> {
    const inv = await InvoiceEntity.findByPk(invoiceId);
    if (!inv || inv.status !== 'issuing') return;
    let serialNo: string;
    try {
      if (inv.kind === 'red') {
        const blue = (await InvoiceEntity.findByPk(inv.reversesInvoiceId!))!;
        serialNo = (await this.port.submitRed({ requestNo: inv.requestNo, blueSerialNo: blue.serialNo!, reason: REVERSAL_REASON })).serialNo;
      } else {
        serialNo = (await this.port.submitBlue(await this.submission(inv))).serialNo;
      }
    } catch (e) {
      const refused = e instanceof InvoiceAlreadyReversedError || (e instanceof UpstreamError && isContentRefusal(e.detail?.upstreamCode));
      this.logger.warn('[invoice] submitting invoice %d failed%s: %s', inv.id, refused ? '' : ' (the sweeper tries again)', (e as Error).message);
      if (refused) await this.fail(inv.id, (e as Error).message.slice(0, 255));
      return;
    }
    await InvoiceEntity.update({ serialNo, attempts: inv.attempts + 1 }, { where: { id: inv.id, status: 'issuing' } });
  }

  /** A callback from the provider: verified, then the invoice's state is read and applied. */
  async onCallback(path: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<void> {
    const cb = this.port.parseCallback(path, headers, rawBody);
    let inv = await InvoiceEntity.findOne({ where: { serialNo: cb.serialNo } });
    if (!inv && cb.requestNo) {
      // the provider can finish before its answer to the submission was saved: found by our request number
      inv = await InvoiceEntity.findOne({ where: { requestNo: cb.requestNo } });
      if (inv && !inv.serialNo) await InvoiceEntity.update({ serialNo: cb.serialNo }, { where: { id: inv.id, serialNo: null } });
      else if (inv && inv.serialNo !== cb.serialNo) inv = null;
    }
    if (!inv) {
      this.logger.warn('[invoice] callback for unknown serial %s', cb.serialNo);
      return;
    }
    await this.settle(inv.id);
  }

  /**
   * Reads the invoice at the provider and applies the outcome once: issued → the PDF is stored and
   * the invoice marked issued (a red letter also marks its blue invoice reversed and starts the new
   * blue one for the money left); failed → failed. Still processing: nothing.
   */
  async settle(invoiceId: number): Promise<void> {
    const inv = await InvoiceEntity.findByPk(invoiceId);
    if (!inv || inv.status !== 'issuing' || !inv.serialNo) return;
    const state = await this.port.query(inv.serialNo);
    if (state.status === 'PROCESSING') return;
    if (state.status === 'FAILED') {
      await this.fail(inv.id, state.failReason ?? '开票失败');
      return;
    }
    // ISSUED (or REVERSED: issued, and reversed since) — the PDF first, outside the transaction
    const fileKey = `invoices/${inv.orgId}/${inv.id}.pdf`;
    await this.storage.put(fileKey, await this.port.download(inv.serialNo), 'application/pdf');
    const next = await this.db.transaction(async (t) => {
      const locked = (await InvoiceEntity.findByPk(inv.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (locked.status !== 'issuing') return null;
      Object.assign(locked, { invoiceNo: state.invoiceNo, issuedAt: state.issuedAt ?? new Date(), taxFen: state.totalTaxFen, fileKey, failReason: null });
      await this.move(t, locked, 'ISSUED');
      if (locked.kind === 'blue') return { reverse: locked.id, submit: null };
      const blue = (await InvoiceEntity.findByPk(locked.reversesInvoiceId!, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (blue.status === 'reversing') await this.move(t, blue, 'REVERSED');
      // the money the order still holds gets a new blue invoice, with the same buyer
      const order = (await OrderEntity.findByPk(locked.orderId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      const left = order.paidFen - order.refundedFen;
      const active = await InvoiceEntity.findOne({ where: { orderId: order.id, kind: 'blue', status: { [Op.in]: ACTIVE_BLUE } }, transaction: t });
      if (left <= 0 || active) return null;
      const reissue = await this.create(t, {
        order,
        kind: 'blue',
        requestKey: `reissue:${locked.id}`,
        requestHash: null,
        amountFen: left,
        buyer: { buyerType: blue.buyerType, title: blue.title, taxId: blue.taxId, email: blue.email },
        seller: { name: blue.sellerName, taxId: blue.sellerTaxId },
        reversesInvoiceId: null,
      });
      return { submit: reissue.id, reverse: null };
    });
    if (next?.submit) await this.submit(next.submit);
    // a refund that happened while this blue invoice was being issued: it is reversed right away
    if (next?.reverse) await this.reverseIfStale(next.reverse);
  }

  /** Finance staff: a failed invoice is asked of the provider again, under a new request number. */
  async retry(invoiceId: number): Promise<InvoiceEntity> {
    const retried = await this.db.transaction(async (t) => {
      const inv = (await InvoiceEntity.findByPk(invoiceId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (inv.status !== 'failed') throw new DomainError('INVOICE.STATE_INVALID', '只能重试开具失败的发票');
      if (inv.kind === 'blue') {
        const active = await InvoiceEntity.findOne({ where: { orderId: inv.orderId, kind: 'blue', status: { [Op.in]: ACTIVE_BLUE } }, transaction: t });
        if (active) throw new DomainError('INVOICE.ALREADY_REQUESTED');
      } else {
        const blue = (await InvoiceEntity.findByPk(inv.reversesInvoiceId!, { transaction: t, lock: t.LOCK.UPDATE }))!;
        if (blue.status !== 'issued') throw new DomainError('INVOICE.STATE_INVALID', '原发票状态已变化');
        await this.move(t, blue, 'REVERSAL_REQUESTED');
      }
      inv.requestNo = requestNo();
      inv.serialNo = null;
      inv.failReason = null;
      await this.move(t, inv, 'RETRIED');
      return inv;
    });
    await this.submit(retried.id);
    return (await InvoiceEntity.findByPk(retried.id))!;
  }

  /**
   * The sweeper's work: invoices left `issuing` for longer than `olderThanMs` (a lost callback, a
   * crash before or after the submission) are submitted again or read from the provider.
   */
  async sweep(olderThanMs = 60_000, limit = 50): Promise<number> {
    const stale = await InvoiceEntity.findAll({
      where: { status: 'issuing', updatedAt: { [Op.lte]: new Date(Date.now() - olderThanMs) } },
      order: [['updatedAt', 'ASC']],
      limit,
    });
    let done = 0;
    for (const inv of stale) {
      try {
        if (!inv.serialNo) await this.submit(inv.id);
        else await this.settle(inv.id);
        done += 1;
      } catch (e) {
        this.logger.warn('[invoice] sweeping invoice %d failed: %s', inv.id, (e as Error).message);
      }
    }
    return done;
  }

  // ───────────────────────── views ─────────────────────────

  async view(inv: InvoiceEntity, order?: OrderEntity): Promise<InvoiceView> {
    const o = order ?? (await OrderEntity.findByPk(inv.orderId, { attributes: ['id', 'orderNo'] }));
    return {
      id: inv.id,
      orderId: inv.orderId,
      orderNo: o?.orderNo ?? '',
      kind: inv.kind,
      status: inv.status,
      amountFen: inv.amountFen,
      taxFen: inv.taxFen,
      buyerType: inv.buyerType,
      title: inv.title,
      taxId: inv.taxId,
      email: inv.email,
      sellerName: inv.sellerName,
      invoiceNo: inv.invoiceNo,
      issuedAt: inv.issuedAt ? inv.issuedAt.toISOString() : null,
      failReason: inv.failReason,
      reversesInvoiceId: inv.reversesInvoiceId,
      downloadable: Boolean(inv.fileKey),
      createdAt: inv.createdAt.toISOString(),
    };
  }

  // ───────────────────────── inside ─────────────────────────


  /** The seller: the operator's registered name and 统一社会信用代码 from its archive (a branch uses its operator's). */
  private async seller(orgId: number): Promise<{ name: string; taxId: string }> {
    const org = await OrgEntity.findByPk(orgId, { attributes: ['id', 'path'] });
    const chain = (org?.path ?? `/${orgId}/`).split('/').filter(Boolean).map(Number).reverse();
    const archives = await OperatorArchiveEntity.findAll({ where: { orgId: { [Op.in]: chain } } });
    for (const id of chain) {
      const a = archives.find((x) => x.orgId === id && x.creditCode);
      if (a) return { name: a.legalName, taxId: a.creditCode! };
    }
    throw new DomainError('INVOICE.SELLER_UNAVAILABLE');
  }

  private async create(
    t: Transaction,
    v: {
      order: OrderEntity;
      kind: 'blue' | 'red';
      requestKey: string;
      requestHash: string | null;
      amountFen: number;
      buyer: { buyerType: InvoiceEntity['buyerType']; title: string; taxId: string | null; email: string | null };
      seller: { name: string; taxId: string };
      reversesInvoiceId: number | null;
    },
  ): Promise<InvoiceEntity> {
    return InvoiceEntity.create(
      {
        orgId: v.order.orgId,
        orderId: v.order.id,
        endUserId: v.order.endUserId,
        kind: v.kind,
        status: INVOICE_MACHINE.initial,
        requestKey: v.requestKey,
        requestHash: v.requestHash,
        requestNo: requestNo(),
        ...v.buyer,
        sellerName: v.seller.name,
        sellerTaxId: v.seller.taxId,
        amountFen: v.amountFen,
        taxFen: null,
        reversesInvoiceId: v.reversesInvoiceId,
        serialNo: null,
        invoiceNo: null,
        issuedAt: null,
        failReason: null,
        fileKey: null,
        attempts: 0,
      },
      { transaction: t },
    );
  }

  private async fail(invoiceId: number, reason: string): Promise<void> {
    await this.db.transaction(async (t) => {
      const inv = (await InvoiceEntity.findByPk(invoiceId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (inv.status !== 'issuing') return;
      inv.failReason = reason;
      await this.move(t, inv, 'FAILED');
      if (inv.kind === 'red') {
        const blue = (await InvoiceEntity.findByPk(inv.reversesInvoiceId!, { transaction: t, lock: t.LOCK.UPDATE }))!;
        if (blue.status === 'reversing') await this.move(t, blue, 'REVERSAL_FAILED');
      }
    });
  }

  /** Moves an invoice through INVOICE_MACHINE and writes the outbox event of the new state. */
  private async move(t: Transaction, inv: InvoiceEntity, event: InvoiceEvent): Promise<void> {
    inv.status = nextState(INVOICE_MACHINE, inv.status, event);
    await inv.save({ transaction: t });
    const type = event === 'ISSUED' ? 'invoice.issued' : event === 'REVERSED' ? 'invoice.reversed' : event === 'FAILED' ? 'invoice.failed' : null;
    if (!type) return;
    const order = await OrderEntity.findByPk(inv.orderId, { attributes: ['id', 'orderNo'], transaction: t });
    await this.outbox.invoiceEvent(t, type, inv.orgId, {
      invoiceId: inv.id,
      orderId: inv.orderId,
      orderNo: order?.orderNo ?? '',
      kind: inv.kind,
      amountFen: inv.amountFen,
      invoiceNo: inv.invoiceNo,
      reversesInvoiceId: inv.reversesInvoiceId,
      status: inv.status,
    });
  }

  /** What the provider is asked to issue: the operator sells 客运服务 to the buyer, one line per traveller. */
  private async submission(inv: InvoiceEntity): Promise<BlueInvoiceSubmission> {
    const order = (await OrderEntity.findByPk(inv.orderId))!;
    const trip = (await TripEntity.findByPk(order.tripId))!;
    let tickets = await TicketEntity.findAll({ where: { orderId: order.id, status: { [Op.in]: TRAVELLING } }, order: [['id', 'ASC']] });
    // money kept with no rider left (a refund fee): the invoice still names who booked the journey
    if (!tickets.length) tickets = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    const stopIds = new Map(trip.stops.map((s) => [s.seq, s.stopId]));
    const stops = await StopEntity.findAll({ where: { id: { [Op.in]: [...new Set(stopIds.values())] } }, attributes: ['id', 'name'] });
    const stopName = (seq: number) => stops.find((s) => s.id === stopIds.get(seq))?.name['zh-CN'] ?? '';
    const travellers: InvoiceTraveller[] = tickets.map((tk) => ({
      name: tk.riderName,
      idType: tk.idType,
      // printed whole on the invoice, as real passenger-transport invoices are; never logged
      idNumber: this.cipher.decrypt(tk.idNumberEnc) ?? '',
      travelDate: trip.departDate,
      origin: stopName(tk.fromSeq),
      destination: stopName(tk.toSeq),
      class: SERVICE_LEVEL_LABELS[trip.serviceLevel]?.zh ?? trip.serviceLevel,
    }));
    return {
      requestNo: inv.requestNo,
      seller: { name: inv.sellerName, taxId: inv.sellerTaxId },
      buyer: { type: inv.buyerType, name: inv.title, ...(inv.taxId ? { taxId: inv.taxId } : {}), ...(inv.email ? { email: inv.email } : {}) },
      items: [{ name: INVOICE_ITEM_NAME, amountFen: inv.amountFen, taxRate: INVOICE_TAX_RATE, quantity: Math.max(1, travellers.length) }],
      travellers,
      remark: `订单号 ${order.orderNo}`,
    };
  }
}

/** A fresh request number for the provider: unique, ≤ 64 characters. */
function requestNo(): string {
  return `INV${Date.now().toString(36).toUpperCase()}${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The provider's 4xxxx codes refuse the content itself (asking again will not help); others are transient. */
function isContentRefusal(code: unknown): boolean {
  return typeof code === 'number' && code >= 40000 && code < 50000 && code !== 40104 && code !== 40107;
}
