import { useState } from 'react';
import { App, Button, Col, Dropdown, Form, Input, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { validateIdNumber, validateMobile, type DriverQuery, type DriverView } from '@dzky/contracts';
import { canDo } from '../../../access';
import { FilterCard, usePagedList, useToggleConfirm } from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { ExpiryDate } from '../components/ExpiryDate';
import { fieldLabeller } from '../components/labels';
import { ArchiveListCard, StateFilterFields, stateQuery, useStateColumns, useViewedRecord, type StateFilters } from '../components/list';
import { useArchiveOrgs } from '../components/orgs';
import DriverDetailDrawer from './components/DriverDetailDrawer';
import DriverFormDrawer from './components/DriverFormDrawer';
import LinkAccountModal from './components/LinkAccountModal';
import { driverSheets, listDrivers, setDriverEnabled, unlinkDriver } from './service';

interface Filters extends StateFilters {
  idOrPhone?: string;
}

/** A whole phone or resident ID number goes to its own exact (blind-index) search; nothing partial is sent. */
function idOrPhone(v?: string): Pick<DriverQuery, 'idNumber' | 'phone'> | null {
  const s = v?.trim() ?? '';
  if (!s) return {};
  if (!validateMobile(s)) return { phone: s };
  if (!validateIdNumber('id_card', s.toUpperCase())) return { idNumber: s.toUpperCase() };
  return null;
}

const toQuery = (f: Filters): DriverQuery => ({ ...stateQuery(f), ...idOrPhone(f.idOrPhone) });

/** 驾驶员档案. */
export default function DriversPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('archive.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList<DriverQuery, DriverView>((q, paging) => listDrivers({ ...q, ...paging }), {});
  const [editing, setEditing] = useState<{ driver: DriverView | null } | null>(null);
  const { viewing, view, close } = useViewedRecord();
  const [detailVersion, setDetailVersion] = useState(0);
  const [linking, setLinking] = useState<DriverView | null>(null);
  const { options: orgOptions } = useArchiveOrgs();
  const confirmToggle = useToggleConfirm();
  const label = fieldLabeller(t, (k) => i18n.exists(k), 'driver');
  const stateColumns = useStateColumns<DriverView>(orgOptions);

  const changed = () => {
    setDetailVersion((v) => v + 1);
    return list.load();
  };
  const toggle = (d: DriverView) =>
    confirmToggle({
      enabled: d.enabled,
      title: t(d.enabled ? 'archive.common.confirmDisable' : 'archive.common.confirmEnable', { name: d.name }),
      run: () => setDriverEnabled(d.id, !d.enabled),
      then: changed,
    });
  const unlink = (d: DriverView) =>
    confirmToggle({ enabled: true, title: t('archive.driver.unlinkConfirm', { name: d.name }), run: () => unlinkDriver(d.id), then: changed });

  const columns: TableColumnsType<DriverView> = [
    {
      title: t('archive.driver.name'),
      dataIndex: 'name',
      width: 120,
      fixed: 'left',
      render: (n: string, d) => <Typography.Link onClick={() => view(d.id)}>{n}</Typography.Link>,
    },
    { title: t('archive.driver.idNumber'), dataIndex: 'idNumberMasked', width: 190 },
    { title: t('archive.driver.phone'), dataIndex: 'phoneMasked', width: 130 },
    { title: t('archive.driver.licenceClass'), dataIndex: 'licenceClass', width: 90 },
    { title: t('archive.driver.licenceExpiry'), dataIndex: 'licenceExpiry', width: 120, render: (x: string | null) => <ExpiryDate date={x} /> },
    { title: t('archive.driver.qualificationExpiry'), dataIndex: 'qualificationExpiry', width: 130, render: (x: string | null) => <ExpiryDate date={x} /> },
    {
      title: t('archive.driver.account'),
      dataIndex: 'linkedEndUserId',
      width: 100,
      render: (x: number | null) => (x ? <Tag color="green" bordered={false}>{t('archive.driver.linked')}</Tag> : <Tag bordered={false}>{t('archive.driver.notLinked')}</Tag>),
    },
    ...stateColumns,
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 180 : 80,
      fixed: 'right',
      render: (_, d) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => view(d.id)}>
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
                    { key: 'toggle', label: d.enabled ? t('common.disable') : t('common.enable'), danger: d.enabled, onClick: () => toggle(d) },
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

  return (
    <PageContainer>
      <FilterCard<Filters> form={filterForm} onSearch={(f) => list.search(toQuery(f))}>
        <Col xs={24} md={12} xl={7}>
          <Form.Item
            name="idOrPhone"
            label={t('archive.driver.search')}
            rules={[{ validator: (_, v?: string) => (idOrPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('archive.driver.searchRule')))) }]}
          >
            <Input placeholder={t('archive.driver.searchPlaceholder')} allowClear maxLength={18} />
          </Form.Item>
        </Col>
        <StateFilterFields orgOptions={orgOptions} />
      </FilterCard>
      <ArchiveListCard<DriverView>
        section="driver"
        fileStem="drivers"
        entity={t('menu.drivers')}
        canWrite={canWrite}
        list={list}
        columns={columns}
        sheets={driverSheets}
        columnLabel={label}
        onCreate={() => setEditing({ driver: null })}
      />
      <DriverFormDrawer
        open={editing !== null}
        driver={editing?.driver ?? null}
        orgOptions={orgOptions}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void changed();
        }}
      />
      <DriverDetailDrawer
        id={viewing}
        version={detailVersion}
        canWrite={canWrite}
        fieldLabel={label}
        onClose={close}
        onEdit={(d) => setEditing({ driver: d })}
        onLink={(d) => setLinking(d)}
        onUnlink={unlink}
        onChanged={() => void list.load()}
      />
      <LinkAccountModal
        driver={linking}
        onClose={() => setLinking(null)}
        onLinked={() => {
          setLinking(null);
          message.success(t('common.success'));
          void changed();
        }}
      />
    </PageContainer>
  );
}
