import { memo } from 'react';
import { Button, Card, Col, Form, InputNumber, Row, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  SERVICE_LEVELS,
  SERVICE_LEVEL_LABELS,
  TICKET_TYPES,
  TICKET_TYPE_LABELS,
  VEHICLE_TYPES,
  VEHICLE_TYPE_LABELS,
} from '@dzky/contracts';
import { labelOf } from '../../archive/components/labels';

/** A whole-number field with its unit after it. */
function Num({ name, label, unit, min = 0, max, extra, disabled }: { name: (string | number)[]; label: string; unit?: string; min?: number; max?: number; extra?: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, type: 'number', message: t('common.required', { field: label }) }]}>
      <InputNumber min={min} max={max} precision={0} disabled={disabled} suffix={unit} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** One price adjustment: percent, then a fixed amount in yuan (may be negative). */
function Adjustment({ group, keyName, label, disabled }: { group: string; keyName: string; label: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={12} align="middle" style={{ marginBottom: 4 }}>
      <Col span={6}>
        <Typography.Text>{label}</Typography.Text>
      </Col>
      <Col span={9}>
        <Form.Item name={[group, keyName, 'percent']} rules={[{ required: true, type: 'number' }]} style={{ marginBottom: 8 }}>
          <InputNumber min={0} max={1000} precision={0} suffix="%" disabled={disabled} aria-label={`${label} ${t('trip.rules.percent')}`} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={9}>
        <Form.Item
          name={[group, keyName, 'addFen']}
          rules={[{ pattern: /^-?\d+(\.\d{1,2})?$/, message: t('trip.rules.amountFormat') }]}
          style={{ marginBottom: 8 }}
        >
          <InputNumber<string>
            stringMode
            precision={2}
            step="1"
            min="-10000"
            max="10000"
            prefix={t('trip.rules.plus')}
            suffix={t('trip.rules.yuan')}
            disabled={disabled}
            aria-label={`${label} ${t('trip.rules.amount')}`}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * The fields of a trading-rules document, named as the contracts' TradingRules (so the bff's field
 * errors land on them), amounts in yuan.
 */
function RulesFields({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const rebookAllowed = Form.useWatch(['rebook', 'allowed']);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('trip.rules.sales')}>
        <Row gutter={16}>
          <Col xs={12} xxl={6}>
            <Num name={['presaleDays']} label={t('trip.rules.presaleDays')} unit={t('trip.rules.days')} min={1} max={90} disabled={disabled} />
          </Col>
          <Col xs={12} xxl={6}>
            <Num name={['salesCloseMinutes']} label={t('trip.rules.salesCloseMinutes')} unit={t('trip.rules.minutes')} max={1440} disabled={disabled} />
          </Col>
          <Col xs={12} xxl={6}>
            <Num name={['holdMinutes']} label={t('trip.rules.holdMinutes')} unit={t('trip.rules.minutes')} min={1} max={60} disabled={disabled} />
          </Col>
          <Col xs={12} xxl={6}>
            <Num name={['maxUnpaidOrders']} label={t('trip.rules.maxUnpaidOrders')} unit={t('trip.rules.orders')} min={1} max={10} disabled={disabled} />
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('trip.rules.salesHint')}
        </Typography.Text>
      </Card>

      <Card size="small" title={t('trip.rules.adjustments')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('trip.rules.adjustmentsOrder')}
        </Typography.Paragraph>
        <Row gutter={24}>
          <Col xs={24}>
            <Typography.Title level={5} style={{ fontSize: 14 }}>
              {t('trip.rules.byVehicleType')}
            </Typography.Title>
            {VEHICLE_TYPES.map((v) => (
              <Adjustment key={v} group="vehicleTypeAdjustments" keyName={v} label={labelOf(VEHICLE_TYPE_LABELS, v)} disabled={disabled} />
            ))}
          </Col>
          <Col xs={24}>
            <Typography.Title level={5} style={{ fontSize: 14 }}>
              {t('trip.rules.byServiceLevel')}
            </Typography.Title>
            {SERVICE_LEVELS.map((s) => (
              <Adjustment key={s} group="serviceLevelAdjustments" keyName={s} label={labelOf(SERVICE_LEVEL_LABELS, s)} disabled={disabled} />
            ))}
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('trip.rules.ticketTypes')}>
        <Row gutter={16}>
          {TICKET_TYPES.map((tt) => (
            <Col xs={12} md={8} xxl={4} key={tt}>
              <Form.Item name={['ticketTypePercents', tt]} label={labelOf(TICKET_TYPE_LABELS, tt)} rules={[{ required: true, type: 'number' }]}>
                <InputNumber min={0} max={100} precision={0} suffix="%" disabled={disabled || tt === 'free_child'} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          <Col xs={12} xxl={6}>
            <Num name={['freeChildMaxAge']} label={t('trip.rules.freeChildMaxAge')} unit={t('trip.rules.years')} max={14} disabled={disabled} />
          </Col>
          <Col xs={12} xxl={6}>
            <Num name={['freeChildrenPerAdult']} label={t('trip.rules.freeChildrenPerAdult')} unit={t('trip.rules.persons')} max={3} disabled={disabled} />
          </Col>
          <Col xs={12} xxl={6}>
            <Num name={['childMaxAge']} label={t('trip.rules.childMaxAge')} unit={t('trip.rules.years')} min={1} max={18} disabled={disabled} />
          </Col>
          <Col xs={12} xxl={6}>
            <Num name={['seniorMinAge']} label={t('trip.rules.seniorMinAge')} unit={t('trip.rules.years')} min={50} max={100} disabled={disabled} />
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('trip.rules.ticketTypesHint')}
        </Typography.Text>
      </Card>

      <Card size="small" title={t('trip.rules.refund')}>
        <Form.List name="refundTiers">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={12} key={field.key} align="top">
                  <Col span={11}>
                    <Form.Item
                      name={[field.name, 'minMinutesBefore']}
                      label={i === 0 ? t('trip.rules.tierFrom') : undefined}
                      rules={[{ required: true, type: 'number', message: t('trip.rules.tierFrom') }]}
                    >
                      <InputNumber min={0} precision={0} prefix={t('trip.rules.tierBefore')} suffix={t('trip.rules.minutes')} disabled={disabled} aria-label={`${t('trip.rules.tierFrom')} ${i + 1}`} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item
                      name={[field.name, 'feePercent']}
                      label={i === 0 ? t('trip.rules.tierFee') : undefined}
                      rules={[{ required: true, type: 'number', message: t('trip.rules.tierFee') }]}
                    >
                      <InputNumber min={0} max={100} precision={0} suffix="%" disabled={disabled} aria-label={`${t('trip.rules.tierFee')} ${i + 1}`} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={3} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                    {!disabled && fields.length > 1 && (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('trip.rules.removeTier')} />
                    )}
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              {!disabled && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ minMinutesBefore: 0, feePercent: 0 })} style={{ marginBottom: 16 }}>
                  {t('trip.rules.addTier')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Num name={['refundCloseMinutes']} label={t('trip.rules.refundCloseMinutes')} unit={t('trip.rules.minutes')} max={1440} extra={t('trip.rules.refundCloseHint')} disabled={disabled} />
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('trip.rules.refundHint')}
        </Typography.Text>
      </Card>

      <Row gutter={16}>
        <Col xs={24} xxl={12}>
          <Card size="small" title={t('trip.rules.rebook')} style={{ height: '100%' }}>
            <Form.Item name={['rebook', 'allowed']} label={t('trip.rules.rebookAllowed')} valuePropName="checked">
              <Switch disabled={disabled} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Num name={['rebook', 'maxTimes']} label={t('trip.rules.rebookMaxTimes')} unit={t('trip.rules.times')} max={5} disabled={disabled || !rebookAllowed} />
              </Col>
              <Col span={8}>
                <Num name={['rebook', 'closeMinutes']} label={t('trip.rules.rebookCloseMinutes')} unit={t('trip.rules.minutes')} max={1440} disabled={disabled || !rebookAllowed} />
              </Col>
              <Col span={8}>
                <Num name={['rebook', 'feePercent']} label={t('trip.rules.rebookFeePercent')} unit="%" max={100} disabled={disabled || !rebookAllowed} />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card size="small" title={t('trip.rules.ticketCheck')} style={{ height: '100%' }}>
            <Form.Item name={['ticketCheck', 'requireIdDocument']} label={t('trip.rules.requireIdDocument')} valuePropName="checked">
              <Switch disabled={disabled} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Num name={['ticketCheck', 'opensMinutesBefore']} label={t('trip.rules.checkOpens')} unit={t('trip.rules.minutes')} max={1440} disabled={disabled} />
              </Col>
              <Col span={12}>
                <Num name={['ticketCheck', 'closesMinutesAfter']} label={t('trip.rules.checkCloses')} unit={t('trip.rules.minutes')} max={1440} disabled={disabled} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

// the fields update themselves from the form store; the editor's re-render on every keystroke (for the preview) need not redo them
export default memo(RulesFields);
