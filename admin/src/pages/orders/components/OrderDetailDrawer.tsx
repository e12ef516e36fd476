import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  fenToYuanString,
  ID_TYPE_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_TYPE_LABELS,
  type OrderPlace,
  type OrderView,
  type TicketView,
} from '@dzky/contracts';
import { canAccess, canDo } from '../../../access';
import { isApiError } from '../../../request';
import { useProfile } from '../../../session';
import { formatTime } from '../../../utils/time';
import { labelOf } from '../../archive/components/labels';
import { nameOf } from '../../basedata/utils';
import { ServiceLevelTag, vehicleTypeLabel } from '../../trips/components/TripTags';
import { orderApi } from '../service';
import { HoldCountdown, OrderStatusTag } from './OrderTags';
import OrderNotifications from './OrderNotifications';
import OrderMoneySection from '../../finance/refunds/components/OrderMoneySection';

interface Props {
  id: number | null;
  onClose(): void;
  /** the order changed here (cancelled), so lists can reload */
  onChanged?(order: OrderView): void;
}

export const yuan = (fen: number) => `¥${fenToYuanString(fen)}`;

function Place({ place }: { place: OrderPlace }) {
  const { t } = useTranslation();
  return (
    <div>
      <Space size={6} wrap>
        <Typography.Text strong>{nameOf(place.stopName)}</Typography.Text>
        <Typography.Text type="secondary">{formatTime(place.plannedAt, 'MM-DD HH:mm')}</Typography.Text>
        {place.zoneName && (
          <Tag bordered={false} color="purple">
            {place.zoneName}
          </Tag>
        )}
      </Space>
      {place.point && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('order.detail.doorPoint')}：{place.point.address || `${place.point.lng.toFixed(5)}, ${place.point.lat.toFixed(5)}`}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** An order as staff handle it: trip, journey (with door-to-door points), tickets with masked IDs, amount; 取消 for unpaid ones. */
export default function OrderDetailDrawer({ id, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const [order, setOrder] = useState<OrderView | null>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  // the order the drawer shows now: a late answer for another one is dropped
  const current = useRef(id);
  current.current = id;

  const load = useCallback(
    async (orderId: number) => {
      try {
        const next = await orderApi.get(orderId);
        if (current.current === orderId) setOrder(next);
      } catch {
        if (current.current === orderId) onClose();
      }
    },
    [onClose],
  );

  useEffect(() => {
    setOrder(null);
    setCancelOpen(false);
    if (id !== null) void load(id);
  }, [id, load]);

  const cancel = async ({ reason }: { reason: string }) => {
    if (!order) return;
    setSaving(true);
    try {
      const next = await orderApi.cancel(order.id, { reason: reason.trim() });
      setOrder(next);
      setCancelOpen(false);
      message.success(t('order.cancel.done'));
      onChanged?.(next);
    } catch (e) {
      message.error(isApiError(e) ? e.errorMessage : t('common.networkError'));
      // paid or released meanwhile: show the order as it is now
      if (isApiError(e) && e.errorCode === 'ORDER.STATE_INVALID') {
        setCancelOpen(false);
        void load(order.id);
      }
    } finally {
      setSaving(false);
    }
  };

  const canCancel = order?.status === 'pending_payment' && canDo('order.write', me.permissions);
  const ticketColumns: TableColumnsType<TicketView> = [
    { title: t('order.detail.rider'), dataIndex: 'riderName', width: 100 },
    {
      title: t('order.detail.idNumber'),
      key: 'id',
      render: (_, r) => (
        <Space size={4} direction="vertical">
          <Typography.Text>{r.idNumberMasked}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labelOf(ID_TYPE_LABELS, r.idType)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('order.detail.ticketType'), dataIndex: 'ticketType', width: 100, render: (v: TicketView['ticketType']) => labelOf(TICKET_TYPE_LABELS, v) },
    { title: t('order.detail.seat'), dataIndex: 'seatNo', width: 70, render: (v: number | null) => v ?? '-' },
    { title: t('order.detail.price'), dataIndex: 'priceFen', width: 100, align: 'right', render: (v: number) => yuan(v) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: TicketView['status']) => <Tag bordered={false}>{labelOf(TICKET_STATUS_LABELS, v)}</Tag>,
    },
    { title: t('order.detail.ticketNo'), dataIndex: 'ticketNo', width: 170, render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text> },
  ];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={880}
      destroyOnHidden
      title={
        order ? (
          <Space size={8} wrap>
            <span>{t('order.detail.title', { no: order.orderNo })}</span>
            <OrderStatusTag status={order.status} />
          </Space>
        ) : (
          t('order.detail.loading')
        )
      }
      extra={
        canCancel && (
          <Button danger icon={<CloseCircleOutlined />} onClick={() => setCancelOpen(true)}>
            {t('order.cancel.open')}
          </Button>
        )
      }
    >
      {!order ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          {order.status === 'pending_payment' && order.holdExpiresAt && (
            <Alert
              type="warning"
              showIcon
              message={
                <Space size={8} wrap>
                  {t('order.hold.title')}
                  {/* once the hold ran out the bff releases the seats on its next read: show the order as it is then */}
                  <HoldCountdown until={order.holdExpiresAt} onExpire={() => setTimeout(() => void load(order.id), 1500)} />
                </Space>
              }
              description={t('order.hold.hint', { time: formatTime(order.holdExpiresAt, 'HH:mm:ss') })}
            />
          )}
          <Descriptions size="small" column={2} bordered title={t('order.detail.trip')}>
            <Descriptions.Item label={t('order.detail.departAt')}>
              <Space size={6}>
                {formatTime(order.departAt, 'YYYY-MM-DD HH:mm')}
                {canAccess('/trips', me.permissions) ? (
                  <Link to={`/trips/${order.tripId}`}>{t('order.detail.viewTrip')}</Link>
                ) : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('order.detail.line')}>
              {order.lineName} · {order.routeName}
            </Descriptions.Item>
            <Descriptions.Item label={t('order.detail.vehicle')}>
              <Space size={4}>
                <ServiceLevelTag level={order.serviceLevel} />
                {vehicleTypeLabel(order.vehicleType)}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('order.detail.mode')}>
              <Tag bordered={false} color={order.mode === 'door' ? 'purple' : 'blue'}>
                {t(`order.mode.${order.mode}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('order.detail.from')}>
              <Place place={order.from} />
            </Descriptions.Item>
            <Descriptions.Item label={t('order.detail.to')}>
              <Place place={order.to} />
            </Descriptions.Item>
            {me.orgKind === 'platform' && <Descriptions.Item label={t('order.common.operator')}>{order.orgName}</Descriptions.Item>}
          </Descriptions>
          <Descriptions size="small" column={2} bordered title={t('order.detail.order')}>
            <Descriptions.Item label={t('order.common.orderNo')}>
              <Typography.Text copyable>{order.orderNo}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('order.common.amount')}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {yuan(order.totalFen)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('order.detail.contact')}>{order.contactPhoneMasked}</Descriptions.Item>
            <Descriptions.Item label={t('order.common.createdAt')}>{formatTime(order.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('order.detail.remark')} span={2}>
              {order.remark || '-'}
            </Descriptions.Item>
            {order.cancelReason && (
              <Descriptions.Item label={t('order.detail.cancelReason')} span={2}>
                <Typography.Text type="danger">{order.cancelReason}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('order.detail.tickets', { count: order.tickets.length })}</Typography.Title>
            <Table<TicketView> rowKey="id" size="small" pagination={false} columns={ticketColumns} dataSource={order.tickets} scroll={{ x: 760 }} />
          </div>
          <OrderNotifications orderId={order.id} />
          <OrderMoneySection order={order} onRefunded={() => void load(order.id)} />
        </Space>
      )}
      <Modal
        open={cancelOpen}
        title={t('order.cancel.title')}
        onCancel={() => setCancelOpen(false)}
        okText={t('order.cancel.submit')}
        cancelText={t('order.cancel.keep')}
        okButtonProps={{ danger: true, loading: saving }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('order.cancel.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={cancel} preserve={false}>
          <Form.Item
            name="reason"
            label={t('order.cancel.reason')}
            rules={[
              { required: true, whitespace: true, message: t('order.cancel.reasonRequired') },
              { max: 200, message: t('order.cancel.reasonTooLong') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
