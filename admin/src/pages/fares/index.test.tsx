/**
 * 票价与规则 against a mocked bff: prices typed in yuan are saved in fen, the preview shows the
 * bff's computation of the unsaved rules (and says so when it differs from the one made here),
 * and the bff's refusals of the rules land on the fields they concern.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_TRADING_RULES, type FarePreview, type PermissionCode, type RouteFareTable, type TradingRulesView } from '@dzky/contracts';
import { mockBff, profile, renderPage, reply, writes, type Handler } from '../basedata/test-support';
import { routeRow } from '../trips/test-fixtures';

const table: RouteFareTable = {
  routeId: 5,
  routeCode: 'SZ-GZ-01',
  routeName: '深圳北站—广州南站',
  orgId: 2,
  stops: [
    { seq: 1, stopId: 101, name: '深圳北站', pickup: true, dropoff: false },
    { seq: 2, stopId: 102, name: '虎门', pickup: true, dropoff: true },
    { seq: 3, stopId: 103, name: '广州南站', pickup: false, dropoff: true },
  ],
  pairs: [
    { fromSeq: 1, toSeq: 2, baseFen: 3000 },
    { fromSeq: 1, toSeq: 3, baseFen: 6500 },
  ],
  updatedAt: '2030-01-01T00:00:00Z',
};

const operatorRules: TradingRulesView = { orgId: 2, routeId: null, rules: DEFAULT_TRADING_RULES, isDefault: true, updatedAt: null };

const bff = (extra: Record<string, Handler> = {}, permissions: PermissionCode[] = ['basedata:read', 'fare:write']) =>
  mockBff(profile(permissions), {
    'GET /api/admin/routes': () => ({ items: [routeRow], total: 1, page: 1, pageSize: 100 }),
    'GET /api/admin/fares/routes/5': () => table,
    'GET /api/admin/fares/rules': () => operatorRules,
    // a route without its own rules: the bff answers the operator's that apply to it (routeId null)
    'GET /api/admin/fares/rules/routes/5': () => operatorRules,
    ...extra,
  });

/** Operator staff land on their first route: its price table opens without picking. */
async function pickRoute() {
  renderPage('/fares');
  await screen.findByLabelText('深圳北站 → 广州南站', undefined, { timeout: 15_000 });
  expect(screen.getByTitle('SZ-GZ-01 · 深圳北站—广州南站（深圳北站 → 广州南站）')).toBeInTheDocument();
}

describe('票价与规则', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.4 the price matrix takes yuan, refuses a third decimal and saves the whole table in fen', async () => {
    const sent = bff({ 'PUT /api/admin/fares/routes/5': (req) => ({ ...table, ...(req.body as object) }) });
    await pickRoute();
    // only a boarding stop before an alighting stop has a cell: 3 journeys on a 3-stop route
    expect(screen.getAllByRole('textbox').filter((i) => i.getAttribute('aria-label')?.includes('→'))).toHaveLength(3);
    expect(screen.getByLabelText('深圳北站 → 广州南站')).toHaveValue('65.00');

    fireEvent.change(screen.getByLabelText('深圳北站 → 广州南站'), { target: { value: '68.5' } });
    fireEvent.change(screen.getByLabelText('虎门 → 广州南站'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByRole('button', { name: /保存票价表/ }));
    expect(await screen.findByText('有 1 个单元格的金额不正确，请修改后再保存')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);

    const cell = screen.getByLabelText('虎门 → 广州南站');
    fireEvent.change(cell, { target: { value: '35' } });
    fireEvent.blur(cell);
    expect(cell).toHaveValue('35.00');
    fireEvent.click(screen.getByRole('button', { name: /保存票价表/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0].body).toEqual({
      pairs: [
        { fromSeq: 1, toSeq: 2, baseFen: 3000 },
        { fromSeq: 1, toSeq: 3, baseFen: 6850 },
        { fromSeq: 2, toSeq: 3, baseFen: 3500 },
      ],
    });
  });

  it('R-6.1.4 the preview sends the unsaved rules and shows the bff’s rows, flagging a price that differs from the one computed here', async () => {
    const preview = (childFen: number): FarePreview => ({
      baseFen: 6500,
      rows: (['adult', 'child', 'student', 'senior', 'military_disabled', 'free_child'] as const).map((ticketType) => ({
        ticketType,
        baseFen: 6500,
        vehicleType: { percent: 100, addFen: 0 },
        serviceLevel: { percent: 100, addFen: 0 },
        ticketTypePercent: { adult: 100, child: 50, student: 75, senior: 50, military_disabled: 50, free_child: 0 }[ticketType],
        unroundedFen: ticketType === 'child' ? childFen : 6500,
        priceFen: ticketType === 'child' ? childFen : ticketType === 'free_child' ? 0 : 6500,
      })),
    });
    // the bff answers a child price the rules would not give (3250): the page must say so
    const sent = bff({ 'POST /api/admin/fares/preview': () => preview(3300) });
    await pickRoute();
    fireEvent.click(screen.getByRole('tab', { name: /交易规则/ }));
    const panel = await screen.findByTestId('fare-preview');
    await waitFor(() => expect(within(panel).getByText('服务端计算')).toBeInTheDocument());
    expect(within(panel).getByTestId('price-child')).toHaveTextContent('¥33.00');
    expect(within(panel).getByTestId('preview-mismatch')).toHaveTextContent('儿童票');
    const first = sent.filter((s) => s.path === '/api/admin/fares/preview');
    expect(first[0].body).toMatchObject({ routeId: 5, fromSeq: 1, toSeq: 3, vehicleType: 'medium', serviceLevel: 'standard', rules: { ticketTypePercents: { child: 50 } } });

    // an unsaved edit is previewed as it is
    fireEvent.change(screen.getByLabelText('儿童票'), { target: { value: '60' } });
    await waitFor(() => {
      const calls = sent.filter((s) => s.path === '/api/admin/fares/preview');
      expect((calls[calls.length - 1].body as { rules: { ticketTypePercents: { child: number } } }).rules.ticketTypePercents.child).toBe(60);
    });
    expect(writes(sent).filter((s) => s.method === 'PUT')).toHaveLength(0);
  });

  it('R-6.1.4 the bff’s field errors on the rules land on those fields', async () => {
    const sent = bff({
      'PUT /api/admin/fares/rules': () =>
        reply(422, {
          success: false,
          data: null,
          errorCode: 'VALIDATION_FAILED',
          errorMessage: '请求参数有误',
          errors: [
            { field: 'rules.holdMinutes', reason: '座位保留时间不能超过微信支付订单有效期' },
            { field: 'rules.refundTiers[1].feePercent', reason: '手续费比例应为 0–100' },
          ],
        }),
    });
    renderPage('/fares');
    fireEvent.click(await screen.findByRole('tab', { name: /交易规则/ }, { timeout: 15_000 }));
    const hold = await screen.findByLabelText('未支付保留座位');
    fireEvent.click(screen.getByRole('button', { name: /保存规则/ }));
    const puts = () => writes(sent).filter((s) => s.method === 'PUT');
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toMatchObject({ path: '/api/admin/fares/rules', query: { orgId: '2' }, body: { rules: { holdMinutes: 15 } } });
    expect(await within(hold.closest('.ant-form-item') as HTMLElement).findByText('座位保留时间不能超过微信支付订单有效期')).toBeInTheDocument();
    const fee = screen.getByLabelText('手续费比例 2');
    expect(within(fee.closest('.ant-form-item') as HTMLElement).getByText('手续费比例应为 0–100')).toBeInTheDocument();
  });

  it('R-6.1.4 a price the bff refuses is marked on its own cell with the reason, until the cell is edited', async () => {
    const sent = bff({
      'PUT /api/admin/fares/routes/5': () =>
        reply(422, {
          success: false,
          data: null,
          errorCode: 'VALIDATION_FAILED',
          errorMessage: '请求参数有误',
          errors: [{ field: 'pairs[1].baseFen', reason: '全程票价不能低于区间票价之和' }],
        }),
    });
    await pickRoute();
    fireEvent.change(screen.getByLabelText('深圳北站 → 广州南站'), { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: /保存票价表/ }));
    await waitFor(() => expect(writes(sent).filter((s) => s.method === 'PUT')).toHaveLength(1));
    // the second pair sent is 深圳北站 → 广州南站: its cell turns red and says why
    const cell = screen.getByLabelText('深圳北站 → 广州南站');
    const td = cell.closest('td') as HTMLElement;
    expect(await within(td).findByText('全程票价不能低于区间票价之和')).toBeInTheDocument();
    expect(td.querySelector('[class*="status-error"]')).not.toBeNull();
    // the other cells are not marked
    const other = screen.getByLabelText('深圳北站 → 虎门').closest('td') as HTMLElement;
    expect(other.querySelector('[class*="status-error"]')).toBeNull();
    expect(screen.getByText('票价表未保存')).toBeInTheDocument();
    fireEvent.change(cell, { target: { value: '70' } });
    expect(within(td).queryByText('全程票价不能低于区间票价之和')).toBeNull();
  });

  it('R-6.1.4 a route follows the operator’s rules until it gets its own, which are saved to the route and can be removed', async () => {
    const own: TradingRulesView = { orgId: 2, routeId: 5, rules: { ...DEFAULT_TRADING_RULES, holdMinutes: 5 }, isDefault: false, updatedAt: '2030-01-02T00:00:00Z' };
    let override: TradingRulesView | null = null;
    const sent = bff({
      'GET /api/admin/fares/rules/routes/5': () => override ?? operatorRules,
      'PUT /api/admin/fares/rules/routes/5': (req) => (override = { ...own, rules: (req.body as { rules: TradingRulesView['rules'] }).rules }),
      'DELETE /api/admin/fares/rules/routes/5': () => ((override = null), operatorRules),
      'POST /api/admin/fares/preview': () => ({ baseFen: 6500, rows: [] }),
    });
    await pickRoute();
    fireEvent.click(screen.getByRole('tab', { name: /交易规则/ }));
    fireEvent.click(await screen.findByText('本路线规则'));
    expect(await screen.findByText(/沿用运营商规则/)).toBeInTheDocument();
    const toggle = screen.getByRole('switch', { name: '本路线使用专用规则' });
    expect(toggle).not.toBeChecked();
    // following the operator: nothing to save here
    expect(screen.queryByRole('button', { name: /保存规则/ })).toBeNull();
    expect(screen.getByLabelText('未支付保留座位')).toBeDisabled();

    fireEvent.click(toggle);
    expect(await screen.findByText('将以运营商规则为起点创建本路线专用规则，保存后生效。')).toBeInTheDocument();
    const hold = screen.getByLabelText('未支付保留座位');
    await waitFor(() => expect(hold).not.toBeDisabled());
    fireEvent.change(hold, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: /保存规则/ }));
    const puts = () => writes(sent).filter((s) => s.method === 'PUT');
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toMatchObject({ path: '/api/admin/fares/rules/routes/5', body: { rules: { holdMinutes: 5 } } });
    await waitFor(() => expect(screen.queryByText('将以运营商规则为起点创建本路线专用规则，保存后生效。')).toBeNull());

    fireEvent.click(screen.getByRole('switch', { name: '本路线使用专用规则' }));
    const confirm = (await screen.findAllByText('删除 深圳北站—广州南站 的专用规则？'))[0].closest('.ant-modal') as HTMLElement;
    fireEvent.click(within(confirm).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(writes(sent).filter((s) => s.method === 'DELETE')).toHaveLength(1));
    expect(await screen.findByText(/沿用运营商规则/)).toBeInTheDocument();
  });

  it('R-6.1.4 staff who only read base data see prices and rules without any way to change them', async () => {
    const sent = bff({ 'POST /api/admin/fares/preview': () => ({ baseFen: 6500, rows: [] }) }, ['basedata:read']);
    await pickRoute();
    expect(screen.getByText('只读')).toBeInTheDocument();
    expect(screen.getByLabelText('深圳北站 → 广州南站')).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: /保存票价表/ })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: /交易规则/ }));
    expect(await screen.findByLabelText('未支付保留座位')).toBeDisabled();
    expect(screen.queryByRole('button', { name: /保存规则/ })).toBeNull();
    expect(writes(sent).filter((s) => s.method !== 'POST')).toHaveLength(0);
  });

  it('R-6.1.4 the rules are checked field by field before sending: refund tiers out of order and a free-child age above the child age', async () => {
    const sent = bff({ 'POST /api/admin/fares/preview': () => ({ baseFen: 6500, rows: [] }) });
    await pickRoute();
    fireEvent.click(screen.getByRole('tab', { name: /交易规则/ }));
    fireEvent.change(await screen.findByLabelText('免票儿童年龄（未满）'), { target: { value: '14' } });
    fireEvent.change(screen.getByLabelText('儿童票年龄（未满）'), { target: { value: '12' } });
    fireEvent.change(screen.getByLabelText('距发车时间不少于 2'), { target: { value: '2000' } });
    fireEvent.click(screen.getByRole('button', { name: /保存规则/ }));
    const item = (label: string) => screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;
    expect(await within(item('免票儿童年龄（未满）')).findByText('免票儿童年龄上限不能高于儿童票年龄上限')).toBeInTheDocument();
    expect(within(item('距发车时间不少于 2')).getByText('各档应按距发车时间从长到短排列，且不能重复')).toBeInTheDocument();
    expect(await screen.findByText('有 2 处需要修改')).toBeInTheDocument();
    expect(writes(sent).filter((s) => s.method === 'PUT')).toHaveLength(0);
    // the preview waits for rules it can price by
    expect(within(screen.getByTestId('fare-preview')).getByText('规则中有需要修改的字段，修改后再预览')).toBeInTheDocument();
  });
});
