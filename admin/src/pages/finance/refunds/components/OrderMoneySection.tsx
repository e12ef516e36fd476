import { useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Modal, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  PAYMENT_CHANNEL_LABELS,
  REFUNDABLE_TICKET_STATUSES,
  REFUND_REASON_LABELS,
  type OrderView,
  type RefundReason,
  type RefundStatus,
  type RefundView,
} from '@dzky/contracts';
import { canDo } from '../../../../access';
import { isApiError } from '../../../../request';
import { useProfile } from '../../../../session';
import { newClientKey } from '../../../../utils/client-key';
import { formatTime } from '../../../../utils/time';
import { labelOf } from '../../../archive/components/labels';
import { RefundStatusTag, yuan } from '../../payments/components/FinanceTags';
import { refundApi } from '../service';

interface RefundForm {
  ticketIds: number[];
  waiveFee: boolean;
  remark: string;
}

/**
 * An order's money in the staff order view: paid, refunded, the refunds, rebooking links; staff with
 * 'finance:write' return tickets here (e.g. a complaint upheld), with or without the fee.
 */
export default function OrderMoneySection({ order, onRefunded }: { order: OrderView; onRefunded(refund: RefundView): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const [form] = Form.useForm<RefundForm>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // one key per dialog: a retry after a lost answer finds the refund already made
  const [clientKey, setClientKey] = useState('');
  const money = order.money;
  if (!money) return null;

  const refundable = order.tickets.filter((tk) => REFUNDABLE_TICKET_STATUSES.includes(tk.status));
  const canRefund = canDo('finance.write', me.permissions) && money.paidFen > money.refundedFen && refundable.length > 0;

  const openDialog = () => {
    setClientKey(newClientKey('rf'));
    setError(null);
    setOpen(true);
  };

  const submit = async (v: RefundForm) => {
    setSaving(true);
    setError(null);
    try {
      const refund = await refundApi.refundOrder(order.id, { clientKey, ticketIds: v.ticketIds, waiveFee: v.waiveFee, remark: v.remark.trim() });
      message.success(t('payment.order.done', { amount: yuan(refund.amountFen) }));
      setOpen(false);
      onRefunded(refund);
    } catch (e) {
      setError(isApiError(e) ? e.errorMessage : t('common.networkError'));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<RefundView> = [
    { title: t('payment.refunds.refundNo'), dataIndex: 'outRefundNo', width: 190 },
    { title: t('payment.refunds.reason'), dataIndex: 'reason', width: 120, render: (v: RefundReason) => labelOf(REFUND_REASON_LABELS, v) },
    { title: t('payment.refunds.tickets'), dataIndex: 'ticketNos', render: (v: string[]) => v.join(t('common.listSeparator')) },
    { title: t('payment.common.amount'), dataIndex: 'amountFen', width: 90, align: 'right', render: (v: number) => yuan(v) },
    { title: t('payment.refunds.fee'), dataIndex: 'feeFen', width: 80, align: 'right', render: (v: number) => yuan(v) },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (v: RefundStatus) => <RefundStatusTag status={v} /> },
    { title: t('payment.refunds.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm') },
  ];

  return (
    <div data-testid="order-money">
      <Descriptions
        size="small"
        column={2}
        bordered
        title={t('payment.order.title')}
        extra={
          canRefund && (
            <Button icon={<RollbackOutlined />} onClick={openDialog}>
              {t('payment.order.refund')}
            </Button>
          )
        }
      >
        <Descriptions.Item label={t('payment.order.paid')}>
          <Typography.Text strong>{money.paidAt ? yuan(money.paidFen) : t('payment.order.unpaid')}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('payment.order.refunded')}>{yuan(money.refundedFen)}</Descriptions.Item>
        <Descriptions.Item label={t('payment.order.channel')}>{labelOf(PAYMENT_CHANNEL_LABELS, money.channel)}</Descriptions.Item>
        <Descriptions.Item label={t('payment.order.paidAt')}>{formatTime(money.paidAt) || '-'}</Descriptions.Item>
        {money.rebookedFrom && <Descriptions.Item label={t('payment.order.rebookedFrom')}>{money.rebookedFrom.orderNo}</Descriptions.Item>}
        {money.rebookedTo && <Descriptions.Item label={t('payment.order.rebookedTo')}>{money.rebookedTo.orderNo}</Descriptions.Item>}
      </Descriptions>
      {money.refunds.length > 0 && (
        <Table<RefundView>
          style={{ marginTop: 12 }}
          rowKey="id"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={money.refunds}
          scroll={{ x: 760 }}
        />
      )}
      <Modal
        open={open}
        title={t('payment.order.refundTitle')}
        onCancel={() => setOpen(false)}
        okText={t('payment.order.submit')}
        okButtonProps={{ danger: true, loading: saving }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('payment.order.refundHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<RefundForm> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ ticketIds: [], waiveFee: false }}>
          <Form.Item name="ticketIds" label={t('payment.order.tickets')} rules={[{ required: true, type: 'array', min: 1, message: t('payment.order.ticketsRequired') }]}>
            <Checkbox.Group style={{ width: '100%' }}>
              <Space direction="vertical">
                {refundable.map((tk) => (
                  <Checkbox key={tk.id} value={tk.id}>
                    {tk.riderName} · {tk.ticketNo} · {yuan(tk.priceFen)}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="waiveFee" label={t('payment.order.waiveFee')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="remark"
            label={t('payment.order.remark')}
            rules={[
              { required: true, whitespace: true, message: t('payment.order.remarkRequired') },
              { max: 200, message: t('payment.order.remarkTooLong') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
