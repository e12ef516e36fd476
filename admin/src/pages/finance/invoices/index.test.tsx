/**
 * 发票管理 against a mocked bff: invoices with their kind, state and amounts, filters sent as the
 * query, the PDF opened through a signed link, and 重试 only for failed invoices and finance writers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminInvoiceListItem } from '@dzky/contracts';
import { mockBff, profile, renderPage, writes } from '../../basedata/test-support';

const invoice = (over: Partial<AdminInvoiceListItem> = {}): AdminInvoiceListItem => ({
  id: 71,
  orderId: 41,
  orderNo: 'DZ300301120000123456',
  kind: 'blue',
  status: 'issued',
  amountFen: 13000,
  taxFen: 379,
  buyerType: 'company',
  title: '某某科技有限公司',
  taxId: '91440100MA5G00000F',
  email: null,
  sellerName: '深圳鹏程客运有限公司',
  invoiceNo: '26440123456789000001',
  issuedAt: '2030-03-01T04:01:00.000Z',
  failReason: null,
  reversesInvoiceId: null,
  downloadable: true,
  createdAt: '2030-03-01T04:00:30.000Z',
  orgId: 2,
  orgName: '鹏城快线',
  ...over,
});

const page = (items: AdminInvoiceListItem[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('发票管理', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.6 invoices are listed with kind, state, buyer and amounts; 下载 opens the signed link in a new tab', async () => {
    mockBff(profile(['finance:read']), {
      'GET /api/admin/invoices': () =>
        page([
          invoice({ status: 'reversed' }),
          invoice({ id: 72, kind: 'red', amountFen: -13000, taxFen: -379, invoiceNo: '26440123456789000002', reversesInvoiceId: 71 }),
          invoice({ id: 73, status: 'failed', invoiceNo: null, downloadable: false, failReason: '购买方信息校验不通过', buyerType: 'personal', title: '张三', taxId: null }),
        ]),
      'GET /api/admin/invoices/72/download': () => ({ url: 'https://oss.example.com/invoices/2/72.pdf?Signature=x', expiresInSeconds: 300 }),
    });
    const tab = { opener: {} as unknown, location: { href: 'about:blank' }, close: vi.fn() };
    const open = vi.fn(() => tab);
    vi.stubGlobal('open', open);
    renderPage('/finance/invoices');
    const red = (await screen.findByText('26440123456789000002', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(within(red).getByText('红字发票')).toBeInTheDocument();
    expect(within(red).getByText('-¥130.00')).toBeInTheDocument();
    expect(within(red).getByText('已开具')).toBeInTheDocument();
    const blue = screen.getByText('26440123456789000001').closest('tr')!;
    expect(within(blue).getByText('已红冲')).toBeInTheDocument();
    expect(within(blue).getByText('单位 91440100MA5G00000F')).toBeInTheDocument();
    const failed = screen.getByText('张三').closest('tr')!;
    expect(within(failed).getByText('开具失败')).toBeInTheDocument();
    expect(within(failed).queryByRole('button', { name: '下载' })).toBeNull();
    // a reader does not retry
    expect(within(failed).queryByRole('button', { name: '重试' })).toBeNull();

    fireEvent.click(within(red).getByRole('button', { name: '下载' }));
    expect(open).toHaveBeenCalledWith('about:blank', '_blank');
    await waitFor(() => expect(tab.location.href).toBe('https://oss.example.com/invoices/2/72.pdf?Signature=x'));
    expect(tab.opener).toBeNull();
  });

  it('R-6.2.6 filters by status, kind and order number; a finance writer retries a failed invoice', async () => {
    const sent = mockBff(profile(['finance:read', 'finance:write']), {
      'GET /api/admin/invoices': () => page([invoice({ id: 73, status: 'failed', invoiceNo: null, downloadable: false, failReason: '开票失败' })]),
      'POST /api/admin/invoices/73/retry': () => invoice({ id: 73, status: 'issuing', invoiceNo: null, downloadable: false }),
    });
    renderPage('/finance/invoices');
    const row = (await screen.findByText('开具失败', undefined, { timeout: 15_000 })).closest('tr')!;
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '状态' }));
    fireEvent.click(await screen.findByTitle('开具失败'));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '类型' }));
    fireEvent.click(await screen.findByTitle('蓝字发票'));
    fireEvent.change(screen.getByRole('textbox', { name: '订单号' }), { target: { value: ' DZ300301120000123456 ' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => {
      const last = sent.filter((s) => s.path === '/api/admin/invoices').at(-1)!;
      expect(last.query).toMatchObject({ status: 'failed', kind: 'blue', orderNo: 'DZ300301120000123456' });
    });

    fireEvent.click(within(row).getByRole('button', { name: '重试' }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(writes(sent).map((s) => `${s.method} ${s.path}`)).toEqual(['POST /api/admin/invoices/73/retry']));
  });
});
