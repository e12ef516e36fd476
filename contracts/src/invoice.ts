/**
 * Electronic invoices (R-6.2.6 报销凭证): a passenger asks for a 数电发票 for an order they paid; the
 * operator is the seller and the e-invoice provider issues it. One blue invoice per order at a time;
 * a refund after invoicing reverses it with a red-letter (红字) invoice and, if money is left, a new
 * blue invoice for the rest follows with the same buyer.
 *
 * An invoice moves only through the events of INVOICE_MACHINE; any other move is refused
 * (INVOICE.STATE_INVALID).
 */
import type { FieldError, PageQuery } from './envelope';
import type { StateMachine } from './order';
import type { OrderStatus } from './order';
import type { Fen } from './money';
import { validateCreditCode } from './credit-code';

export const INVOICE_KINDS = ['blue', 'red'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export const INVOICE_STATUSES = ['issuing', 'issued', 'failed', 'reversing', 'reversed'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_EVENTS = ['ISSUED', 'FAILED', 'RETRIED', 'REVERSAL_REQUESTED', 'REVERSED', 'REVERSAL_FAILED'] as const;
export type InvoiceEvent = (typeof INVOICE_EVENTS)[number];

/**
 * Both kinds start in `issuing` (recorded before the provider is asked, so a crash is recovered by
 * asking it again). A failed one may be retried by finance staff. Only a blue invoice is reversed:
 * `reversing` while its red-letter invoice is being issued, `reversed` once it is; a reversal the
 * provider refuses leaves it `issued`.
 */
export const INVOICE_MACHINE: StateMachine<InvoiceStatus, InvoiceEvent> = {
  name: 'invoice',
  initial: 'issuing',
  transitions: {
    ISSUED: { issuing: 'issued' },
    FAILED: { issuing: 'failed' },
    RETRIED: { failed: 'issuing' },
    REVERSAL_REQUESTED: { issued: 'reversing' },
    REVERSED: { reversing: 'reversed' },
    REVERSAL_FAILED: { reversing: 'issued' },
  },
  final: ['reversed'],
};

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, { zh: string; en: string }> = {
  issuing: { zh: '开具中', en: 'Issuing' },
  issued: { zh: '已开具', en: 'Issued' },
  failed: { zh: '开具失败', en: 'Failed' },
  reversing: { zh: '红冲中', en: 'Reversing' },
  reversed: { zh: '已红冲', en: 'Reversed' },
};

export const INVOICE_KIND_LABELS: Record<InvoiceKind, { zh: string; en: string }> = {
  blue: { zh: '蓝字发票', en: 'Invoice' },
  red: { zh: '红字发票', en: 'Red-letter invoice' },
};

/** Orders a passenger may ask an invoice for: money was taken and not all given back. */
export const INVOICEABLE_ORDER_STATUSES: readonly OrderStatus[] = ['paid', 'partially_refunded', 'completed'];

/** The line printed on the invoice: 税收分类 运输服务, 客运服务费. */
export const INVOICE_ITEM_NAME = '*运输服务*客运服务费';
/** 公共交通运输服务 under 简易计税 (3 %), which road passenger operators may choose. */
export const INVOICE_TAX_RATE = 0.03;

export type InvoiceBuyerType = 'personal' | 'company';

/** POST /api/app/orders/:id/invoice. Idempotent on clientKey. */
export interface InvoiceRequest {
  clientKey: string;
  buyerType: InvoiceBuyerType;
  /** 发票抬头: the person's name or the company's registered name */
  title: string;
  /** 统一社会信用代码 (company only) */
  taxId?: string | null;
  /** where the provider may also send the invoice */
  email?: string | null;
}

export const INVOICE_TITLE_MAX = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field errors of an invoice request (the same rules in the app and the bff). */
export function validateInvoiceRequest(r: Partial<InvoiceRequest>): FieldError[] {
  const errors: FieldError[] = [];
  if (r.buyerType !== 'personal' && r.buyerType !== 'company') errors.push({ field: 'buyerType', reason: '请选择个人或单位' });
  const title = (r.title ?? '').trim();
  if (!title) errors.push({ field: 'title', reason: '请填写发票抬头' });
  else if (title.length > INVOICE_TITLE_MAX) errors.push({ field: 'title', reason: `发票抬头不能超过${INVOICE_TITLE_MAX}个字` });
  if (r.buyerType === 'company') {
    const reason = validateCreditCode(r.taxId);
    if (reason) errors.push({ field: 'taxId', reason });
  }
  const email = (r.email ?? '').trim();
  if (email && (email.length > 100 || !EMAIL.test(email))) errors.push({ field: 'email', reason: '邮箱格式不正确' });
  return errors;
}

export interface InvoiceView {
  id: number;
  orderId: number;
  orderNo: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  /** including tax; negative on a red-letter invoice */
  amountFen: Fen;
  taxFen: Fen | null;
  buyerType: InvoiceBuyerType;
  title: string;
  taxId: string | null;
  email: string | null;
  sellerName: string;
  /** the 20-digit 数电发票号码 once issued */
  invoiceNo: string | null;
  issuedAt: string | null;
  failReason: string | null;
  /** a red invoice: the blue one it reverses */
  reversesInvoiceId: number | null;
  /** the PDF can be downloaded */
  downloadable: boolean;
  createdAt: string;
}

export interface AdminInvoiceListItem extends InvoiceView {
  orgId: number;
  orgName: string;
}

/** GET /api/admin/invoices */
export interface AdminInvoiceQuery extends PageQuery {
  orgId?: number;
  status?: InvoiceStatus;
  kind?: InvoiceKind;
  /** issued or requested on or after / before, YYYY-MM-DD (China time) */
  dateFrom?: string;
  dateTo?: string;
  orderNo?: string;
}

/** GET …/invoices/:id/download: a short-lived signed URL of the PDF */
export interface InvoiceDownload {
  url: string;
  expiresInSeconds: number;
}
