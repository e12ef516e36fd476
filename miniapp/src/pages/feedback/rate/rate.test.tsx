import { fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, fail, ok, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { flush } from '../test-support';
import RatePage from './index';

jest.mock('@tarojs/components', () => jest.requireActual('../test-support').textareaMock());

const rating = (over: Record<string, unknown> = {}) => ({
  id: 9, orderId: 501, orderNo: 'DZ2612071200001234', score: 4, subScores: {}, tags: ['punctual'], comment: '很准时', createdAt: '2026-12-07T04:00:00Z', ...over,
});
const posts = () => calls().filter((c) => c.method === 'POST');

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ orderId: '501' });
});

describe('评价行程', () => {
  it('R-6.2.8 sends the stars, sub-scores, tags and comment of the order once, then shows the rating', async () => {
    serve({ 'GET /feedback/ratings/order/501': () => ok(null), 'POST /feedback/ratings': (c) => ok(rating({ ...(c.data as object), id: 9 })) });
    render(<RatePage />);
    await flush();
    fireEvent.click(document.getElementById('rate-score-4')!);
    fireEvent.click(document.getElementById('rate-sub-driver-5')!);
    fireEvent.click(document.getElementById('rate-tag-punctual')!);
    fireEvent.click(document.getElementById('rate-tag-late')!);
    fireEvent.click(document.getElementById('rate-tag-late')!); // picked again: off
    fireEvent.change(document.getElementById('rate-comment')!, { target: { value: ' 很准时 ' } });
    fireEvent.click(document.getElementById('rate-submit')!);
    await flush();
    expect(posts()).toHaveLength(1);
    const body = posts()[0].data as Record<string, unknown>;
    expect(body).toMatchObject({ orderId: 501, score: 4, subScores: { driver: 5 }, tags: ['punctual'], comment: '很准时' });
    expect(body.clientKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(document.getElementById('rate-done')!.textContent).toContain('4 星');
    expect(document.getElementById('rate-done')!.textContent).toContain('准时');
    expect(document.getElementById('rate-submit')).toBeNull();
  });

  it('R-6.2.8 without stars nothing is sent; a trip not yet departed says so', async () => {
    serve({ 'GET /feedback/ratings/order/501': () => ok(null), 'POST /feedback/ratings': () => fail(409, 'FEEDBACK.NOT_RATABLE', '车辆出发后才能评价') });
    render(<RatePage />);
    await flush();
    fireEvent.click(document.getElementById('rate-submit')!);
    await flush();
    expect(posts()).toHaveLength(0);
    expect(document.getElementById('rate-error-score')!.textContent).toBe('请选择 1–5 星');
    fireEvent.click(document.getElementById('rate-score-5')!);
    fireEvent.click(document.getElementById('rate-submit')!);
    await flush();
    expect(posts()).toHaveLength(1);
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '车辆出发后才能评价，请稍后再来' }));
    expect(document.getElementById('rate-done')).toBeNull();
  });

  it('R-6.2.8 an order already rated shows its rating instead of the form', async () => {
    serve({ 'GET /feedback/ratings/order/501': () => ok(rating({ score: 2, tags: ['late'], comment: '晚了半小时' })) });
    render(<RatePage />);
    await flush();
    expect(document.getElementById('rate-done')!.textContent).toContain('晚了半小时');
    expect(document.getElementById('rate-done')!.textContent).toContain('迟到');
    expect(document.getElementById('rate-submit')).toBeNull();
  });
});
