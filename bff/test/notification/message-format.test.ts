import { fitField, shortTime, smsMessage, subscribeData } from '../../src/modules/notification/service/message-format';

describe('subscribe message fields follow WeChat\'s field types (R-6.2.5)', () => {
  it('R-6.2.5 each type is cut or cleaned to what WeChat accepts, never splitting a character', () => {
    expect(fitField('thing2', '深圳北站—广州南站（经福田交通枢纽）城际定制快线')).toBe('深圳北站—广州南站（经福田交通枢纽）城…');
    expect(Array.from(fitField('thing4', '😀'.repeat(30)))).toHaveLength(20);
    expect(fitField('character_string1', 'DZ 3003-中文-0112')).toBe('DZ3003--0112');
    expect(fitField('character_string1', 'A'.repeat(40))).toHaveLength(32);
    expect(fitField('phrase5', '退款成功啦了吗')).toBe('退款成功啦');
    expect(fitField('phrase4', 'refund ok')).toBe('通知');
    expect(fitField('amount4', '97.50')).toBe('97.50元');
    expect(fitField('time3', '2026-12-07T23:05:00.000Z')).toBe('2026年12月8日 07:05');
    expect(fitField('time2', '2026-12-08 09:30')).toBe('2026年12月8日 09:30');
    expect(fitField('car_number3', '粤B D12345')).toBe('粤BD12345');
    expect(fitField('number5', '2人')).toBe('2');
  });

  it('R-6.2.5 the vehicle message names the plate, the car and the driver with a masked phone; vouchers have no template layout', () => {
    const data = subscribeData('vehicle_changed', {
      orderNo: 'DZ300301120000123456', departAt: '2026-12-08 09:30', plateNo: '粤B D12345', vehicleColour: '白色', vehicleModel: '别克GL8',
      driverSurname: '王', driverPhoneMasked: '138****1234',
    });
    expect(data).toEqual({
      character_string1: { value: 'DZ300301120000123456' },
      time2: { value: '2026年12月8日 09:30' },
      car_number3: { value: '粤BD12345' },
      thing4: { value: '白色 别克GL8' },
      thing5: { value: '王师傅 138****1234' },
    });
    expect(subscribeData('ride_voucher', { orderNo: 'X', checkCodes: ['1'] })).toBeNull();
  });

  it('R-6.2.5 SMS variables stay within Aliyun\'s 35 characters', () => {
    const { template, params } = smsMessage('trip_cancelled', { orderNo: 'DZ300301120000123456', lineName: '深圳—广州', departAt: '2026-12-08 09:30', reason: '因台风“山竹”影响，交通管制，本班次停运，票款将全额原路退回，给您带来不便敬请谅解' });
    expect(template).toBe('notice');
    for (const v of Object.values(params)) expect(Array.from(v).length).toBeLessThanOrEqual(35);
    expect(params.reason.endsWith('…')).toBe(true);
    expect(shortTime('2026-12-07T23:05:00.000Z')).toBe('12-08 07:05');
  });
});
