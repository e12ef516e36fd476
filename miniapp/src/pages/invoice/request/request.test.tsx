import '../test-support';
import { fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, fail, ok, serve, signedIn, profile } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { flush } from '../../feedback/test-support';
import InvoiceRequestPage from './index';

const order = { id: 501, orderNo: 'DZ2612071200001234', status: 'paid', totalFen: 13000, tickets: [], money: { paidFen: 13000, refundedFen: 6500, canInvoice: true } };
const invoice = (over: Record<string, unknown> = {}) => ({
  id: 31, orderId: 501, orderNo: order.orderNo, kind: 'blue', status: 'issuing', amountFen: 6500, taxFen: null, buyerType: 'personal', title: '张三', taxId: null, email: null,
  sellerName: '深圳鹏程客运有限公司', invoiceNo: null, issuedAt: null, failReason: null, reversesInvoiceId: null, downloadable: false, createdAt: '2026-12-07T04:00:00Z', ...over,
});
const posts = () => calls().filter((c) => c.method === 'POST');
const type = (id: string, value: string) => fireEvent.change(document.getElementById(id)!, { target: { value } });

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ orderId: '501' });
});

describe('申请开票', () => {
  it('R-6.2.6 shows what the order keeps, sends a personal request once and shows its state', async () => {
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501': () => ok(order), 'POST /orders/501/invoice': (c) => ok(invoice({ title: (c.data as { title: string }).title })) });
    render(<InvoiceRequestPage />);
    await flush();
    expect(document.getElementById('invoice-amount')!.textContent).toBe('¥65.00');
    type('invoice-title', ' 张三 ');
    fireEvent.click(document.getElementById('invoice-submit')!);
    await flush();
    expect(posts()).toHaveLength(1);
    const body = posts()[0].data as Record<string, unknown>;
    expect(body).toMatchObject({ buyerType: 'personal', title: '张三', taxId: null, email: null });
    expect(body.clientKey).toMatch(/^[\w-]{8,64}$/);
    expect(document.getElementById('invoice-request-status')!.textContent).toBe('开具中');
    fireEvent.click(document.getElementById('invoice-view-list')!);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/invoice/list/index?orderId=501' });
  });

  it('R-6.2.6 a company needs a valid 统一社会信用代码: explained before anything is sent', async () => {
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501': () => ok(order), 'POST /orders/501/invoice': (c) => ok(invoice(c.data as Record<string, unknown>)) });
    render(<InvoiceRequestPage />);
    await flush();
    fireEvent.click(document.getElementById('invoice-buyer-company')!);
    type('invoice-title', '某某科技有限公司');
    type('invoice-taxid', '91440100MA5G00000A');
    fireEvent.click(document.getElementById('invoice-submit')!);
    await flush();
    expect(posts()).toHaveLength(0);
    expect(document.getElementById('invoice-error-taxId')!.textContent).toBe('统一社会信用代码校验位错误');
    type('invoice-taxid', '91440100ma5g00000f');
    type('invoice-email', 'finance@example.com');
    fireEvent.click(document.getElementById('invoice-submit')!);
    await flush();
    expect(posts()[0].data).toMatchObject({ buyerType: 'company', title: '某某科技有限公司', taxId: '91440100MA5G00000F', email: 'finance@example.com' });
  });

  it('R-6.2.6 an order already invoiced goes to its invoices', async () => {
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501': () => ok(order), 'POST /orders/501/invoice': () => fail(409, 'INVOICE.ALREADY_REQUESTED', '该订单已开票或正在开票') });
    render(<InvoiceRequestPage />);
    await flush();
    type('invoice-title', '张三');
    fireEvent.click(document.getElementById('invoice-submit')!);
    await flush();
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/invoice/list/index?orderId=501' });
    expect(document.getElementById('invoice-request-done')).toBeNull();
  });
});
