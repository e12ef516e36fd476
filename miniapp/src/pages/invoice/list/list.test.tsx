import '../test-support';
import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, serve, signedIn, profile } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { flush } from '../../feedback/test-support';
import InvoiceListPage, { POLL_MS } from './index';

jest.mock('../invoice-file', () => jest.requireActual('../invoice-file.h5'), { virtual: true });

const invoice = (over: Record<string, unknown> = {}) => ({
  id: 31, orderId: 501, orderNo: 'DZ2612071200001234', kind: 'blue', status: 'issued', amountFen: 13000, taxFen: 379, buyerType: 'personal', title: '张三', taxId: null, email: null,
  sellerName: '深圳鹏程客运有限公司', invoiceNo: '26440123456789000001', issuedAt: '2026-12-07T04:00:00Z', failReason: null, reversesInvoiceId: null, downloadable: true, createdAt: '2026-12-07T04:00:00Z', ...over,
});

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ orderId: '501' });
});

describe('发票列表', () => {
  it('R-6.2.6 shows each invoice with its state; 下载发票 opens the signed link', async () => {
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501/invoices': () => ok([
        invoice({ status: 'reversed' }),
        invoice({ id: 32, kind: 'red', amountFen: -13000, reversesInvoiceId: 31, invoiceNo: '26440123456789000002' }),
        invoice({ id: 33, amountFen: 6500, status: 'failed', downloadable: false, invoiceNo: null, failReason: '购买方信息校验不通过' }),
      ]),
      'GET /invoices/32/download': () => ok({ url: 'https://oss.example.com/invoices/1/32.pdf?Signature=x', expiresInSeconds: 300 }),
    });
    render(<InvoiceListPage />);
    await flush();
    expect(document.getElementById('invoice-status-31')!.textContent).toBe('已红冲');
    expect(document.getElementById('invoice-status-32')!.textContent).toBe('已开具');
    expect(document.getElementById('invoice-item-32')!.textContent).toContain('红字发票');
    expect(document.getElementById('invoice-item-32')!.textContent).toContain('-¥130.00');
    expect(document.getElementById('invoice-status-33')!.textContent).toBe('开具失败');
    expect(document.getElementById('invoice-download-33')).toBeNull();
    // H5: a new tab, opened in the tap, then pointed at the signed link
    const tab = { opener: {} as unknown, location: { href: 'about:blank' }, close: jest.fn() };
    const open = jest.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    fireEvent.click(document.getElementById('invoice-download-32')!);
    expect(open).toHaveBeenCalledWith('about:blank', '_blank');
    await flush();
    expect(tab.location.href).toBe('https://oss.example.com/invoices/1/32.pdf?Signature=x');
    expect(tab.opener).toBeNull();
    open.mockRestore();
    // no invoice stands for the order's money: another may be asked for
    fireEvent.click(document.getElementById('invoice-request')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/invoice/request/index?orderId=501' });
  });

  it('R-6.2.6 an invoice being issued is read again until it is issued', async () => {
    jest.useFakeTimers();
    try {
      let reads = 0;
      serve({ 'GET /me': () => ok(profile()), 'GET /orders/501/invoices': () => ok([invoice(++reads < 2 ? { status: 'issuing', downloadable: false, invoiceNo: null } : {})]) });
      render(<InvoiceListPage />);
      await act(async () => {
        await jest.advanceTimersByTimeAsync(0);
      });
      expect(document.getElementById('invoice-status-31')!.textContent).toBe('开具中');
      expect(document.getElementById('invoice-request')).toBeNull();
      await act(async () => {
        await jest.advanceTimersByTimeAsync(POLL_MS + 10);
      });
      expect(document.getElementById('invoice-status-31')!.textContent).toBe('已开具');
      expect(document.getElementById('invoice-download-31')).not.toBeNull();
      expect(calls().filter((c) => c.url.endsWith('/orders/501/invoices'))).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('R-6.2.6 an order without invoices says so and offers the request', async () => {
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501/invoices': () => ok([]) });
    render(<InvoiceListPage />);
    await flush();
    expect(document.getElementById('invoice-empty')!.textContent).toBe('暂无发票');
    expect(document.getElementById('invoice-request')).not.toBeNull();
  });
});
