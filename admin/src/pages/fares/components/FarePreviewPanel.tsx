import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Row, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  fenToYuanString,
  SERVICE_LEVELS,
  SERVICE_LEVEL_LABELS,
  TICKET_TYPE_LABELS,
  VEHICLE_TYPES,
  VEHICLE_TYPE_LABELS,
  type FarePreview,
  type RouteFareTable,
  type ServiceLevel,
  type TradingRules,
  type VehicleType,
} from '@dzky/contracts';
import { isApiError } from '../../../request';
import { labelOf, optionsOf } from '../../archive/components/labels';
import { adjustmentText, localPreview, matrixAxes, steps, yuanOf } from '../model';
import { fareApi } from '../service';

type Row = FarePreview['rows'][number];

interface Props {
  table: RouteFareTable | null;
  /** the rules as the form holds them now (unsaved edits included); null while the form has an unreadable amount */
  rules: TradingRules | null;
  /** the price table has unsaved edits: both computations use the saved one */
  matrixDirty?: boolean;
}

/** Wait this long after the last edit before asking the bff, so typing does not send a request per key. */
const DEBOUNCE_MS = 400;

/**
 * 票价预览: what a passenger pays for a journey, vehicle type and service level under the rules
 * being edited — computed here at once with the contracts' priceTicket, and by the bff (the price
 * actually charged). The table shows the bff's answer; a difference is flagged.
 */
export default function FarePreviewPanel({ table, rules, matrixDirty }: Props) {
  const { t } = useTranslation();
  const { rows: boardStops, cols: alightStops } = useMemo(() => matrixAxes(table?.stops ?? []), [table]);
  const [fromSeq, setFromSeq] = useState<number | undefined>();
  const [toSeq, setToSeq] = useState<number | undefined>();
  const [vehicleType, setVehicleType] = useState<VehicleType>('medium');
  const [serviceLevel, setServiceLevel] = useState<ServiceLevel>('standard');
  const [server, setServer] = useState<{ key: string; preview: FarePreview } | { key: string; error: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  // a new route: start from its first boarding and last alighting stop
  useEffect(() => {
    setFromSeq(boardStops[0]?.seq);
    setToSeq(alightStops[alightStops.length - 1]?.seq);
    setServer(null);
  }, [table?.routeId, boardStops, alightStops]);

  const base = table?.pairs.find((p) => p.fromSeq === fromSeq && p.toSeq === toSeq)?.baseFen;
  const ready = table && fromSeq !== undefined && toSeq !== undefined && toSeq > fromSeq && rules;
  const key = ready ? JSON.stringify({ routeId: table.routeId, fromSeq, toSeq, vehicleType, serviceLevel, rules }) : '';
  const local = base !== undefined && rules ? localPreview(base, vehicleType, serviceLevel, rules) : null;

  const ask = async () => {
    if (!ready) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const preview = await fareApi.preview({ routeId: table.routeId, fromSeq: fromSeq!, toSeq: toSeq!, vehicleType, serviceLevel, rules: rules! });
      if (mine === seq.current) setServer({ key, preview });
    } catch (e) {
      if (mine === seq.current) setServer({ key, error: isApiError(e) ? e.errorMessage : t('common.networkError') });
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };

  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(() => void ask(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  const fresh = server && server.key === key ? server : null;
  const serverRows = fresh && 'preview' in fresh ? fresh.preview.rows : null;
  const mismatch =
    serverRows && local
      ? serverRows.filter((r) => local.find((l) => l.ticketType === r.ticketType)?.priceFen !== r.priceFen).map((r) => r.ticketType)
      : [];
  const shown: Row[] | null = serverRows ?? local;

  // base, vehicle and service steps are the same for every ticket type: shown once, above the table
  const first = shown?.[0];
  const firstSteps = first ? steps(first) : null;
  const columns: TableColumnsType<Row> = [
    { title: t('trip.preview.ticketType'), dataIndex: 'ticketType', render: (v: Row['ticketType']) => labelOf(TICKET_TYPE_LABELS, v) },
    { title: t('trip.preview.ticketPercent'), dataIndex: 'ticketTypePercent', align: 'right', render: (v: number) => `×${v}%` },
    { title: t('trip.preview.unroundedShort'), dataIndex: 'unroundedFen', align: 'right', render: (v: number) => <Typography.Text type="secondary">¥{yuanOf(v)}</Typography.Text> },
    {
      title: t('trip.preview.price'),
      key: 'price',
      align: 'right',
      render: (_, r) => (
        <Typography.Text strong type={mismatch.includes(r.ticketType) ? 'danger' : undefined} data-testid={`price-${r.ticketType}`}>
          ¥{fenToYuanString(r.priceFen)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          <CalculatorOutlined />
          {t('trip.preview.title')}
        </Space>
      }
      extra={
        <Button size="small" onClick={() => void ask()} disabled={!ready} loading={loading}>
          {t('trip.preview.run')}
        </Button>
      }
      data-testid="fare-preview"
    >
      {!table ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trip.preview.pickRoute')} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Form layout="vertical" component="div">
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item label={t('trip.preview.from')} style={{ marginBottom: 8 }}>
                  <Select
                    value={fromSeq}
                    aria-label={t('trip.preview.from')}
                    onChange={(v) => {
                      setFromSeq(v);
                      if (toSeq !== undefined && toSeq <= v) setToSeq(alightStops.find((s) => s.seq > v)?.seq);
                    }}
                    options={boardStops.map((s) => ({ value: s.seq, label: `${s.seq}. ${s.name}` }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t('trip.preview.to')} style={{ marginBottom: 8 }}>
                  <Select
                    value={toSeq}
                    aria-label={t('trip.preview.to')}
                    onChange={setToSeq}
                    options={alightStops.filter((s) => fromSeq === undefined || s.seq > fromSeq).map((s) => ({ value: s.seq, label: `${s.seq}. ${s.name}` }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t('trip.form.vehicleType')} style={{ marginBottom: 0 }}>
                  <Select value={vehicleType} onChange={setVehicleType} options={optionsOf(VEHICLE_TYPES, VEHICLE_TYPE_LABELS)} aria-label={t('trip.form.vehicleType')} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t('trip.form.serviceLevel')} style={{ marginBottom: 0 }}>
                  <Select value={serviceLevel} onChange={setServiceLevel} options={optionsOf(SERVICE_LEVELS, SERVICE_LEVEL_LABELS)} aria-label={t('trip.form.serviceLevel')} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {matrixDirty && <Alert type="info" showIcon message={t('trip.preview.matrixDirty')} />}
          {!rules && <Alert type="warning" showIcon message={t('trip.preview.rulesInvalid')} />}
          {base === undefined && fromSeq !== undefined && toSeq !== undefined && <Alert type="warning" showIcon message={t('trip.preview.notPriced')} />}
          {fresh && 'error' in fresh && <Alert type="error" showIcon message={t('trip.preview.serverError', { reason: fresh.error })} />}
          {mismatch.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="preview-mismatch"
              message={t('trip.preview.mismatch')}
              description={t('trip.preview.mismatchDetail', { types: mismatch.map((x) => labelOf(TICKET_TYPE_LABELS, x)).join('、') })}
            />
          )}
          <Space size={6}>
            {serverRows ? (
              <Tag color="blue" bordered={false}>
                {t('trip.preview.fromServer')}
              </Tag>
            ) : shown ? (
              <Tag bordered={false}>{t('trip.preview.fromLocal')}</Tag>
            ) : null}
            {loading && <Spin size="small" />}
          </Space>
          {first && firstSteps && (
            <Descriptions size="small" column={1} bordered data-testid="preview-steps">
              <Descriptions.Item label={t('trip.preview.base')}>¥{fenToYuanString(first.baseFen)}</Descriptions.Item>
              <Descriptions.Item label={t('trip.preview.afterVehicle')}>
                <Space size={8}>
                  <Typography.Text type="secondary">
                    {labelOf(VEHICLE_TYPE_LABELS, vehicleType)} {adjustmentText(first.vehicleType)}
                  </Typography.Text>
                  <span>→ ¥{yuanOf(firstSteps.afterVehicle)}</span>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('trip.preview.afterService')}>
                <Space size={8}>
                  <Typography.Text type="secondary">
                    {labelOf(SERVICE_LEVEL_LABELS, serviceLevel)} {adjustmentText(first.serviceLevel)}
                  </Typography.Text>
                  <span>→ ¥{yuanOf(firstSteps.afterService)}</span>
                </Space>
              </Descriptions.Item>
            </Descriptions>
          )}
          {shown && (
            <Table<Row>
              rowKey="ticketType"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={shown}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('trip.preview.order')}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
