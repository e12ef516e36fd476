import type { TFunction } from 'i18next';

/** The label of an archive field (for history, mismatch and import tables); the field name if none. */
export function fieldLabeller(t: TFunction, i18nExists: (key: string) => boolean, section: 'vehicle' | 'driver' | 'operator' | 'platform') {
  return (field: string) => {
    const key = `archive.${section}.${field}`;
    return i18nExists(key) ? t(key) : field;
  };
}
