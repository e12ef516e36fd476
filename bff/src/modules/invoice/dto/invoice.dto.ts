import { Rule, RuleType } from '@midwayjs/validate';
import { ApiProperty } from '@midwayjs/swagger';
import { INVOICE_KINDS, INVOICE_STATUSES, type InvoiceBuyerType, type InvoiceKind, type InvoiceRequest, type InvoiceStatus } from '@dzky/contracts';

/*
 * Shape only; the rules a passenger must read (title, 统一社会信用代码, e-mail) are
 * validateInvoiceRequest() from contracts, run by the service, so the app and the server agree.
 */
export class InvoiceRequestDTO implements InvoiceRequest {
  @ApiProperty({ description: '8–64 characters, one per attempt; a retry sends the same' })
  @Rule(RuleType.string().max(64).allow(''))
  clientKey: string;

  @ApiProperty({ enum: ['personal', 'company'] }) @Rule(RuleType.string().max(16).allow('')) buyerType: InvoiceBuyerType;
  @ApiProperty({ description: '发票抬头' }) @Rule(RuleType.string().max(200).allow('')) title: string;
  @ApiProperty({ required: false, description: '统一社会信用代码 (company)' }) @Rule(RuleType.string().max(32).allow('', null)) taxId?: string | null;
  @ApiProperty({ required: false }) @Rule(RuleType.string().max(200).allow('', null)) email?: string | null;
}

const id = RuleType.number().integer().min(1);
const day = RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/).allow('');

export class AdminInvoiceQueryDTO {
  @Rule(RuleType.number().integer().min(1)) page?: number;
  @Rule(RuleType.number().integer().min(1).max(100)) pageSize?: number;
  @Rule(id) orgId?: number;
  @Rule(RuleType.string().valid(...INVOICE_STATUSES).allow('')) status?: InvoiceStatus;
  @Rule(RuleType.string().valid(...INVOICE_KINDS).allow('')) kind?: InvoiceKind;
  @Rule(day) dateFrom?: string;
  @Rule(day) dateTo?: string;
  @Rule(RuleType.string().trim().max(32).allow('')) orderNo?: string;
}
