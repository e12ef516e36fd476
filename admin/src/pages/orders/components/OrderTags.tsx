import { useEffect, useState } from 'react';
import { Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUS_LABELS, type OrderStatus } from '@dzky/contracts';
import { labelOf } from '../../archive/components/labels';

export const ORDER_STATUS_COLOR: Record<OrderStatus, string> = {
  pending_payment: 'orange',
  paid: 'blue',
  cancelled: 'default',
  expired: 'default',
  refunding: 'volcano',
  partially_refunded: 'purple',
  refunded: 'default',
  rebooked: 'cyan',
  completed: 'green',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  return (
    <Tag color={ORDER_STATUS_COLOR[status]} bordered={false} data-status={status}>
      {labelOf(ORDER_STATUS_LABELS, status)}
    </Tag>
  );
}

/** mm:ss left of a seat hold; "已到期" once past (the bff releases the seats on its next sweep or read). */
export function HoldCountdown({ until, onExpire }: { until: string; onExpire?(): void }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const end = Date.parse(until);
  const left = Math.max(0, Math.floor((end - now) / 1000));

  useEffect(() => {
    if (left <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [left <= 0]);

  useEffect(() => {
    if (left === 0) onExpire?.();
  }, [left === 0]);

  if (left <= 0)
    return (
      <Typography.Text type="secondary">
        <ClockCircleOutlined /> {t('order.hold.expired')}
      </Typography.Text>
    );
  const mm = String(Math.floor(left / 60)).padStart(2, '0');
  const ss = String(left % 60).padStart(2, '0');
  return (
    <Typography.Text type="warning" data-testid="hold-countdown">
      <ClockCircleOutlined /> {t('order.hold.left', { time: `${mm}:${ss}` })}
    </Typography.Text>
  );
}
