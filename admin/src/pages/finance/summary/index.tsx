import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Card, Col, DatePicker, Empty, Form, Row, Skeleton, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FinanceSummary } from '@dzky/contracts';
import { FilterCard, ListToolbar } from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { DISPLAY_TZ } from '../../../utils/time';
import { daysOf, OperatorFilter, yuan } from '../payments/components/FinanceTags';
import DailyChart from './components/DailyChart';
import { financeApi } from './service';

interface Filters {
  orgId?: number;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

type Day = FinanceSummary['days'][number];

/** The last 30 Beijing days up to today: what finance looks at without choosing. */
function defaultDates(): [Dayjs, Dayjs] {
  const today = dayjs().tz(DISPLAY_TZ);
  return [today.subtract(29, 'day'), today];
}

function TotalCard({ title, value, foot, testId, danger }: { title: string; value: string; foot: ReactNode; testId: string; danger?: boolean }) {
  return (
    <Card variant="borderless" data-testid={testId}>
      <Statistic title={title} value={value} formatter={() => value} valueStyle={danger ? { color: '#cf1322' } : undefined} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {foot}
      </Typography.Text>
    </Card>
  );
}

/** 财务汇总: received, refunded, refund fees and net income over a period, per day, and the abnormal refunds waiting. */
export default function FinanceSummaryPage() {
  const { t } = useTranslation();
  const [filterForm] = Form.useForm<Filters>();
  const initial = useMemo<Filters>(() => ({ dates: defaultDates() }), []);
  const [filters, setFilters] = useState<Filters>(initial);
  const [data, setData] = useState<FinanceSummary | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    // a cleared range means the default one again
    const range = daysOf(filters.dates?.[0] && filters.dates?.[1] ? filters.dates : defaultDates()) as { from: string; to: string };
    setLoading(true);
    try {
      setData(await financeApi.summary({ orgId: filters.orgId, ...range }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [filters]);

  useEffect(() => {
    void load();
  }, [load]);

  const labels = useMemo(() => ({ paid: t('payment.summary.paid'), refunded: t('payment.summary.refunded') }), [t]);
  const days = useMemo(() => [...(data?.days ?? [])].sort((a, b) => a.day.localeCompare(b.day)), [data]);
  const totals = data?.totals;

  const columns: TableColumnsType<Day> = [
    { title: t('payment.summary.day'), dataIndex: 'day', width: 120 },
    { title: t('payment.summary.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('payment.summary.paymentsCount'), dataIndex: 'payments', align: 'right', width: 100 },
    { title: t('payment.summary.refunded'), dataIndex: 'refundedFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('payment.summary.refundsCount'), dataIndex: 'refunds', align: 'right', width: 100 },
    { title: t('payment.summary.fee'), dataIndex: 'feeFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('payment.summary.net'), dataIndex: 'netFen', align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
  ];

  return (
    <PageContainer subTitle={t('payment.summary.subtitle')}>
      <FilterCard
        form={filterForm}
        onSearch={(v: Filters) => {
          // 重置 clears the range: show the default one it falls back to
          if (!v.dates?.[0] || !v.dates?.[1]) filterForm.setFieldValue('dates', defaultDates());
          setFilters({ ...v });
        }}
        initialValues={initial}
      >
        <OperatorFilter span={7} />
        <Col xs={24} md={12} xl={9}>
          <Form.Item name="dates" label={t('payment.common.dates')}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </FilterCard>
      {!totals ? (
        <Card variant="borderless">
          <Skeleton active loading={loading} paragraph={{ rows: 6 }}>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          </Skeleton>
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} sm={12} xl={5}>
              <TotalCard testId="total-paid" title={t('payment.summary.paid')} value={yuan(totals.paidFen)} foot={t('payment.summary.payments', { count: totals.payments })} />
            </Col>
            <Col xs={24} sm={12} xl={5}>
              <TotalCard testId="total-refunded" title={t('payment.summary.refunded')} value={yuan(totals.refundedFen)} foot={t('payment.summary.refunds', { count: totals.refunds })} />
            </Col>
            <Col xs={24} sm={12} xl={5}>
              <TotalCard testId="total-fee" title={t('payment.summary.fee')} value={yuan(totals.feeFen)} foot={'\u00a0'} />
            </Col>
            <Col xs={24} sm={12} xl={5}>
              <TotalCard testId="total-net" title={t('payment.summary.net')} value={yuan(totals.netFen)} foot={t('payment.summary.netHint')} />
            </Col>
            <Col xs={24} sm={12} xl={4}>
              <TotalCard
                testId="total-abnormal"
                title={t('payment.summary.abnormal')}
                value={String(totals.abnormalRefunds)}
                danger={totals.abnormalRefunds > 0}
                foot={totals.abnormalRefunds > 0 ? <Link to="/finance/refunds?status=abnormal">{t('payment.summary.handle')}</Link> : t('payment.summary.abnormalHint')}
              />
            </Col>
          </Row>
          <Card variant="borderless" title={t('payment.summary.chart')} style={{ marginBottom: 16 }} extra={<ListToolbar onRefresh={() => void load()} />}>
            {days.length > 0 ? (
              <DailyChart days={days} labels={labels} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payment.summary.empty')} />
            )}
          </Card>
          <Card variant="borderless" title={t('payment.summary.daily')}>
            <Table<Day> rowKey="day" size="small" columns={columns} dataSource={days} loading={loading} pagination={false} scroll={{ x: 760 }} />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
