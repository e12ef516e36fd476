import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  SERVICE_LEVELS,
  SERVICE_LEVEL_LABELS,
  VEHICLE_TYPES,
  VEHICLE_TYPE_LABELS,
  type ServiceLevel,
  type TripBatchResult,
  type VehicleType,
} from '@dzky/contracts';
import { optionsOf } from '../../archive/components/labels';
import { formErrorText } from '../form-errors';
import { beijingDay, daysInRange, normalizeTime, timetableDates } from '../model';
import { tripApi } from '../service';
import RouteSelect from './RouteSelect';
import { MIN_CAPACITY } from './TripFormDrawer';

/** The bff plans at most this many days at once. */
export const MAX_BATCH_DAYS = 62;

interface Values {
  routeId?: number;
  dates?: [Dayjs, Dayjs];
  weekdays?: number[];
  departTimes?: string[];
  vehicleType?: VehicleType;
  serviceLevel?: ServiceLevel;
  capacity?: number;
  seatSelection?: boolean;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * 批量排班 (R-6.1.3 fixed plans): every listed departure time on every chosen weekday of a date
 * range. The preview counts what will be made; departures that already exist are skipped by the bff.
 */
export default function BatchDrawer({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<TripBatchResult | null>(null);
  const dates = Form.useWatch('dates', form);
  const weekdays = Form.useWatch('weekdays', form);
  const times = Form.useWatch('departTimes', form);

  useEffect(() => {
    if (!open) return;
    setResult(null);
    form.resetFields();
    form.setFieldsValue({
      dates: [dayjs(beijingDay(1)), dayjs(beijingDay(7))],
      weekdays: WEEKDAYS,
      departTimes: [],
      serviceLevel: 'standard',
      seatSelection: false,
    });
  }, [open, form]);

  const from = dates?.[0]?.format('YYYY-MM-DD');
  const to = dates?.[1]?.format('YYYY-MM-DD');
  const tooLong = from && to ? daysInRange(from, to) > MAX_BATCH_DAYS : false;
  const days = from && to && !tooLong ? timetableDates(from, to, weekdays ?? []) : [];
  const validTimes = [...new Set((times ?? []).map(normalizeTime).filter((x): x is string => x !== null))].sort();
  const total = days.length * validTimes.length;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const out = await tripApi.batch({
        routeId: v.routeId!,
        dateFrom: v.dates![0].format('YYYY-MM-DD'),
        dateTo: v.dates![1].format('YYYY-MM-DD'),
        // every day is the same as no filter; the bff reads an omitted list as every day
        weekdays: v.weekdays && v.weekdays.length < 7 ? [...v.weekdays].sort() : undefined,
        departTimes: validTimes,
        vehicleType: v.vehicleType!,
        serviceLevel: v.serviceLevel!,
        capacity: v.capacity!,
        seatSelection: v.seatSelection ?? false,
      });
      setResult(out);
      onDone();
    } catch (e) {
      // the form holds the range and the times as one field each
      const text = formErrorText(form, e, { 'TRIP.DUPLICATE': 'departTimes' }, (f) =>
        f === 'dateFrom' || f === 'dateTo' ? 'dates' : /^departTimes?\b/.test(f) ? 'departTimes' : f,
      );
      if (text) message.error(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={620}
      title={t('trip.batch.title')}
      destroyOnHidden
      extra={
        result ? (
          <Button onClick={onClose}>{t('trip.batch.close')}</Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} disabled={total === 0} onClick={() => form.submit()}>
              {t('trip.batch.submit', { count: total })}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <Result
          status="success"
          title={t('trip.batch.doneTitle')}
          subTitle={t('trip.batch.doneText', { created: result.created, skipped: result.skipped })}
          extra={
            <Space size={48}>
              <Statistic title={t('trip.batch.created')} value={result.created} />
              <Statistic title={t('trip.batch.skipped')} value={result.skipped} />
            </Space>
          }
        />
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="routeId" label={t('trip.trips.route')} rules={[{ required: true, message: t('trip.form.routeRequired') }]}>
            <RouteSelect operableOnly aria-label={t('trip.trips.route')} />
          </Form.Item>
          <Form.Item
            name="dates"
            label={t('trip.batch.dates')}
            rules={[
              { required: true, message: t('trip.batch.datesRequired') },
              {
                validator: async (_, v?: [Dayjs, Dayjs]) => {
                  if (v && daysInRange(v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')) > MAX_BATCH_DAYS)
                    throw new Error(t('trip.batch.tooLong', { max: MAX_BATCH_DAYS }));
                },
              },
            ]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < beijingDay(0)} />
          </Form.Item>
          <Form.Item name="weekdays" label={t('trip.batch.weekdays')} rules={[{ required: true, type: 'array', min: 1, message: t('trip.batch.weekdaysRequired') }]}>
            <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`trip.weekdays.${d}`) }))} />
          </Form.Item>
          <Form.Item
            name="departTimes"
            label={t('trip.batch.times')}
            extra={t('trip.batch.timesHint')}
            // "7:30" is kept as "07:30", and a time typed twice once
            normalize={(v: string[] | undefined) => [...new Set((v ?? []).map((x) => normalizeTime(x) ?? x))]}
            rules={[
              { required: true, type: 'array', min: 1, message: t('trip.batch.timesRequired') },
              {
                validator: async (_, v?: string[]) => {
                  const bad = (v ?? []).filter((x) => normalizeTime(x) === null);
                  if (bad.length) throw new Error(t('trip.batch.badTime', { times: bad.join('、') }));
                },
              },
            ]}
          >
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              tokenSeparators={[',', '，', ' ', '、']}
              placeholder="07:30, 09:00, 12:30"
              aria-label={t('trip.batch.times')}
              tagRender={({ label, closable, onClose: close }) => {
                const ok = normalizeTime(String(label)) !== null;
                return (
                  <Tag color={ok ? 'blue' : 'red'} closable={closable} onClose={close} style={{ marginInlineEnd: 4 }}>
                    {ok ? normalizeTime(String(label)) : label}
                  </Tag>
                );
              }}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="vehicleType" label={t('trip.form.vehicleType')} rules={[{ required: true, message: t('trip.form.vehicleTypeRequired') }]}>
                <Select options={optionsOf(VEHICLE_TYPES, VEHICLE_TYPE_LABELS)} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="serviceLevel" label={t('trip.form.serviceLevel')} rules={[{ required: true }]}>
                <Select options={optionsOf(SERVICE_LEVELS, SERVICE_LEVEL_LABELS)} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="capacity"
                label={t('trip.form.capacity')}
                rules={[
                  { required: true, message: t('trip.form.capacityRequired') },
                  { type: 'number', min: MIN_CAPACITY, message: t('trip.form.capacityMin', { min: MIN_CAPACITY }) },
                ]}
              >
                <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="seatSelection" label={t('trip.form.seatSelection')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Alert
            type={tooLong ? 'error' : total > 0 ? 'info' : 'warning'}
            showIcon
            data-testid="batch-preview"
            message={
              tooLong
                ? t('trip.batch.tooLong', { max: MAX_BATCH_DAYS })
                : total > 0
                  ? t('trip.batch.preview', { days: days.length, times: validTimes.length, total })
                  : t('trip.batch.previewEmpty')
            }
            description={
              total > 0 ? (
                <Typography.Text type="secondary">
                  {t('trip.batch.previewDates', {
                    dates: days.slice(0, 6).map((d) => d.slice(5)).join('、') + (days.length > 6 ? ' …' : ''),
                    times: validTimes.join('、'),
                  })}
                </Typography.Text>
              ) : undefined
            }
          />
        </Form>
      )}
    </Drawer>
  );
}
