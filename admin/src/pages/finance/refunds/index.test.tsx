/**
 * 退款管理 against a mocked bff: the 退款异常 view with its count, and 线下处理完成 posting the note
 * (abnormal → resolved_offline); readers without 'finance:write' cannot resolve.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { RefundListItem } from '@dzky/contracts';
import { mockBff, profile, renderPage, reply, writes, type Sent } from '../../basedata/test-support';

const refund = (over: Partial<RefundListItem> = {}): RefundListItem => ({
  id: 71,
  outRefundNo: 'RF300302090000000071',
  orderId: 41,
  orderNo: 'DZ300301120000123456',
  reason: 'passenger',
  remark: null,
  status: 'succeeded',
  amountFen: 5850,
  feeFen: 650,
  ticketNos: ['T2030030200001'],
  createdAt: '2030-03-02T01:00:00.000Z',
  settledAt: '2030-03-02T01:05:00.000Z',
  orgId: 2,
  orgName: '鹏城快线',
  outTradeNo: 'PAY300301120000123456A1',
  wechatRefundId: '50300000012026030200001',
  error: null,
  resolution: null,
  ...over,
});

const abnormalOne = refund({
  id: 72,
  outRefundNo: 'RF300302090000000072',
  orderNo: 'DZ300301120000999999',
  reason: 'trip_cancelled',
  status: 'abnormal',
  amountFen: 13000,
  feeFen: 0,
  ticketNos: ['T2030030200011', 'T2030030200012'],
  settledAt: null,
  wechatRefundId: '50300000012026030200002',
  error: '用户银行卡已注销，退款失败',
});

function refundsBff(perms: Parameters<typeof profile>[0]) {
  let resolved = false;
  const page = (items: RefundListItem[]) => ({ items, total: items.length, page: 1, pageSize: 20 });
  const sent = mockBff(profile(perms), {
    'GET /api/admin/refunds': (req: Sent) => {
      const abnormal = resolved ? [] : [abnormalOne];
      if (req.query.status === 'abnormal') return { ...page(abnormal), pageSize: Number(req.query.pageSize) };
      return page([refund(), resolved ? { ...abnormalOne, status: 'resolved_offline', resolution: '已银行转账退还' } : abnormalOne]);
    },
    'POST /api/admin/refunds/72/resolve': (req: Sent) => {
      if (!(req.body as { note?: string }).note) return reply(422, { success: false, data: null, errorCode: 'VALIDATION_FAILED', errorMessage: '参数错误' });
      resolved = true;
      return { ...abnormalOne, status: 'resolved_offline', resolution: (req.body as { note: string }).note };
    },
  });
  return sent;
}

describe('退款管理', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.4 the 退款异常 view lists the abnormal refunds with their count and error, and 线下处理完成 posts the note', async () => {
    const sent = refundsBff(['finance:read', 'finance:write', 'order:read']);
    renderPage('/finance/refunds');
    const normal = (await screen.findByText('RF300302090000000071', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(within(normal).getByText('¥58.50')).toBeInTheDocument();
    expect(within(normal).getByText('¥6.50')).toBeInTheDocument();
    expect(within(normal).getByText('乘客退票')).toBeInTheDocument();
    expect(within(normal).queryByRole('button', { name: /线下处理完成/ })).toBeNull();
    const tab = screen.getByTestId('abnormal-tab');
    await waitFor(() => expect(within(tab).getByTitle('1')).toBeInTheDocument());

    fireEvent.click(tab);
    await waitFor(() => expect(screen.queryByText('RF300302090000000071')).toBeNull());
    const lists = sent.filter((s) => s.path === '/api/admin/refunds' && s.query.pageSize === '20');
    expect(lists[lists.length - 1].query.status).toBe('abnormal');
    const row = screen.getByText('RF300302090000000072').closest('tr')!;
    expect(within(row).getByText('¥130.00')).toBeInTheDocument();
    expect(within(row).getByText('班次取消')).toBeInTheDocument();
    expect(within(row).getByText('退款异常')).toBeInTheDocument();
    expect(within(row).getByText('用户银行卡已注销，退款失败')).toBeInTheDocument();
    expect(within(row).getByText('T2030030200012')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'DZ300301120000999999' })).toHaveAttribute('href', '/orders?keyword=DZ300301120000999999&open=1');

    fireEvent.click(within(row).getByRole('button', { name: /线下处理完成/ }));
    const modal = (await screen.findByText('登记线下处理结果')).closest('.ant-modal') as HTMLElement;
    expect(within(modal).getByText(/应退 ¥130\.00/)).toBeInTheDocument();
    fireEvent.click(within(modal).getByRole('button', { name: '确认处理完成' }));
    expect(await within(modal).findByText('请填写处理说明')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);
    fireEvent.change(within(modal).getByLabelText('处理说明'), { target: { value: ' 已于 3 月 3 日银行转账退还 ' } });
    fireEvent.click(within(modal).getByRole('button', { name: '确认处理完成' }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({ method: 'POST', path: '/api/admin/refunds/72/resolve', body: { note: '已于 3 月 3 日银行转账退还' } });
    // handled: gone from the abnormal view, and the badge goes to zero
    expect(await screen.findByText('没有待处理的退款异常')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByTestId('abnormal-tab')).queryByTitle('1')).toBeNull());
  });

  it('R-6.2.4 a link to the abnormal refunds opens on them; staff who only read finance cannot resolve', async () => {
    const sent = refundsBff(['finance:read']);
    renderPage('/finance/refunds?status=abnormal');
    const row = (await screen.findByText('RF300302090000000072', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(sent.find((s) => s.path === '/api/admin/refunds' && s.query.pageSize === '20')!.query.status).toBe('abnormal');
    expect(screen.getByText(/请通过其他方式退还乘客后/)).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /线下处理完成/ })).toBeNull();
    // no order:read: the order number is not a link
    expect(within(row).queryByRole('link')).toBeNull();
  });
});
