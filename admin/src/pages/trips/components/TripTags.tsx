import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  SERVICE_LEVEL_LABELS,
  TRIP_STATUS_LABELS,
  VEHICLE_TYPE_LABELS,
  type ServiceLevel,
  type TripSaleState,
  type TripStatus,
  type TripView,
  type VehicleType,
} from '@dzky/contracts';
import { labelOf } from '../../archive/components/labels';
import { OCCUPANCY_COLOR, occupancyLevel, segmentRows } from '../model';

const STATUS_COLOR: Record<TripStatus, string> = {
  on_sale: 'blue',
  suspended: 'orange',
  cancelled: 'red',
  departed: 'cyan',
  completed: 'default',
};

const SALE_COLOR: Record<TripSaleState, string> = {
  open: 'green',
  not_yet_open: 'default',
  closed: 'default',
  sold_out: 'volcano',
  suspended: 'orange',
  cancelled: 'red',
};

/** 状态: the trip's status and, while it is on sale, whether it can be booked now; 临时 for added trips. */
export function TripStatusTags({ trip }: { trip: Pick<TripView, 'status' | 'saleState' | 'temporary'> }) {
  const { t } = useTranslation();
  // suspended and cancelled say the same thing twice; the sale state adds news only on a trip on sale
  const showSale = trip.status === 'on_sale';
  return (
    <Space size={[4, 4]} wrap>
      <Tag color={STATUS_COLOR[trip.status]} bordered={false}>
        {labelOf(TRIP_STATUS_LABELS, trip.status)}
      </Tag>
      {showSale && (
        <Tag color={SALE_COLOR[trip.saleState]} data-sale-state={trip.saleState}>
          {t(`trip.saleState.${trip.saleState}`)}
        </Tag>
      )}
      {trip.temporary && (
        <Tooltip title={t('trip.trips.temporaryHint')}>
          <Tag color="purple" bordered={false}>
            {t('trip.trips.temporary')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

export function ServiceLevelTag({ level }: { level: ServiceLevel }) {
  const color = level === 'business' ? 'gold' : level === 'comfort' ? 'geekblue' : undefined;
  return (
    <Tag color={color} bordered={false}>
      {labelOf(SERVICE_LEVEL_LABELS, level)}
    </Tag>
  );
}

export const vehicleTypeLabel = (v: VehicleType) => labelOf(VEHICLE_TYPE_LABELS, v);

/**
 * A small bar per segment (stop k → k+1), filled as far as its seats are taken: the list's glance
 * at where a trip is full. `stopNames` (by seq) names the segments on hover when known.
 */
export function SegmentBar({ trip, stopNames }: { trip: Pick<TripView, 'segments' | 'capacity'>; stopNames?: (seq: number) => string | undefined }) {
  const { t } = useTranslation();
  const rows = segmentRows(trip);
  if (rows.length === 0) return <Typography.Text type="secondary">-</Typography.Text>;
  const width = Math.max(6, Math.min(16, Math.floor(112 / rows.length)));
  return (
    <div className="dzky-segbar" role="img" aria-label={t('trip.trips.segments')} style={{ display: 'inline-flex', gap: 2, alignItems: 'flex-end' }}>
      {rows.map((s) => {
        const level = occupancyLevel(s.sold, trip.capacity);
        const pct = trip.capacity > 0 ? Math.min(100, Math.round((s.sold / trip.capacity) * 100)) : 100;
        const from = stopNames?.(s.segNo);
        const to = stopNames?.(s.segNo + 1);
        const name = from && to ? `${from} → ${to}` : t('trip.trips.segmentNo', { no: s.segNo });
        return (
          <Tooltip key={s.segNo} title={`${name}：${t('trip.trips.soldOf', { sold: s.sold, capacity: trip.capacity })}`}>
            <span
              data-segment={s.segNo}
              data-sold={s.sold}
              data-level={level}
              style={{ position: 'relative', display: 'inline-block', width, height: 20, background: '#f0f0f0', borderRadius: 2, overflow: 'hidden' }}
            >
              <span style={{ position: 'absolute', left: 0, right: 0, bottom: 0, height: `${pct}%`, background: OCCUPANCY_COLOR[level] }} />
            </span>
          </Tooltip>
        );
      })}
    </div>
  );
}
