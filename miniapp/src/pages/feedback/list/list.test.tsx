import { fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { ok, profile, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import MinePage from '../../mine/index';
import { flush } from '../test-support';
import FeedbackListPage from './index';

const item = (over: Record<string, unknown> = {}) => ({
  id: 3, complaintNo: 'TS2612071200123456', kind: 'complaint', category: 'timing', status: 'processing', summary: '司机迟到了二十分钟',
  orderId: 501, orderNo: 'DZ2612071200001234', createdAt: '2026-12-07T04:00:00Z', updatedAt: '2026-12-07T05:00:00Z', ...over,
});

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  (Taro as unknown as { makePhoneCall: jest.Mock }).makePhoneCall = jest.fn(() => Promise.resolve({ errMsg: 'ok' }));
});

describe('我的投诉与建议', () => {
  it('R-6.2.8 lists the items with their state; opening one shows the text and the replies of customer service', async () => {
    serve({
      'GET /feedback/complaints?page=1&pageSize=50': () => ok({ items: [item(), item({ id: 4, kind: 'suggestion', category: 'other', status: 'closed', orderId: null, orderNo: null })], total: 2, page: 1, pageSize: 50 }),
      'GET /feedback/complaints/3': () => ok({ ...item(), content: '司机迟到了二十分钟，也没有提前通知', contactPhoneMasked: null, resolvedAt: null, closedAt: null,
        replies: [{ event: 'REPLIED', note: '已联系车队核实', at: '2026-12-07T05:00:00Z' }] }),
    });
    render(<FeedbackListPage />);
    await flush();
    expect(document.getElementById('feedback-3')!.textContent).toContain('投诉 · 时间');
    expect(document.getElementById('feedback-3')!.textContent).toContain('处理中');
    expect(document.getElementById('feedback-3')!.textContent).toContain('订单 DZ2612071200001234');
    expect(document.getElementById('feedback-4')!.textContent).toContain('建议 · 其他');
    expect(document.getElementById('feedback-4')!.textContent).toContain('已关闭');
    fireEvent.click(document.getElementById('feedback-3')!);
    await flush();
    expect(document.getElementById('feedback-replies-3')!.textContent).toContain('已联系车队核实');
    expect(document.getElementById('feedback-3')!.textContent).toContain('也没有提前通知');
  });

  it('R-6.2.8 with nothing submitted it says so and offers the form', async () => {
    serve({ 'GET /feedback/complaints?page=1&pageSize=50': () => ok({ items: [], total: 0, page: 1, pageSize: 50 }) });
    render(<FeedbackListPage />);
    await flush();
    expect(document.getElementById('feedback-empty')!.textContent).toContain('暂无投诉或建议');
    fireEvent.click(document.getElementById('feedback-new')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/feedback/complaint/index' });
  });

  it('R-6.2.8 我的 offers 投诉与建议 and the 客服热线, which dials on tap', async () => {
    serve({ 'GET /me': () => ok(profile()), 'GET /feedback/settings': () => ok({ hotline: '400-000-0000' }) });
    render(<MinePage />);
    await flush();
    expect(document.getElementById('mine-hotline')!.textContent).toContain('客服热线');
    expect(document.getElementById('mine-hotline')!.textContent).toContain('400-000-0000');
    fireEvent.click(document.getElementById('mine-hotline')!);
    expect((Taro as unknown as { makePhoneCall: jest.Mock }).makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '4000000000' });
    fireEvent.click(document.getElementById('mine-feedback')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/feedback/list/index' });
  });
});
