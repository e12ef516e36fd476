import { maskIdNumber, maskPhone, maskName } from './mask';
import { fenToYuanString, yuanStringToFen } from './money';
import { dutyGroupsOf } from './permissions';

describe('R-8.2 personal data masking', () => {
  it('masks phone numbers as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(null)).toBe('');
  });
  it('masks ID numbers as 110***********1234', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234');
  });
  it('masks names leaving the family name', () => {
    expect(maskName('张三丰')).toBe('张**');
  });
});

describe('money in fen', () => {
  it('formats and parses yuan without floating point drift', () => {
    expect(fenToYuanString(12345)).toBe('123.45');
    expect(fenToYuanString(-5)).toBe('-0.05');
    expect(yuanStringToFen('0.1')).toBe(10);
    expect(yuanStringToFen('19.99')).toBe(1999);
    expect(() => yuanStringToFen('1.999')).toThrow(RangeError);
  });
});

describe('R-8.1 separation of duties', () => {
  it('detects permission sets that span duty groups', () => {
    expect(dutyGroupsOf(['system:user:write', 'dispatch:read'])).toEqual(['system']);
    expect(dutyGroupsOf(['system:user:write', 'audit:read'])).toEqual(['system', 'audit']);
    // reading users and roles is what a security administrator needs to grant roles: no duty
    expect(dutyGroupsOf(['security:grant', 'system:user:read', 'system:role:read'])).toEqual(['security']);
    expect(dutyGroupsOf(['order:read'])).toEqual([]);
  });
});
