import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Form, Row, Skeleton, Statistic, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CATEGORY_LABELS, COMPLAINT_KIND_LABELS, COMPLAINT_STATUSES, COMPLAINT_STATUS_LABELS, RATING_SUB_SCORES, RATING_SUB_SCORE_LABELS,
  type FeedbackStats, type RatingSummary,
} from '@dzky/contracts';
import { FilterCard } from '../../../../components/data-table';
import { labelOf } from '../../../archive/components/labels';
import { OperatorFilter } from '../../../finance/payments/components/FinanceTags';
import { feedbackApi } from '../service';
import BarChart from './BarChart';
import { ratingTagLabel } from './labels';

interface Filters {
  orgId?: number;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

const STARS = ['1★', '2★', '3★', '4★', '5★'];
const avg = (v: number | null) => (v === null ? '-' : v.toFixed(2));

/** Statistics and analysis of ratings: per operator, route and month, tags, aspects, and complaint figures. */
export default function StatsTab() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [data, setData] = useState<FeedbackStats | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await feedbackApi.stats({ orgId: filters.orgId, dateFrom: filters.dates?.[0]?.format('YYYY-MM-DD'), dateTo: filters.dates?.[1]?.format('YYYY-MM-DD') }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [filters]);
  useEffect(() => {
    void load();
  }, [load]);

  const summaryColumns = <T extends RatingSummary>(nameKey: keyof T & string, title: string): TableColumnsType<T> => [
    { title, dataIndex: nameKey, ellipsis: true },
    { title: t('feedback.stats.count'), dataIndex: 'count', width: 90, align: 'right' },
    { title: t('feedback.stats.average'), dataIndex: 'average', width: 90, align: 'right', render: (v: number | null) => avg(v) },
    { title: t('feedback.stats.distribution'), dataIndex: 'distribution', width: 220, render: (d: number[]) => d.map((n, i) => `${i + 1}★ ${n}`).join(' · ') },
  ];

  const monthSeries = useMemo(
    () =>
      data
        ? [
            { name: t('feedback.stats.count'), data: data.byMonth.map((m) => m.count) },
            { name: t('feedback.stats.average'), data: data.byMonth.map((m) => m.average), line: true },
          ]
        : [],
    [data, t],
  );

  return (
    <>
      <FilterCard form={form} onSearch={(v: Filters) => setFilters(v)} initialValues={{}}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="dates" label={t('feedback.common.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <OperatorFilter span={6} />
      </FilterCard>
      {!data ? (
        <Card variant="borderless">{loading ? <Skeleton active /> : <Empty description={t('feedback.stats.none')} />}</Card>
      ) : (
        <div data-testid="feedback-stats">
          <Row gutter={[16, 16]}>
            <Col xs={12} xl={6}>
              <Card variant="borderless" data-testid="stat-count">
                <Statistic title={t('feedback.stats.count')} value={data.ratings.count} />
              </Card>
            </Col>
            <Col xs={12} xl={6}>
              <Card variant="borderless" data-testid="stat-average">
                <Statistic title={t('feedback.stats.average')} value={avg(data.ratings.average)} formatter={() => avg(data.ratings.average)} />
              </Card>
            </Col>
            <Col xs={12} xl={6}>
              <Card variant="borderless" data-testid="stat-complaints">
                <Statistic title={t('feedback.stats.complaints')} value={data.complaints.total} />
              </Card>
            </Col>
            <Col xs={12} xl={6}>
              <Card variant="borderless" data-testid="stat-resolve">
                <Statistic
                  title={t('feedback.stats.resolveHours')}
                  value={data.complaints.averageResolveHours ?? '-'}
                  formatter={() => (data.complaints.averageResolveHours === null ? '-' : String(data.complaints.averageResolveHours))}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.distribution')}>
                <BarChart label={t('feedback.stats.distribution')} categories={STARS} series={[{ name: t('feedback.stats.count'), data: data.ratings.distribution }]} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.byMonth')}>
                <BarChart label={t('feedback.stats.byMonth')} categories={data.byMonth.map((m) => m.month)} series={monthSeries} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.tags')}>
                <BarChart
                  horizontal
                  label={t('feedback.stats.tags')}
                  categories={data.tags.map((x) => ratingTagLabel(x.tag))}
                  series={[{ name: t('feedback.stats.countOf'), data: data.tags.map((x) => x.count) }]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.subScores')}>
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={RATING_SUB_SCORES.map((k) => ({ key: k, name: labelOf(RATING_SUB_SCORE_LABELS, k), ...data.subScores[k] }))}
                  columns={[
                    { title: t('feedback.common.category'), dataIndex: 'name' },
                    { title: t('feedback.stats.count'), dataIndex: 'count', align: 'right' },
                    { title: t('feedback.stats.average'), dataIndex: 'average', align: 'right', render: (v: number | null) => avg(v) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.byOperator')}>
                <Table size="small" rowKey="orgId" pagination={false} dataSource={data.byOperator} columns={summaryColumns<FeedbackStats['byOperator'][number]>('orgName', t('feedback.common.operator'))} data-testid="stats-by-operator" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.byRoute')}>
                <Table size="small" rowKey="routeId" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={data.byRoute} columns={summaryColumns<FeedbackStats['byRoute'][number]>('routeName', t('feedback.common.route'))} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.byCategory')}>
                <Table
                  size="small"
                  rowKey={(r) => `${r.kind}.${r.category}`}
                  pagination={false}
                  dataSource={data.complaints.byCategory}
                  data-testid="stats-by-category"
                  columns={[
                    { title: t('feedback.common.kind'), dataIndex: 'kind', render: (v) => labelOf(COMPLAINT_KIND_LABELS, v) },
                    { title: t('feedback.common.category'), dataIndex: 'category', render: (v) => labelOf(COMPLAINT_CATEGORY_LABELS, v) },
                    { title: t('feedback.stats.countOf'), dataIndex: 'count', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('feedback.stats.byStatus')}>
                <Table
                  size="small"
                  rowKey="status"
                  pagination={false}
                  data-testid="stats-by-status"
                  dataSource={COMPLAINT_STATUSES.map((s) => ({ status: s, count: data.complaints.byStatus[s] }))}
                  columns={[
                    { title: t('common.status'), dataIndex: 'status', render: (v) => labelOf(COMPLAINT_STATUS_LABELS, v) },
                    { title: t('feedback.stats.countOf'), dataIndex: 'count', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </>
  );
}
