/**
 * Electronic invoices through an e-invoice service provider (R-6.2.6). Shaped by our domain: the
 * caller submits a passenger-transport invoice (seller = the operator, the travellers' lines) or a
 * red-letter reversal, learns the outcome by query or by the provider's signed callback, and fetches
 * the PDF. Submissions are idempotent on the caller's request number. Refusals and failures are
 * UpstreamError; a reversal of an invoice already reversed is InvoiceAlreadyReversedError.
 */
import { UpstreamError } from '../../../common/error/domain.error';

export interface InvoiceSeller {
  name: string;
  /** 统一社会信用代码 */
  taxId: string;
}

export interface InvoiceBuyer {
  type: 'personal' | 'company';
  name: string;
  taxId?: string;
  email?: string;
}

export interface InvoiceLine {
  /** with its tax category, e.g. *运输服务*客运服务费 */
  name: string;
  /** the line's total including tax */
  amountFen: number;
  taxRate: number;
  quantity: number;
}

/** 旅客运输服务: one line per traveller (the real ID number: it is printed on the invoice) */
export interface InvoiceTraveller {
  name: string;
  idType: string;
  idNumber: string;
  /** YYYY-MM-DD, China time */
  travelDate: string;
  origin: string;
  destination: string;
  /** 等级: the service level in Chinese */
  class: string;
}

export interface BlueInvoiceSubmission {
  requestNo: string;
  seller: InvoiceSeller;
  buyer: InvoiceBuyer;
  items: InvoiceLine[];
  travellers: InvoiceTraveller[];
  remark?: string;
}

export interface RedInvoiceSubmission {
  requestNo: string;
  blueSerialNo: string;
  reason: string;
}

export type ProviderInvoiceStatus = 'PROCESSING' | 'ISSUED' | 'FAILED' | 'REVERSED';

export interface ProviderInvoice {
  serialNo: string;
  requestNo: string;
  kind: 'blue' | 'red';
  status: ProviderInvoiceStatus;
  invoiceNo: string | null;
  issuedAt: Date | null;
  failReason: string | null;
  totalAmountFen: number;
  totalTaxFen: number;
}

/** What a verified callback says: which invoice; its state is then read by query. */
export interface InvoiceCallback {
  serialNo: string;
  requestNo: string;
  status: ProviderInvoiceStatus;
}

export class InvoiceAlreadyReversedError extends UpstreamError {
  constructor(message: string) {
    super('e-invoice', message, 40902);
    this.name = 'InvoiceAlreadyReversedError';
  }
}

/** A callback whose signature does not verify (or is not a callback at all). */
export class InvoiceCallbackRejected extends Error {}

export abstract class InvoicePort {
  /** Asks for a blue invoice; the provider answers with its serial while issuing goes on. */
  abstract submitBlue(submission: BlueInvoiceSubmission): Promise<{ serialNo: string }>;
  /** Asks for the red-letter reversal of a whole issued blue invoice. */
  abstract submitRed(submission: RedInvoiceSubmission): Promise<{ serialNo: string }>;
  abstract query(serialNo: string): Promise<ProviderInvoice>;
  /** The PDF of an issued invoice. */
  abstract download(serialNo: string): Promise<Buffer>;
  /** Verifies a callback's signature and reads it; throws InvoiceCallbackRejected. */
  abstract parseCallback(path: string, headers: Record<string, string | string[] | undefined>, rawBody: string): InvoiceCallback;
}
