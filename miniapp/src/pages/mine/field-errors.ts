import type { FieldError } from '@dzky/contracts';

/** The first reason for each field, to show beside it (the forms of 我的). */
export function byField<F extends string>(errors: FieldError[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const e of errors) out[e.field as F] ??= e.reason;
  return out;
}
