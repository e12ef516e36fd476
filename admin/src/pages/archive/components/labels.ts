import type { TFunction } from 'i18next';
import { HISTORY_ACTION_LABELS, type HistoryAction } from '@dzky/contracts';
import { currentLang } from '../../../locales/i18n';

/** The label of an archive field (for history, mismatch and import tables); the field name if none. */
export function fieldLabeller(t: TFunction, i18nExists: (key: string) => boolean, section: 'vehicle' | 'driver' | 'operator' | 'platform') {
  return (field: string) => {
    const key = `archive.${section}.${field}`;
    return i18nExists(key) ? t(key) : field;
  };
}

type Labels<K extends string | number> = Record<K, { zh: string; en: string }>;

/** A value's label from the contracts' `{ zh, en }` tables, in the UI's language; '-' for none. */
export function labelOf<K extends string | number>(labels: Labels<K>, value: K | null | undefined): string {
  if (value === null || value === undefined) return '-';
  const label = labels[value];
  if (!label) return String(value);
  return currentLang() === 'en-US' ? label.en : label.zh;
}

/** Select options for the values of a contracts enum, labelled from its table. */
export function optionsOf<K extends string | number>(values: readonly K[], labels: Labels<K>) {
  return values.map((value) => ({ value, label: labelOf(labels, value) }));
}

/** The label of an archive history action (创建, 修改, 许可核验…). */
export const historyActionLabel = (action: string) => labelOf(HISTORY_ACTION_LABELS, action as HistoryAction);
