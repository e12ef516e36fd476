import { Button, InputNumber, Space, Switch, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CalculatorOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import StopSelect, { type StopOption } from '../../components/StopSelect';
import { nameOf } from '../../utils';
import { estimateSegments, move, newKey, normaliseEnds, totals, type StopRow } from '../route-model';

interface Props {
  rows: StopRow[];
  onChange(rows: StopRow[]): void;
  /** the line's approved stops; empty: any stop of the operator */
  allowed: readonly number[];
  disabled?: boolean;
}

/** The ordered stops of a route: add, reorder, remove; per segment distance and minutes; who may board or alight. */
export default function RouteStopsEditor({ rows, onChange, allowed, disabled }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<StopRow>) =>
    onChange(normaliseEnds(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))));
  const sum = totals(rows);

  const pick = (i: number, stop?: StopOption) =>
    set(
      i,
      stop
        ? {
            stopId: stop.id,
            code: stop.code,
            name: nameOf(stop.name),
            lng: stop.lng,
            lat: stop.lat,
          }
        : {
            stopId: undefined,
            code: undefined,
            name: undefined,
            lng: undefined,
            lat: undefined,
          },
    );

  const columns: TableColumnsType<StopRow> = [
    {
      title: t('basedata.routes.seq'),
      key: 'seq',
      width: 56,
      align: 'center',
      render: (_, __, i) => <Typography.Text strong>{i + 1}</Typography.Text>,
    },
    {
      title: t('basedata.routes.stop'),
      key: 'stop',
      render: (_, r, i) => (
        <StopSelect
          value={r.stopId}
          known={
            r.stopId
              ? [
                  {
                    id: r.stopId,
                    code: r.code ?? '',
                    name: { 'zh-CN': r.name ?? '' },
                    enabled: true,
                    lng: r.lng,
                    lat: r.lat,
                  },
                ]
              : []
          }
          allowed={allowed}
          aria-label={t('basedata.routes.stopAt', { seq: i + 1 })}
          onChange={(_v, stops) => pick(i, stops[0])}
          style={{ width: '100%', minWidth: 180 }}
        />
      ),
    },
    {
      title: t('basedata.routes.distanceKm'),
      key: 'km',
      width: 110,
      render: (_, r, i) =>
        i === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <InputNumber
            value={r.distanceKm}
            min={0}
            max={3000}
            step={0.1}
            precision={1}
            disabled={disabled}
            aria-label={t('basedata.routes.distanceAt', { seq: i + 1 })}
            onChange={(v) => set(i, { distanceKm: v ?? 0 })}
            style={{ width: '100%' }}
          />
        ),
    },
    {
      title: t('basedata.routes.minutes'),
      key: 'min',
      width: 96,
      render: (_, r, i) =>
        i === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <InputNumber
            value={r.minutes}
            min={0}
            max={2880}
            precision={0}
            disabled={disabled}
            aria-label={t('basedata.routes.minutesAt', { seq: i + 1 })}
            onChange={(v) => set(i, { minutes: v ?? 0 })}
            style={{ width: '100%' }}
          />
        ),
    },
    {
      title: t('basedata.routes.pickup'),
      key: 'pickup',
      width: 64,
      align: 'center',
      render: (_, r, i) => (
        <Switch
          size="small"
          checked={r.pickup}
          disabled={disabled || (i === rows.length - 1 && rows.length > 1)}
          aria-label={t('basedata.routes.pickupAt', { seq: i + 1 })}
          onChange={(v) => set(i, { pickup: v })}
        />
      ),
    },
    {
      title: t('basedata.routes.dropoff'),
      key: 'dropoff',
      width: 64,
      align: 'center',
      render: (_, r, i) => (
        <Switch
          size="small"
          checked={r.dropoff}
          disabled={disabled || i === 0}
          aria-label={t('basedata.routes.dropoffAt', { seq: i + 1 })}
          onChange={(v) => set(i, { dropoff: v })}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, __, i) => (
        <Space size={0}>
          <Tooltip title={t('basedata.routes.moveUp')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={disabled || i === 0}
              aria-label={t('basedata.routes.moveUp')}
              onClick={() => onChange(move(rows, i, i - 1))}
            />
          </Tooltip>
          <Tooltip title={t('basedata.routes.moveDown')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={disabled || i === rows.length - 1}
              aria-label={t('basedata.routes.moveDown')}
              onClick={() => onChange(move(rows, i, i + 1))}
            />
          </Tooltip>
          <Tooltip title={t('basedata.routes.removeStop')}>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              disabled={disabled}
              aria-label={t('basedata.routes.removeStop')}
              onClick={() => onChange(normaliseEnds(rows.filter((_, j) => j !== i)))}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Table<StopRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
      />
      <Space
        style={{
          marginTop: 12,
          width: '100%',
          justifyContent: 'space-between',
        }}
        wrap
      >
        <Space wrap>
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={disabled}
            onClick={() =>
              onChange(
                normaliseEnds([
                  ...rows,
                  {
                    key: newKey(),
                    distanceKm: 0,
                    minutes: 0,
                    pickup: true,
                    dropoff: true,
                  },
                ]),
              )
            }
          >
            {t('basedata.routes.addStop')}
          </Button>
          <Tooltip title={t('basedata.routes.estimateHint')}>
            <Button
              icon={<CalculatorOutlined />}
              disabled={disabled || rows.length < 2}
              onClick={() => onChange(estimateSegments(rows))}
            >
              {t('basedata.routes.estimate')}
            </Button>
          </Tooltip>
        </Space>
        <Typography.Text type="secondary">
          {t('basedata.routes.totals', {
            km: sum.km.toFixed(1),
            minutes: sum.minutes,
          })}
        </Typography.Text>
      </Space>
    </div>
  );
}
