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
import type { DriverQuery, DriverView } from '../types';
import DriverDetailDrawer from './components/DriverDetailDrawer';
import DriverFormDrawer from './components/DriverFormDrawer';
import LinkAccountModal from './components/LinkAccountModal';
import { PHONE_PATTERN } from './constants';
import { disableDriver, DRIVERS, enableDriver, exportDrivers, listDrivers, unlinkDriver } from './service';

interface Filters {
  idOrPhone?: string;
  enabled?: 'true' | 'false';
  operable?: 'true' | 'false';
  orgId?: number;
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const bool = (v?: 'true' | 'false') => (v === undefined ? undefined : v === 'true');

/** A whole phone or ID number goes to its own exact (blind-index) search; nothing partial is sent. */
function idOrPhone(v?: string): Pick<DriverQuery, 'idNumber' | 'phone'> {
  const s = v?.trim() ?? '';
  if (PHONE_PATTERN.test(s)) return { phone: s };
  if (ID_NUMBER.test(s)) return { idNumber: s.toUpperCase() };
  return {};
}

/** 驾驶员档案. */
export default function DriversPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('archive.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<DriverView> | null>(null);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<{ driver: DriverView | null } | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [detailVersion, setDetailVersion] = useState(0);
  const [linking, setLinking] = useState<DriverView | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { options: orgOptions } = useArchiveOrgs();
  const label = fieldLabeller(t, (k) => i18n.exists(k), 'driver');

  const query = useCallback(
    (): DriverQuery => ({ ...idOrPhone(filters.idOrPhone), enabled: bool(filters.enabled), operable: bool(filters.operable), orgId: filters.orgId }),
    [filters],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listDrivers({ ...query(), ...paging }));
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
  const changed = () => {
    setDetailVersion((v) => v + 1);
    void load();
  };

  const confirm = (title: string, run: () => Promise<unknown>, danger = false) =>
    modal.confirm({
      title,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk: async () => {
        try {
          await run();
          message.success(t('common.success'));
          changed();
        } catch {
          // reported by the request wrapper
        }
      },
    });

  const toggle = (d: DriverView) =>
    d.enabled
      ? confirm(t('archive.common.confirmDisable', { name: d.name }), () => disableDriver(d.id), true)
      : confirm(t('archive.common.confirmEnable', { name: d.name }), () => enableDriver(d.id));
  const unlink = (d: DriverView) => confirm(t('archive.driver.unlinkConfirm', { name: d.name }), () => unlinkDriver(d.id), true);

  const doExport = async () => {
    setExporting(true);
    try {
      await exportDrivers(query());
    } catch {
      // reported by the request wrapper
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<DriverView> = [
    {
      title: t('archive.driver.name'),
      dataIndex: 'name',
      width: 120,
      fixed: 'left',
      render: (n: string, d) => <Typography.Link onClick={() => setViewing(d.id)}>{n}</Typography.Link>,
    },
    { title: t('archive.driver.idNumber'), dataIndex: 'idNumber', width: 190 },
    { title: t('archive.driver.phone'), dataIndex: 'phone', width: 130 },
    { title: t('archive.driver.licenceClass'), dataIndex: 'licenceClass', width: 90 },
    { title: t('archive.driver.licenceExpiry'), dataIndex: 'licenceExpiry', width: 120, render: (x: string | null) => <ExpiryDate date={x} /> },
    { title: t('archive.driver.qualificationExpiry'), dataIndex: 'qualificationExpiry', width: 130, render: (x: string | null) => <ExpiryDate date={x} /> },
    {
      title: t('archive.driver.account'),
      dataIndex: 'linkedEndUserId',
      width: 100,
      render: (x: number | null) => (x ? <Tag color="green" bordered={false}>{t('archive.driver.linked')}</Tag> : <Tag bordered={false}>{t('archive.driver.notLinked')}</Tag>),
    },
    { title: t('archive.common.verifyResult'), key: 'verify', width: 110, render: (_, d) => <VerifyTag verification={d.verification} /> },
    { title: t('archive.common.operable'), key: 'operable', width: 120, render: (_, d) => <OperableTag operable={d.operable} blockers={d.blockers} /> },
    { title: t('archive.common.status'), dataIndex: 'enabled', width: 90, render: (e: boolean) => <EnabledBadge enabled={e} /> },
    ...(orgOptions.length > 1 ? [{ title: t('archive.common.org'), dataIndex: 'orgName', width: 160, ellipsis: true }] : []),
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 180 : 80,
      fixed: 'right',
      render: (_, d) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setViewing(d.id)}>
            {t('common.view')}
          </Button>
          {canWrite && (
            <>
              <Button type="link" size="small" onClick={() => setEditing({ driver: d })}>
                {t('common.edit')}
              </Button>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    d.linkedEndUserId
                      ? { key: 'unlink', label: t('archive.driver.unlink'), danger: true, onClick: () => unlink(d) }
                      : { key: 'link', label: t('archive.driver.link'), onClick: () => setLinking(d) },
                    d.enabled
                      ? { key: 'disable', label: t('common.disable'), danger: true, onClick: () => toggle(d) }
                      : { key: 'enable', label: t('common.enable'), onClick: () => toggle(d) },
                  ],
                }}
              >
                <Button type="link" size="small">
                  {t('common.more')} <DownOutlined />
                </Button>
              </Dropdown>
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
            <Col xs={24} md={12} xl={7}>
              <Form.Item
                name="idOrPhone"
                label={t('archive.driver.search')}
                rules={[
                  {
                    validator: (_, v?: string) =>
                      !v?.trim() || PHONE_PATTERN.test(v.trim()) || ID_NUMBER.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('archive.driver.searchRule'))),
                  },
                ]}
              >
                <Input placeholder={t('archive.driver.searchPlaceholder')} allowClear maxLength={18} />
              </Form.Item>
            </Col>
            {orgOptions.length > 1 && (
              <Col xs={24} md={12} xl={5}>
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
            <Col xs={24} xl={orgOptions.length > 1 ? 4 : 9} style={{ textAlign: 'right' }}>
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
        title={t('archive.driver.listTitle')}
        extra={
          <Space>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ driver: null })}>
                {t('archive.driver.create')}
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
        <Table<DriverView>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1500 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.driver.emptyText')} /> }}
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
      <DriverFormDrawer
        open={editing !== null}
        driver={editing?.driver ?? null}
        orgOptions={orgOptions}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          changed();
        }}
      />
      <DriverDetailDrawer
        id={viewing}
        version={detailVersion}
        canWrite={canWrite}
        onClose={closeDetail}
        onEdit={(d) => setEditing({ driver: d })}
        onLink={(d) => setLinking(d)}
        onUnlink={unlink}
        onChanged={() => void load()}
      />
      <LinkAccountModal
        driver={linking}
        onClose={() => setLinking(null)}
        onLinked={() => {
          setLinking(null);
          message.success(t('common.success'));
          changed();
        }}
      />
      <ImportModal
        open={importing}
        title={`${t('archive.common.importTitle')} · ${t('menu.drivers')}`}
        base={DRIVERS}
        templateName="drivers-template.xlsx"
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
