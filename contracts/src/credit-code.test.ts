import { creditCodeCheckChar, validateCreditCode } from './credit-code';

describe('GB 32100 统一社会信用代码 (R-6.1.2 operator archive)', () => {
  it('accepts real codes, including lower case input and a letter check character', () => {
    expect(validateCreditCode('91350100M000100Y43')).toBeNull();
    expect(validateCreditCode('91440300MA5F000007')).toBeNull();
    expect(validateCreditCode('91440100MA5G00000F')).toBeNull();
    expect(validateCreditCode(' 91440100ma5g00000f ')).toBeNull();
  });

  it('computes the check character over the first 17 characters', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91440100MA5G00000')).toBe('F');
  });

  it('rejects a wrong check character', () => {
    expect(validateCreditCode('91350100M000100Y44')).toBe('统一社会信用代码校验位错误');
  });

  it('rejects wrong length, empty input and letters the standard leaves out', () => {
    expect(validateCreditCode('')).toBe('统一社会信用代码不能为空');
    expect(validateCreditCode('91350100M000100Y4')).toBe('统一社会信用代码应为18位');
    expect(validateCreditCode('91350100M000100I43')).toMatch(/格式不正确/);
    // the division part (characters 3–8) is digits only
    expect(validateCreditCode('9135010AM000100Y43')).toMatch(/格式不正确/);
  });
});
