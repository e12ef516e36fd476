import { ageOn, birthDateOf, chinaToday, passengerTypeOf, validateEmergencyContact, validateMobile, validateRiderInput, validateRiderName } from './passenger';

describe('R-6.1.2 rider rules shared by bff and the apps', () => {
  it('accepts Chinese names (with the middle dot) and Latin names as on a passport, 2–30 characters', () => {
    for (const ok of ['张三', '买买提·艾力', 'John Smith', "O'NEIL", 'Jean-Luc Picard']) expect(validateRiderName(ok)).toBeNull();
    expect(validateRiderName('张')).toBe('姓名应为2至30个字符');
    expect(validateRiderName('')).toBe('姓名不能为空');
    expect(validateRiderName('张San')).toBe('姓名只能为中文或英文字母，与证件上一致');
    expect(validateRiderName('李'.repeat(31))).toBe('姓名应为2至30个字符');
  });

  it('checks mainland mobile numbers', () => {
    expect(validateMobile('13912345678')).toBeNull();
    expect(validateMobile('12912345678')).toBe('手机号码应为11位中国大陆手机号');
  });

  it('a child is under 14 on the day: the 14th birthday makes an adult', () => {
    expect(ageOn('2012-06-15', '2026-06-14')).toBe(13);
    expect(ageOn('2012-06-15', '2026-06-15')).toBe(14);
    expect(passengerTypeOf('2012-06-15', '2026-06-14')).toBe('child');
    expect(passengerTypeOf('2012-06-15', '2026-06-15')).toBe('adult');
    expect(passengerTypeOf(null, '2026-06-15')).toBe('adult');
  });

  it('China\'s date turns at 16:00 UTC', () => {
    expect(chinaToday(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(chinaToday(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('reads the birth date only from documents that carry one', () => {
    expect(birthDateOf('id_card', '11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOf('passport', '11010519491231002X')).toBeNull();
  });

  it('reports every bad field at once, with the ID reason of its type', () => {
    expect(validateRiderInput({ name: '张', idType: 'id_card', idNumber: '110105194912310021', phone: 'x' })).toEqual([
      { field: 'name', reason: '姓名应为2至30个字符' },
      { field: 'idNumber', reason: '居民身份证号码校验位错误' },
      { field: 'phone', reason: '手机号码应为11位中国大陆手机号' },
    ]);
    expect(validateRiderInput({ name: '张三', idType: 'id_card', idNumber: '11010519491231002X', phone: '' })).toEqual([]);
  });

  it('R-6.1.2 an emergency contact being set needs both a name (Chinese or Latin letters) and a mobile number', () => {
    expect(validateEmergencyContact('艾母', '13700137000')).toEqual([]);
    expect(validateEmergencyContact('Ann Lee', ' 13700137000 ')).toEqual([]);
    expect(validateEmergencyContact('艾母', '')).toEqual([{ field: 'emergencyContactPhone', reason: '紧急联系人手机号码不能为空' }]);
    expect(validateEmergencyContact(null, '13700137000')).toEqual([{ field: 'emergencyContactName', reason: '请填写紧急联系人姓名' }]);
    expect(validateEmergencyContact('Mum2', '1370013700')).toEqual([
      { field: 'emergencyContactName', reason: '紧急联系人姓名只能为中文或英文字母，不超过30个字符' },
      { field: 'emergencyContactPhone', reason: '紧急联系人手机号码应为11位中国大陆手机号' },
    ]);
  });
});
