import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import RidersPage from './index';

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

const rider = (over: Record<string, unknown>) => ({
  id: 1, name: '张三', idType: 'id_card', idNumberMasked: '110***********1234', phoneMasked: null,
  isSelf: false, passengerType: 'adult', birthDate: null, createdAt: '', updatedAt: '', ...over,
});

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
});

describe('常用乘车人 list', () => {
  it('R-6.1.2 lists riders with masked IDs and 本人 / 儿童 badges', async () => {
    serve({
      'GET /riders': () => ok([
        rider({ id: 1, name: '张三', isSelf: true }),
        rider({ id: 2, name: '张小宝', passengerType: 'child', idNumberMasked: '110***********5678' }),
        rider({ id: 3, name: 'JOHN SMITH', idType: 'passport', idNumberMasked: 'E12**5678' }),
      ]),
    });
    render(<RidersPage />);
    await flush();
    const first = document.getElementById('rider-1')!;
    expect(first.textContent).toContain('张三');
    expect(first.textContent).toContain('本人');
    expect(first.textContent).toContain('居民身份证 110***********1234');
    expect(first.textContent).not.toContain('儿童');
    expect(document.getElementById('rider-2')!.textContent).toContain('儿童');
    expect(document.getElementById('rider-3')!.textContent).toContain('护照 E12**5678');
    expect(screen.getByText('已添加 3/15 人')).toBeTruthy();
  });

  it('R-6.1.2 deleting asks first; confirmed, the rider is deleted and leaves the list', async () => {
    serve({ 'GET /riders': () => ok([rider({ id: 1 }), rider({ id: 2, name: '李四' })]), 'DELETE /riders/2': () => ok(null) });
    render(<RidersPage />);
    await flush();
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(document.getElementById('rider-delete-2')!);
    await flush();
    expect(calls().filter((c) => c.method === 'DELETE')).toHaveLength(0);
    fireEvent.click(document.getElementById('rider-delete-2')!);
    await flush();
    expect(Taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '确定删除乘车人「李四」吗？' }));
    expect(calls().find((c) => c.method === 'DELETE')!.url).toBe('/api/app/riders/2');
    expect(document.getElementById('rider-2')).toBeNull();
    expect(document.getElementById('rider-1')).not.toBeNull();
  });

  it('R-6.1.2 with no riders it says why to add one; adding opens the form', async () => {
    serve({ 'GET /riders': () => ok([]) });
    render(<RidersPage />);
    await flush();
    expect(screen.getByText('还没有乘车人')).toBeTruthy();
    fireEvent.click(document.getElementById('riders-add')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/mine/rider-edit/index' });
  });

  it('R-6.1.2 at 15 riders adding is refused with the reason, without opening the form', async () => {
    serve({ 'GET /riders': () => ok(Array.from({ length: 15 }, (_, i) => rider({ id: i + 1 }))) });
    render(<RidersPage />);
    await flush();
    fireEvent.click(document.getElementById('riders-add')!);
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '最多可添加 15 位乘车人，请先删除不再使用的乘车人' }));
  });
});
