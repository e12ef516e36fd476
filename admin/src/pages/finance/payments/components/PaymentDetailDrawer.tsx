import { Descriptions, Drawer, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PAYMENT_CHANNEL_LABELS, type PaymentListItem } from '@dzky/contracts';
import { canAccess } from '../../../../access';
import { useProfile } from '../../../../session';
import { formatTime } from '../../../../utils/time';
import { labelOf } from '../../../archive/components/labels';
import { MerchantCell, PaymentStatusTag, yuan } from './FinanceTags';

/** One payment as finance checks it against WeChat Pay's bill: numbers on both sides, merchant, amounts, times. */
export default function PaymentDetailDrawer({ payment, onClose }: { payment: PaymentListItem | null; onClose(): void }) {
  const { t } = useTranslation();
  const me = useProfile();
  return (
    <Drawer
      open={payment !== null}
      onClose={onClose}
      width={640}
      destroyOnHidden
      title={
        payment && (
          <Space size={8}>
            {t('payment.payments.detail', { no: payment.outTradeNo })}
            <PaymentStatusTag status={payment.status} />
          </Space>
        )
      }
    >
      {payment && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('payment.common.orderNo')}>
            <Space size={8}>
              <Typography.Text copyable>{payment.orderNo}</Typography.Text>
              {canAccess('/orders', me.permissions) && (
                <Link to={`/orders?keyword=${encodeURIComponent(payment.orderNo)}&open=1`}>{t('payment.common.viewOrder')}</Link>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('payment.payments.purpose')}>{t(`payment.payments.purposes.${payment.purpose}`)}</Descriptions.Item>
          <Descriptions.Item label={t('payment.payments.outTradeNo')}>
            <Typography.Text copyable>{payment.outTradeNo}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('payment.payments.transactionId')}>
            {payment.transactionId ? <Typography.Text copyable>{payment.transactionId}</Typography.Text> : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('payment.common.operator')}>{payment.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('payment.payments.merchant')}>
            <MerchantCell payment={payment} />
          </Descriptions.Item>
          <Descriptions.Item label={t('payment.payments.channel')}>{labelOf(PAYMENT_CHANNEL_LABELS, payment.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('payment.common.amount')}>
            <Typography.Text strong>{yuan(payment.amountFen)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('payment.payments.refunded')}>{yuan(payment.refundedFen)}</Descriptions.Item>
          {payment.status === 'paid' && (
            <Descriptions.Item label={t('payment.payments.netOfRefunds')}>{yuan(payment.amountFen - payment.refundedFen)}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('payment.payments.createdAt')}>{formatTime(payment.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('payment.payments.paidAt')}>{formatTime(payment.paidAt) || '-'}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
