import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysUntil, expiryLevel, LEVEL_COLOR, LEVEL_TAG } from './expiry';

/** A due date, orange within 30 days and red once past, with the days left on hover. */
export function ExpiryDate({ date }: { date: string | null | undefined }) {
  const { t } = useTranslation();
  const days = daysUntil(date);
  const level = expiryLevel(days);
  if (!date || days === null) return <Typography.Text type="secondary">-</Typography.Text>;
  const text = date.slice(0, 10);
  if (level === 'ok') return <span>{text}</span>;
  return (
    <Tooltip title={daysText(t, days)}>
      <span style={{ color: LEVEL_COLOR[level], fontWeight: 500 }} data-expiry={level}>
        {text}
      </span>
    </Tooltip>
  );
}

type T = (key: string, opts?: Record<string, unknown>) => string;

export function daysText(t: T, days: number): string {
  if (days < 0) return t('archive.common.expiredDays', { days: -days });
  if (days === 0) return t('archive.common.expiresToday');
  return t('archive.common.daysLeft', { days });
}

/** Days left as a coloured tag (dashboard, detail drawers). */
export function DaysLeftTag({ days }: { days: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_TAG[expiryLevel(days)]} bordered={false}>
      {daysText(t, days)}
    </Tag>
  );
}
