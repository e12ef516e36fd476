/** Masking for personal data in responses (design.md §3 "Personal data"). */

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const p = phone.replace(/\s+/g, '');
  if (p.length < 7) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}

/** 110101199003071234 → 110***********1234 */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** 张三丰 → 张** */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}
