import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, fail, ok, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import RiderEditPage from './index';

const VALID_ID = '11010519491231002X';

function fill(id: string, value: string) {
  fireEvent.change(document.getElementById(id)!, { target: { value } });
}
async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const errorOf = (field: string) => document.getElementById(`rider-error-${field}`)?.textContent ?? null;

const stored = {
  id: 5, name: '张三', idType: 'id_card', idNumberMasked: '110***********002X', phoneMasked: '139****5678',
  isSelf: false, passengerType: 'adult', birthDate: '1949-12-31', createdAt: '', updatedAt: '',
};

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
});

describe('rider form (添加乘车人)', () => {
  it('R-6.1.2 an empty form explains every missing field and sends nothing', async () => {
    serve({});
    render(<RiderEditPage />);
    fireEvent.click(document.getElementById('rider-save')!);
    await flush();
    expect(errorOf('name')).toBe('姓名不能为空');
    expect(errorOf('idNumber')).toBe('证件号码不能为空');
    expect(calls()).toHaveLength(0);
  });

  it('R-6.1.2 a wrong check character, a short name and a bad phone get the server\'s own reasons before sending', async () => {
    serve({});
    render(<RiderEditPage />);
    fill('rider-name', '张');
    fill('rider-id-number', '110105194912310021');
    fill('rider-phone', '12345');
    fireEvent.click(document.getElementById('rider-save')!);
    await flush();
    expect(errorOf('idNumber')).toBe('居民身份证号码校验位错误');
    expect(errorOf('name')).toBe('姓名应为2至30个字符');
    expect(errorOf('phone')).toBe('手机号码应为11位中国大陆手机号');
    expect(calls()).toHaveLength(0);
  });

  it('R-6.1.2 the ID type picker switches the rule: a passport number is checked as a passport', async () => {
    serve({ 'POST /riders': () => ok({ ...stored, idType: 'passport' }) });
    render(<RiderEditPage />);
    fireEvent.change(document.getElementById('rider-id-type-select')!, { target: { value: '1' } });
    expect(document.getElementById('rider-id-type-value')!.textContent).toBe('护照');
    fill('rider-name', 'John Smith');
    fill('rider-id-number', 'E1');
    fireEvent.click(document.getElementById('rider-save')!);
    await flush();
    expect(errorOf('idNumber')).toBe('护照号码格式不正确');
    fill('rider-id-number', 'E12345678');
    fireEvent.click(document.getElementById('rider-save')!);
    await flush();
    expect(calls()[0]).toMatchObject({ method: 'POST', url: '/api/app/riders', data: { name: 'John Smith', idType: 'passport', idNumber: 'E12345678', phone: null, isSelf: false } });
  });

  it('R-6.1.2 a valid rider is saved (本人 ticked) and the page goes back', async () => {
    serve({ 'POST /riders': () => ok({ ...stored, isSelf: true }) });
    render(<RiderEditPage />);
    fill('rider-name', '张三');
    fill('rider-id-number', VALID_ID.toLowerCase());
    fill('rider-phone', '13912345678');
    fireEvent.click(document.getElementById('rider-is-self')!);
    fireEvent.click(document.getElementById('rider-save')!);
    await flush();
    expect(calls()[0].data).toEqual({ name: '张三', idType: 'id_card', idNumber: VALID_ID.toLowerCase(), phone: '13912345678', isSelf: true });
    expect(Taro.navigateBack).toHaveBeenCalled();
  });

  it('R-6.1.2 a duplicate refused by the server is shown beside the ID field', async () => {
    serve({
      'POST /riders': () => {
        const res = fail(409, 'RIDER.DUPLICATE', '该证件号码的乘车人已添加');
        return { ...res, data: { ...res.data, errors: [{ field: 'idNumber', reason: '该证件号码的乘车人已添加' }] } };
      },
    });
    render(<RiderEditPage />);
    fill('rider-name', '张三');
    fill('rider-id-number', VALID_ID);
    fireEvent.click(document.getElementById('rider-save')!);
    await flush();
    expect(errorOf('idNumber')).toBe('该证件号码的乘车人已添加');
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });

  it('R-6.1.2 editing shows the ID masked and keeps it when left empty', async () => {
    __test.setRouterParams({ id: '5' });
    serve({ 'GET /riders/5': () => ok(stored), 'PUT /riders/5': () => ok({ ...stored, name: '张三丰' }) });
    render(<RiderEditPage />);
    await flush();
    expect((document.getElementById('rider-name') as HTMLInputElement).value).toBe('张三');
    expect(screen.getByPlaceholderText(/110\*{11}002X/)).toBeTruthy();
    fill('rider-name', '张三丰');
    fireEvent.click(document.getElementById('rider-save')!);
    await flush();
    const put = calls().find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/app/riders/5');
    expect(put.data).toEqual({ name: '张三丰', idType: 'id_card', idNumber: undefined, phone: undefined, isSelf: false });
  });
});
