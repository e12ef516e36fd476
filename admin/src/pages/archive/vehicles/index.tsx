import { useState } from 'react';
import { App, Button, Col, Form, Input, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PLATE_COLOR_LABELS, type VehicleQuery, type VehicleView } from '@dzky/contracts';
import { canDo } from '../../../access';
import { FilterCard, usePagedList, useToggleConfirm } from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { ExpiryDate } from '../components/ExpiryDate';
import { fieldLabeller, labelOf } from '../components/labels';
import { ArchiveListCard, StateFilterFields, stateQuery, useStateColumns, useViewedRecord, type StateFilters } from '../components/list';
import { useArchiveOrgs } from '../components/orgs';
import VehicleDetailDrawer, { typeClassOf } from './components/VehicleDetailDrawer';
import VehicleFormDrawer from './components/VehicleFormDrawer';
import { PLATE_TAG_COLOR } from './constants';
import { listVehicles, setVehicleEnabled, vehicleSheets } from './service';

interface Filters extends StateFilters {
  plateNo?: string;
}

const toQuery = (f: Filters): VehicleQuery => ({ ...stateQuery(f), plateNo: f.plateNo?.trim().toUpperCase() || undefined });

/** 车辆档案: the operator's vehicles, their certificates and whether they may run. */
export default function VehiclesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('archive.write', me.permissions);
  const [filterForm] = Form.useForm<Filters>();
  const list = usePagedList<VehicleQuery, VehicleView>((q, paging) => listVehicles({ ...q, ...paging }), {});
  const [editing, setEditing] = useState<{ vehicle: VehicleView | null } | null>(null);
  const { viewing, view, close } = useViewedRecord();
  const [detailVersion, setDetailVersion] = useState(0);
  const { options: orgOptions } = useArchiveOrgs();
  const confirmToggle = useToggleConfirm();
  const label = fieldLabeller(t, (k) => i18n.exists(k), 'vehicle');
  const stateColumns = useStateColumns<VehicleView>(orgOptions);

  const toggle = (v: VehicleView) =>
    confirmToggle({
      enabled: v.enabled,
      title: t(v.enabled ? 'archive.common.confirmDisable' : 'archive.common.confirmEnable', { name: v.plateNo }),
      run: () => setVehicleEnabled(v.id, !v.enabled),
      then: list.load,
    });

  const columns: TableColumnsType<VehicleView> = [
    {
      title: t('archive.vehicle.plateNo'),
      dataIndex: 'plateNo',
      width: 170,
      fixed: 'left',
      render: (p: string, v) => (
        <Space size={4}>
          <Typography.Link onClick={() => view(v.id)}>{p}</Typography.Link>
          <Tag color={PLATE_TAG_COLOR[v.plateColor]} bordered={false}>
            {labelOf(PLATE_COLOR_LABELS, v.plateColor)}
          </Tag>
        </Space>
      ),
    },
    { title: t('archive.vehicle.approvedSeats'), dataIndex: 'approvedSeats', width: 90, align: 'right' },
    { title: t('archive.vehicle.typeClass'), key: 'typeClass', width: 170, render: (_, v) => typeClassOf(v) },
    { title: t('archive.vehicle.transportCertExpiry'), dataIndex: 'transportCertExpiry', width: 130, render: (d: string | null) => <ExpiryDate date={d} /> },
    { title: t('archive.vehicle.annualInspectionDue'), dataIndex: 'annualInspectionDue', width: 120, render: (d: string | null) => <ExpiryDate date={d} /> },
    { title: t('archive.vehicle.insuranceExpiry'), dataIndex: 'insuranceExpiry', width: 120, render: (d: string | null) => <ExpiryDate date={d} /> },
    { title: t('archive.vehicle.terminalId'), dataIndex: 'terminalId', width: 140, ellipsis: true, render: (x: string | null) => x ?? '-' },
    ...stateColumns,
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 170 : 80,
      fixed: 'right',
      render: (_, v) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => view(v.id)}>
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

  return (
    <PageContainer>
      <FilterCard<Filters> form={filterForm} onSearch={(f) => list.search(toQuery(f))}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="plateNo" label={t('archive.vehicle.searchPlate')}>
            <Input placeholder={t('archive.vehicle.searchPlatePlaceholder')} allowClear maxLength={8} />
          </Form.Item>
        </Col>
        <StateFilterFields orgOptions={orgOptions} />
      </FilterCard>
      <ArchiveListCard<VehicleView>
        section="vehicle"
        fileStem="vehicles"
        entity={t('menu.vehicles')}
        canWrite={canWrite}
        list={list}
        columns={columns}
        sheets={vehicleSheets}
        columnLabel={label}
        onCreate={() => setEditing({ vehicle: null })}
      />
      <VehicleFormDrawer
        open={editing !== null}
        vehicle={editing?.vehicle ?? null}
        orgOptions={orgOptions}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          setDetailVersion((n) => n + 1);
          void list.load();
        }}
      />
      <VehicleDetailDrawer
        id={viewing}
        version={detailVersion}
        canWrite={canWrite}
        fieldLabel={label}
        onClose={close}
        onEdit={(v) => setEditing({ vehicle: v })}
        onChanged={() => void list.load()}
      />
    </PageContainer>
  );
}
