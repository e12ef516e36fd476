/**
 * A fresh idempotency key for one dialog's save (contracts: 8–64 of [A-Za-z0-9_-]), e.g. `rf-…` for
 * a refund, `hl-…` for a hotline call; kept across the dialog's retries, so a double click or a lost
 * answer does not act twice. getRandomValues works on plain HTTP too, where randomUUID does not.
 */
export function newClientKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
