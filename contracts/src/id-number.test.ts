import { birthDateFromIdCard, validateIdNumber, type IdType } from './id-number';

describe('R-6.1.2 ID number validation', () => {
  // [type, number, the reason expected, or null when valid]
  const table: [IdType, string, string | null][] = [
    ['id_card', '11010519491231002X', null],
    ['id_card', '11010519491231002x', null],
    ['id_card', ' 11010519491231002X ', null],
    ['id_card', '110105194912310021', '居民身份证号码校验位错误'],
    ['id_card', '110105194913310028', '居民身份证号码中的出生日期无效'],
    ['id_card', '110105194902300020', '居民身份证号码中的出生日期无效'],
    ['id_card', '110105299901010020', '居民身份证号码中的出生日期无效'],
    ['id_card', '1101051949123100', '居民身份证号码格式不正确'],
    ['id_card', '', '证件号码不能为空'],
    ['hmt_residence', '810000199408230021', null],
    ['hmt_residence', '810000199408230022', '港澳台居民居住证号码校验位错误'],
    ['hmt_residence', '910000199408230021', '港澳台居民居住证号码格式不正确'],
    ['passport', 'E12345678', null],
    ['passport', 'E1', '护照号码格式不正确'],
    ['hk_mo_permit', 'H12345678', null],
    ['hk_mo_permit', 'M1234567890', null],
    ['hk_mo_permit', '123456789', '港澳居民来往内地通行证号码格式不正确'],
    ['hk_mo_permit', 'X12345678', '港澳居民来往内地通行证号码格式不正确'],
    ['tw_permit', '12345678', null],
    ['tw_permit', '1234567', '台湾居民来往大陆通行证号码应为8位数字'],
  ];
  it.each(table)('%s %p → %p', (type, n, reason) => {
    expect(validateIdNumber(type, n)).toBe(reason);
  });

  it('reads the birth date and refuses impossible or future ones', () => {
    expect(birthDateFromIdCard('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdCard('110105194902300020')).toBeNull();
    expect(birthDateFromIdCard('110105299901010020')).toBeNull();
  });
});
