/** ID document types a rider may travel with. */
export const ID_TYPES = ['id_card', 'passport', 'hk_mo_permit', 'tw_permit', 'hmt_residence'] as const;
export type IdType = (typeof ID_TYPES)[number];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) over the first 17 digits. */
function checksumOk(n: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === n[17].toUpperCase();
}

/** Birth date (YYYY-MM-DD) encoded in an 18-digit resident ID number, or null when not a real date. */
export function birthDateFromIdCard(n: string): string | null {
  if (!/^\d{17}[\dXx]$/.test(n)) return null;
  const y = Number(n.slice(6, 10)), m = Number(n.slice(10, 12)), d = Number(n.slice(12, 14));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  if (dt.getTime() > Date.now()) return null;
  return `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
}

/** null when valid, otherwise a Chinese reason suitable for a field error. */
export function validateIdNumber(type: IdType, raw: string): string | null {
  const n = (raw ?? '').trim();
  if (!n) return '证件号码不能为空';
  switch (type) {
    case 'id_card':
      if (!/^\d{17}[\dXx]$/.test(n)) return '居民身份证号码应为18位';
      if (!birthDateFromIdCard(n)) return '居民身份证号码中的出生日期无效';
      return checksumOk(n) ? null : '居民身份证号码校验位错误';
    case 'passport':
      return /^[A-Za-z0-9]{5,17}$/.test(n) ? null : '护照号码格式不正确';
    case 'hk_mo_permit':
      return /^[HMhm]\d{8}$/.test(n) || /^[A-Za-z0-9]{9}$/.test(n) ? null : '港澳居民来往内地通行证号码格式不正确';
    case 'tw_permit':
      return /^\d{8}$/.test(n) ? null : '台湾居民来往大陆通行证号码应为8位数字';
    case 'hmt_residence':
      if (!/^8[123]\d{15}[\dXx]$/.test(n)) return '港澳台居民居住证号码应为以81/82/83开头的18位';
      return checksumOk(n) ? null : '港澳台居民居住证号码校验位错误';
    default:
      return '不支持的证件类型';
  }
}
