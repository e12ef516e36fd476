/**
 * 站点管理 against a mocked bff and a scripted map: the list and its map, creating a stop by
 * clicking the map, the server's field errors, and who is offered the writing actions.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { StopView } from '@dzky/contracts';
import { fakeMaps } from '../../../components/map/testing';
import { mockBff, profile, renderPage, reply, writes, type Sent } from '../test-support';

vi.mock('../../../components/map/loader', () =>
  import('../../../components/map/testing').then((m) => m.fakeLoaderModule()),
);

const stop = (over: Partial<StopView>): StopView => ({
  id: 1,
  orgId: 2,
  orgName: '鹏城快线',
  code: 'SZ-KJY',
  name: { 'zh-CN': '科技园', en: 'Science Park' },
  address: '深圳市南山区科技园南区',
  regionCode: '440305',
  lng: 113.9436,
  lat: 22.5405,
  type: 'fixed',
  enabled: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});
const stops = [
  stop({}),
  stop({
    id: 2,
    code: 'GZ-TH',
    name: { 'zh-CN': '天河客运站' },
    type: 'station',
    lng: 113.3456,
    lat: 23.1554,
    regionCode: '440106',
    enabled: false,
  }),
];

describe('站点管理', { timeout: 60_000 }, () => {
  let sent: Sent[];
  let createAnswer: (body: unknown) => unknown;
  beforeEach(() => {
    fakeMaps.length = 0;
    createAnswer = (body) => ({ ...stop({}), ...(body as object), id: 3 });
  });
  afterEach(() => vi.unstubAllGlobals());

  const bff = (perms: Parameters<typeof profile>[0]) =>
    mockBff(profile(perms), {
      'GET /api/admin/stops': () => ({ items: stops, total: 2, page: 1, pageSize: 20 }),
      'POST /api/admin/stops': (req) => createAnswer(req.body),
    });

  it('R-6.1.1 lists stops with code, both names, type, region, coordinates and status, and puts them on the map', async () => {
    sent = bff(['basedata:read']);
    renderPage('/basedata/stops');
    expect(await screen.findByText('科技园', undefined, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByText('Science Park')).toBeInTheDocument();
    const row = screen.getByText('天河客运站').closest('tr')!;
    expect(within(row).getByText('客运站')).toBeInTheDocument();
    expect(within(row).getByText('440106')).toBeInTheDocument();
    expect(within(row).getByText(/113\.34560, 23\.15540/)).toBeInTheDocument();
    expect(within(row).getByText('停用')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('stops-map')).toHaveAttribute('data-map-ready', 'true'));
    await waitFor(() =>
      expect(fakeMaps[0].markers.map((m) => m.position)).toEqual([
        [113.9436, 22.5405],
        [113.3456, 23.1554],
      ]),
    );
    // the offline demo basemap says what it is
    expect(screen.getByText('演示底图')).toBeInTheDocument();
    // read-only users get export, not create, edit or import
    expect(screen.queryByRole('button', { name: /新建站点/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /导\s*入/ })).toBeNull();
    expect(screen.getByRole('button', { name: /导\s*出/ })).toBeInTheDocument();
    expect(sent.find((s) => s.path === '/api/admin/stops')?.query).toMatchObject({
      page: '1',
      pageSize: '20',
    });
  });

  it('R-6.1.1 creates a stop with names in two languages and a point clicked on the map (GCJ-02)', async () => {
    sent = bff(['basedata:read', 'basedata:write']);
    renderPage('/basedata/stops');
    fireEvent.click(await screen.findByRole('button', { name: /新建站点/ }, { timeout: 15_000 }));
    const drawer = await screen.findByRole('dialog');
    fireEvent.change(within(drawer).getByLabelText('站点编码'), { target: { value: 'SZ-SZW' } });
    fireEvent.change(within(drawer).getByLabelText('中文名称'), { target: { value: '深圳湾口岸' } });
    fireEvent.change(within(drawer).getByLabelText('英文名称'), { target: { value: 'Shenzhen Bay Port' } });
    fireEvent.change(within(drawer).getByLabelText('行政区划代码'), { target: { value: '440305' } });
    fireEvent.change(within(drawer).getByLabelText('地址'), { target: { value: '深圳市南山区东滨路' } });
    await waitFor(() =>
      expect(within(drawer).getByTestId('point-picker-map')).toHaveAttribute('data-map-ready', 'true'),
    );
    const picker = fakeMaps[fakeMaps.length - 1];
    expect(picker.pickMode).toBe(true);
    picker.click([113.9481234, 22.5031234]);
    await waitFor(() => expect(picker.markers.some((m) => m.id === 'point' && m.draggable)).toBe(true));
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({
      method: 'POST',
      path: '/api/admin/stops',
      body: {
        code: 'SZ-SZW',
        name: { 'zh-CN': '深圳湾口岸', en: 'Shenzhen Bay Port' },
        type: 'fixed',
        regionCode: '440305',
        address: '深圳市南山区东滨路',
        lng: 113.948123,
        lat: 22.503123,
        coordSys: 'gcj02',
        enabled: true,
      },
    });
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });

  it('R-6.1.1 bad input is refused in the form first, and the server’s field errors land on their fields', async () => {
    sent = bff(['basedata:read', 'basedata:write']);
    createAnswer = () =>
      reply(409, {
        success: false,
        data: null,
        errorCode: 'BASEDATA.DUPLICATE',
        errorMessage: '站点编码 SZ-KJY 已存在',
      });
    renderPage('/basedata/stops');
    fireEvent.click(await screen.findByRole('button', { name: /新建站点/ }, { timeout: 15_000 }));
    const drawer = await screen.findByRole('dialog');
    fireEvent.change(within(drawer).getByLabelText('行政区划代码'), { target: { value: '990000' } });
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    expect(await within(drawer).findByText('请填写中文名称')).toBeInTheDocument();
    expect(within(drawer).getByText('未知的省级行政区划：99')).toBeInTheDocument();
    expect(within(drawer).getByText('请在地图上选点或填写经纬度')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);

    fireEvent.change(within(drawer).getByLabelText('站点编码'), { target: { value: 'SZ-KJY' } });
    fireEvent.change(within(drawer).getByLabelText('中文名称'), { target: { value: '科技园二号' } });
    fireEvent.change(within(drawer).getByLabelText('行政区划代码'), { target: { value: '440305' } });
    fireEvent.change(within(drawer).getByLabelText('地址'), { target: { value: '南山区' } });
    await waitFor(() =>
      expect(within(drawer).getByTestId('point-picker-map')).toHaveAttribute('data-map-ready', 'true'),
    );
    fakeMaps[fakeMaps.length - 1].click([113.95, 22.54]);
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    expect(await within(drawer).findByText('站点编码 SZ-KJY 已存在')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('R-6.1.1 停用 asks first, then disables and reloads; 记录 shows what each version changed', async () => {
    sent = mockBff(profile(['basedata:read', 'basedata:write']), {
      'GET /api/admin/stops': () => ({ items: stops, total: 2, page: 1, pageSize: 20 }),
      'POST /api/admin/stops/1/disable': () => ({ ...stop({}), enabled: false }),
      'GET /api/admin/stops/1/history': () => [
        {
          id: 1,
          entityType: 'stop',
          entityId: 1,
          action: 'create',
          actorId: 9,
          actorName: '运营专员',
          at: '2026-01-01T00:00:00Z',
          before: null,
          after: { code: 'SZ-KJY', address: '南山区' },
        },
        {
          id: 2,
          entityType: 'stop',
          entityId: 1,
          action: 'update',
          actorId: null,
          actorName: null,
          at: '2026-01-02T00:00:00Z',
          before: { code: 'SZ-KJY', address: '南山区', updatedAt: '2026-01-01T00:00:00Z' },
          after: { code: 'SZ-KJY', address: '深圳市南山区科技园南区', updatedAt: '2026-01-02T00:00:00Z' },
        },
      ],
    });
    renderPage('/basedata/stops');
    const row = (await screen.findByText('科技园', undefined, { timeout: 15_000 })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /停\s*用/ }));
    const confirm = await screen.findByRole('dialog');
    // antd names the dialog by its title as well, hence more than one
    expect(within(confirm).getAllByText('确定停用站点「SZ-KJY 科技园」吗？').length).toBeGreaterThan(0);
    expect(writes(sent)).toHaveLength(0);
    fireEvent.click(within(confirm).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(writes(sent)).toMatchObject([{ method: 'POST', path: '/api/admin/stops/1/disable' }]));
    await waitFor(() => expect(sent.filter((s) => s.path === '/api/admin/stops')).toHaveLength(2));

    fireEvent.click(within(row).getByRole('button', { name: /记录/ }));
    const history = await screen.findByTestId('history');
    const items = within(history).getAllByRole('listitem');
    // newest first; a change lists only the fields that differ, by their labels
    expect(within(items[0]).getByText('修改')).toBeInTheDocument();
    expect(within(items[0]).getByText(/系统/)).toBeInTheDocument();
    expect(within(items[0]).getByText('地址')).toBeInTheDocument();
    expect(within(items[0]).getByText('南山区')).toBeInTheDocument();
    expect(within(items[0]).getByText('深圳市南山区科技园南区')).toBeInTheDocument();
    expect(within(items[0]).queryByText('updatedAt')).toBeNull();
    expect(within(items[1]).getByText('新建')).toBeInTheDocument();
    expect(within(items[1]).queryByText('地址')).toBeNull();
  });

  it('R-6.1.1 导出 sends the applied filters, without the page', async () => {
    sent = bff(['basedata:read']);
    const exports: Sent[] = [];
    const listFetch = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname !== '/api/admin/stops/export') return listFetch(input, init);
      exports.push({ method: 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body: undefined });
      return new Response('PK', { status: 200 });
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
    renderPage('/basedata/stops');
    await screen.findByText('科技园', undefined, { timeout: 15_000 });
    fireEvent.change(screen.getByPlaceholderText(/编码/), { target: { value: ' 科技 ' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(sent.filter((s) => s.path === '/api/admin/stops').at(-1)?.query).toMatchObject({ keyword: '科技' }));
    fireEvent.click(screen.getByRole('button', { name: /导\s*出/ }));
    await waitFor(() => expect(exports).toHaveLength(1));
    expect(exports[0].query).toEqual({ keyword: '科技' });
  });
});
