import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowRightOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LineQuery, LineView, OrgNode } from '@dzky/contracts';
import { canDo } from '../../../access';
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
} from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { toTreeOptions } from '../../../utils/org';
import { listOwnerOrgs } from '../api';
import HistoryDrawer from '../components/HistoryDrawer';
import { nameOf, todayInBeijing, validityState } from '../utils';
import LineFormDrawer from './components/LineFormDrawer';
import { lineApi } from './service';

interface Filters {
  keyword?: string;
  enabled?: 'true' | 'false';
  operable?: 'true' | 'false';
  orgId?: number;
}

const toQuery = (f: Filters, paging?: { page: number; pageSize: number }): LineQuery => ({
  ...paging,
  keyword: f.keyword?.trim() || undefined,
  enabled: boolOf(f.enabled),
  operable: boolOf(f.operable),
  orgId: f.orgId,
});

/** 线路管理: 班线 with their licence, validity and approved stops. */
export default function LinesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('basedata.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList((f: Filters, paging) => lineApi.list(toQuery(f, paging)), {});
  const { load } = list;
  const confirmToggle = useToggleConfirm();
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [editing, setEditing] = useState<{ line: LineView | null } | null>(null);
  const [history, setHistory] = useState<{ id: number; title: string } | null>(null);

  useEffect(() => {
    void listOwnerOrgs().then(setOrgs);
  }, []);

  const toggle = (l: LineView) =>
    confirmToggle({
      enabled: l.enabled,
      title: l.enabled
        ? t('basedata.lines.confirmDisable', { name: l.name })
        : t('basedata.lines.confirmEnable', { name: l.name }),
      content:
        l.enabled && l.routeCount > 0 ? t('basedata.lines.disableHint', { count: l.routeCount }) : undefined,
      run: () => (l.enabled ? lineApi.disable(l.id) : lineApi.enable(l.id)),
      then: load,
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
      render: (_, l) => <StatusCell enabled={l.enabled} operable={l.operable} blockers={l.blockers} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 180 : 90,
      fixed: 'right',
      render: (_, l) => (
        <RowActions
          canWrite={canWrite}
          enabled={l.enabled}
          onEdit={() => setEditing({ line: l })}
          onToggle={() => toggle(l)}
          onHistory={() => setHistory({ id: l.id, title: l.name })}
        />
      ),
    },
  ];

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
      <FilterCard form={filterForm} onSearch={list.search}>
        <Col xs={24} md={12} xl={7}>
          <Form.Item name="keyword" label={t('basedata.common.keyword')}>
            <Input placeholder={t('basedata.lines.keywordPlaceholder')} allowClear maxLength={64} />
          </Form.Item>
        </Col>
        <EnabledFilter />
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
      </FilterCard>
      <Card
        variant="borderless"
        title={t('basedata.lines.listTitle')}
        extra={
          <ListToolbar onRefresh={() => void load()}>
            <ImportExport
              entity={t('basedata.lines.entity')}
              fileStem={t('basedata.lines.fileStem')}
              hint={t('basedata.common.importRules')}
              canWrite={canWrite}
              calls={lineApi}
              filters={toQuery(list.filters)}
              onImported={() => void load()}
            />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ line: null })}>
                {t('basedata.lines.create')}
              </Button>
            )}
          </ListToolbar>
        }
      >
        <Table<LineView>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1300 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('basedata.lines.empty')} />,
          }}
          pagination={list.pagination}
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
