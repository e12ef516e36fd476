import { useCallback, useEffect, useState } from 'react';
import { Button, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AdminOrderListItem, Page } from '@dzky/contracts';
import { canDo } from '../../../../access';
import { useProfile } from '../../../../session';
import { formatTime } from '../../../../utils/time';
import OrderDetailDrawer, { yuan } from '../../../orders/components/OrderDetailDrawer';
import { OrderStatusTag } from '../../../orders/components/OrderTags';
import { orderApi } from '../../../orders/service';

const PAGE_SIZE = 10;

/**
 * 订单记录: every booking the passenger made, newest first, across operators (platform
 * staff only, as the whole passenger record). An order opens in its own drawer.
 */
export default function PassengerOrders({ endUserId }: { endUserId: number }) {
  const { t } = useTranslation();
  const me = useProfile();
  const allowed = canDo('order.read', me.permissions);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<AdminOrderListItem> | null>(null);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const load = useCallback(async () => {
    if (!allowed) return;
    setLoading(true);
    try {
      setData(await orderApi.list({ endUserId, page, pageSize: PAGE_SIZE }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [allowed, endUserId, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const close = useCallback(() => setOpenId(null), []);

  if (!allowed) return <Typography.Text type="secondary">{t('order.passenger.noPermission')}</Typography.Text>;

  const columns: TableColumnsType<AdminOrderListItem> = [
    {
      title: t('order.common.orderNo'),
      dataIndex: 'orderNo',
      width: 200,
      render: (v: string, r) => (
        <div>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(r.id)}>
            {v}
          </Button>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(r.createdAt, 'YYYY-MM-DD HH:mm')}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('order.list.departure'),
      key: 'departure',
      width: 190,
      render: (_, r) => (
        <div>
          <Typography.Text>{formatTime(r.departAt, 'YYYY-MM-DD HH:mm')}</Typography.Text>
          <div style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.fromName} <ArrowRightOutlined style={{ fontSize: 10 }} /> {r.toName} · {t('order.passenger.riders', { count: r.riderCount })}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('order.common.amount'), dataIndex: 'totalFen', width: 90, align: 'right', render: (v: number) => yuan(v) },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: AdminOrderListItem['status']) => <OrderStatusTag status={v} /> },
    { title: t('order.common.operator'), dataIndex: 'orgName', ellipsis: true },
  ];

  return (
    <>
      <Table<AdminOrderListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 680 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('order.passenger.empty')} /> }}
        pagination={
          data && data.total > PAGE_SIZE
            ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showTotal: (total) => t('common.total', { total }), size: 'small' }
            : false
        }
      />
      <OrderDetailDrawer id={openId} onClose={close} onChanged={() => void load()} />
    </>
  );
}
