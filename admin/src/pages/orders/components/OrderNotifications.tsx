import { useEffect, useState } from 'react';
import { Alert, Table, Tag, Typography, type TableColumnsType } from 'antd';
import {
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_STATUS_LABELS,
  notificationKindOf,
  type NotificationDeliveryView,
  type NotificationKind,
} from '@dzky/contracts';
import { currentLang } from '../../../locales/i18n';
import { formatTime } from '../../../utils/time';
import { labelOf } from '../../archive/components/labels';
import { orderApi } from '../service';

/** This section's own words, in the contracts' { zh, en } style. */
const TEXT = {
  title: { zh: '消息通知', en: 'Messages to the passenger' },
  empty: { zh: '尚未向乘客发送消息', en: 'No message sent yet' },
  failed: { zh: '通知记录加载失败', en: 'Could not load the messages' },
  time: { zh: '时间', en: 'Time' },
  kind: { zh: '类型', en: 'Kind' },
  channel: { zh: '渠道', en: 'Channel' },
  status: { zh: '状态', en: 'Status' },
  error: { zh: '失败原因', en: 'Error' },
};
const text = (key: keyof typeof TEXT) => (currentLang() === 'en-US' ? TEXT[key].en : TEXT[key].zh);

const STATUS_COLOR: Record<string, string> = { sent: 'success', failed: 'error', pending: 'processing' };

/**
 * Every message the order's passenger was sent: a WeChat subscribe message, or the SMS it
 * fell back to, each attempt with its result — so staff can answer "was I told?".
 */
export default function OrderNotifications({ orderId }: { orderId: number }) {
  const [rows, setRows] = useState<NotificationDeliveryView[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setRows(null);
    setFailed(false);
    orderApi.notifications(orderId).then(
      (list) => live && setRows(list),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [orderId]);

  const columns: TableColumnsType<NotificationDeliveryView> = [
    { title: text('time'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
    {
      title: text('kind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: string) => labelOf(NOTIFICATION_KIND_LABELS, notificationKindOf(v) as NotificationKind),
    },
    { title: text('channel'), dataIndex: 'channel', width: 130, render: (v: NotificationDeliveryView['channel']) => labelOf(NOTIFICATION_CHANNEL_LABELS, v) },
    {
      title: text('status'),
      dataIndex: 'status',
      width: 90,
      render: (v: NotificationDeliveryView['status']) => (
        <Tag bordered={false} color={STATUS_COLOR[v]}>
          {labelOf(NOTIFICATION_STATUS_LABELS, v)}
        </Tag>
      ),
    },
    {
      title: text('error'),
      dataIndex: 'error',
      render: (v: string | null) => (v ? <Typography.Text type="secondary">{v}</Typography.Text> : '-'),
    },
  ];

  return (
    <div data-testid="order-notifications">
      <Typography.Title level={5}>{text('title')}</Typography.Title>
      {failed ? (
        <Alert type="warning" showIcon message={text('failed')} />
      ) : (
        <Table<NotificationDeliveryView>
          rowKey="id"
          size="small"
          pagination={false}
          loading={rows === null}
          columns={columns}
          dataSource={rows ?? []}
          // while loading, the spinner speaks: "no message sent" is only said once it is known
          locale={{ emptyText: rows === null ? ' ' : text('empty') }}
          scroll={{ x: 700 }}
        />
      )}
    </div>
  );
}
