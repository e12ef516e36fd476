const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万'];

/** fen → "123.45" (negative amounts keep their sign: red-letter invoices). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The tax inside an amount that includes it: amount × rate / (1 + rate), rounded to the fen. */
export function taxIncluded(amountFen: number, taxRate: number): number {
  // rates have at most two decimals: work in hundredths to keep the float error out of rounding
  const r = Math.round(taxRate * 100);
  const sign = amountFen < 0 ? -1 : 1;
  return sign * Math.round((Math.abs(amountFen) * r) / (100 + r));
}

function integerCapital(n: number): string {
  const digits = String(n);
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const pos = digits.length - 1 - i;
    if (d === 0) zeroPending = true;
    else {
      if (zeroPending) out += '零';
      zeroPending = false;
      out += DIGITS[d] + SMALL_UNITS[pos % 4];
    }
    if (pos % 4 === 0 && pos > 0) {
      const group = digits.slice(Math.max(0, i - 3), i + 1);
      if (/[1-9]/.test(group)) out += GROUP_UNITS[pos / 4];
    }
  }
  return out;
}

/** 价税合计（大写）: 12345 fen → 壹佰贰拾叁元肆角伍分; 12300 → 壹佰贰拾叁元整; negative → （负数）… */
export function chineseCapital(fen: number): string {
  if (!Number.isInteger(fen)) throw new Error('amount must be whole fen');
  if (fen < 0) return `（负数）${chineseCapital(-fen)}`;
  if (fen === 0) return '零元整';
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = whole > 0 ? `${integerCapital(whole)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (whole > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return out;
}
