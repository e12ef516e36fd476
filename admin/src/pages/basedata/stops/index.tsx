import { useEffect, useMemo, useRef, useState } from 'react';
import {
  App,
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
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { STOP_TYPES, type OrgNode, type StopQuery, type StopType, type StopView } from '@dzky/contracts';
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
import { MapView, type MapHandle, type MapMarker } from '../../../components/map';
import { useProfile } from '../../../session';
import { toTreeOptions } from '../../../utils/org';
import { listOwnerOrgs } from '../api';
import HistoryDrawer from '../components/HistoryDrawer';
import { nameOf } from '../utils';
import StopFormDrawer from './components/StopFormDrawer';
import { stopApi } from './service';

interface Filters {
  keyword?: string;
  type?: StopType;
  regionCode?: string;
  enabled?: 'true' | 'false';
  orgId?: number;
}

export const STOP_TYPE_COLOR: Record<StopType, string> = {
  station: 'geekblue',
  fixed: 'green',
  zone: 'orange',
};
const MARKER_COLOR: Record<StopType, string> = {
  station: '#2f54eb',
  fixed: '#52c41a',
  zone: '#fa8c16',
};

function toQuery(f: Filters, paging?: { page: number; pageSize: number }): StopQuery {
  return {
    ...paging,
    keyword: f.keyword?.trim() || undefined,
    type: f.type,
    regionCode: f.regionCode?.trim() || undefined,
    enabled: boolOf(f.enabled),
    orgId: f.orgId,
  };
}

/** 站点管理: pickup/drop-off points with their place on the map. */
export default function StopsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('basedata.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList((f: Filters, paging) => stopApi.list(toQuery(f, paging)), {});
  const { items: stops, load } = list;
  const confirmToggle = useToggleConfirm();
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [editing, setEditing] = useState<{ stop: StopView | null } | null>(null);
  const [history, setHistory] = useState<{ id: number; title: string } | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const mapRef = useRef<MapHandle>(null);

  useEffect(() => {
    void listOwnerOrgs().then(setOrgs);
  }, []);

  const markers = useMemo<MapMarker[]>(
    () =>
      stops.map((s) => ({
        id: String(s.id),
        position: [s.lng, s.lat],
        color: s.enabled ? MARKER_COLOR[s.type] : '#bfbfbf',
        title: `${s.code} · ${nameOf(s.name)}`,
        highlighted: s.id === focused,
      })),
    [stops, focused],
  );

  // a stop picked in the table is brought into view
  useEffect(() => {
    const s = stops.find((x) => x.id === focused);
    if (s) mapRef.current?.fitTo([[s.lng, s.lat]]);
  }, [focused, stops]);

  const toggle = (s: StopView) => {
    const name = `${s.code} ${nameOf(s.name)}`;
    // a refusal (BASEDATA.IN_USE says which routes use it) is reported by the request wrapper
    confirmToggle({
      enabled: s.enabled,
      title: s.enabled
        ? t('basedata.stops.confirmDisable', { name })
        : t('basedata.stops.confirmEnable', { name }),
      content: s.enabled ? t('basedata.stops.disableHint') : undefined,
      run: () => (s.enabled ? stopApi.disable(s.id) : stopApi.enable(s.id)),
      then: load,
    });
  };

  const columns: TableColumnsType<StopView> = [
    {
      title: t('basedata.stops.code'),
      dataIndex: 'code',
      width: 120,
      fixed: 'left',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('basedata.stops.name'),
      key: 'name',
      width: 200,
      render: (_, s) => (
        <div>
          <Typography.Text strong>{s.name['zh-CN']}</Typography.Text>
          {s.name.en && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.name.en}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('basedata.stops.type'),
      dataIndex: 'type',
      width: 100,
      render: (v: StopType) => (
        <Tag color={STOP_TYPE_COLOR[v]} bordered={false}>
          {t(`basedata.stopType.${v}`)}
        </Tag>
      ),
    },
    {
      title: t('basedata.stops.regionCode'),
      dataIndex: 'regionCode',
      width: 100,
    },
    {
      title: t('basedata.stops.address'),
      dataIndex: 'address',
      ellipsis: { showTitle: true },
      width: 200,
    },
    {
      title: t('basedata.stops.coords'),
      key: 'coords',
      width: 170,
      render: (_, s) => (
        <Tooltip title={t('basedata.stops.showOnMap')}>
          <Button
            type="link"
            size="small"
            icon={<EnvironmentOutlined />}
            onClick={() => setFocused(s.id)}
            style={{ padding: 0 }}
          >
            {s.lng.toFixed(5)}, {s.lat.toFixed(5)}
          </Button>
        </Tooltip>
      ),
    },
    {
      title: t('basedata.common.owner'),
      dataIndex: 'orgName',
      width: 140,
      ellipsis: { showTitle: true },
    },
    {
      title: t('common.status'),
      dataIndex: 'enabled',
      width: 80,
      render: (v: boolean) => <StatusCell enabled={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 170 : 90,
      fixed: 'right',
      render: (_, s) => (
        <RowActions
          canWrite={canWrite}
          enabled={s.enabled}
          onEdit={() => setEditing({ stop: s })}
          onToggle={() => toggle(s)}
          onHistory={() => setHistory({ id: s.id, title: `${s.code} ${nameOf(s.name)}` })}
        />
      ),
    },
  ];

  const fieldLabels = {
    code: t('basedata.stops.code'),
    name: t('basedata.stops.name'),
    type: t('basedata.stops.type'),
    regionCode: t('basedata.stops.regionCode'),
    address: t('basedata.stops.address'),
    lng: t('basedata.point.lng'),
    lat: t('basedata.point.lat'),
    enabled: t('common.status'),
  };

  return (
    <PageContainer>
      <FilterCard form={filterForm} onSearch={list.search}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="keyword" label={t('basedata.common.keyword')}>
            <Input placeholder={t('basedata.stops.keywordPlaceholder')} allowClear maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="type" label={t('basedata.stops.type')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={STOP_TYPES.map((v) => ({
                value: v,
                label: t(`basedata.stopType.${v}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item name="regionCode" label={t('basedata.stops.region')}>
            <Input
              placeholder={t('basedata.stops.regionPlaceholder')}
              allowClear
              maxLength={6}
              inputMode="numeric"
            />
          </Form.Item>
        </Col>
        <EnabledFilter />
        {orgs.length > 0 && (
          <Col xs={24} md={12} xl={6}>
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
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={15}>
          <Card
            variant="borderless"
            title={t('basedata.stops.listTitle')}
            extra={
              <ListToolbar onRefresh={() => void load()}>
                <ImportExport
                  entity={t('basedata.stops.entity')}
                  fileStem={t('basedata.stops.fileStem')}
                  hint={t('basedata.common.importRules')}
                  canWrite={canWrite}
                  calls={stopApi}
                  filters={toQuery(list.filters)}
                  onImported={() => void load()}
                />
                {canWrite && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ stop: null })}>
                    {t('basedata.stops.create')}
                  </Button>
                )}
              </ListToolbar>
            }
          >
            <Table<StopView>
              rowKey="id"
              columns={columns}
              dataSource={stops}
              loading={list.loading}
              scroll={{ x: 1200 }}
              size="middle"
              rowClassName={(s) => (s.id === focused ? 'ant-table-row-selected' : '')}
              onRow={(s) => ({ onClick: () => setFocused(s.id) })}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('basedata.stops.empty')} />
                ),
              }}
              pagination={list.pagination}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={9}>
          <Card
            variant="borderless"
            title={t('basedata.stops.mapTitle')}
            styles={{ body: { padding: 12 } }}
            style={{ position: 'sticky', top: 16 }}
          >
            <MapView
              ref={mapRef}
              height={560}
              markers={markers}
              fitKey={stops.map((s) => s.id).join(',')}
              data-testid="stops-map"
              aria-label={t('basedata.stops.mapTitle')}
              onMarkerClick={(id) => setFocused(Number(id))}
            />
            <Space size={12} wrap style={{ marginTop: 8 }}>
              {STOP_TYPES.map((v) => (
                <Space key={v} size={4}>
                  <span
                    style={{
                      display: 'inline-block',
                      width: 10,
                      height: 10,
                      borderRadius: 5,
                      background: MARKER_COLOR[v],
                    }}
                  />
                  <Typography.Text type="secondary">{t(`basedata.stopType.${v}`)}</Typography.Text>
                </Space>
              ))}
              <Typography.Text type="secondary">· {t('basedata.point.datumShort')}</Typography.Text>
            </Space>
          </Card>
        </Col>
      </Row>
      <StopFormDrawer
        open={editing !== null}
        stop={editing?.stop ?? null}
        orgs={orgs}
        neighbours={stops}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          setEditing(null);
          setFocused(s.id);
          message.success(t('common.saved'));
          void load();
        }}
      />
      <HistoryDrawer
        target={history}
        load={stopApi.history}
        fieldLabels={fieldLabels}
        onClose={() => setHistory(null)}
      />
    </PageContainer>
  );
}
