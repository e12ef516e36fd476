import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblems } from './password';

describe('password policy', () => {
  it('R-8.1 needs 8 characters from 3 of lower, upper, digit, symbol', () => {
    expect(passwordProblems('Ab1!')).toContain('tooShort');
    expect(passwordProblems('abcdefgh1')).toEqual(['tooFewClasses']);
    expect(passwordProblems('abcdefG1')).toEqual([]);
    expect(passwordProblems('abcdefg!1')).toEqual([]);
    expect(passwordProblems('ABCDEFG!1')).toEqual([]);
  });

  it('R-8.1 refuses a password that contains the user name', () => {
    expect(passwordProblems('Zhangsan#2026', 'zhangsan')).toEqual(['containsUsername']);
  });

  it('R-8.1 generated passwords satisfy the policy', () => {
    for (let i = 0; i < 50; i++) expect(passwordProblems(generatePassword())).toEqual([]);
  });
});
