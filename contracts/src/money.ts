/** Money is integer fen everywhere (design.md §2). These helpers only format and convert at the edge. */
export type Fen = number;

export function assertFen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`money must be integer fen, got ${value}`);
  return value;
}

/** 12345 → "123.45" */
export function fenToYuanString(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "123.45" → 12345; rejects more than two decimals rather than rounding silently. */
export function yuanStringToFen(yuan: string): Fen {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new RangeError(`not an amount in yuan: ${yuan}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
