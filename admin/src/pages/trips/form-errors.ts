import type { FormInstance } from 'antd';
import { isApiError } from '../../request';
import { applyErrors } from '../basedata/utils';

/**
 * "refundTiers.0.feePercent" or "refundTiers[0].feePercent" → ['refundTiers', 0, 'feePercent']: list
 * items are numbered in antd forms.
 */
export const namePathOf = (field: string): (string | number)[] =>
  field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Shows a refused save where the user can act on it: the bff's field errors on their fields
 * (those the form does not have are returned as text), a refusal whose code names one field
 * (TRIP.CAPACITY_BELOW_SOLD → capacity) on that field, anything else as the returned text.
 */
export function formErrorText(
  form: FormInstance,
  err: unknown,
  fieldOfCode: Record<string, string> = {},
  rename: (field: string) => string = (f) => f,
): string | null {
  if (!isApiError(err)) return null;
  if (err.errors.length > 0) {
    const registered = (path: (string | number)[]) => form.getFieldValue(path) !== undefined || form.isFieldTouched(path);
    const rest = applyErrors(form, err, (f) => {
      const path = namePathOf(rename(f));
      return registered(path) ? path : null;
    });
    return rest.length ? rest.join('；') : null;
  }
  const field = fieldOfCode[err.errorCode];
  if (field) {
    form.setFields([{ name: namePathOf(field), errors: [err.errorMessage] }]);
    return null;
  }
  return err.errorMessage;
}
