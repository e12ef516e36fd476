/** 线路管理 against a mocked bff: licence validity at a glance, and creating a line with its approved stops. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { LineView, StopView } from '@dzky/contracts';
import { mockBff, profile, renderPage, writes } from '../test-support';
import { todayInBeijing } from '../utils';

vi.mock('../../../components/map/loader', () =>
  import('../../../components/map/testing').then((m) => m.fakeLoaderModule()),
);

const line = (over: Partial<LineView>): LineView => ({
  id: 1,
  orgId: 2,
  orgName: '鹏城快线',
  licenceNo: '粤交运管许可深字440300001号',
  name: '深圳—广州定制客运',
  originCity: '深圳市',
  originRegionCode: '440300',
  destinationCity: '广州市',
  destinationRegionCode: '440100',
  approvedStopIds: [101],
  approvedStops: [{ id: 101, code: 'SZ-KJY', name: { 'zh-CN': '科技园' }, enabled: true }],
  approvedArea: null,
  validFrom: '2025-01-01',
  validUntil: '2030-12-31',
  enabled: true,
  operable: true,
  blockers: [],
  routeCount: 2,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...over,
});
const lines = [
  line({}),
  line({
    id: 2,
    licenceNo: '粤交运管许可深字440300002号',
    name: '深圳—东莞定制客运',
    destinationCity: '东莞市',
    validUntil: '2024-12-31',
    operable: false,
    blockers: ['班线许可已于 2024-12-31 过期'],
    approvedStopIds: [],
    approvedStops: [],
  }),
];
const stops: StopView[] = [
  {
    id: 101,
    orgId: 2,
    orgName: '鹏城快线',
    code: 'SZ-KJY',
    name: { 'zh-CN': '科技园' },
    address: '',
    regionCode: '440305',
    lng: 113.94,
    lat: 22.54,
    type: 'fixed',
    enabled: true,
    createdAt: '',
    updatedAt: '',
  },
  {
    id: 102,
    orgId: 2,
    orgName: '鹏城快线',
    code: 'GZ-TH',
    name: { 'zh-CN': '天河' },
    address: '',
    regionCode: '440106',
    lng: 113.33,
    lat: 23.13,
    type: 'station',
    enabled: true,
    createdAt: '',
    updatedAt: '',
  },
];

describe('线路管理', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.1 shows licence number, origin → destination, validity (expired in red), approved stops and why a line cannot operate', async () => {
    mockBff(profile(['basedata:read']), {
      'GET /api/admin/lines': () => ({ items: lines, total: 2, page: 1, pageSize: 20 }),
    });
    renderPage('/basedata/lines');
    const expiredRow = (await screen.findByText('深圳—东莞定制客运', undefined, { timeout: 15_000 })).closest(
      'tr',
    )!;
    expect(todayInBeijing() > '2024-12-31').toBe(true);
    expect(within(expiredRow).getByText('已过期')).toBeInTheDocument();
    expect(
      within(expiredRow).getByText('2025-01-01 ~ 2024-12-31').closest('[data-validity]'),
    ).toHaveAttribute('data-validity', 'expired');
    expect(within(expiredRow).getByText('不可运营')).toBeInTheDocument();
    expect(within(expiredRow).getByText('不限站点')).toBeInTheDocument();
    const validRow = screen.getByText('深圳—广州定制客运').closest('tr')!;
    expect(within(validRow).queryByText('已过期')).toBeNull();
    expect(within(validRow).getByText('科技园')).toBeInTheDocument();
    expect(within(validRow).getByText('深圳市')).toBeInTheDocument();
    expect(within(validRow).getByText('广州市')).toBeInTheDocument();
    // the route count links to the line's routes
    expect(within(validRow).getByRole('link', { name: '2' })).toHaveAttribute(
      'href',
      '/basedata/routes?lineId=1',
    );
  });

  it('R-6.1.1 creates a line with its licence validity and approved stops picked by search', async () => {
    const sent = mockBff(profile(['basedata:read', 'basedata:write']), {
      'GET /api/admin/lines': () => ({ items: [], total: 0, page: 1, pageSize: 20 }),
      'GET /api/admin/stops': () => ({ items: stops, total: 2, page: 1, pageSize: 50 }),
      'POST /api/admin/lines': (req) => line({ ...(req.body as object), id: 3 }),
    });
    renderPage('/basedata/lines');
    fireEvent.click(await screen.findByRole('button', { name: /新建班线/ }, { timeout: 15_000 }));
    const drawer = await screen.findByRole('dialog');
    const fill = (label: string, value: string) =>
      fireEvent.change(within(drawer).getByLabelText(label), { target: { value } });
    fill('班线许可编号', '粤交运管许可深字440300009号');
    fill('班线名称', '深圳—广州南');
    fill('起点城市', '深圳市');
    fill('起点行政区划代码', '440300');
    fill('终点城市', '广州市');
    fill('终点行政区划代码', '440100');
    // the validity is picked on the calendar: the 10th to the 20th of the month it opens on
    const [from] = within(drawer).getAllByPlaceholderText(/日期/);
    fireEvent.mouseDown(from);
    fireEvent.click(from);
    const cells = await waitFor(() => {
      const found = [
        ...document.querySelectorAll<HTMLElement>('.ant-picker-dropdown td.ant-picker-cell-in-view[title]'),
      ];
      expect(found.length).toBeGreaterThan(27);
      return found;
    });
    const [start, end] = [cells[9].title, cells[19].title];
    fireEvent.click(cells[9]);
    fireEvent.click(cells[19]);
    const stopSelect = within(drawer).getByLabelText('核定站点');
    fireEvent.mouseDown(stopSelect);
    fireEvent.click(await screen.findByText('GZ-TH · 天河'));
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0].body).toEqual({
      licenceNo: '粤交运管许可深字440300009号',
      name: '深圳—广州南',
      originCity: '深圳市',
      originRegionCode: '440300',
      destinationCity: '广州市',
      destinationRegionCode: '440100',
      validFrom: start,
      validUntil: end,
      approvedStopIds: [102],
      approvedArea: null,
      enabled: true,
    });
  });
});
