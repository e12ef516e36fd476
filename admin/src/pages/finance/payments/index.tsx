import { useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Form, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  PAYMENT_CHANNELS,
  PAYMENT_CHANNEL_LABELS,
  PAYMENT_STATUSES,
  PAYMENT_STATUS_LABELS,
  type PaymentChannel,
  type PaymentListItem,
  type PaymentQuery,
  type PaymentStatus,
} from '@dzky/contracts';
import { FilterCard, ListToolbar, usePagedList } from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { formatTime } from '../../../utils/time';
import { labelOf, optionsOf } from '../../archive/components/labels';
import { daysOf, MerchantCell, OperatorFilter, PaymentStatusTag, yuan } from './components/FinanceTags';
import PaymentDetailDrawer from './components/PaymentDetailDrawer';
import { paymentApi } from './service';

interface Filters {
  orgId?: number;
  status?: PaymentStatus;
  channel?: PaymentChannel;
  dates?: [Dayjs | null, Dayjs | null] | null;
  keyword?: string;
}

const toQuery = (f: Filters, paging: { page: number; pageSize: number }): PaymentQuery => ({
  ...paging,
  orgId: f.orgId,
  status: f.status,
  channel: f.channel,
  keyword: f.keyword?.trim() || undefined,
  ...daysOf(f.dates),
});

/** 收款记录 (R-6.2.4): every WeChat Pay payment with both sides' numbers, for reconciling with the merchant bill. */
export default function PaymentsPage() {
  const { t } = useTranslation();
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList((f: Filters, paging) => paymentApi.list(toQuery(f, paging)), {});
  const { load, search } = list;
  const [open, setOpen] = useState<PaymentListItem | null>(null);

  const columns: TableColumnsType<PaymentListItem> = [
    {
      title: t('payment.common.orderNo'),
      dataIndex: 'orderNo',
      width: 190,
      fixed: 'left',
      render: (v: string, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(r)}>
          {v}
        </Button>
      ),
    },
    {
      title: t('payment.payments.outTradeNo'),
      dataIndex: 'outTradeNo',
      width: 200,
      render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
    },
    {
      title: t('payment.payments.transactionId'),
      dataIndex: 'transactionId',
      width: 220,
      render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }}>{v}</Typography.Text> : '-'),
    },
    { title: t('payment.common.operator'), dataIndex: 'orgName', width: 130, ellipsis: true },
    { title: t('payment.payments.channel'), dataIndex: 'channel', width: 110, render: (v: PaymentChannel) => labelOf(PAYMENT_CHANNEL_LABELS, v) },
    { title: t('payment.payments.merchant'), key: 'merchant', width: 130, render: (_, r) => <MerchantCell payment={r} /> },
    {
      title: t('payment.common.amount'),
      dataIndex: 'amountFen',
      width: 100,
      align: 'right',
      render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text>,
    },
    {
      title: t('payment.payments.refunded'),
      dataIndex: 'refundedFen',
      width: 100,
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="warning">{yuan(v)}</Typography.Text> : <Typography.Text type="secondary">{yuan(0)}</Typography.Text>),
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: PaymentStatus) => <PaymentStatusTag status={v} /> },
    { title: t('payment.payments.paidAt'), dataIndex: 'paidAt', width: 160, render: (v: string | null) => formatTime(v) || '-' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setOpen(r)}>
          {t('common.view')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer subTitle={t('payment.payments.subtitle')}>
      <FilterCard form={filterForm} onSearch={search}>
        <OperatorFilter />
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="status" label={t('common.status')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(PAYMENT_STATUSES, PAYMENT_STATUS_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="channel" label={t('payment.payments.channel')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(PAYMENT_CHANNELS, PAYMENT_CHANNEL_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="dates" label={t('payment.common.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="keyword" label={t('payment.common.keyword')}>
            <Input allowClear maxLength={64} placeholder={t('payment.payments.keywordPlaceholder')} />
          </Form.Item>
        </Col>
      </FilterCard>
      <Card variant="borderless" title={t('payment.payments.title')} extra={<ListToolbar onRefresh={() => void load()} />}>
        <Table<PaymentListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1500 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payment.payments.empty')} /> }}
          pagination={list.pagination}
        />
      </Card>
      <PaymentDetailDrawer payment={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
