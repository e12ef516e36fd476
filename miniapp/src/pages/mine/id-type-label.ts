import { ID_TYPE_LABELS, type IdType } from '@dzky/contracts';
import type { Lang } from '../../i18n';

export function idTypeLabel(type: IdType, lang: Lang): string {
  return ID_TYPE_LABELS[type]?.[lang === 'en' ? 'en' : 'zh'] ?? type;
}
