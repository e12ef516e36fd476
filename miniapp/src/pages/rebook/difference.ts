import type { Fen } from '@dzky/contracts';
import type { Lang } from '../../i18n';
import { yuan } from '../trip/format';
import { payText } from '../pay/messages';

/** 补差价 ¥x / 退差价 ¥x / 无差价 */
export function differenceText(differenceFen: Fen, lang: Lang): string {
  if (differenceFen > 0) return payText(lang, 'rebook.more', { amount: yuan(differenceFen) });
  if (differenceFen < 0) return payText(lang, 'rebook.less', { amount: yuan(-differenceFen) });
  return payText(lang, 'rebook.same');
}
