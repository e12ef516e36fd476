import { useState } from 'react';
import { Alert, Button, Checkbox, Empty, Input, List, Radio, Space, Spin, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CoordSys, LocateResult } from '@dzky/contracts';
import { parseLngLat, type LngLat } from '../../../../components/map';
import { nameOf } from '../../utils';

interface Props {
  result: LocateResult | null;
  loading: boolean;
  routeOnly: boolean;
  onRouteOnlyChange(v: boolean): void;
  /** a typed point, in the system the user picked */
  onLocate(point: LngLat, coordSys: CoordSys): void;
  /** the route being edited, to mark its own zones */
  routeId: number | null;
}

const distanceText = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(2)} km` : `${Math.round(m)} m`);

/**
 * 位置检测: which zones contain a point and which stops are nearest — the same lookup bookings use.
 * The point comes from a click on the map or is typed, as GCJ-02 or as WGS-84 from a GPS device.
 */
export default function LocatePanel({
  result,
  loading,
  routeOnly,
  onRouteOnlyChange,
  onLocate,
  routeId,
}: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [coordSys, setCoordSys] = useState<CoordSys>('gcj02');
  const typed = parseLngLat(text);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Typography.Text type="secondary">
        <AimOutlined /> {t('basedata.locate.hint')}
      </Typography.Text>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          placeholder={t('basedata.locate.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          status={text && !typed ? 'error' : undefined}
          aria-label={t('basedata.locate.input')}
          onPressEnter={() => typed && onLocate(typed, coordSys)}
        />
        <Button
          type="primary"
          disabled={!typed}
          loading={loading}
          onClick={() => typed && onLocate(typed, coordSys)}
        >
          {t('basedata.locate.run')}
        </Button>
      </Space.Compact>
      <Space wrap>
        <Radio.Group
          size="small"
          value={coordSys}
          onChange={(e) => setCoordSys(e.target.value as CoordSys)}
          options={[
            { value: 'gcj02', label: 'GCJ-02' },
            { value: 'wgs84', label: t('basedata.locate.wgs84') },
          ]}
          optionType="button"
        />
        {routeId !== null && (
          <Checkbox checked={routeOnly} onChange={(e) => onRouteOnlyChange(e.target.checked)}>
            {t('basedata.locate.routeOnly')}
          </Checkbox>
        )}
      </Space>
      {text && !typed && <Alert type="warning" showIcon message={t('basedata.locate.badInput')} />}
      {loading && !result && <Spin />}
      {result && (
        <div data-testid="locate-result">
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('basedata.locate.point')}：
            <Typography.Text code copyable>
              {result.point.lng.toFixed(6)},{result.point.lat.toFixed(6)}
            </Typography.Text>{' '}
            <Tag bordered={false}>GCJ-02</Tag>
          </Typography.Paragraph>
          <Typography.Text strong>{t('basedata.locate.zones')}</Typography.Text>
          {result.zones.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('basedata.locate.noZone')}
              style={{ margin: '8px 0' }}
            />
          ) : (
            <List
              size="small"
              dataSource={result.zones}
              renderItem={(z) => (
                <List.Item>
                  <Space wrap>
                    <Tag color={z.kind === 'pickup' ? 'green' : 'blue'} bordered={false}>
                      {t(`basedata.zones.${z.kind}`)}
                    </Tag>
                    <Typography.Text>{z.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('basedata.zones.atStop', { seq: z.stopSeq })}
                    </Typography.Text>
                    {routeId !== null && z.routeId !== routeId && (
                      <Tag bordered={false}>{t('basedata.locate.otherRoute', { id: z.routeId })}</Tag>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          )}
          <Typography.Text strong>{t('basedata.locate.nearest')}</Typography.Text>
          {result.nearestStops.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('basedata.locate.noStop')}
              style={{ margin: '8px 0' }}
            />
          ) : (
            <List
              size="small"
              dataSource={result.nearestStops}
              renderItem={(s) => (
                <List.Item
                  extra={<Typography.Text type="secondary">{distanceText(s.distanceM)}</Typography.Text>}
                >
                  <Typography.Text code>{s.code}</Typography.Text> {nameOf(s.name)}
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </Space>
  );
}
