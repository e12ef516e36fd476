import { Col, Form, Space, Tag, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  fenToYuanString,
  PAYMENT_STATUS_LABELS,
  REFUND_STATUS_LABELS,
  type PaymentListItem,
  type PaymentStatus,
  type RefundStatus,
} from '@dzky/contracts';
import { useProfile } from '../../../../session';
import { toTreeOptions } from '../../../../utils/org';
import { labelOf } from '../../../archive/components/labels';
import { useArchiveOrgs } from '../../../archive/components/orgs';

/** Money in yuan with two decimals, from integer fen: 12345 → ¥123.45 */
export const yuan = (fen: number) => (fen < 0 ? `-¥${fenToYuanString(-fen)}` : `¥${fenToYuanString(fen)}`);

const PAYMENT_STATUS_COLOR: Record<PaymentStatus, string> = { created: 'orange', paid: 'green', closed: 'default' };

export const REFUND_STATUS_COLOR: Record<RefundStatus, string> = {
  requested: 'blue',
  processing: 'processing',
  succeeded: 'green',
  closed: 'default',
  abnormal: 'red',
  resolved_offline: 'purple',
};

export function PaymentStatusTag({ status }: { status: PaymentStatus }) {
  return (
    <Tag color={PAYMENT_STATUS_COLOR[status]} bordered={false} data-status={status}>
      {labelOf(PAYMENT_STATUS_LABELS, status)}
    </Tag>
  );
}

export function RefundStatusTag({ status }: { status: RefundStatus }) {
  return (
    <Tag color={REFUND_STATUS_COLOR[status]} bordered={false} data-status={status}>
      {labelOf(REFUND_STATUS_LABELS, status)}
    </Tag>
  );
}

/** Which merchant account received the money: a sub-merchant of the platform's service provider account, or a direct merchant. */
export function MerchantCell({ payment }: { payment: Pick<PaymentListItem, 'merchantMode' | 'mchid'> }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={0}>
      <Tag bordered={false} color={payment.merchantMode === 'direct' ? 'cyan' : 'geekblue'}>
        {t(`payment.payments.merchantModes.${payment.merchantMode}`)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {payment.mchid}
      </Typography.Text>
    </Space>
  );
}

/** Asia/Shanghai days of a range picker, as the finance queries take them (inclusive). */
export function daysOf(dates: [Dayjs | null, Dayjs | null] | null | undefined): { from?: string; to?: string } {
  return { from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') };
}

/**
 * The 运营商 filter: platform staff choose among every organisation (the bff scopes operator staff
 * to their own subtree already, so they are not asked).
 */
export function OperatorFilter({ name = 'orgId', span = 5 }: { name?: string; span?: number }) {
  const { t } = useTranslation();
  const me = useProfile();
  const platform = me.orgKind === 'platform';
  const { orgs } = useArchiveOrgs(platform);
  if (!platform) return null;
  return (
    <Col xs={24} md={12} xl={span}>
      <Form.Item name={name} label={t('payment.common.operator')}>
        <TreeSelect
          treeData={toTreeOptions(orgs, true)}
          treeDefaultExpandAll
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('payment.common.operatorAll')}
          aria-label={t('payment.common.operator')}
        />
      </Form.Item>
    </Col>
  );
}
