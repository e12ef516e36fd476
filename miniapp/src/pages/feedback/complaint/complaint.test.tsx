import { fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { flush } from '../test-support';
import ComplaintPage from './index';

jest.mock('@tarojs/components', () => jest.requireActual('../test-support').textareaMock());

const posts = () => calls().filter((c) => c.method === 'POST');

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  (Taro as unknown as { makePhoneCall: jest.Mock }).makePhoneCall = jest.fn(() => Promise.resolve({ errMsg: 'ok' }));
});

describe('投诉与建议 form', () => {
  it('R-6.2.8 explains a missing category and too short a text before sending; a good one is sent with the order and opens the list', async () => {
    __test.setRouterParams({ orderId: '501' });
    serve({ 'GET /feedback/settings': () => ok({ hotline: '400-000-0000' }), 'POST /feedback/complaints': (c) => ok({ id: 3, ...(c.data as object), status: 'submitted', replies: [] }) });
    render(<ComplaintPage />);
    await flush();
    fireEvent.change(document.getElementById('complaint-content')!, { target: { value: '太慢了' } });
    fireEvent.click(document.getElementById('complaint-submit')!);
    await flush();
    expect(posts()).toHaveLength(0);
    expect(document.getElementById('complaint-error-category')!.textContent).toBe('请选择类别');
    expect(document.getElementById('complaint-error-content')!.textContent).toBe('请至少写 10 个字');

    fireEvent.click(document.getElementById('complaint-category-timing')!);
    fireEvent.change(document.getElementById('complaint-content')!, { target: { value: '司机迟到了二十分钟，也没有提前通知' } });
    fireEvent.change(document.getElementById('complaint-phone')!, { target: { value: '13912345678' } });
    fireEvent.click(document.getElementById('complaint-submit')!);
    await flush();
    expect(posts()).toHaveLength(1);
    expect(posts()[0].data).toMatchObject({ kind: 'complaint', category: 'timing', content: '司机迟到了二十分钟，也没有提前通知', orderId: 501, contactPhone: '13912345678' });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/feedback/list/index' });
  });

  it('R-6.2.8 a suggestion needs no order; the hotline beside the form dials the number', async () => {
    __test.setRouterParams({});
    serve({ 'GET /feedback/settings': () => ok({ hotline: '400-000-0000' }), 'POST /feedback/complaints': (c) => ok({ id: 4, ...(c.data as object) }) });
    render(<ComplaintPage />);
    await flush();
    fireEvent.click(document.getElementById('complaint-kind-suggestion')!);
    fireEvent.click(document.getElementById('complaint-category-other')!);
    fireEvent.change(document.getElementById('complaint-content')!, { target: { value: '希望增加早上六点的班次，方便赶早班飞机' } });
    fireEvent.click(document.getElementById('complaint-submit')!);
    await flush();
    expect(posts()[0].data).toMatchObject({ kind: 'suggestion', category: 'other', orderId: null, contactPhone: null });
    expect(document.getElementById('complaint-order')).toBeNull();
    fireEvent.click(document.getElementById('complaint-hotline')!);
    expect((Taro as unknown as { makePhoneCall: jest.Mock }).makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '4000000000' });
  });
});
