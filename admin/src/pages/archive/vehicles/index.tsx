import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Dropdown, Empty, Form, Input, Row, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, DownOutlined, ImportOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Page } from '@dzky/contracts';
import { canDo } from '../../../access';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { ExpiryDate } from '../components/ExpiryDate';
import ImportModal from '../components/ImportModal';
import { fieldLabeller } from '../components/labels';
import { useArchiveOrgs } from '../components/orgs';
import { EnabledBadge, OperableTag, VerifyTag } from '../components/StatusTags';
import type { VehicleQuery, VehicleView } from '../types';
import VehicleDetailDrawer from './components/VehicleDetailDrawer';
import VehicleFormDrawer from './components/VehicleFormDrawer';
import { PLATE_TAG_COLOR } from './constants';
import { disableVehicle, enableVehicle, exportVehicles, listVehicles, VEHICLES } from './service';

interface Filters {
  plateNo?: string;
  enabled?: 'true' | 'false';
  operable?: 'true' | 'false';
  orgId?: number;
}

const bool = (v?: 'true' | 'false') => (v === undefined ? undefined : v === 'true');

/** 车辆档案: the operator's vehicles, their certificates and whether they may run. */
export default function VehiclesPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('archive.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<VehicleView> | null>(null);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<{ vehicle: VehicleView | null } | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { options: orgOptions } = useArchiveOrgs();
  const label = fieldLabeller(t, (k) => i18n.exists(k), 'vehicle');

  const query = useCallback(
    (): VehicleQuery => ({ plateNo: filters.plateNo?.trim().toUpperCase() || undefined, enabled: bool(filters.enabled), operable: bool(filters.operable), orgId: filters.orgId }),
    [filters],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listVehicles({ ...query(), ...paging }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [query, paging]);

  useEffect(() => {
    void load();
  }, [load]);

  // ?view=<id> (links from the dashboard's expiry warnings) opens that record's detail
  const [params, setParams] = useSearchParams();
  useEffect(() => {
    const id = Number(params.get('view'));
    if (Number.isInteger(id) && id > 0) setViewing(id);
  }, [params]);

  const closeDetail = useCallback(() => {
    setViewing(null);
    setParams((p) => {
      p.delete('view');
      return p;
    }, { replace: true });
  }, [setParams]);

  const toggle = (v: VehicleView) =>
    modal.confirm({
      title: v.enabled ? t('archive.common.confirmDisable', { name: v.plateNo }) : t('archive.common.confirmEnable', { name: v.plateNo }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: v.enabled },
      onOk: async () => {
        try {
          await (v.enabled ? disableVehicle(v.id) : enableVehicle(v.id));
          message.success(t('common.success'));
          await load();
        } catch {
          // reported by the request wrapper
        }
      },
    });

  const doExport = async () => {
    setExporting(true);
    try {
      await exportVehicles(query());
    } catch {
      // reported by the request wrapper
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<VehicleView> = [
    {
      title: t('archive.vehicle.plateNo'),
      dataIndex: 'plateNo',
      width: 170,
      fixed: 'left',
      render: (p: string, v) => (
        <Space size={4}>
          <Typography.Link onClick={() => setViewing(v.id)}>{p}</Typography.Link>
          <Tag color={PLATE_TAG_COLOR[v.plateColor]} bordered={false}>
            {t(`archive.plateColor.${v.plateColor}`)}
          </Tag>
        </Space>
      ),
    },
    { title: t('archive.vehicle.approvedSeats'), dataIndex: 'approvedSeats', width: 90, align: 'right' },
    {
      title: t('archive.vehicle.typeClass'),
      key: 'typeClass',
      width: 150,
      render: (_, v) =>
        [v.vehicleType && t(`archive.vehicle.types.${v.vehicleType}`), v.vehicleClass && t(`archive.vehicle.classes.${v.vehicleClass}`)].filter(Boolean).join(' / ') || '-',
    },
    { title: t('archive.vehicle.transportCertExpiry'), dataIndex: 'transportCertExpiry', width: 130, render: (d: string | null) => <ExpiryDate date={d} /> },
    { title: t('archive.vehicle.annualInspectionDue'), dataIndex: 'annualInspectionDue', width: 120, render: (d: string | null) => <ExpiryDate date={d} /> },
    { title: t('archive.vehicle.insuranceExpiry'), dataIndex: 'insuranceExpiry', width: 120, render: (d: string | null) => <ExpiryDate date={d} /> },
    { title: t('archive.vehicle.terminalId'), dataIndex: 'terminalId', width: 140, ellipsis: true, render: (x: string | null) => x ?? '-' },
    { title: t('archive.common.verifyResult'), key: 'verify', width: 110, render: (_, v) => <VerifyTag verification={v.verification} /> },
    { title: t('archive.common.operable'), key: 'operable', width: 120, render: (_, v) => <OperableTag operable={v.operable} blockers={v.blockers} /> },
    { title: t('archive.common.status'), dataIndex: 'enabled', width: 90, render: (e: boolean) => <EnabledBadge enabled={e} /> },
    ...(orgOptions.length > 1 ? [{ title: t('archive.common.org'), dataIndex: 'orgName', width: 160, ellipsis: true }] : []),
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 170 : 80,
      fixed: 'right',
      render: (_, v) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setViewing(v.id)}>
            {t('common.view')}
          </Button>
          {canWrite && (
            <>
              <Button type="link" size="small" onClick={() => setEditing({ vehicle: v })}>
                {t('common.edit')}
              </Button>
              <Button type="link" size="small" danger={v.enabled} onClick={() => toggle(v)}>
                {v.enabled ? t('common.disable') : t('common.enable')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  const search = (v: Filters) => {
    setFilters(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <PageContainer>
      <Card variant="borderless" className="dzky-search-card">
        <Form form={filterForm} onFinish={search} layout="inline" className="dzky-search-form">
          <Row gutter={[24, 16]} style={{ width: '100%' }}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="plateNo" label={t('archive.vehicle.searchPlate')}>
                <Input placeholder={t('archive.vehicle.searchPlatePlaceholder')} allowClear maxLength={8} />
              </Form.Item>
            </Col>
            {orgOptions.length > 1 && (
              <Col xs={24} md={12} xl={6}>
                <Form.Item name="orgId" label={t('archive.common.org')}>
                  <TreeSelect treeData={orgOptions.map((o) => ({ ...o, disabled: false }))} treeDefaultExpandAll allowClear showSearch treeNodeFilterProp="title" placeholder={t('common.all')} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12} xl={4}>
              <Form.Item name="operable" label={t('archive.common.operable')}>
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={[
                    { value: 'true', label: t('archive.common.operable') },
                    { value: 'false', label: t('archive.common.notOperable') },
                  ]}
                />
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
            <Col xs={24} md={24} xl={orgOptions.length > 1 ? 4 : 10} style={{ textAlign: 'right' }}>
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
        title={t('archive.vehicle.listTitle')}
        extra={
          <Space>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ vehicle: null })}>
                {t('archive.vehicle.create')}
              </Button>
            )}
            {canWrite ? (
              <Dropdown.Button
                icon={<DownOutlined />}
                loading={exporting}
                onClick={() => void doExport()}
                menu={{ items: [{ key: 'import', icon: <ImportOutlined />, label: t('archive.common.import'), onClick: () => setImporting(true) }] }}
              >
                <DownloadOutlined /> {t('archive.common.export')}
              </Dropdown.Button>
            ) : (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
                {t('archive.common.export')}
              </Button>
            )}
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      >
        <Table<VehicleView>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1500 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.vehicle.emptyText')} /> }}
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
      <VehicleFormDrawer
        open={editing !== null}
        vehicle={editing?.vehicle ?? null}
        orgOptions={orgOptions}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
          if (viewing === saved.id) {
            // reopen so the detail shows the saved record
            setViewing(null);
            setTimeout(() => setViewing(saved.id));
          }
        }}
      />
      <VehicleDetailDrawer
        id={viewing}
        canWrite={canWrite}
        onClose={closeDetail}
        onEdit={(v) => setEditing({ vehicle: v })}
        onChanged={() => void load()}
      />
      <ImportModal
        open={importing}
        title={`${t('archive.common.importTitle')} · ${t('menu.vehicles')}`}
        base={VEHICLES}
        templateName="vehicles-template.xlsx"
        fieldLabel={label}
        onClose={() => setImporting(false)}
        onImported={(r) => {
          setImporting(false);
          message.success(t('archive.common.importDone', { created: r.created, updated: r.updated }));
          void load();
        }}
      />
    </PageContainer>
  );
}
