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
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  ArrowRightOutlined,
  HistoryOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LineQuery, LineView, OrgNode, Page } from '@dzky/contracts';
import { canDo } from '../../../access';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { toTreeOptions } from '../../../utils/org';
import { listOwnerOrgs } from '../api';
import HistoryDrawer from '../components/HistoryDrawer';
import ImportExport from '../components/ImportExport';
import { nameOf, todayInBeijing, validityState } from '../utils';
import LineFormDrawer from './components/LineFormDrawer';
import { lineApi } from './service';

interface Filters {
  keyword?: string;
  enabled?: 'true' | 'false';
  operable?: 'true' | 'false';
  orgId?: number;
}

const bool = (v?: 'true' | 'false') => (v === undefined ? undefined : v === 'true');
const toQuery = (f: Filters, paging: { page: number; pageSize: number }): LineQuery => ({
  ...paging,
  keyword: f.keyword?.trim() || undefined,
  enabled: bool(f.enabled),
  operable: bool(f.operable),
  orgId: f.orgId,
});

/** 线路管理: 班线 with their licence, validity and approved stops. */
export default function LinesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('basedata.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<LineView> | null>(null);
  const [loading, setLoading] = useState(false);
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [editing, setEditing] = useState<{ line: LineView | null } | null>(null);
  const [history, setHistory] = useState<{ id: number; title: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await lineApi.list(toQuery(filters, paging)));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [filters, paging]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void listOwnerOrgs().then(setOrgs);
  }, []);

  const toggle = (l: LineView) =>
    modal.confirm({
      title: l.enabled
        ? t('basedata.lines.confirmDisable', { name: l.name })
        : t('basedata.lines.confirmEnable', { name: l.name }),
      content:
        l.enabled && l.routeCount > 0 ? t('basedata.lines.disableHint', { count: l.routeCount }) : undefined,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: l.enabled },
      onOk: async () => {
        try {
          await (l.enabled ? lineApi.disable(l.id) : lineApi.enable(l.id));
          message.success(t('common.success'));
          await load();
        } catch {
          // reported by the request wrapper
        }
      },
    });

  const today = todayInBeijing();
  const columns: TableColumnsType<LineView> = [
    {
      title: t('basedata.lines.licenceNo'),
      dataIndex: 'licenceNo',
      width: 170,
      fixed: 'left',
      render: (v: string, l) => (
        <div>
          <Typography.Text code>{v}</Typography.Text>
          <div>
            <Typography.Text strong>{l.name}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('basedata.lines.odPair'),
      key: 'od',
      width: 200,
      render: (_, l) => (
        <Space size={6}>
          <Tooltip title={l.originRegionCode}>
            <span>{l.originCity}</span>
          </Tooltip>
          <ArrowRightOutlined style={{ color: '#8c8c8c' }} />
          <Tooltip title={l.destinationRegionCode}>
            <span>{l.destinationCity}</span>
          </Tooltip>
        </Space>
      ),
    },
    {
      title: t('basedata.lines.validity'),
      key: 'validity',
      width: 210,
      render: (_, l) => {
        const state = validityState(l.validUntil, today);
        return (
          <Space size={4} wrap>
            <Typography.Text
              type={state === 'expired' ? 'danger' : state === 'expiring' ? 'warning' : undefined}
              data-validity={state}
            >
              {l.validFrom} ~ {l.validUntil}
            </Typography.Text>
            {state === 'expired' && (
              <Tag color="red" bordered={false}>
                {t('basedata.lines.expired')}
              </Tag>
            )}
            {state === 'expiring' && (
              <Tag color="orange" bordered={false}>
                {t('basedata.lines.expiring')}
              </Tag>
            )}
          </Space>
        );
      },
    },
    {
      title: t('basedata.lines.approvedStops'),
      key: 'stops',
      width: 220,
      render: (_, l) =>
        l.approvedStops.length === 0 ? (
          <Typography.Text type="secondary">{l.approvedArea || t('basedata.lines.anyStop')}</Typography.Text>
        ) : (
          <Tooltip title={l.approvedStops.map((s) => `${s.code} ${nameOf(s.name)}`).join('、')}>
            <Space size={[0, 4]} wrap>
              {l.approvedStops.slice(0, 3).map((s) => (
                <Tag key={s.id} bordered={false} color={s.enabled ? 'blue' : 'default'}>
                  {nameOf(s.name)}
                </Tag>
              ))}
              {l.approvedStops.length > 3 && <Tag bordered={false}>+{l.approvedStops.length - 3}</Tag>}
            </Space>
          </Tooltip>
        ),
    },
    {
      title: t('basedata.lines.routes'),
      dataIndex: 'routeCount',
      width: 80,
      render: (n: number, l) => <Link to={`/basedata/routes?lineId=${l.id}`}>{n}</Link>,
    },
    {
      title: t('basedata.common.owner'),
      dataIndex: 'orgName',
      width: 140,
      ellipsis: { showTitle: true },
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 130,
      render: (_, l) => (
        <Space size={4} direction="vertical">
          <Badge
            status={l.enabled ? 'success' : 'default'}
            text={l.enabled ? t('common.enabled') : t('common.disabled')}
          />
          {l.enabled && !l.operable && (
            <Tooltip title={l.blockers.join('；')}>
              <Tag color="red" icon={<WarningOutlined />} bordered={false}>
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
      width: canWrite ? 180 : 90,
      fixed: 'right',
      render: (_, l) => (
        <Space size={0}>
          {canWrite && (
            <Button type="link" size="small" onClick={() => setEditing({ line: l })}>
              {t('common.edit')}
            </Button>
          )}
          {canWrite && (
            <Button type="link" size="small" danger={l.enabled} onClick={() => toggle(l)}>
              {l.enabled ? t('common.disable') : t('common.enable')}
            </Button>
          )}
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setHistory({ id: l.id, title: l.name })}
          >
            {t('basedata.history.short')}
          </Button>
        </Space>
      ),
    },
  ];

  const search = (v: Filters) => {
    setFilters(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const fieldLabels = {
    licenceNo: t('basedata.lines.licenceNo'),
    name: t('basedata.lines.name'),
    originCity: t('basedata.lines.originCity'),
    originRegionCode: t('basedata.lines.originRegionCode'),
    destinationCity: t('basedata.lines.destinationCity'),
    destinationRegionCode: t('basedata.lines.destinationRegionCode'),
    validFrom: t('basedata.lines.validFrom'),
    validUntil: t('basedata.lines.validUntil'),
    approvedStopIds: t('basedata.lines.approvedStops'),
    approvedArea: t('basedata.lines.approvedArea'),
    enabled: t('common.status'),
  };

  return (
    <PageContainer>
      <Card variant="borderless" className="dzky-search-card">
        <Form form={filterForm} onFinish={search} layout="inline" className="dzky-search-form">
          <Row gutter={[24, 16]} style={{ width: '100%' }}>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="keyword" label={t('basedata.common.keyword')}>
                <Input placeholder={t('basedata.lines.keywordPlaceholder')} allowClear maxLength={64} />
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
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="operable" label={t('basedata.lines.operable')}>
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={[
                    { value: 'true', label: t('basedata.lines.operableYes') },
                    { value: 'false', label: t('basedata.lines.notOperable') },
                  ]}
                />
              </Form.Item>
            </Col>
            {orgs.length > 0 && (
              <Col xs={24} md={12} xl={5}>
                <Form.Item name="orgId" label={t('basedata.common.owner')}>
                  <TreeSelect
                    treeData={toTreeOptions(orgs, true)}
                    treeDefaultExpandAll
                    allowClear
                    showSearch
                    treeNodeFilterProp="title"
                    placeholder={t('common.all')}
                  />
                </Form.Item>
              </Col>
            )}
            <Col flex="auto" style={{ textAlign: 'right' }}>
              <Space>
                <Button
                  onClick={() => {
                    filterForm.resetFields();
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
        title={t('basedata.lines.listTitle')}
        extra={
          <Space wrap>
            <ImportExport
              entity={t('basedata.lines.entity')}
              fileStem={t('basedata.lines.fileStem')}
              canWrite={canWrite}
              exportFile={(name) => lineApi.exportFile(toQuery(filters, paging), name)}
              template={(name) => lineApi.template(name)}
              importFile={(file, onProgress) => lineApi.importFile(file, onProgress)}
              onImported={() => void load()}
            />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ line: null })}>
                {t('basedata.lines.create')}
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
        <Table<LineView>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1300 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('basedata.lines.empty')} />,
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
      <LineFormDrawer
        open={editing !== null}
        line={editing?.line ?? null}
        orgs={orgs}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
        }}
      />
      <HistoryDrawer
        target={history}
        load={lineApi.history}
        fieldLabels={fieldLabels}
        onClose={() => setHistory(null)}
      />
    </PageContainer>
  );
}
