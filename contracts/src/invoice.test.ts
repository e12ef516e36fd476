import { INVOICE_MACHINE, canApply, nextState, validateInvoiceRequest } from './index';

describe('invoice contracts', () => {
  it('R-6.2.6: a company buyer needs a valid 统一社会信用代码; a person only a name', () => {
    expect(validateInvoiceRequest({ buyerType: 'personal', title: '张三' })).toEqual([]);
    expect(validateInvoiceRequest({ buyerType: 'company', title: '某某科技有限公司', taxId: '91440100MA5G00000F' })).toEqual([]);
    expect(validateInvoiceRequest({ buyerType: 'company', title: '某某科技有限公司', taxId: '91440100MA5G00000A' }).map((e) => e.field)).toEqual(['taxId']);
    expect(validateInvoiceRequest({ buyerType: 'personal', title: ' ', email: 'x@' }).map((e) => e.field)).toEqual(['title', 'email']);
  });

  it('R-6.2.6: only an issued blue invoice is reversed, and a failed one may be retried', () => {
    expect(nextState(INVOICE_MACHINE, 'issued', 'REVERSAL_REQUESTED')).toBe('reversing');
    expect(nextState(INVOICE_MACHINE, 'reversing', 'REVERSED')).toBe('reversed');
    expect(nextState(INVOICE_MACHINE, 'failed', 'RETRIED')).toBe('issuing');
    expect(canApply(INVOICE_MACHINE, 'issuing', 'REVERSAL_REQUESTED')).toBe(false);
    expect(canApply(INVOICE_MACHINE, 'reversed', 'REVERSAL_REQUESTED')).toBe(false);
  });
});
