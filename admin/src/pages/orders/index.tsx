import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ORDER_STATUSES, ORDER_STATUS_LABELS, type AdminOrderListItem, type AdminOrderQuery, type OrderStatus } from '@dzky/contracts';
import { FilterCard, ListToolbar, usePagedList } from '../../components/data-table';
import PageContainer from '../../components/PageContainer';
import { useProfile } from '../../session';
import { formatTime } from '../../utils/time';
import { optionsOf } from '../archive/components/labels';
import OrderDetailDrawer, { yuan } from './components/OrderDetailDrawer';
import { HoldCountdown, OrderStatusTag } from './components/OrderTags';
import { orderApi } from './service';

interface Filters {
  keyword?: string;
  status?: OrderStatus;
  dates?: [Dayjs | null, Dayjs | null] | null;
  tripId?: number;
}

const toQuery = (f: Filters, paging: { page: number; pageSize: number }): AdminOrderQuery => ({
  ...paging,
  keyword: f.keyword?.trim() || undefined,
  status: f.status,
  dateFrom: f.dates?.[0]?.format('YYYY-MM-DD'),
  dateTo: f.dates?.[1]?.format('YYYY-MM-DD'),
  tripId: f.tripId,
});

/**
 * 订单管理: find an online order by its number or the contact phone, by status, departure
 * day or trip, and handle it. `?keyword=…&open=1` (from a trip's passenger list) opens the order.
 */
export default function OrdersPage() {
  const { t } = useTranslation();
  const me = useProfile();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const initial = useMemo<Filters>(() => {
    const tripId = Number(params.get('tripId'));
    return { keyword: params.get('keyword') ?? undefined, tripId: Number.isInteger(tripId) && tripId > 0 ? tripId : undefined };
    // the address is read once, when the page opens
  }, []);
  const list = usePagedList((f: Filters, paging) => orderApi.list(toQuery(f, paging)), initial);
  const { load, search, filters } = list;
  const [openId, setOpenId] = useState<number | null>(null);
  const wantsOpen = useRef(params.get('open') === '1' ? params.get('keyword') : null);

  // from a manifest: open the order once the search found it
  useEffect(() => {
    if (!wantsOpen.current) return;
    const hit = list.items.find((o) => o.orderNo === wantsOpen.current);
    if (hit) {
      wantsOpen.current = null;
      setOpenId(hit.id);
    }
  }, [list.items]);

  const closeDrawer = useCallback(() => setOpenId(null), []);

  const clearTrip = () => {
    const next = { ...filters, tripId: undefined };
    search(next);
    params.delete('tripId');
    setParams(params, { replace: true });
  };

  const columns: TableColumnsType<AdminOrderListItem> = [
    {
      title: t('order.common.orderNo'),
      dataIndex: 'orderNo',
      width: 190,
      fixed: 'left',
      render: (v: string, r) => (
        <div>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(r.id)}>
            {v}
          </Button>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('order.list.contact')} {r.contactPhoneMasked}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('order.list.departure'),
      key: 'departure',
      width: 160,
      render: (_, r) => (
        <div>
          <Typography.Text strong>{formatTime(r.departAt, 'YYYY-MM-DD HH:mm')}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.lineName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('order.list.journey'),
      key: 'journey',
      width: 210,
      render: (_, r) => (
        <Space size={6} wrap>
          <span>{r.fromName}</span>
          <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
          <span>{r.toName}</span>
          {r.mode === 'door' && (
            <Tag bordered={false} color="purple">
              {t('order.mode.door')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('order.list.riders'), dataIndex: 'riderCount', width: 60, align: 'right' },
    { title: t('order.common.amount'), dataIndex: 'totalFen', width: 100, align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
    {
      title: t('common.status'),
      key: 'status',
      width: 130,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <OrderStatusTag status={r.status} />
          {r.status === 'pending_payment' && r.holdExpiresAt && <HoldCountdown until={r.holdExpiresAt} />}
        </Space>
      ),
    },
    ...(me.orgKind === 'platform' ? [{ title: t('order.common.operator'), dataIndex: 'orgName', width: 140, ellipsis: true } as const] : []),
    { title: t('order.common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
          {t('common.view')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer subTitle={t('order.list.subtitle')}>
      <FilterCard form={filterForm} onSearch={(v: Filters) => search({ ...v, tripId: filters.tripId })} initialValues={initial}>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="keyword" label={t('order.list.keyword')}>
            <Input allowClear maxLength={64} placeholder={t('order.list.keywordPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="status" label={t('common.status')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(ORDER_STATUSES, ORDER_STATUS_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="dates" label={t('order.list.departDates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </FilterCard>
      <Card
        variant="borderless"
        title={
          <Space size={8}>
            {t('order.list.title')}
            {filters.tripId && (
              <Tag closable onClose={clearTrip} color="blue" data-testid="trip-filter">
                {t('order.list.tripFilter', { id: filters.tripId })}
              </Tag>
            )}
          </Space>
        }
        extra={<ListToolbar onRefresh={() => void load()} />}
      >
        <Table<AdminOrderListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1070 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('order.list.empty')} /> }}
          pagination={list.pagination}
        />
      </Card>
      <OrderDetailDrawer id={openId} onClose={closeDrawer} onChanged={() => void load()} />
    </PageContainer>
  );
}
