/** ID document types a rider may travel with (R-6.1.2, design.md §3 "Real name"). */
export const ID_TYPES = ['id_card', 'passport', 'hk_mo_permit', 'tw_permit', 'hmt_residence'] as const;
export type IdType = (typeof ID_TYPES)[number];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const EIGHTEEN = /^\d{17}[\dXx]$/;

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) over the first 17 digits. */
function checksumOk(n: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === n[17].toUpperCase();
}

/** Birth date (YYYY-MM-DD) in an 18-character GB 11643 number, or null when it is not a real past date. */
export function birthDateFromIdCard(n: string): string | null {
  if (!EIGHTEEN.test(n)) return null;
  const [y, m, d] = [n.slice(6, 10), n.slice(10, 12), n.slice(12, 14)];
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  // an impossible date (02-30) is either NaN or rolls over into another month
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) return null;
  if (Number(y) < 1900 || date.getTime() > Date.now()) return null;
  return `${y}-${m}-${d}`;
}

/**
 * The resident ID card and the HK/Macao/Taiwan residence permit share the GB 11643 layout: birth date
 * at 7–14 and the same check character; only the first digits differ.
 */
function gb11643Problem(n: string, label: string, prefix: RegExp): string | null {
  if (!EIGHTEEN.test(n) || !prefix.test(n)) return `${label}号码格式不正确`;
  if (!birthDateFromIdCard(n)) return `${label}号码中的出生日期无效`;
  return checksumOk(n) ? null : `${label}号码校验位错误`;
}

/** null when valid, otherwise a Chinese reason suitable for a field error. */
export function validateIdNumber(type: IdType, raw: string): string | null {
  const n = (raw ?? '').trim();
  if (!n) return '证件号码不能为空';
  switch (type) {
    case 'id_card':
      return gb11643Problem(n, '居民身份证', /^[1-6]/);
    case 'hmt_residence':
      // 81 Hong Kong, 82 Macao, 83 Taiwan
      return gb11643Problem(n, '港澳台居民居住证', /^8[123]/);
    case 'passport':
      return /^[A-Za-z0-9]{5,17}$/.test(n) ? null : '护照号码格式不正确';
    case 'hk_mo_permit':
      // 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), then 8 digits on the card, 10 on the old booklet
      return /^[HMhm](\d{8}|\d{10})$/.test(n) ? null : '港澳居民来往内地通行证号码格式不正确';
    case 'tw_permit':
      return /^\d{8}$/.test(n) ? null : '台湾居民来往大陆通行证号码应为8位数字';
    default:
      return '不支持的证件类型';
  }
}
