import { useState } from 'react';
import { Button, Card, Col, Empty, Form, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { RouteListItem, RouteQuery } from '@dzky/contracts';
import { canDo } from '../../../../access';
import {
  EnabledFilter,
  boolOf,
  FilterCard,
  ImportExport,
  ListToolbar,
  RowActions,
  StatusCell,
  usePagedList,
  useToggleConfirm,
} from '../../../../components/data-table';
import PageContainer from '../../../../components/PageContainer';
import { useProfile } from '../../../../session';
import HistoryDrawer from '../../components/HistoryDrawer';
import { km } from '../../utils';
import { listRoutes, routeApi } from '../service';
import LineSelect from './LineSelect';

interface Filters {
  keyword?: string;
  lineId?: number;
  enabled?: 'true' | 'false';
}

const toQuery = (f: Filters, paging?: { page: number; pageSize: number }): RouteQuery => ({
  ...paging,
  keyword: f.keyword?.trim() || undefined,
  lineId: f.lineId,
  enabled: boolOf(f.enabled),
});

/** 路线与区域: the routes of every line; a route opens in the editor with its stops and zones. */
export default function RouteList() {
  const { t } = useTranslation();
  const me = useProfile();
  const canWrite = canDo('basedata.write', me.permissions);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const initialLine = Number(params.get('lineId')) || undefined;
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList((f: Filters, paging) => listRoutes(toQuery(f, paging)), { lineId: initialLine });
  const { filters, load } = list;
  const confirmToggle = useToggleConfirm();
  const [history, setHistory] = useState<{ id: number; title: string } | null>(null);

  const search = (v: Filters) => {
    list.search(v);
    // the line filter stays in the address, so a link from 线路管理 and a reload keep it
    setParams(v.lineId ? { lineId: String(v.lineId) } : {}, { replace: true });
  };

  const toggle = (r: RouteListItem) =>
    confirmToggle({
      enabled: r.enabled,
      title: r.enabled
        ? t('basedata.routes.confirmDisable', { name: r.name })
        : t('basedata.routes.confirmEnable', { name: r.name }),
      run: () => (r.enabled ? routeApi.disable(r.id) : routeApi.enable(r.id)),
      then: load,
    });

  const columns: TableColumnsType<RouteListItem> = [
    {
      title: t('basedata.routes.code'),
      dataIndex: 'code',
      width: 170,
      fixed: 'left',
      render: (v: string, r) => (
        <div>
          <Link to={`/basedata/routes/${r.id}`}>
            <Typography.Text code>{v}</Typography.Text>
          </Link>
          <div>
            <Typography.Text strong>{r.name}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('basedata.routes.line'),
      key: 'line',
      width: 200,
      render: (_, r) => (
        <div>
          <Typography.Text>{r.lineName}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.licenceNo}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('basedata.routes.fromTo'),
      key: 'fromTo',
      width: 240,
      render: (_, r) => (
        <Space size={6}>
          <span>{r.from}</span>
          <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
          <span>{r.to}</span>
        </Space>
      ),
    },
    {
      title: t('basedata.routes.stopCount'),
      dataIndex: 'stopCount',
      width: 80,
    },
    {
      title: t('basedata.routes.zoneCount'),
      dataIndex: 'zoneCount',
      width: 90,
      render: (n: number) => (n > 0 ? n : <Typography.Text type="secondary">0</Typography.Text>),
    },
    {
      title: t('basedata.routes.total'),
      key: 'total',
      width: 150,
      render: (_, r) =>
        `${km(r.totalDistanceM)} · ${t('basedata.routes.minutesValue', { minutes: r.totalMinutes })}`,
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 120,
      render: (_, r) => <StatusCell enabled={r.enabled} operable={r.operable} blockers={r.blockers} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 190 : 130,
      fixed: 'right',
      render: (_, r) => (
        <RowActions
          canWrite={canWrite}
          enabled={r.enabled}
          open={
            <Button type="link" size="small" onClick={() => navigate(`/basedata/routes/${r.id}`)}>
              {canWrite ? t('basedata.routes.open') : t('common.view')}
            </Button>
          }
          onToggle={() => toggle(r)}
          onHistory={() => setHistory({ id: r.id, title: r.name })}
        />
      ),
    },
  ];

  return (
    <PageContainer>
      <FilterCard form={filterForm} onSearch={search} initialValues={{ lineId: initialLine }}>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="keyword" label={t('basedata.common.keyword')}>
            <Input placeholder={t('basedata.routes.keywordPlaceholder')} allowClear maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="lineId" label={t('basedata.routes.line')}>
            <LineSelect placeholder={t('common.all')} />
          </Form.Item>
        </Col>
        <EnabledFilter />
      </FilterCard>
      <Card
        variant="borderless"
        title={t('basedata.routes.listTitle')}
        extra={
          <ListToolbar onRefresh={() => void load()}>
            <ImportExport
              entity={t('basedata.routes.entity')}
              fileStem={t('basedata.routes.fileStem')}
              hint={t('basedata.common.importRules')}
              canWrite={canWrite}
              calls={routeApi}
              filters={toQuery(filters)}
              onImported={() => void load()}
            />
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() =>
                  navigate(`/basedata/routes/new${filters.lineId ? `?lineId=${filters.lineId}` : ''}`)
                }
              >
                {t('basedata.routes.create')}
              </Button>
            )}
          </ListToolbar>
        }
      >
        <Table<RouteListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1250 }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('basedata.routes.empty')} />
            ),
          }}
          pagination={list.pagination}
        />
      </Card>
      <HistoryDrawer
        target={history}
        load={routeApi.history}
        fieldLabels={{
          code: t('basedata.routes.code'),
          name: t('basedata.routes.name'),
          stops: t('basedata.routes.stops'),
          enabled: t('common.status'),
        }}
        onClose={() => setHistory(null)}
      />
    </PageContainer>
  );
}
