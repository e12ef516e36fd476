/**
 * 财务汇总 against a mocked bff: the totals in yuan, the abnormal refunds linked to the 退款异常
 * view, the days sent to the chart and the table, and the range asked of the bff.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import type { FinanceSummary } from '@dzky/contracts';
import { mockBff, profile, renderPage } from '../../basedata/test-support';
import type { DailyChartProps } from './components/DailyChart';

// canvas drawing is not what is tested here (jsdom has no canvas): the chart shows what it was given
vi.mock('./components/DailyChart', () => ({
  default: ({ days }: DailyChartProps) => (
    <ol data-testid="daily-chart">
      {days.map((d) => (
        <li key={d.day}>{`${d.day} ${d.paidFen} ${d.refundedFen}`}</li>
      ))}
    </ol>
  ),
}));

const summary: FinanceSummary = {
  days: [
    { day: '2030-03-02', paidFen: 50000, refundedFen: 13000, feeFen: 0, netFen: 37000, payments: 5, refunds: 1 },
    { day: '2030-03-01', paidFen: 123405, refundedFen: 5850, feeFen: 650, netFen: 117555, payments: 12, refunds: 1 },
  ],
  totals: { paidFen: 173405, refundedFen: 18850, feeFen: 650, netFen: 154555, payments: 17, refunds: 2, abnormalRefunds: 1 },
};

describe('财务汇总', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.4 the totals show received, refunded, fees and net income in yuan, with the abnormal refunds to handle', async () => {
    const sent = mockBff(profile(['finance:read']), { 'GET /api/admin/finance/summary': () => summary });
    renderPage('/finance/summary');
    const paid = await screen.findByTestId('total-paid', undefined, { timeout: 15_000 });
    expect(within(paid).getByText('¥1734.05')).toBeInTheDocument();
    expect(within(paid).getByText('17 笔')).toBeInTheDocument();
    expect(within(screen.getByTestId('total-refunded')).getByText('¥188.50')).toBeInTheDocument();
    expect(within(screen.getByTestId('total-fee')).getByText('¥6.50')).toBeInTheDocument();
    expect(within(screen.getByTestId('total-net')).getByText('¥1545.55')).toBeInTheDocument();
    const abnormal = screen.getByTestId('total-abnormal');
    expect(within(abnormal).getByText('1')).toBeInTheDocument();
    expect(within(abnormal).getByRole('link', { name: '去处理' })).toHaveAttribute('href', '/finance/refunds?status=abnormal');

    // the last 30 Beijing days by default
    const q = sent.find((s) => s.path === '/api/admin/finance/summary')!.query;
    const today = dayjs().tz('Asia/Shanghai');
    expect(q).toMatchObject({ from: today.subtract(29, 'day').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') });
    expect(q.orgId).toBeUndefined();

    // day by day, oldest first, in the chart and the table
    expect(within(screen.getByTestId('daily-chart')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '2030-03-01 123405 5850',
      '2030-03-02 50000 13000',
    ]);
    const row = screen.getByText('2030-03-01', { selector: 'td' }).closest('tr')!;
    expect(within(row).getByText('¥1234.05')).toBeInTheDocument();
    expect(within(row).getByText('¥1175.55')).toBeInTheDocument();
  });

  it('R-6.2.4 with no abnormal refunds there is nothing to handle', async () => {
    mockBff(profile(['finance:read']), {
      'GET /api/admin/finance/summary': () => ({ days: [], totals: { ...summary.totals, abnormalRefunds: 0 } }),
    });
    renderPage('/finance/summary');
    const abnormal = await screen.findByTestId('total-abnormal', undefined, { timeout: 15_000 });
    expect(within(abnormal).getByText('0')).toBeInTheDocument();
    expect(within(abnormal).queryByRole('link')).toBeNull();
    expect(screen.getByText('所选期间没有收款或退款')).toBeInTheDocument();
  });
});
