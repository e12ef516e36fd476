/**
 * 班次管理 against a mocked bff: the list shows how full each segment is, a cancellation cannot go
 * without a reason and reports how many orders and passengers it reached, and the trip detail
 * shows the stops with their planned times and the passenger list linked to the orders.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TripCancelResult } from '@dzky/contracts';
import { mockBff, profile, renderPage, reply, writes } from '../basedata/test-support';
import { manifest, routeRow, routeView, trip } from './test-fixtures';

const page = (items = [trip(), trip({ id: 8, departTime: '12:30', temporary: true, status: 'suspended', saleState: 'suspended', seatsLeft: 10, segments: [], ticketCount: 0 })]) => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
});

describe('班次管理', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.2 lists trips of today and the next 7 days with seats left and each segment coloured by how full it is', async () => {
    const sent = mockBff(profile(['basedata:read', 'dispatch:read']), {
      'GET /api/admin/trips': () => page(),
      'GET /api/admin/routes': () => ({ items: [routeRow], total: 1, page: 1, pageSize: 100 }),
    });
    renderPage('/trips');
    const row = (await screen.findByText('09:00', undefined, { timeout: 15_000 })).closest('tr')!;
    // the default window is today … +7 (Beijing)
    const query = sent.find((s) => s.path === '/api/admin/trips')!.query;
    expect(query.dateFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((Date.parse(query.dateTo) - Date.parse(query.dateFrom)) / 86_400_000).toBe(7);
    expect(within(row).getByText('余 1')).toBeInTheDocument();
    const bars = row.querySelectorAll('[data-segment]');
    expect([...bars].map((b) => [b.getAttribute('data-sold'), b.getAttribute('data-level')])).toEqual([
      ['9', 'high'],
      ['3', 'low'],
    ]);
    expect(within(row).getByText('售票中')).toBeInTheDocument();
    expect(within(row).getByText('可预订')).toBeInTheDocument();
    // the route reads from → to once the routes are known
    expect(await within(row).findByText('深圳北站 → 广州南站')).toBeInTheDocument();
    const extra = screen.getByText('12:30').closest('tr')!;
    expect(within(extra).getByText('临时加班')).toBeInTheDocument();
    expect(within(extra).getByText('暂停售票')).toBeInTheDocument();
    // read-only staff get no buttons that would be refused
    expect(screen.queryByRole('button', { name: /新建班次/ })).toBeNull();
    expect(within(row).queryByRole('button', { name: /编\s*辑/ })).toBeNull();
  });

  it('R-6.2.2 cancelling a trip needs a reason, warns that its passengers will be told, and shows how many orders and passengers it reached', async () => {
    const result: TripCancelResult = { trip: trip({ status: 'cancelled', saleState: 'cancelled' }), ordersAffected: 5, passengersNotified: 4 };
    const sent = mockBff(profile(['basedata:read', 'dispatch:read', 'dispatch:write']), {
      'GET /api/admin/trips': () => page([trip()]),
      'GET /api/admin/routes': () => ({ items: [routeRow], total: 1, page: 1, pageSize: 100 }),
      'POST /api/admin/trips/7/cancel': () => result,
    });
    renderPage('/trips');
    const row = (await screen.findByText('09:00', undefined, { timeout: 15_000 })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /更\s*多/ }));
    fireEvent.click(await screen.findByText('取消班次'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('该班次已有 12 张车票，取消后将通知乘客')).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: '确认取消班次' }));
    expect(await within(dialog).findByText('请填写取消原因')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('取消原因'), { target: { value: '  受台风影响，高速封闭 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认取消班次' }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({ path: '/api/admin/trips/7/cancel', body: { reason: '受台风影响，高速封闭' } });
    const counts = await within(dialog).findByTestId('cancel-result');
    expect(within(counts).getByText('受影响订单')).toBeInTheDocument();
    expect(within(counts).getByText('5')).toBeInTheDocument();
    expect(within(counts).getByText('已通知乘客')).toBeInTheDocument();
    expect(within(counts).getByText('4')).toBeInTheDocument();
  });

  it('R-6.2.2 the trip detail shows the stops with planned times, seats per segment and the passenger list linked to the order', async () => {
    mockBff(profile(['basedata:read', 'dispatch:read', 'order:read']), {
      'GET /api/admin/trips': () => page([trip()]),
      'GET /api/admin/routes': () => ({ items: [routeRow], total: 1, page: 1, pageSize: 100 }),
      'GET /api/admin/trips/7': () => trip(),
      'GET /api/admin/routes/5': () => routeView,
      'GET /api/admin/trips/7/manifest': () => manifest,
    });
    renderPage('/trips/7');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    const stops = await within(drawer).findByTestId('trip-stops');
    // departure 09:00 Beijing, then +55 and +50 minutes
    expect(within(stops).getByText('09:55')).toBeInTheDocument();
    expect(within(stops).getByText('10:45')).toBeInTheDocument();
    const chart = within(drawer).getByTestId('segment-chart');
    expect(within(chart).getByText('深圳北站 → 虎门')).toBeInTheDocument();
    expect(within(chart).getByText('9/10')).toBeInTheDocument();

    fireEvent.click(within(drawer).getByRole('tab', { name: /乘客名单/ }));
    const rider = (await within(drawer).findByText('王小明')).closest('tr')!;
    expect(within(rider).getByText('110***********1234')).toBeInTheDocument();
    expect(within(rider).getByText('深圳北站 → 广州南站')).toBeInTheDocument();
    expect(within(rider).getByText(/龙华区民治大道 1 号/)).toBeInTheDocument();
    expect(within(rider).getByText('上门接送')).toBeInTheDocument();
    expect(within(rider).getByRole('link', { name: 'DZ300301120000123456' })).toHaveAttribute(
      'href',
      '/orders?keyword=DZ300301120000123456&open=1',
    );
    // a rider at fixed stops: the journey and its planned boarding time, no door-to-door point
    const second = within(drawer).getByText('李娜').closest('tr')!;
    expect(within(second).getByText('虎门 → 广州南站')).toBeInTheDocument();
    expect(within(second).getByText('09:55')).toBeInTheDocument();
    expect(within(second).getByText('E1*****78')).toBeInTheDocument();
    expect(within(second).queryByText('上门接送')).toBeNull();
    // the order list of the trip is one click away for staff who read orders
    expect(within(drawer).getByRole('link', { name: /查看订单/ })).toHaveAttribute('href', '/orders?tripId=7');
  });

  it('R-6.2.2 sales are paused after confirming and resumed the same way', async () => {
    let current = trip();
    const sent = mockBff(profile(['basedata:read', 'dispatch:read', 'dispatch:write']), {
      'GET /api/admin/trips': () => page([current]),
      'GET /api/admin/routes': () => ({ items: [routeRow], total: 1, page: 1, pageSize: 100 }),
      'POST /api/admin/trips/7/suspend': () => (current = trip({ status: 'suspended', saleState: 'suspended' })),
      'POST /api/admin/trips/7/resume': () => (current = trip()),
    });
    renderPage('/trips');
    let row = (await screen.findByText('09:00', undefined, { timeout: 15_000 })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /更\s*多/ }));
    fireEvent.click(await screen.findByText('暂停售票'));
    const confirm = (await screen.findAllByText('暂停 2030-03-02 09:00 深圳北站—广州南站 的售票？'))[0].closest('.ant-modal') as HTMLElement;
    expect(within(confirm).getByText('暂停期间乘客无法预订，已售车票不受影响。')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);
    fireEvent.click(within(confirm).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({ method: 'POST', path: '/api/admin/trips/7/suspend' });
    row = (await screen.findByText('暂停售票', { selector: '.ant-tag' })).closest('tr')!;
    // a paused trip is resumed from the same menu
    fireEvent.click(within(row).getByRole('button', { name: /更\s*多/ }));
    fireEvent.click(await screen.findByText('恢复售票'));
    const again = (await screen.findAllByText('恢复 2030-03-02 09:00 深圳北站—广州南站 的售票？'))[0].closest('.ant-modal') as HTMLElement;
    fireEvent.click(within(again).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(2));
    expect(writes(sent)[1]).toMatchObject({ method: 'POST', path: '/api/admin/trips/7/resume' });
  });

  it('R-6.2.2 editing a trip: the bff’s refusal of the seats is shown on the seats field and the drawer stays open', async () => {
    const sent = mockBff(profile(['basedata:read', 'dispatch:read', 'dispatch:write']), {
      'GET /api/admin/trips': () => page([trip()]),
      'GET /api/admin/routes': () => ({ items: [routeRow], total: 1, page: 1, pageSize: 100 }),
      'PUT /api/admin/trips/7': () =>
        reply(422, {
          success: false,
          data: null,
          errorCode: 'VALIDATION_FAILED',
          errorMessage: '请求参数有误',
          errors: [{ field: 'capacity', reason: '超过本运营商中型客车的最大核定座位数（19 座）' }],
        }),
    });
    renderPage('/trips');
    const row = (await screen.findByText('09:00', undefined, { timeout: 15_000 })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const drawer = await screen.findByRole('dialog');
    const seats = within(drawer).getByLabelText('座位数');
    expect(seats).toHaveValue('10');
    // 9 seats are taken on the first segment: fewer is refused here already
    expect(within(drawer).getByText('已售最多的区段占 9 座，座位数不能少于此数')).toBeInTheDocument();
    fireEvent.change(seats, { target: { value: '8' } });
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    expect(await within(drawer).findByText('座位数不能少于 9')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);

    fireEvent.change(seats, { target: { value: '40' } });
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({ method: 'PUT', path: '/api/admin/trips/7', body: { capacity: 40, vehicleType: 'medium', serviceLevel: 'standard', remark: null } });
    const field = seats.closest('.ant-form-item') as HTMLElement;
    expect(await within(field).findByText('超过本运营商中型客车的最大核定座位数（19 座）')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('R-6.1.3 R-6.2.2 the timetable drawer previews how many trips it will make and sends the weekdays and times as the bff expects', async () => {
    const sent = mockBff(profile(['basedata:read', 'dispatch:read', 'dispatch:write']), {
      'GET /api/admin/trips': () => page([]),
      'GET /api/admin/routes': () => ({ items: [routeRow], total: 1, page: 1, pageSize: 100 }),
      'POST /api/admin/trips/batch': () => ({ created: 9, skipped: 3, tripIds: [] }),
    });
    renderPage('/trips');
    fireEvent.click(await screen.findByRole('button', { name: /批量排班/ }, { timeout: 15_000 }));
    const drawer = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(drawer).getByRole('combobox', { name: '路线' }));
    fireEvent.click(await screen.findByText('SZ-GZ-01 · 深圳北站—广州南站（深圳北站 → 广州南站）'));
    const times = within(drawer).getByRole('combobox', { name: '发车时刻' });
    for (const time of ['7:30', '18:00']) {
      fireEvent.change(times, { target: { value: time } });
      fireEvent.keyDown(times, { key: 'Enter', code: 'Enter', keyCode: 13 });
    }
    // tomorrow … +7 on every weekday: 7 days × 2 times
    expect(await within(drawer).findByText('将在 7 天 × 2 个时刻生成最多 14 个班次（已存在的相同班次自动跳过）')).toBeInTheDocument();
    // without Saturday and Sunday fewer are planned
    fireEvent.click(within(drawer).getByLabelText('周六'));
    fireEvent.click(within(drawer).getByLabelText('周日'));
    expect(await within(drawer).findByText(/将在 5 天 × 2 个时刻生成最多 10 个班次/)).toBeInTheDocument();
    fireEvent.mouseDown(within(drawer).getByLabelText('车型'));
    fireEvent.click(await screen.findByText('中型客车'));
    fireEvent.change(within(drawer).getByLabelText('座位数'), { target: { value: '17' } });
    fireEvent.click(within(drawer).getByRole('button', { name: /生成 10 个班次/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0].body).toMatchObject({
      routeId: 5,
      weekdays: [1, 2, 3, 4, 5],
      departTimes: ['07:30', '18:00'],
      vehicleType: 'medium',
      serviceLevel: 'standard',
      capacity: 17,
      seatSelection: false,
    });
    expect(await within(drawer).findByText('新建 9 个班次，跳过 3 个已存在的班次')).toBeInTheDocument();
  });
});
