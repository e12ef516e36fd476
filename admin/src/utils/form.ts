import type { FormInstance } from 'antd';
import { isApiError } from '../request';

/**
 * Puts the bff's field errors (`errors[].field`, dotted paths) onto the matching form fields.
 * `aliases` renames fields whose API name differs from the form's. Returns whether there were any.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, aliases: Record<string, string> = {}): boolean {
  if (!isApiError(err) || err.errors.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const { field, reason } of err.errors) {
    const name = aliases[field] ?? field;
    byField.set(name, [...(byField.get(name) ?? []), reason]);
  }
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name: name.split('.'), errors })));
  return true;
}
