import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Col, DatePicker, Empty, Form, Input, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  REFUND_REASONS,
  REFUND_REASON_LABELS,
  REFUND_STATUSES,
  REFUND_STATUS_LABELS,
  type RefundListItem,
  type RefundQuery,
  type RefundReason,
  type RefundStatus,
} from '@dzky/contracts';
import { canAccess, canDo } from '../../../access';
import { FilterCard, ListToolbar, usePagedList } from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { formatTime } from '../../../utils/time';
import { labelOf, optionsOf } from '../../archive/components/labels';
import { daysOf, OperatorFilter, RefundStatusTag, yuan } from '../payments/components/FinanceTags';
import ResolveModal from './components/ResolveModal';
import { refundApi } from './service';

type View = 'all' | 'abnormal';

interface Filters {
  view: View;
  orgId?: number;
  status?: RefundStatus;
  reason?: RefundReason;
  dates?: [Dayjs | null, Dayjs | null] | null;
  keyword?: string;
}

const toQuery = (f: Filters, paging: { page: number; pageSize: number }): RefundQuery => ({
  ...paging,
  orgId: f.orgId,
  status: f.view === 'abnormal' ? 'abnormal' : f.status,
  reason: f.reason,
  keyword: f.keyword?.trim() || undefined,
  ...daysOf(f.dates),
});

/**
 * 退款管理: every refund, and the abnormal ones WeChat Pay could not pay back, which finance
 * pays back another way and marks 线下处理完成 with a note. `?status=abnormal` opens on those.
 */
export default function RefundsPage() {
  const { t } = useTranslation();
  const me = useProfile();
  const canWrite = canDo('finance.write', me.permissions);
  const showOrder = canAccess('/orders', me.permissions);
  const [params] = useSearchParams();
  const [filterForm] = Form.useForm<Omit<Filters, 'view'>>();
  const list = usePagedList(
    (f: Filters, paging) => refundApi.list(toQuery(f, paging)),
    { view: params.get('status') === 'abnormal' ? 'abnormal' : 'all' } as Filters,
  );
  const { load, search, filters } = list;
  const [abnormal, setAbnormal] = useState<number | null>(null);
  const [resolving, setResolving] = useState<RefundListItem | null>(null);

  const countAbnormal = useCallback(() => {
    refundApi.abnormalCount(filters.orgId).then(setAbnormal, () => undefined);
  }, [filters.orgId]);
  useEffect(countAbnormal, [countAbnormal]);

  const setView = (view: View) => {
    // the status filter belongs to the 全部 view only
    filterForm.setFieldValue('status', undefined);
    search({ ...filters, view, status: undefined });
  };

  const columns: TableColumnsType<RefundListItem> = [
    {
      title: t('payment.refunds.refundNo'),
      dataIndex: 'outRefundNo',
      width: 200,
      fixed: 'left',
      render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
    },
    {
      title: t('payment.common.orderNo'),
      dataIndex: 'orderNo',
      width: 190,
      render: (v: string) => (showOrder ? <Link to={`/orders?keyword=${encodeURIComponent(v)}&open=1`}>{v}</Link> : v),
    },
    { title: t('payment.common.operator'), dataIndex: 'orgName', width: 120, ellipsis: true },
    { title: t('payment.refunds.reason'), dataIndex: 'reason', width: 120, render: (v: RefundReason) => labelOf(REFUND_REASON_LABELS, v) },
    {
      title: t('payment.refunds.tickets'),
      dataIndex: 'ticketNos',
      width: 160,
      render: (v: string[]) => (
        <Space direction="vertical" size={0}>
          {v.map((no) => (
            <Typography.Text key={no} style={{ fontSize: 12 }}>
              {no}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    { title: t('payment.common.amount'), dataIndex: 'amountFen', width: 100, align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
    { title: t('payment.refunds.fee'), dataIndex: 'feeFen', width: 90, align: 'right', render: (v: number) => yuan(v) },
    { title: t('common.status'), dataIndex: 'status', width: 110, render: (v: RefundStatus) => <RefundStatusTag status={v} /> },
    {
      title: t('payment.refunds.wechatRefundId'),
      dataIndex: 'wechatRefundId',
      width: 200,
      render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }}>{v}</Typography.Text> : '-'),
    },
    {
      title: t('payment.refunds.error'),
      key: 'error',
      width: 200,
      render: (_, r) =>
        r.error || r.resolution ? (
          <Space direction="vertical" size={0}>
            {r.error && (
              <Tooltip title={r.error}>
                <Typography.Text type="danger" ellipsis style={{ maxWidth: 180 }}>
                  {r.error}
                </Typography.Text>
              </Tooltip>
            )}
            {r.resolution && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('payment.refunds.resolution')}：{r.resolution}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '-'
        ),
    },
    {
      title: `${t('payment.refunds.createdAt')} / ${t('payment.refunds.settledAt')}`,
      key: 'times',
      width: 160,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{formatTime(r.createdAt, 'YYYY-MM-DD HH:mm')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.settledAt, 'YYYY-MM-DD HH:mm') || '-'}
          </Typography.Text>
        </Space>
      ),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, r: RefundListItem) =>
              r.status === 'abnormal' ? (
                <Button type="link" size="small" icon={<CheckCircleOutlined />} onClick={() => setResolving(r)}>
                  {t('payment.refunds.resolve')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const tabLabel = (view: View) =>
    view === 'abnormal' ? (
      <Space size={6} data-testid="abnormal-tab">
        {t('payment.refunds.abnormal')}
        <Badge count={abnormal ?? 0} overflowCount={999} />
      </Space>
    ) : (
      t('payment.refunds.all')
    );

  return (
    <PageContainer subTitle={t('payment.refunds.subtitle')}>
      <FilterCard form={filterForm} onSearch={(v) => search({ ...v, view: filters.view })}>
        <OperatorFilter />
        {filters.view === 'all' && (
          <Col xs={24} md={12} xl={4}>
            <Form.Item name="status" label={t('common.status')}>
              <Select allowClear placeholder={t('common.all')} options={optionsOf(REFUND_STATUSES, REFUND_STATUS_LABELS)} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="reason" label={t('payment.refunds.reason')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(REFUND_REASONS, REFUND_REASON_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="dates" label={t('payment.common.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="keyword" label={t('payment.common.keyword')}>
            <Input allowClear maxLength={64} placeholder={t('payment.refunds.keywordPlaceholder')} />
          </Form.Item>
        </Col>
      </FilterCard>
      <Card
        variant="borderless"
        activeTabKey={filters.view}
        onTabChange={(k) => setView(k as View)}
        tabList={(['all', 'abnormal'] as const).map((key) => ({ key, label: tabLabel(key) }))}
        tabBarExtraContent={
          <ListToolbar
            onRefresh={() => {
              void load();
              countAbnormal();
            }}
          />
        }
      >
        {filters.view === 'abnormal' && <Alert type="warning" showIcon message={t('payment.refunds.abnormalHint')} style={{ marginBottom: 16 }} />}
        <Table<RefundListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1900 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filters.view === 'abnormal' ? t('payment.refunds.emptyAbnormal') : t('payment.refunds.empty')}
              />
            ),
          }}
          pagination={list.pagination}
        />
      </Card>
      <ResolveModal
        refund={resolving}
        onClose={() => setResolving(null)}
        onResolved={() => {
          setResolving(null);
          void load();
          countAbnormal();
        }}
      />
    </PageContainer>
  );
}
