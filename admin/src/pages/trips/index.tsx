import { useCallback, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Dropdown,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Typography,
  type MenuProps,
  type TableColumnsType,
} from 'antd';
import { CalendarOutlined, DownOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { TRIP_STATUSES, TRIP_STATUS_LABELS, type RouteListItem, type TripQuery, type TripStatus, type TripView } from '@dzky/contracts';
import { canDo } from '../../access';
import { FilterCard, ListToolbar, usePagedList } from '../../components/data-table';
import PageContainer from '../../components/PageContainer';
import { useProfile } from '../../session';
import { optionsOf } from '../archive/components/labels';
import BatchDrawer from './components/BatchDrawer';
import CancelTripModal from './components/CancelTripModal';
import RouteSelect from './components/RouteSelect';
import TripDetailDrawer from './components/TripDetailDrawer';
import TripFormDrawer from './components/TripFormDrawer';
import { SegmentBar, ServiceLevelTag, TripStatusTags, vehicleTypeLabel } from './components/TripTags';
import { beijingDay, isoWeekday } from './model';
import { tripApi } from './service';
import './trips.css';

interface Filters {
  dates?: [Dayjs | null, Dayjs | null] | null;
  routeId?: number;
  status?: TripStatus;
  keyword?: string;
}

const defaultDates = (): [Dayjs, Dayjs] => [dayjs(beijingDay(0)), dayjs(beijingDay(7))];

const toQuery = (f: Filters, paging: { page: number; pageSize: number }): TripQuery => ({
  ...paging,
  dateFrom: f.dates?.[0]?.format('YYYY-MM-DD'),
  dateTo: f.dates?.[1]?.format('YYYY-MM-DD'),
  routeId: f.routeId,
  status: f.status,
  keyword: f.keyword?.trim() || undefined,
});

/** 班次管理: departures by day, with seats taken per segment, and what can be done to each. */
export default function TripsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('trip.write', me.permissions);
  const navigate = useNavigate();
  const { id } = useParams();
  const detailId = id && /^\d+$/.test(id) ? Number(id) : null;
  const [filterForm] = Form.useForm<Filters>();
  const initialFilters = useMemo<Filters>(() => ({ dates: defaultDates() }), []);
  const list = usePagedList((f: Filters, paging) => tripApi.list(toQuery(f, paging)), initialFilters);
  const { load } = list;
  const [routes, setRoutes] = useState<Map<number, RouteListItem>>(new Map());
  const [editing, setEditing] = useState<{ trip: TripView | null } | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const [cancelling, setCancelling] = useState<TripView | null>(null);

  const rememberRoutes = useCallback((rows: RouteListItem[]) => {
    setRoutes((cur) => {
      const next = new Map(cur);
      for (const r of rows) next.set(r.id, r);
      return next;
    });
  }, []);

  const openDetail = (trip: TripView) => navigate(`/trips/${trip.id}`);
  const closeDetail = useCallback(() => navigate('/trips'), [navigate]);

  const suspendOrResume = (trip: TripView) => {
    const suspend = trip.status === 'on_sale';
    modal.confirm({
      title: t(suspend ? 'trip.trips.confirmSuspend' : 'trip.trips.confirmResume', { trip: `${trip.departDate} ${trip.departTime} ${trip.routeName}` }),
      content: suspend ? t('trip.trips.suspendHint') : undefined,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: suspend },
      onOk: async () => {
        try {
          await (suspend ? tripApi.suspend(trip.id) : tripApi.resume(trip.id));
          message.success(t(suspend ? 'trip.trips.suspended' : 'trip.trips.resumed'));
          await load();
        } catch {
          // reported by the request wrapper
        }
      },
    });
  };

  const weekday = (date: string) => t(`trip.weekdays.${isoWeekday(date)}`);

  const columns: TableColumnsType<TripView> = [
    {
      title: t('trip.trips.departure'),
      key: 'departure',
      width: 140,
      fixed: 'left',
      render: (_, r) => (
        <div>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {r.departTime}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {r.departDate} {weekday(r.departDate)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('trip.trips.route'),
      key: 'route',
      width: 220,
      render: (_, r) => {
        const route = routes.get(r.routeId);
        return (
          <div>
            <Typography.Text strong>{route ? `${route.from} → ${route.to}` : r.routeName}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.routeCode} · {r.lineName}
              </Typography.Text>
            </div>
          </div>
        );
      },
    },
    {
      title: t('trip.trips.vehicle'),
      key: 'vehicle',
      width: 140,
      render: (_, r) => (
        <Space size={4} wrap>
          <ServiceLevelTag level={r.serviceLevel} />
          <Typography.Text>{vehicleTypeLabel(r.vehicleType)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('trip.trips.seats'),
      key: 'seats',
      width: 170,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Typography.Text>
            <Typography.Text strong type={r.seatsLeft === 0 ? 'danger' : undefined} data-testid="seats-left">
              {t('trip.trips.seatsLeftShort', { left: r.seatsLeft })}
            </Typography.Text>
            <Typography.Text type="secondary"> / {r.capacity}</Typography.Text>
          </Typography.Text>
          <SegmentBar trip={r} />
        </Space>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 160,
      render: (_, r) => <TripStatusTags trip={r} />,
    },
    {
      title: t('trip.trips.tickets'),
      dataIndex: 'ticketCount',
      width: 84,
      align: 'right',
    },
    ...(me.orgKind === 'platform'
      ? [{ title: t('trip.common.operator'), dataIndex: 'orgName', width: 140, ellipsis: true } as const]
      : []),
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 170 : 80,
      fixed: 'right',
      render: (_, r) => {
        const live = r.status === 'on_sale' || r.status === 'suspended';
        const more: MenuProps['items'] = [
          { key: 'toggle', label: r.status === 'on_sale' ? t('trip.trips.suspend') : t('trip.trips.resume') },
          { type: 'divider' },
          { key: 'cancel', label: t('trip.trips.cancel'), danger: true },
        ];
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => openDetail(r)}>
              {t('common.view')}
            </Button>
            {canWrite && live && (
              <>
                <Button type="link" size="small" onClick={() => setEditing({ trip: r })}>
                  {t('common.edit')}
                </Button>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: more,
                    onClick: ({ key }) => (key === 'cancel' ? setCancelling(r) : suspendOrResume(r)),
                  }}
                >
                  <Button type="link" size="small" aria-label={t('common.more')}>
                    {t('common.more')} <DownOutlined />
                  </Button>
                </Dropdown>
              </>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <PageContainer subTitle={t('trip.trips.subtitle')}>
      <FilterCard form={filterForm} onSearch={list.search} initialValues={initialFilters}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="dates" label={t('trip.trips.dateRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="routeId" label={t('trip.trips.route')}>
            <RouteSelect onLoaded={rememberRoutes} aria-label={t('trip.trips.route')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="status" label={t('common.status')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(TRIP_STATUSES, TRIP_STATUS_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="keyword" label={t('trip.common.keyword')}>
            <Input allowClear maxLength={64} placeholder={t('trip.trips.keywordPlaceholder')} />
          </Form.Item>
        </Col>
      </FilterCard>
      <Card
        variant="borderless"
        title={t('trip.trips.listTitle')}
        extra={
          <ListToolbar onRefresh={() => void load()}>
            {canWrite && (
              <>
                <Button icon={<CalendarOutlined />} onClick={() => setBatchOpen(true)}>
                  {t('trip.batch.open')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ trip: null })}>
                  {t('trip.trips.create')}
                </Button>
              </>
            )}
          </ListToolbar>
        }
      >
        <Table<TripView>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1100 }}
          rowClassName={(r) => (r.status === 'cancelled' ? 'dzky-row-muted' : '')}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trip.trips.empty')} />,
          }}
          pagination={list.pagination}
        />
      </Card>
      <TripFormDrawer
        open={editing !== null}
        trip={editing?.trip ?? null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
          if (!editing?.trip) openDetail(saved);
        }}
      />
      <BatchDrawer open={batchOpen} onClose={() => setBatchOpen(false)} onDone={() => void load()} />
      <CancelTripModal trip={cancelling} onClose={() => setCancelling(null)} onCancelled={() => void load()} />
      <TripDetailDrawer
        id={detailId}
        canWrite={canWrite}
        onClose={closeDetail}
        onEdit={(trip) => setEditing({ trip })}
        onCancel={(trip) => setCancelling(trip)}
        version={list.data}
      />
    </PageContainer>
  );
}

