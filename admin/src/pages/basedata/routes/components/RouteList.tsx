import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  ArrowRightOutlined,
  HistoryOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Page, RouteListItem, RouteQuery } from '@dzky/contracts';
import { canDo } from '../../../../access';
import PageContainer from '../../../../components/PageContainer';
import { useProfile } from '../../../../session';
import HistoryDrawer from '../../components/HistoryDrawer';
import ImportExport from '../../components/ImportExport';
import { km } from '../../utils';
import { listRoutes, routeApi } from '../service';
import LineSelect from './LineSelect';

interface Filters {
  keyword?: string;
  lineId?: number;
  enabled?: 'true' | 'false';
}

const toQuery = (f: Filters, paging: { page: number; pageSize: number }): RouteQuery => ({
  ...paging,
  keyword: f.keyword?.trim() || undefined,
  lineId: f.lineId,
  enabled: f.enabled === undefined ? undefined : f.enabled === 'true',
});

/** 路线与区域: the routes of every line; a route opens in the editor with its stops and zones. */
export default function RouteList() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('basedata.write', me.permissions);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const initialLine = Number(params.get('lineId')) || undefined;
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ lineId: initialLine });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<RouteListItem> | null>(null);
  const [loading, setLoading] = useState(false);
  const [history, setHistory] = useState<{ id: number; title: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listRoutes(toQuery(filters, paging)));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [filters, paging]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = (v: Filters) => {
    setFilters(v);
    setPaging((p) => ({ ...p, page: 1 }));
    // the line filter stays in the address, so a link from 线路管理 and a reload keep it
    setParams(v.lineId ? { lineId: String(v.lineId) } : {}, { replace: true });
  };

  const toggle = (r: RouteListItem) =>
    modal.confirm({
      title: r.enabled
        ? t('basedata.routes.confirmDisable', { name: r.name })
        : t('basedata.routes.confirmEnable', { name: r.name }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: r.enabled },
      onOk: async () => {
        try {
          await (r.enabled ? routeApi.disable(r.id) : routeApi.enable(r.id));
          message.success(t('common.success'));
          await load();
        } catch {
          // reported by the request wrapper
        }
      },
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
      render: (_, r) => (
        <Space size={4} direction="vertical">
          <Badge
            status={r.enabled ? 'success' : 'default'}
            text={r.enabled ? t('common.enabled') : t('common.disabled')}
          />
          {r.enabled && !r.operable && (
            <Tooltip title={r.blockers.join('；')}>
              <Tag color="red" bordered={false}>
                {t('basedata.lines.notOperable')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 190 : 130,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/basedata/routes/${r.id}`)}>
            {canWrite ? t('basedata.routes.open') : t('common.view')}
          </Button>
          {canWrite && (
            <Button type="link" size="small" danger={r.enabled} onClick={() => toggle(r)}>
              {r.enabled ? t('common.disable') : t('common.enable')}
            </Button>
          )}
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setHistory({ id: r.id, title: r.name })}
          >
            {t('basedata.history.short')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer>
      <Card variant="borderless" className="dzky-search-card">
        <Form
          form={filterForm}
          onFinish={search}
          layout="inline"
          className="dzky-search-form"
          initialValues={{ lineId: initialLine }}
        >
          <Row gutter={[24, 16]} style={{ width: '100%' }}>
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
            <Col xs={24} md={12} xl={4}>
              <Form.Item name="enabled" label={t('common.status')}>
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={[
                    { value: 'true', label: t('common.enabled') },
                    { value: 'false', label: t('common.disabled') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col flex="auto" style={{ textAlign: 'right' }}>
              <Space>
                <Button
                  onClick={() => {
                    filterForm.resetFields();
                    filterForm.setFieldsValue({ lineId: undefined });
                    search({});
                  }}
                >
                  {t('common.reset')}
                </Button>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('common.search')}
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card
        variant="borderless"
        title={t('basedata.routes.listTitle')}
        extra={
          <Space wrap>
            <ImportExport
              entity={t('basedata.routes.entity')}
              fileStem={t('basedata.routes.fileStem')}
              canWrite={canWrite}
              exportFile={(name) => routeApi.exportFile(toQuery(filters, paging), name)}
              template={(name) => routeApi.template(name)}
              importFile={(file, onProgress) => routeApi.importFile(file, onProgress)}
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
            <Tooltip title={t('common.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void load()}
                aria-label={t('common.refresh')}
              />
            </Tooltip>
          </Space>
        }
      >
        <Table<RouteListItem>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1250 }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('basedata.routes.empty')} />
            ),
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
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
