/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), entity type (1),
 * GB/T 2260 division (6), organisation code (9), check character (1). The alphabet leaves out
 * I, O, Z, S and V so no character can be misread as a digit.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character the first 17 characters demand (ISO 7064 style, modulus 31). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** null when valid, otherwise a Chinese reason suitable for a field error. */
export function validateCreditCode(raw: string | null | undefined): string | null {
  const code = (raw ?? '').trim().toUpperCase();
  if (!code) return '统一社会信用代码不能为空';
  if (code.length !== 18) return '统一社会信用代码应为18位';
  if (!SHAPE.test(code)) return '统一社会信用代码格式不正确（不含 I、O、Z、S、V）';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : '统一社会信用代码校验位错误';
}

/** Upper-cases and trims, so the stored form is the one printed on the licence. */
export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}
