/**
 * 服务评价 against a mocked bff: the complaint list and its drawer (only the actions the state
 * allows, a note required for what the passenger reads, a state changed meanwhile), the ratings
 * list and the statistics handed to the charts and tables.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminComplaintListItem, AdminComplaintView, FeedbackStats } from '@dzky/contracts';
import { mockBff, profile, renderPage, reply, writes } from '../../basedata/test-support';
import type { BarChartProps } from './components/BarChart';

// jsdom has no canvas: the chart shows what it was given
vi.mock('./components/BarChart', () => ({
  default: ({ label, categories, series }: BarChartProps) => (
    <ol data-testid={`chart-${label}`}>
      {categories.map((c, i) => (
        <li key={c}>{`${c} ${series.map((s) => s.data[i]).join(' ')}`}</li>
      ))}
    </ol>
  ),
}));

const item = (over: Partial<AdminComplaintListItem> = {}): AdminComplaintListItem => ({
  id: 3, complaintNo: 'TS2612071200123456', kind: 'complaint', category: 'timing', status: 'submitted', summary: '司机迟到了二十分钟',
  orderId: 501, orderNo: 'DZ2612071200001234', createdAt: '2026-12-07T04:00:00Z', updatedAt: '2026-12-07T04:00:00Z',
  orgId: 2, orgName: '鹏城快线', endUserId: 7, channel: 'app', ...over,
});

const view = (over: Partial<AdminComplaintView> = {}): AdminComplaintView => {
  const { summary: _s, ...base } = item();
  return {
    ...base, content: '司机迟到了二十分钟，也没有提前通知', contactPhoneMasked: '139****5678', replies: [], resolvedAt: null, closedAt: null, acceptedAt: null,
    timeline: [{ id: 1, event: 'SUBMITTED', fromStatus: null, toStatus: 'submitted', note: null, actorName: null, at: '2026-12-07T04:00:00Z' }],
    ...over,
  };
};

const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('服务评价', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.8 the drawer offers only what the state allows; a reply needs a note and is sent with it', async () => {
    let current = view();
    const sent = mockBff(profile(['service:complaint']), {
      'GET /api/admin/feedback/complaints': () => page([item()]),
      'GET /api/admin/feedback/complaints/3': () => current,
      'POST /api/admin/feedback/complaints/3/reply': (req) => {
        current = view({
          status: 'processing',
          timeline: [...current.timeline, { id: 2, event: 'REPLIED', fromStatus: 'submitted', toStatus: 'processing', note: (req.body as { note: string }).note, actorName: 'ops', at: '2026-12-07T05:00:00Z' }],
        });
        return current;
      },
    });
    renderPage('/service/feedback');
    fireEvent.click(await screen.findByTestId('handle-3', undefined, { timeout: 15_000 }));
    const drawer = await screen.findByTestId('complaint-drawer');
    expect(within(drawer).getByText('司机迟到了二十分钟，也没有提前通知')).toBeInTheDocument();
    expect(within(drawer).getByText('139****5678')).toBeInTheDocument();
    const buttons = () => within(drawer).getAllByRole('button').map((b) => b.textContent?.replace(/\s/g, ''));
    expect(buttons()).toEqual(expect.arrayContaining(['受理', '回复', '关闭']));
    expect(buttons()).not.toContain('办结');

    fireEvent.click(within(drawer).getByRole('button', { name: /回\s*复/ }));
    expect(await within(drawer).findByText('请填写回复内容')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);

    fireEvent.change(within(drawer).getByLabelText('回复 / 备注'), { target: { value: '已联系车队核实' } });
    fireEvent.click(within(drawer).getByRole('button', { name: /回\s*复/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({ path: '/api/admin/feedback/complaints/3/reply', body: { note: '已联系车队核实' } });
    const timeline = await screen.findByTestId('complaint-timeline');
    await waitFor(() => expect(within(timeline).getByText('已联系车队核实')).toBeInTheDocument());
    expect(within(timeline).getByText('旅客可见')).toBeInTheDocument();
    // processing: it can now be resolved, no longer accepted
    await waitFor(() => expect(buttons()).toContain('办结'));
    expect(buttons()).not.toContain('受理');
  });

  it('R-6.2.8 customer service logs a hotline call: required fields first, an unknown order on its field, then logged once and opened', async () => {
    const logged = view({ id: 9, complaintNo: 'TS2612071300000009', channel: 'hotline', endUserId: null, orderId: null, orderNo: null, content: '来电反映：司机接站时态度恶劣', contactPhoneMasked: '139****5678',
      timeline: [{ id: 5, event: 'SUBMITTED', fromStatus: null, toStatus: 'submitted', note: null, actorName: 'cs_li', at: '2026-12-07T05:00:00Z' }] });
    let posts = 0;
    const sent = mockBff(profile(['service:complaint']), {
      'GET /api/admin/feedback/complaints': () => page(posts > 1 ? [{ ...item({ id: 9, complaintNo: logged.complaintNo, channel: 'hotline' }) }, item()] : [item()]),
      'GET /api/admin/feedback/complaints/9': () => logged,
      'POST /api/admin/feedback/complaints': () => {
        posts += 1;
        // first: the order number is not one of this operator's orders
        return posts === 1 ? reply(404, { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '订单 不存在' }) : logged;
      },
    });
    renderPage('/service/feedback');
    fireEvent.click(await screen.findByTestId('hotline-log', undefined, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /登\s*记/ }));
    expect(await within(dialog).findByText('请填写来电号码')).toBeInTheDocument();
    expect(within(dialog).getByText('请选择投诉或建议的类别')).toBeInTheDocument();
    expect(within(dialog).getByText('请填写来电内容')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);

    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '类别' }));
    fireEvent.click(await screen.findByTitle('服务态度'));
    fireEvent.change(within(dialog).getByLabelText('来电号码'), { target: { value: '13912345678' } });
    fireEvent.change(within(dialog).getByLabelText('订单号'), { target: { value: ' dz2612079999 ' } });
    fireEvent.change(within(dialog).getByLabelText('来电内容'), { target: { value: '来电反映：司机接站时态度恶劣' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /登\s*记/ }));
    expect(await within(dialog).findByText('订单 不存在')).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText('订单号'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /登\s*记/ }));

    const drawer = await screen.findByTestId('complaint-drawer');
    expect(within(drawer).getByText('来电')).toBeInTheDocument();
    expect(within(drawer).getByText('cs_li')).toBeInTheDocument();
    const bodies = writes(sent).map((w) => w.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ kind: 'complaint', category: 'attitude', contactPhone: '13912345678', orderNo: 'DZ2612079999', content: '来电反映：司机接站时态度恶劣' });
    expect(bodies[1]).toMatchObject({ orderNo: null });
    // the same opening of the form: the same key, so the server logs the call once
    expect(bodies[0].clientKey).toMatch(/^hl-[0-9a-f]{32}$/);
    expect(bodies[1].clientKey).toBe(bodies[0].clientKey);
  });

  it('R-6.2.8 a complaint handled meanwhile by a colleague is read again instead of failing silently', async () => {
    let current = view();
    mockBff(profile(['service:complaint']), {
      'GET /api/admin/feedback/complaints': () => page([item()]),
      'GET /api/admin/feedback/complaints/3': () => current,
      'POST /api/admin/feedback/complaints/3/accept': () => {
        current = view({ status: 'closed', closedAt: '2026-12-07T05:00:00Z' });
        return reply(409, { success: false, data: null, errorCode: 'FEEDBACK.STATE_INVALID', errorMessage: '投诉状态已变化，请刷新' });
      },
    });
    renderPage('/service/feedback');
    fireEvent.click(await screen.findByTestId('handle-3', undefined, { timeout: 15_000 }));
    const drawer = await screen.findByTestId('complaint-drawer');
    fireEvent.click(within(drawer).getByRole('button', { name: /受\s*理/ }));
    await waitFor(() => expect(within(drawer).getByText('已关闭')).toBeInTheDocument());
    expect(within(drawer).queryByRole('button', { name: /受\s*理/ })).toBeNull();
  });

  it('R-6.2.8 the statistics show the averages, the star distribution, months and tags, and complaints by category and state', async () => {
    const stats: FeedbackStats = {
      ratings: { count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] },
      byOperator: [{ orgId: 2, orgName: '鹏城快线', count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] }],
      byRoute: [{ routeId: 5, routeName: '深圳北站—广州南站', orgName: '鹏城快线', count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] }],
      byMonth: [{ month: '2026-11', count: 1, average: 2, distribution: [0, 1, 0, 0, 0] }, { month: '2026-12', count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] }],
      tags: [{ tag: 'punctual', count: 2 }, { tag: 'late', count: 1 }],
      subScores: { punctuality: { count: 0, average: null }, vehicle: { count: 0, average: null }, driver: { count: 2, average: 4.5 }, service: { count: 0, average: null } },
      complaints: {
        total: 3,
        byCategory: [{ kind: 'complaint', category: 'timing', count: 2 }, { kind: 'suggestion', category: 'other', count: 1 }],
        byStatus: { submitted: 1, processing: 1, resolved: 1, closed: 0 },
        averageResolveHours: 3,
      },
    };
    const sent = mockBff(profile(['service:complaint']), { 'GET /api/admin/feedback/stats': () => stats });
    renderPage('/service/feedback?tab=stats');
    const average = await screen.findByTestId('stat-average', undefined, { timeout: 15_000 });
    expect(within(average).getByText('3.67')).toBeInTheDocument();
    expect(within(screen.getByTestId('stat-resolve')).getByText('3')).toBeInTheDocument();
    expect(screen.getByTestId('chart-评分分布').textContent).toContain('2★ 1');
    expect(screen.getByTestId('chart-评分分布').textContent).toContain('5★ 1');
    expect(screen.getByTestId('chart-按月份').textContent).toContain('2026-12 2 4.5');
    expect(screen.getByTestId('chart-标签统计').textContent).toContain('准时 2');
    expect(screen.getByTestId('chart-标签统计').textContent).toContain('迟到 1');
    expect(within(screen.getByTestId('stats-by-operator')).getByText('鹏城快线')).toBeInTheDocument();
    expect(within(screen.getByTestId('stats-by-category')).getByText('时间')).toBeInTheDocument();
    expect(within(screen.getByTestId('stats-by-status')).getByText('处理中')).toBeInTheDocument();
    expect(sent.some((s) => s.path === '/api/admin/feedback/stats')).toBe(true);
  });
});
