import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Result, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TripCancelResult, TripView } from '@dzky/contracts';
import { formErrorText } from '../form-errors';
import { tripApi } from '../service';

interface Props {
  /** the trip to cancel; null: closed */
  trip: TripView | null;
  onClose(): void;
  onCancelled(result: TripCancelResult): void;
}

/**
 * 取消班次: the reason is required because passengers are told it. Unpaid orders are cancelled and
 * paid ones go to refund; the answer says how many orders were affected and how many passengers
 * were told, which the dispatcher sees before closing.
 */
export default function CancelTripModal({ trip, onClose, onCancelled }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<TripCancelResult | null>(null);

  useEffect(() => {
    if (trip) {
      setResult(null);
      form.resetFields();
    }
  }, [trip, form]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!trip) return;
    setSaving(true);
    try {
      const out = await tripApi.cancel(trip.id, { reason: reason.trim() });
      setResult(out);
      onCancelled(out);
    } catch (e) {
      const text = formErrorText(form, e);
      if (text) message.error(text);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={trip !== null}
      title={result ? t('trip.cancel.doneTitle') : t('trip.cancel.title')}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            {t('trip.cancel.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('trip.cancel.keep')}</Button>
            <Button type="primary" danger loading={saving} onClick={() => form.submit()}>
              {t('trip.cancel.submit')}
            </Button>
          </Space>
        )
      }
    >
      {trip && result ? (
        <Result
          status="success"
          title={t('trip.cancel.doneText', { trip: `${trip.departDate} ${trip.departTime} ${trip.routeName}` })}
          extra={
            <Space size={48} data-testid="cancel-result">
              <Statistic title={t('trip.cancel.ordersAffected')} value={result.ordersAffected} />
              <Statistic title={t('trip.cancel.passengersNotified')} value={result.passengersNotified} />
            </Space>
          }
        />
      ) : trip ? (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('trip.trips.route')}>
              {trip.routeCode} · {trip.routeName}
            </Descriptions.Item>
            <Descriptions.Item label={t('trip.trips.departure')}>
              {trip.departDate} {trip.departTime}
            </Descriptions.Item>
          </Descriptions>
          <Alert
            type={trip.ticketCount > 0 ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            message={trip.ticketCount > 0 ? t('trip.cancel.warnTickets', { count: trip.ticketCount }) : t('trip.cancel.noTickets')}
            description={trip.ticketCount > 0 ? t('trip.cancel.warnDetail') : undefined}
          />
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item
              name="reason"
              label={t('trip.cancel.reason')}
              extra={t('trip.cancel.reasonHint')}
              rules={[
                { required: true, whitespace: true, message: t('trip.cancel.reasonRequired') },
                { max: 200, message: t('trip.cancel.reasonTooLong') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('trip.cancel.reasonPlaceholder')} />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
