import type { FieldError } from '@dzky/contracts';

/**
 * MLPS level 3 password rules: at least 8 characters from at least 3 of the 4 classes (lower case,
 * upper case, digits, symbols), not containing the user name.
 */
export function passwordProblems(password: string, username?: string): FieldError[] {
  const problems: FieldError[] = [];
  if (password.length < 8) problems.push({ field: 'password', reason: '至少 8 位' });
  if (password.length > 128) problems.push({ field: 'password', reason: '最多 128 位' });
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push({ field: 'password', reason: '需包含大写字母、小写字母、数字、符号中的至少 3 类' });
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ field: 'password', reason: '不能包含用户名' });
  }
  return problems;
}
