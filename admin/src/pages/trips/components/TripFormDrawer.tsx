import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  TimePicker,
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
  type TripView,
  type VehicleType,
} from '@dzky/contracts';
import { optionsOf } from '../../archive/components/labels';
import { formErrorText } from '../form-errors';
import { beijingDay } from '../model';
import { tripApi } from '../service';
import RouteSelect from './RouteSelect';

interface Values {
  routeId?: number;
  departDate?: Dayjs;
  departTime?: Dayjs;
  vehicleType?: VehicleType;
  serviceLevel?: ServiceLevel;
  capacity?: number;
  seatSelection?: boolean;
  temporary?: boolean;
  remark?: string;
}

/** 座位数 ≥ 7: customized passenger transport uses vehicles approved for at least 7 seats (design.md §6). */
export const MIN_CAPACITY = 7;

interface Props {
  open: boolean;
  /** null: a new trip */
  trip: TripView | null;
  onClose(): void;
  onSaved(trip: TripView): void;
}

/** 新建班次 / 编辑班次. A trip's route and time are fixed once made; seats, vehicle, service and remark can change. */
export default function TripFormDrawer({ open, trip, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const editing = trip !== null;
  const maxSold = trip ? Math.max(0, ...trip.segments.map((s) => s.sold)) : 0;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      trip
        ? { vehicleType: trip.vehicleType, serviceLevel: trip.serviceLevel, capacity: trip.capacity, seatSelection: trip.seatSelection, remark: trip.remark ?? undefined }
        : { serviceLevel: 'standard', seatSelection: false, temporary: false, departDate: dayjs(beijingDay(1)) },
    );
  }, [open, trip, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const saved = trip
        ? await tripApi.update(trip.id, {
            capacity: v.capacity,
            vehicleType: v.vehicleType,
            serviceLevel: v.serviceLevel,
            // switching seat selection is refused by the bff while tickets exist; send it only when changed
            ...(v.seatSelection !== trip.seatSelection ? { seatSelection: v.seatSelection } : {}),
            remark: v.remark?.trim() || null,
          })
        : await tripApi.create({
            routeId: v.routeId!,
            departDate: v.departDate!.format('YYYY-MM-DD'),
            departTime: v.departTime!.format('HH:mm'),
            vehicleType: v.vehicleType!,
            serviceLevel: v.serviceLevel!,
            capacity: v.capacity!,
            seatSelection: v.seatSelection ?? false,
            temporary: v.temporary ?? false,
            remark: v.remark?.trim() || null,
          });
      onSaved(saved);
    } catch (e) {
      const text = formErrorText(form, e, {
        'TRIP.CAPACITY_BELOW_SOLD': 'capacity',
        'TRIP.DUPLICATE': 'departTime',
      });
      if (text) message.error(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={560}
      title={editing ? t('trip.form.editTitle') : t('trip.form.createTitle')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {trip && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 24 }}>
          <Descriptions.Item label={t('trip.trips.route')}>
            {trip.routeCode} · {trip.routeName}
          </Descriptions.Item>
          <Descriptions.Item label={t('trip.trips.departure')}>
            {trip.departDate} {trip.departTime}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
        {!editing && (
          <>
            <Form.Item name="routeId" label={t('trip.trips.route')} rules={[{ required: true, message: t('trip.form.routeRequired') }]}>
              <RouteSelect operableOnly aria-label={t('trip.trips.route')} />
            </Form.Item>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="departDate" label={t('trip.form.departDate')} rules={[{ required: true, message: t('trip.form.dateRequired') }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < beijingDay(0)} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="departTime" label={t('trip.form.departTime')} rules={[{ required: true, message: t('trip.form.timeRequired') }]}>
                  <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="vehicleType" label={t('trip.form.vehicleType')} rules={[{ required: true, message: t('trip.form.vehicleTypeRequired') }]}>
              <Select options={optionsOf(VEHICLE_TYPES, VEHICLE_TYPE_LABELS)} placeholder={t('trip.form.vehicleTypeRequired')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="serviceLevel" label={t('trip.form.serviceLevel')} rules={[{ required: true }]}>
              <Select options={optionsOf(SERVICE_LEVELS, SERVICE_LEVEL_LABELS)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="capacity"
          label={t('trip.form.capacity')}
          extra={editing && maxSold > 0 ? t('trip.form.capacitySoldHint', { sold: maxSold }) : t('trip.form.capacityHint')}
          rules={[
            { required: true, message: t('trip.form.capacityRequired') },
            { type: 'number', min: Math.max(MIN_CAPACITY, maxSold), message: t('trip.form.capacityMin', { min: Math.max(MIN_CAPACITY, maxSold) }) },
          ]}
        >
          <InputNumber min={1} max={99} precision={0} style={{ width: 200 }} suffix={t('trip.form.seatUnit')} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="seatSelection" label={t('trip.form.seatSelection')} valuePropName="checked" extra={t('trip.form.seatSelectionHint')}>
              <Switch disabled={editing && (trip?.ticketCount ?? 0) > 0} />
            </Form.Item>
          </Col>
          {!editing && (
            <Col span={12}>
              <Form.Item name="temporary" label={t('trip.trips.temporary')} valuePropName="checked" extra={t('trip.form.temporaryHint')}>
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="remark" label={t('trip.form.remark')}>
          <Input.TextArea rows={3} maxLength={255} showCount />
        </Form.Item>
        {editing && trip && trip.ticketCount > 0 && (
          <Alert type="info" showIcon message={t('trip.form.editSoldHint', { count: trip.ticketCount })} />
        )}
        {!editing && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('trip.form.createHint')}
          </Typography.Paragraph>
        )}
      </Form>
    </Drawer>
  );
}
