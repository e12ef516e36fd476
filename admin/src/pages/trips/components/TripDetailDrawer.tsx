import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Progress,
  Row,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ID_TYPE_LABELS, TICKET_STATUS_LABELS, TICKET_TYPE_LABELS, type RouteView, type TicketStatus } from '@dzky/contracts';
import { canDo } from '../../../access';
import { MapView, type MapMarker } from '../../../components/map';
import { useProfile } from '../../../session';
import { formatTime } from '../../../utils/time';
import { labelOf } from '../../archive/components/labels';
import { nameOf } from '../../basedata/utils';
import { callingStops, OCCUPANCY_COLOR, occupancyLevel, segmentRows, type CallingStop } from '../model';
import { getRoute, tripApi, type ManifestTicket, type TripManifest, type TripWithStops } from '../service';
import { ServiceLevelTag, TripStatusTags, vehicleTypeLabel } from './TripTags';

const TICKET_COLOR: Partial<Record<TicketStatus, string>> = {
  held: 'orange',
  issued: 'blue',
  checked: 'green',
  used: 'green',
  refunding: 'volcano',
  refunded: 'default',
  released: 'default',
  rebooked: 'default',
};

interface Props {
  id: number | null;
  canWrite: boolean;
  onClose(): void;
  onEdit(trip: TripWithStops): void;
  onCancel(trip: TripWithStops): void;
  /** changes when the list reloaded (after an edit or a cancellation), so the detail follows */
  version?: unknown;
}

/** A trip's page: where it stops and when, how full each segment is, and who is on it (乘客名单). */
export default function TripDetailDrawer({ id, canWrite, onClose, onEdit, onCancel, version }: Props) {
  const { t } = useTranslation();
  const me = useProfile();
  const [trip, setTrip] = useState<TripWithStops | null>(null);
  const [route, setRoute] = useState<RouteView | null>(null);
  const [tab, setTab] = useState('stops');
  const [manifest, setManifest] = useState<TripManifest | null>(null);
  const [manifestLoading, setManifestLoading] = useState(false);

  useEffect(() => {
    setTrip(null);
    setRoute(null);
    setManifest(null);
    setTab('stops');
    if (id === null) return;
    let live = true;
    tripApi.get(id).then(
      (tr) => {
        if (!live) return;
        setTrip(tr);
        if (!tr.stops?.length) getRoute(tr.routeId).then((r) => live && setRoute(r), () => undefined);
      },
      () => live && onClose(),
    );
    return () => {
      live = false;
    };
  }, [id, onClose]);

  // after the list reloaded (an edit, a cancellation) the open trip is read again
  useEffect(() => {
    if (id === null || !trip) return;
    let live = true;
    tripApi.get(id).then((tr) => live && setTrip(tr), () => undefined);
    if (manifest) void loadManifest();
    return () => {
      live = false;
    };
  }, [version]);

  const loadManifest = async () => {
    if (id === null) return;
    setManifestLoading(true);
    try {
      setManifest(await tripApi.manifest(id));
    } catch {
      // reported by the request wrapper
    } finally {
      setManifestLoading(false);
    }
  };

  useEffect(() => {
    if (tab === 'manifest' && !manifest && !manifestLoading) void loadManifest();
  }, [tab]);

  const stops = useMemo(() => (trip ? callingStops(trip, route) : []), [trip, route]);
  const stopName = (seq: number) => {
    const s = stops.find((x) => x.seq === seq);
    return s ? nameOf(s.name) : `#${seq}`;
  };

  const live = trip && (trip.status === 'on_sale' || trip.status === 'suspended');
  const title = trip ? `${trip.departDate} ${trip.departTime} · ${trip.routeName}` : t('trip.detail.title');

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={960}
      title={
        <Space size={8} wrap>
          <span>{title}</span>
          {trip && <TripStatusTags trip={trip} />}
        </Space>
      }
      destroyOnHidden
      extra={
        trip && (
          <Space>
            {canDo('order.read', me.permissions) && (
              <Link to={`/orders?tripId=${trip.id}`}>
                <Button>{t('trip.detail.orders')}</Button>
              </Link>
            )}
            {canWrite && live && (
              <>
                <Button icon={<EditOutlined />} onClick={() => onEdit(trip)}>
                  {t('common.edit')}
                </Button>
                <Button danger icon={<StopOutlined />} onClick={() => onCancel(trip)}>
                  {t('trip.trips.cancel')}
                </Button>
              </>
            )}
          </Space>
        )
      }
    >
      {!trip ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label={t('trip.detail.line')} span={2}>
              {trip.lineName} <Typography.Text type="secondary">（{trip.licenceNo}）</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('trip.trips.route')}>
              {trip.routeCode} · {trip.routeName}
            </Descriptions.Item>
            <Descriptions.Item label={t('trip.detail.departAt')}>{formatTime(trip.departAt, 'YYYY-MM-DD HH:mm')}</Descriptions.Item>
            <Descriptions.Item label={t('trip.detail.arriveAt')}>{formatTime(trip.arriveAt, 'YYYY-MM-DD HH:mm')}</Descriptions.Item>
            <Descriptions.Item label={t('trip.trips.vehicle')}>
              <Space size={4}>
                <ServiceLevelTag level={trip.serviceLevel} />
                {vehicleTypeLabel(trip.vehicleType)}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('trip.form.capacity')}>
              {trip.capacity}
              {trip.seatSelection && (
                <Tag bordered={false} color="blue" style={{ marginInlineStart: 8 }}>
                  {t('trip.form.seatSelection')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('trip.detail.seatsLeft')}>
              <Typography.Text strong type={trip.seatsLeft === 0 ? 'danger' : undefined}>
                {trip.seatsLeft}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('trip.trips.tickets')}>{trip.ticketCount}</Descriptions.Item>
            {me.orgKind === 'platform' && <Descriptions.Item label={t('trip.common.operator')}>{trip.orgName}</Descriptions.Item>}
            <Descriptions.Item label={t('trip.form.remark')} span={me.orgKind === 'platform' ? 2 : 3}>
              {trip.remark || '-'}
            </Descriptions.Item>
            {trip.status === 'cancelled' && (
              <Descriptions.Item label={t('trip.detail.cancelReason')} span={3}>
                <Typography.Text type="danger">{trip.cancelReason ?? '-'}</Typography.Text>
                {trip.cancelledAt && <Typography.Text type="secondary"> · {formatTime(trip.cancelledAt, 'YYYY-MM-DD HH:mm')}</Typography.Text>}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'stops',
                label: t('trip.detail.stopsTab'),
                children: (
                  <Row gutter={32}>
                    <Col xs={24} lg={9}>
                      <Typography.Title level={5}>{t('trip.detail.stops')}</Typography.Title>
                      <StopTimeline stops={stops} />
                    </Col>
                    <Col xs={24} lg={15}>
                      <Typography.Title level={5}>{t('trip.detail.occupancy')}</Typography.Title>
                      <SegmentChart trip={trip} stops={stops} stopName={stopName} />
                    </Col>
                  </Row>
                ),
              },
              {
                key: 'manifest',
                label: t('trip.detail.manifestTab', { count: trip.ticketCount }),
                children: <ManifestTable tickets={manifest?.tickets ?? []} loading={manifestLoading || !manifest} stopName={stopName} />,
              },
              {
                key: 'map',
                label: t('trip.detail.mapTab'),
                children: <TripMap stops={stops} />,
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

function StopTimeline({ stops }: { stops: CallingStop[] }) {
  const { t } = useTranslation();
  if (stops.length === 0) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <Timeline
      data-testid="trip-stops"
      items={stops.map((s, i) => ({
        key: s.seq,
        color: i === 0 ? 'green' : i === stops.length - 1 ? 'red' : 'blue',
        children: (
          <div>
            <Space size={6} wrap>
              <Typography.Text strong>{formatTime(s.plannedAt, 'HH:mm')}</Typography.Text>
              <Typography.Text>{nameOf(s.name)}</Typography.Text>
              {s.pickup && (
                <Tag bordered={false} color="green">
                  {t('trip.detail.pickup')}
                </Tag>
              )}
              {s.dropoff && (
                <Tag bordered={false} color="orange">
                  {t('trip.detail.dropoff')}
                </Tag>
              )}
            </Space>
            {s.address && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.address}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

/** One bar per segment: seats held or sold out of the capacity, coloured by how full it is. */
function SegmentChart({ trip, stops, stopName }: { trip: TripWithStops; stops: CallingStop[]; stopName(seq: number): string }) {
  const { t } = useTranslation();
  const rows = segmentRows(trip, stops.length || undefined);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="segment-chart">
      {rows.map((s) => {
        const level = occupancyLevel(s.sold, trip.capacity);
        return (
          <div className="dzky-segchart__row" key={s.segNo} data-segment={s.segNo}>
            <Typography.Text ellipsis={{ tooltip: true }}>
              {stopName(s.segNo)} → {stopName(s.segNo + 1)}
            </Typography.Text>
            <Tooltip title={t('trip.trips.soldOf', { sold: s.sold, capacity: trip.capacity })}>
              <Progress
                percent={trip.capacity > 0 ? Math.round((s.sold / trip.capacity) * 100) : 100}
                strokeColor={OCCUPANCY_COLOR[level]}
                showInfo={false}
                size={['100%', 14]}
              />
            </Tooltip>
            <Typography.Text type={level === 'high' ? 'danger' : undefined} style={{ textAlign: 'right' }}>
              {s.sold}/{trip.capacity}
            </Typography.Text>
          </div>
        );
      })}
      <Space size={16} style={{ marginTop: 12 }}>
        {(['low', 'mid', 'high'] as const).map((l) => (
          <Space key={l} size={4}>
            <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: OCCUPANCY_COLOR[l] }} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`trip.detail.level.${l}`)}
            </Typography.Text>
          </Space>
        ))}
      </Space>
    </div>
  );
}

/** The passenger's own door-to-door point (its address, else its coordinates), or null at a fixed stop. */
function doorText(p: ManifestTicket['pickup'] | null | undefined): string | null {
  const point = p?.point;
  if (!point) return null;
  return point.address || `${point.lng.toFixed(5)}, ${point.lat.toFixed(5)}`;
}

function ManifestTable({ tickets, loading, stopName }: { tickets: ManifestTicket[]; loading: boolean; stopName(seq: number): string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ManifestTicket> = [
    { title: t('trip.manifest.rider'), dataIndex: 'riderName', width: 100, fixed: 'left' },
    {
      title: t('trip.manifest.idNumber'),
      key: 'id',
      width: 160,
      render: (_, r) => (
        <div>
          <Typography.Text>{r.idNumberMasked}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labelOf(ID_TYPE_LABELS, r.idType)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('trip.manifest.ticketType'), dataIndex: 'ticketType', width: 90, render: (v: ManifestTicket['ticketType']) => labelOf(TICKET_TYPE_LABELS, v) },
    { title: t('trip.manifest.seat'), dataIndex: 'seatNo', width: 60, render: (v: number | null) => v ?? '-' },
    {
      title: t('trip.manifest.journey'),
      key: 'journey',
      width: 200,
      render: (_, r) => {
        const pickup = doorText(r.pickup);
        const dropoff = doorText(r.dropoff);
        const zones = [r.pickup?.zoneName, r.dropoff?.zoneName].filter(Boolean).join(' → ');
        return (
          <div>
            <Typography.Text>
              {r.pickup ? nameOf(r.pickup.stopName) : stopName(r.fromSeq)} → {r.dropoff ? nameOf(r.dropoff.stopName) : stopName(r.toSeq)}
            </Typography.Text>
            {r.pickup?.plannedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {formatTime(r.pickup.plannedAt, 'HH:mm')}
              </Typography.Text>
            )}
            {(pickup || dropoff) && (
              <div style={{ fontSize: 12 }}>
                <Tooltip title={zones || undefined}>
                  <Tag bordered={false} color="purple" style={{ marginInlineEnd: 4 }}>
                    {t('trip.manifest.door')}
                  </Tag>
                </Tooltip>
                {pickup && (
                  <div>
                    <Typography.Text type="secondary">{t('trip.manifest.pickupAt')}：{pickup}</Typography.Text>
                  </div>
                )}
                {dropoff && (
                  <div>
                    <Typography.Text type="secondary">{t('trip.manifest.dropoffAt')}：{dropoff}</Typography.Text>
                  </div>
                )}
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: t('trip.manifest.order'),
      dataIndex: 'orderNo',
      width: 180,
      render: (v: string) => <Link to={`/orders?keyword=${encodeURIComponent(v)}&open=1`}>{v}</Link>,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: TicketStatus) => (
        <Tag color={TICKET_COLOR[v]} bordered={false}>
          {labelOf(TICKET_STATUS_LABELS, v)}
        </Tag>
      ),
    },
  ];
  return (
    <Table<ManifestTicket>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={tickets}
      loading={loading}
      scroll={{ x: 880 }}
      pagination={tickets.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trip.manifest.empty')} /> }}
    />
  );
}

function TripMap({ stops }: { stops: CallingStop[] }) {
  const markers: MapMarker[] = stops.map((s, i) => ({
    id: `stop-${s.seq}`,
    position: [s.lng, s.lat],
    label: String(s.seq),
    title: `${nameOf(s.name)} ${formatTime(s.plannedAt, 'HH:mm')}`,
    color: i === 0 ? '#52c41a' : i === stops.length - 1 ? '#ff4d4f' : '#1677ff',
  }));
  if (stops.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <MapView
      height={420}
      markers={markers}
      polylines={[{ id: 'route', path: stops.map((s) => [s.lng, s.lat]), color: '#1677ff', weight: 4 }]}
      fitKey={stops.map((s) => s.seq).join(',')}
      data-testid="trip-map"
    />
  );
}
