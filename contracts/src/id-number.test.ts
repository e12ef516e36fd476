import { validateIdNumber, birthDateFromIdCard, IdType } from './id-number';

describe('R-6.1.2 ID number validation', () => {
  const table: [IdType, string, boolean][] = [
    ['id_card', '11010519491231002X', true],
    ['id_card', '110105194912310021', false],
    ['id_card', '110105194913310028', false],
    ['id_card', '1101051949123100', false],
    ['passport', 'E12345678', true],
    ['passport', 'E1', false],
    ['hk_mo_permit', 'H12345678', true],
    ['hk_mo_permit', 'X1234', false],
    ['tw_permit', '12345678', true],
    ['tw_permit', '1234567', false],
    ['hmt_residence', '810000199408230021', true],
    ['hmt_residence', '910000199408230021', false],
  ];
  it.each(table)('%s %s valid=%s', (type, n, ok) => {
    expect(validateIdNumber(type, n) === null).toBe(ok);
  });
  it('reads the birth date', () => {
    expect(birthDateFromIdCard('11010519491231002X')).toBe('1949-12-31');
  });
});
