import { useEffect, useState } from 'react';
import { App, Badge, Button, Card, Col, Empty, Form, Input, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NOTICE_KINDS, NOTICE_KIND_LABELS, type LineView, type NoticeInput, type NoticeKind, type NoticeQuery, type NoticeView } from '@dzky/contracts';
import { canDo } from '../../access';
import { boolOf, FilterCard, ListToolbar, usePagedList } from '../../components/data-table';
import PageContainer from '../../components/PageContainer';
import { useProfile } from '../../session';
import { isApiError } from '../../request';
import { formatTime } from '../../utils/time';
import { labelOf, optionsOf } from '../archive/components/labels';
import { lineApi } from '../basedata/lines/service';
import NoticeFormDrawer from './components/NoticeFormDrawer';
import { noticeState } from './model';
import { noticeApi } from './service';

interface Filters {
  keyword?: string;
  kind?: NoticeKind;
  published?: 'true' | 'false';
}

const toQuery = (f: Filters, paging: { page: number; pageSize: number }): NoticeQuery => ({
  ...paging,
  keyword: f.keyword?.trim() || undefined,
  kind: f.kind,
  published: boolOf(f.published),
});

const KIND_COLOR: Record<NoticeKind, string> = { announcement: 'blue', service_commitment: 'green', special_requirement: 'orange' };

const STATE_BADGE = { draft: 'default', scheduled: 'processing', live: 'success', ended: 'warning' } as const;

/** The notice as it would be saved again: PUT replaces the whole notice. */
const inputOf = (n: NoticeView, over: Partial<NoticeInput> = {}): NoticeInput => ({
  orgId: n.orgId,
  kind: n.kind,
  title: n.title,
  body: n.body,
  lineIds: n.lineIds,
  validFrom: n.validFrom,
  validUntil: n.validUntil,
  published: n.published,
  priority: n.priority,
  ...over,
});

/** 信息发布: notices on special requirements, service commitments and announcements, per operator and line. */
export default function NoticesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('notice.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList((f: Filters, paging) => noticeApi.list(toQuery(f, paging)), {});
  const { load } = list;
  const [lines, setLines] = useState<Map<number, LineView>>(new Map());
  const [editing, setEditing] = useState<{ notice: NoticeView | null } | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    lineApi.list({ page: 1, pageSize: 100 }).then(
      (p) => live && setLines(new Map(p.items.map((l) => [l.id, l]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const remove = async (n: NoticeView) => {
    try {
      await noticeApi.remove(n.id);
      message.success(t('trip.notices.deleted'));
      await load();
    } catch {
      // reported by the request wrapper
    }
  };

  // 发布 / 撤回 straight from the list: passengers see the notice (within its validity) or no longer do
  const togglePublished = async (n: NoticeView, published: boolean) => {
    setToggling(n.id);
    try {
      await noticeApi.update(n.id, inputOf(n, { published }));
      message.success(t(published ? 'trip.notices.publishedDone' : 'trip.notices.withdrawnDone', { title: n.title }));
      await load();
    } catch (e) {
      message.error(isApiError(e) ? e.errorMessage : t('common.networkError'));
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<NoticeView> = [
    {
      title: t('trip.notices.noticeTitle'),
      key: 'title',
      // takes the room the others leave
      render: (_, n) => (
        <div>
          <Space size={6}>
            <Tag color={KIND_COLOR[n.kind]} bordered={false}>
              {labelOf(NOTICE_KIND_LABELS, n.kind)}
            </Tag>
            <Typography.Text strong>{n.title}</Typography.Text>
          </Space>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: n.body }} style={{ margin: '4px 0 0', fontSize: 12 }}>
            {n.body}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: t('trip.notices.lines'),
      key: 'lines',
      width: 160,
      render: (_, n) =>
        n.lineIds.length === 0 ? (
          <Typography.Text type="secondary">{t('trip.notices.allLines')}</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {n.lineIds.slice(0, 3).map((id) => (
              <Tag key={id} bordered={false}>
                {lines.get(id)?.name ?? `#${id}`}
              </Tag>
            ))}
            {n.lineIds.length > 3 && (
              <Tooltip title={n.lineIds.map((id) => lines.get(id)?.name ?? `#${id}`).join('、')}>
                <Tag bordered={false}>+{n.lineIds.length - 3}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
    },
    {
      title: t('trip.notices.validity'),
      key: 'validity',
      width: 190,
      render: (_, n) =>
        n.validFrom || n.validUntil ? (
          <Typography.Text>
            {n.validFrom ? formatTime(n.validFrom, 'YYYY-MM-DD HH:mm') : t('trip.notices.fromPublish')} ~{' '}
            {n.validUntil ? formatTime(n.validUntil, 'YYYY-MM-DD HH:mm') : t('trip.notices.noEnd')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('trip.notices.always')}</Typography.Text>
        ),
    },
    { title: t('trip.notices.priority'), dataIndex: 'priority', width: 92, align: 'right' },
    {
      title: t('common.status'),
      key: 'state',
      width: canWrite ? 150 : 100,
      render: (_, n) => {
        const state = noticeState(n);
        return (
          <Space size={8}>
            {canWrite && (
              <Tooltip title={t(n.published ? 'trip.notices.withdraw' : 'trip.notices.publish')}>
                <Switch
                  size="small"
                  checked={n.published}
                  loading={toggling === n.id}
                  onChange={(on) => void togglePublished(n, on)}
                  aria-label={t('trip.notices.publishToggle', { title: n.title })}
                />
              </Tooltip>
            )}
            <Badge status={STATE_BADGE[state]} text={t(`trip.notices.state.${state}`)} />
          </Space>
        );
      },
    },
    ...(me.orgKind === 'platform' ? [{ title: t('trip.common.operator'), dataIndex: 'orgName', width: 140, ellipsis: true } as const] : []),
    { title: t('trip.notices.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm') },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, n: NoticeView) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ notice: n })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('trip.notices.confirmDelete', { title: n.title })}
                  description={t('trip.notices.deleteHint')}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(n)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer subTitle={t('trip.notices.subtitle')}>
      <FilterCard form={filterForm} onSearch={list.search}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="keyword" label={t('trip.common.keyword')}>
            <Input allowClear maxLength={64} placeholder={t('trip.notices.keywordPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="kind" label={t('trip.notices.kind')}>
            <Select allowClear placeholder={t('common.all')} options={optionsOf(NOTICE_KINDS, NOTICE_KIND_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="published" label={t('trip.notices.published')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('trip.notices.publishedYes') },
                { value: 'false', label: t('trip.notices.publishedNo') },
              ]}
            />
          </Form.Item>
        </Col>
      </FilterCard>
      <Card
        variant="borderless"
        title={t('trip.notices.listTitle')}
        extra={
          <ListToolbar onRefresh={() => void load()}>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ notice: null })}>
                {t('trip.notices.create')}
              </Button>
            )}
          </ListToolbar>
        }
      >
        <Table<NoticeView>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trip.notices.empty')} /> }}
          pagination={list.pagination}
        />
      </Card>
      <NoticeFormDrawer
        open={editing !== null}
        notice={editing?.notice ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
        }}
      />
    </PageContainer>
  );
}
