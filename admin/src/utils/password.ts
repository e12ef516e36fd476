/**
 * The password policy (MLPS level 3), checked in forms before the bff checks it again:
 * at least 8 characters from at least 3 of lower case, upper case, digits and symbols, and not
 * containing the user name.
 */
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function characterClasses(password: string): number {
  return CLASSES.filter((re) => re.test(password)).length;
}

export type PasswordProblem = 'tooShort' | 'tooFewClasses' | 'containsUsername';

export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < 8) problems.push('tooShort');
  if (characterClasses(password) < 3) problems.push('tooFewClasses');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('containsUsername');
  }
  return problems;
}

/** 0–4, for the strength bar only; the policy is `passwordProblems`. */
export function passwordStrength(password: string): number {
  if (!password) return 0;
  let score = characterClasses(password);
  if (password.length >= 12) score += 1;
  if (password.length < 8) score = Math.min(score, 1);
  return Math.min(score, 4);
}

/** An antd Form rule enforcing the policy; `username` may be read lazily from the form. */
export function passwordRule(t: TFunction, username?: () => string | undefined): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) return;
      const [first] = passwordProblems(value, username?.());
      if (first) throw new Error(t(`password.${first}`));
    },
  };
}

/** A random password that satisfies the policy, for initial and reset passwords. */
export function generatePassword(length = 14): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#$%^&*-_+=?'];
  const all = sets.join('');
  const random = (n: number) => {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    return buf[0] % n;
  };
  const chars = sets.map((s) => s[random(s.length)]);
  while (chars.length < length) chars.push(all[random(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
