import { useCallback, useMemo, useState } from 'react';
import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Form, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, COMPLAINT_CHANNELS, COMPLAINT_CHANNEL_LABELS, COMPLAINT_KINDS, COMPLAINT_KIND_LABELS, COMPLAINT_STATUSES, COMPLAINT_STATUS_LABELS,
  type AdminComplaintListItem, type ComplaintCategory, type ComplaintChannel, type ComplaintKind, type ComplaintStatus,
} from '@dzky/contracts';
import { FilterCard, ListToolbar, usePagedList } from '../../../../components/data-table';
import { useProfile } from '../../../../session';
import { formatTime } from '../../../../utils/time';
import { labelOf, optionsOf } from '../../../archive/components/labels';
import { OperatorFilter } from '../../../finance/payments/components/FinanceTags';
import { feedbackApi } from '../service';
import ComplaintDrawer from './ComplaintDrawer';
import HotlineComplaintModal from './HotlineComplaintModal';
import { ComplaintStatusTag } from './labels';

interface Filters {
  keyword?: string;
  kind?: ComplaintKind;
  category?: ComplaintCategory;
  status?: ComplaintStatus;
  channel?: ComplaintChannel;
  orgId?: number;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** Complaints and suggestions to handle, newest first, filtered by type, category, state, operator and day. */
export default function ComplaintsTab() {
  const { t } = useTranslation();
  const me = useProfile();
  const [form] = Form.useForm<Filters>();
  const initial = useMemo<Filters>(() => ({}), []);
  const list = usePagedList(
    (f: Filters, paging) =>
      feedbackApi.complaints({
        ...paging, keyword: f.keyword?.trim() || undefined, kind: f.kind, category: f.category, status: f.status, channel: f.channel, orgId: f.orgId,
        dateFrom: f.dates?.[0]?.format('YYYY-MM-DD'), dateTo: f.dates?.[1]?.format('YYYY-MM-DD'),
      }),
    initial,
  );
  const [openId, setOpenId] = useState<number | null>(null);
  const close = useCallback(() => setOpenId(null), []);
  const [logging, setLogging] = useState(false);

  const columns: TableColumnsType<AdminComplaintListItem> = [
    {
      title: t('feedback.complaints.no'),
      dataIndex: 'complaintNo',
      width: 190,
      render: (v: string, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(r.id)}>
          {v}
        </Button>
      ),
    },
    {
      title: t('feedback.common.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (v: ComplaintKind, r) => (
        <>
          {labelOf(COMPLAINT_KIND_LABELS, v)}
          {r.channel === 'hotline' && (
            <Tag bordered={false} color="purple" style={{ marginInlineStart: 6 }}>
              {labelOf(COMPLAINT_CHANNEL_LABELS, r.channel)}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('feedback.common.category'), dataIndex: 'category', width: 100, render: (v: ComplaintCategory) => labelOf(COMPLAINT_CATEGORY_LABELS, v) },
    { title: t('feedback.complaints.summary'), dataIndex: 'summary', ellipsis: true },
    { title: t('feedback.common.orderNo'), dataIndex: 'orderNo', width: 190, render: (v: string | null) => v ?? '-' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (v: ComplaintStatus) => <ComplaintStatusTag status={v} /> },
    ...(me.orgKind === 'platform'
      ? [{ title: t('feedback.common.operator'), dataIndex: 'orgName', width: 140, ellipsis: true, render: (v: string | null) => v ?? t('feedback.common.platform') } as const]
      : []),
    { title: t('feedback.common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setOpenId(r.id)} data-testid={`handle-${r.id}`}>
          {t('feedback.complaints.handle')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <FilterCard form={form} onSearch={list.search} initialValues={initial}>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="keyword" label={t('feedback.complaints.keyword')}>
            <Input allowClear maxLength={32} placeholder={t('feedback.complaints.keywordPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="kind" label={t('feedback.common.kind')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(COMPLAINT_KINDS, COMPLAINT_KIND_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="category" label={t('feedback.common.category')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="status" label={t('common.status')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(COMPLAINT_STATUSES, COMPLAINT_STATUS_LABELS)} aria-label={t('common.status')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="channel" label={t('feedback.common.channel')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(COMPLAINT_CHANNELS, COMPLAINT_CHANNEL_LABELS)} aria-label={t('feedback.common.channel')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="dates" label={t('feedback.common.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <OperatorFilter />
      </FilterCard>
      <Card variant="borderless" title={t('feedback.complaints.title')} extra={
          <ListToolbar onRefresh={() => void list.load()}>
            <Button type="primary" icon={<PhoneOutlined />} onClick={() => setLogging(true)} data-testid="hotline-log">
              {t('feedback.hotline.open')}
            </Button>
          </ListToolbar>
        }
      >
        <Table<AdminComplaintListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feedback.complaints.empty')} /> }}
          pagination={list.pagination}
        />
      </Card>
      <ComplaintDrawer id={openId} onClose={close} onChanged={() => void list.load()} />
      <HotlineComplaintModal
        open={logging}
        onClose={() => setLogging(false)}
        onLogged={(item) => {
          setLogging(false);
          void list.load();
          setOpenId(item.id);
        }}
      />
    </>
  );
}
