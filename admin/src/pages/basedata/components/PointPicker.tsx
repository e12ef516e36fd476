import { useMemo, useRef, useState } from 'react';
import { Button, Input, InputNumber, Popover, Space, Typography } from 'antd';
import { AimOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  MapView,
  parseLngLat,
  round6,
  type LngLat,
  type MapHandle,
  type MapMarker,
} from '../../../components/map';
import { wgs84ToGcj02 } from '@dzky/contracts';

export interface PointValue {
  lng: number | null;
  lat: number | null;
}

interface Props {
  value?: PointValue;
  onChange?(v: PointValue): void;
  id?: string;
  color?: string;
  /** other points drawn for orientation (the stops nearby), not editable */
  context?: MapMarker[];
}

const complete = (v?: PointValue): v is { lng: number; lat: number } =>
  typeof v?.lng === 'number' && typeof v?.lat === 'number';

/**
 * A GCJ-02 point: typed, clicked on the map or dragged there. Coordinates from a GPS device are
 * WGS-84 and sit a few hundred metres off on Chinese maps: 从 WGS-84 换算 converts them first.
 */
export default function PointPicker({ value, onChange, id, color = '#1677ff', context }: Props) {
  const { t } = useTranslation();
  const [wgsText, setWgsText] = useState('');
  const [wgsOpen, setWgsOpen] = useState(false);
  const mapRef = useRef<MapHandle>(null);
  const set = (p: LngLat) => onChange?.({ lng: round6(p[0]), lat: round6(p[1]) });
  // typed or converted coordinates move the view; clicks and drags leave it where it is
  const focus = (p?: PointValue) => {
    if (complete(p)) mapRef.current?.fitTo([[p.lng, p.lat]]);
  };

  const markers = useMemo<MapMarker[]>(
    () => [
      ...(context ?? []),
      ...(complete(value)
        ? [
            {
              id: 'point',
              position: [value.lng, value.lat] as LngLat,
              draggable: true,
              highlighted: true,
              color,
              title: t('basedata.point.dragHint'),
            },
          ]
        : []),
    ],
    [context, value, color, t],
  );
  const wgsPoint = parseLngLat(wgsText);

  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <InputNumber
          id={id}
          addonBefore={t('basedata.point.lng')}
          value={value?.lng ?? null}
          min={73.5}
          max={135.1}
          step={0.0001}
          precision={6}
          style={{ width: 210 }}
          onChange={(lng) => onChange?.({ lng: lng ?? null, lat: value?.lat ?? null })}
          onBlur={() => focus(value)}
        />
        <InputNumber
          addonBefore={t('basedata.point.lat')}
          value={value?.lat ?? null}
          min={3.8}
          max={53.6}
          step={0.0001}
          precision={6}
          style={{ width: 200 }}
          onChange={(lat) => onChange?.({ lng: value?.lng ?? null, lat: lat ?? null })}
          onBlur={() => focus(value)}
        />
        <Popover
          open={wgsOpen}
          onOpenChange={setWgsOpen}
          trigger="click"
          title={t('basedata.point.fromWgs')}
          content={
            <Space direction="vertical" style={{ width: 280 }}>
              <Typography.Text type="secondary">{t('basedata.point.fromWgsHint')}</Typography.Text>
              <Input
                placeholder="113.9436, 22.5405"
                value={wgsText}
                onChange={(e) => setWgsText(e.target.value)}
                status={wgsText && !wgsPoint ? 'error' : undefined}
              />
              <Button
                type="primary"
                block
                disabled={!wgsPoint}
                onClick={() => {
                  if (!wgsPoint) return;
                  const p = wgs84ToGcj02(wgsPoint);
                  set(p);
                  setWgsOpen(false);
                  setWgsText('');
                  focus({ lng: p[0], lat: p[1] });
                }}
              >
                {t('basedata.point.convert')}
              </Button>
            </Space>
          }
        >
          <Button icon={<SwapOutlined />}>{t('basedata.point.fromWgs')}</Button>
        </Popover>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        <AimOutlined /> {t('basedata.point.hint')}
      </Typography.Paragraph>
      <MapView
        ref={mapRef}
        height={300}
        markers={markers}
        pickMode
        center={complete(value) ? [value.lng, value.lat] : undefined}
        zoom={complete(value) ? 15 : undefined}
        onReady={() => focus(value)}
        aria-label={t('basedata.point.mapLabel')}
        data-testid="point-picker-map"
        onClick={set}
        onMarkerDragEnd={(markerId, p) => markerId === 'point' && set(p)}
      />
    </div>
  );
}
