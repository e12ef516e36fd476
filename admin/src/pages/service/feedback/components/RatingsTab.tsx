import { useMemo } from 'react';
import { Card, Col, DatePicker, Empty, Form, Rate, Select, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AdminRatingListItem, RatingTag } from '@dzky/contracts';
import { FilterCard, ListToolbar, usePagedList } from '../../../../components/data-table';
import { useProfile } from '../../../../session';
import { formatTime } from '../../../../utils/time';
import { OperatorFilter } from '../../../finance/payments/components/FinanceTags';
import { feedbackApi } from '../service';
import { RatingTags, ratingTagOptions } from './labels';

interface Filters {
  score?: number;
  tag?: RatingTag;
  orgId?: number;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** Passengers' ratings, newest first, by score, tag, operator and day. */
export default function RatingsTab() {
  const { t } = useTranslation();
  const me = useProfile();
  const [form] = Form.useForm<Filters>();
  const initial = useMemo<Filters>(() => ({}), []);
  const list = usePagedList(
    (f: Filters, paging) =>
      feedbackApi.ratings({ ...paging, score: f.score, tag: f.tag, orgId: f.orgId, dateFrom: f.dates?.[0]?.format('YYYY-MM-DD'), dateTo: f.dates?.[1]?.format('YYYY-MM-DD') }),
    initial,
  );

  const columns: TableColumnsType<AdminRatingListItem> = [
    { title: t('feedback.common.score'), dataIndex: 'score', width: 150, render: (v: number) => <Rate disabled value={v} style={{ fontSize: 14 }} aria-label={t('feedback.ratings.stars', { n: v })} /> },
    { title: t('feedback.common.tags'), dataIndex: 'tags', width: 220, render: (v: RatingTag[]) => <RatingTags tags={v} /> },
    { title: t('feedback.common.comment'), dataIndex: 'comment', ellipsis: true, render: (v: string | null) => v ?? '-' },
    {
      title: t('feedback.common.route'),
      key: 'route',
      width: 200,
      render: (_, r) => (
        <div>
          <div>{r.routeName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.departAt, 'YYYY-MM-DD HH:mm')}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('feedback.common.orderNo'), dataIndex: 'orderNo', width: 190 },
    ...(me.orgKind === 'platform' ? [{ title: t('feedback.common.operator'), dataIndex: 'orgName', width: 140, ellipsis: true } as const] : []),
    { title: t('feedback.common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm') },
  ];

  return (
    <>
      <FilterCard form={form} onSearch={list.search} initialValues={initial}>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="score" label={t('feedback.common.score')}>
            <Select allowClear placeholder={t('common.all')} options={[5, 4, 3, 2, 1].map((n) => ({ value: n, label: t('feedback.ratings.stars', { n }) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="tag" label={t('feedback.common.tags')}>
            <Select allowClear placeholder={t('common.all')} options={ratingTagOptions()} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="dates" label={t('feedback.common.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <OperatorFilter />
      </FilterCard>
      <Card variant="borderless" title={t('feedback.ratings.title')} extra={<ListToolbar onRefresh={() => void list.load()} />}>
        <Table<AdminRatingListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feedback.ratings.empty')} /> }}
          pagination={list.pagination}
        />
      </Card>
    </>
  );
}
