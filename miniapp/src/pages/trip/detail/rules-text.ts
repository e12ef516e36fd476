import type { TripDetail } from '@dzky/contracts';
import type { MessageKey } from '../../../i18n';
import type { Lang } from '../../../i18n';
import { durationText } from '../format';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * The trading rules a passenger needs before paying, in words: the seat hold, each
 * refund tier as a span of time before departure with its fee, rebooking, children.
 */
export function rulesInWords(rules: TripDetail['rules'], t: T, lang: Lang): string[] {
  const lines = [t('rules.hold', { n: rules.holdMinutes })];
  const tiers = [...rules.refundTiers].sort((a, b) => b.minMinutesBefore - a.minMinutesBefore);
  tiers.forEach((tier, i) => {
    const fee = tier.feePercent === 0 ? t('rules.fee.free') : t('rules.fee.percent', { p: tier.feePercent });
    const upper = i > 0 ? tiers[i - 1].minMinutesBefore : null;
    const lower = tier.minMinutesBefore;
    if (upper === null) {
      lines.push(lower > 0 ? t('rules.refund.above', { t: durationText(lower, lang), fee }) : t('rules.refund.any', { fee }));
    } else if (lower > 0) {
      lines.push(t('rules.refund.between', { from: durationText(lower, lang), to: durationText(upper, lang), fee }));
    } else {
      lines.push(t('rules.refund.within', { t: durationText(upper, lang), fee }));
    }
  });
  lines.push(t(rules.rebookAllowed ? 'rules.rebook.yes' : 'rules.rebook.no'));
  lines.push(
    rules.freeChildMaxAge > 0
      ? t('rules.children', { free: rules.freeChildMaxAge, child: rules.childMaxAge })
      : t('rules.children.noFree', { child: rules.childMaxAge }),
  );
  return lines;
}
