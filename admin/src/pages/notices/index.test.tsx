/**
 * 信息发布 against a mocked bff: publishing a notice for some lines, deleting one after confirming,
 * publishing and withdrawing from the list, the bff's field errors on the form's fields, and
 * read-only staff without any of the buttons.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { LineView, NoticeView } from '@dzky/contracts';
import { mockBff, profile, renderPage, reply, writes } from '../basedata/test-support';

const line = (id: number, name: string): LineView => ({
  id,
  orgId: 2,
  orgName: '鹏城快线',
  licenceNo: `粤交运管许可深字44030000${id}号`,
  name,
  originCity: '深圳市',
  originRegionCode: '440300',
  destinationCity: '广州市',
  destinationRegionCode: '440100',
  approvedStopIds: [],
  approvedStops: [],
  approvedArea: null,
  validFrom: '2025-01-01',
  validUntil: '2030-12-31',
  enabled: true,
  operable: true,
  blockers: [],
  routeCount: 1,
  createdAt: '',
  updatedAt: '',
});

const notice: NoticeView = {
  id: 3,
  orgId: 2,
  orgName: '鹏城快线',
  kind: 'special_requirement',
  title: '实名制乘车',
  body: '请携带有效身份证件',
  lineIds: [1],
  validFrom: null,
  validUntil: null,
  published: true,
  priority: 10,
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
};

describe('信息发布', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.1 publishes a service commitment for chosen lines, and deletes a notice only after confirming', async () => {
    const sent = mockBff(profile(['basedata:read', 'basedata:write']), {
      'GET /api/admin/notices': () => ({ items: [notice], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/lines': () => ({ items: [line(1, '深圳—广州定制客运'), line(2, '深圳—东莞定制客运')], total: 2, page: 1, pageSize: 100 }),
      'POST /api/admin/notices': (req) => ({ ...notice, ...(req.body as object), id: 4 }),
      'DELETE /api/admin/notices/3': () => null,
    });
    renderPage('/notices');
    const row = (await screen.findByText('实名制乘车', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(within(row).getByText('乘车须知')).toBeInTheDocument();
    expect(await within(row).findByText('深圳—广州定制客运')).toBeInTheDocument();
    expect(within(row).getByText('展示中')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /发布公告/ }));
    const drawer = await screen.findByRole('dialog');
    fireEvent.click(within(drawer).getByText('服务承诺'));
    fireEvent.change(within(drawer).getByLabelText('标题'), { target: { value: '准点发车' } });
    fireEvent.change(within(drawer).getByLabelText('正文'), { target: { value: '班次准点发车，\n延误超过 30 分钟可免费退票。' } });
    fireEvent.mouseDown(within(drawer).getByLabelText('适用线路'));
    fireEvent.click(await screen.findByText('深圳—东莞定制客运（深圳市 → 广州市）'));
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({
      method: 'POST',
      body: { kind: 'service_commitment', title: '准点发车', body: '班次准点发车，\n延误超过 30 分钟可免费退票。', lineIds: [2], validFrom: null, validUntil: null, priority: 0, published: true },
    });

    fireEvent.click(within(row).getByRole('button', { name: /删\s*除/ }));
    const pop = (await screen.findByText('删除公告“实名制乘车”？')).closest('.ant-popover') as HTMLElement;
    expect(writes(sent)).toHaveLength(1);
    fireEvent.click(within(pop).getByRole('button', { name: /删\s*除/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(2));
    expect(writes(sent)[1]).toMatchObject({ method: 'DELETE', path: '/api/admin/notices/3' });
  });

  it('R-6.2.1 a notice is withdrawn and published again from the list, saving the whole notice with the new state', async () => {
    let current: NoticeView = notice;
    const sent = mockBff(profile(['basedata:read', 'basedata:write']), {
      'GET /api/admin/notices': () => ({ items: [current], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/lines': () => ({ items: [line(1, '深圳—广州定制客运')], total: 1, page: 1, pageSize: 100 }),
      'PUT /api/admin/notices/3': (req) => (current = { ...current, ...(req.body as Partial<NoticeView>) }),
    });
    renderPage('/notices');
    const row = (await screen.findByText('实名制乘车', undefined, { timeout: 15_000 })).closest('tr')!;
    const toggle = within(row).getByRole('switch', { name: '发布“实名制乘车”' });
    expect(toggle).toBeChecked();
    fireEvent.click(toggle);
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toEqual({
      method: 'PUT',
      path: '/api/admin/notices/3',
      query: {},
      body: { orgId: 2, kind: 'special_requirement', title: '实名制乘车', body: '请携带有效身份证件', lineIds: [1], validFrom: null, validUntil: null, published: false, priority: 10 },
    });
    expect(await within(row).findByText('草稿')).toBeInTheDocument();
    fireEvent.click(within(row).getByRole('switch', { name: '发布“实名制乘车”' }));
    await waitFor(() => expect(writes(sent)).toHaveLength(2));
    expect(writes(sent)[1].body).toMatchObject({ published: true });
    expect(await within(row).findByText('展示中')).toBeInTheDocument();
  });

  it('R-6.2.1 the bff’s field errors land on the form’s fields and the drawer stays open', async () => {
    const sent = mockBff(profile(['basedata:read', 'basedata:write']), {
      'GET /api/admin/notices': () => ({ items: [notice], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/lines': () => ({ items: [line(1, '深圳—广州定制客运')], total: 1, page: 1, pageSize: 100 }),
      'PUT /api/admin/notices/3': () =>
        reply(422, {
          success: false,
          data: null,
          errorCode: 'VALIDATION_FAILED',
          errorMessage: '请求参数有误',
          errors: [
            { field: 'title', reason: '标题必填，不超过 100 字' },
            { field: 'lineIds', reason: '班线不存在或不属于本运营方：1' },
          ],
        }),
    });
    renderPage('/notices');
    const row = (await screen.findByText('实名制乘车', undefined, { timeout: 15_000 })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByLabelText('标题')).toHaveValue('实名制乘车');
    fireEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    const field = (label: string) => within(drawer).getByLabelText(label).closest('.ant-form-item') as HTMLElement;
    expect(await within(field('标题')).findByText('标题必填，不超过 100 字')).toBeInTheDocument();
    expect(within(field('适用线路')).getByText('班线不存在或不属于本运营方：1')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('R-6.2.1 staff who only read base data see the notices without publishing, editing or deleting', async () => {
    mockBff(profile(['basedata:read']), {
      'GET /api/admin/notices': () => ({ items: [notice], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/lines': () => ({ items: [line(1, '深圳—广州定制客运')], total: 1, page: 1, pageSize: 100 }),
    });
    renderPage('/notices');
    const row = (await screen.findByText('实名制乘车', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(within(row).getByText('展示中')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /发布公告/ })).toBeNull();
    expect(within(row).queryByRole('switch')).toBeNull();
    expect(within(row).queryByRole('button', { name: /编\s*辑/ })).toBeNull();
    expect(within(row).queryByRole('button', { name: /删\s*除/ })).toBeNull();
  });
});
