import { validateDriverInput, validatePlateNo, validateTerminalId, validateVehicleInput } from './archive';

describe('archive rules shared by the admin form and the bff (R-6.1.2)', () => {
  it('accepts regular and 8-character new-energy plates, refuses malformed ones', () => {
    for (const ok of ['粤B12345', '粤B12345D', '粤BD12345', '粤BFA1234', '京A1234学', ' 粤b 12345d ']) expect(validatePlateNo(ok)).toBeNull();
    for (const bad of ['粤B1234', '粤B123456D', 'XB12345', '粤I12345', '粤B12O45', '']) expect(validatePlateNo(bad)).not.toBeNull();
  });

  it('requires at least 7 approved seats, naming the field', () => {
    const base = { plateNo: '粤B12345D', plateColor: 5, vehicleType: 'medium', vehicleClass: 'high1' } as const;
    expect(validateVehicleInput({ ...base, approvedSeats: 7 })).toEqual([]);
    expect(validateVehicleInput({ ...base, approvedSeats: 6 })).toEqual([{ field: 'approvedSeats', reason: '定制客运车辆核定座位数不得少于 7 座' }]);
    expect(validateVehicleInput({ ...base, approvedSeats: 19, plateColor: 7 as any })).toEqual([{ field: 'plateColor', reason: '请选择车牌颜色' }]);
  });

  it('accepts JT/T 808 terminal IDs of 7 (2013) to 30 (2019) letters and digits', () => {
    expect(validateTerminalId('T000001')).toBeNull();
    expect(validateTerminalId('A'.repeat(30))).toBeNull();
    expect(validateTerminalId('T00001')).not.toBeNull();
    expect(validateTerminalId('T00000-1')).not.toBeNull();
  });

  it('requires ID and phone on create only, and checks the ID check character', () => {
    const base = { name: '张国强', idType: 'id_card', licenceClass: 'A1', licenceExpiry: '2030-01-01' } as const;
    expect(validateDriverInput(base, false)).toEqual([]);
    expect(validateDriverInput(base, true).map((e) => e.field)).toEqual(['idNumber', 'phone']);
    expect(validateDriverInput({ ...base, idNumber: '440304198503120014', phone: '13800138000' }, true)).toEqual([{ field: 'idNumber', reason: '居民身份证号码校验位错误' }]);
  });
});
