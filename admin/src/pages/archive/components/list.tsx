import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Col, Empty, Form, Select, Table, TreeSelect, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Operability, VerificationView } from '@dzky/contracts';
import { ImportExport, ListToolbar, type SpreadsheetCalls } from '../../../components/data-table';
import type { OrgTreeOption } from '../../../utils/org';
import { EnabledBadge, OperableTag, VerifyTag } from './StatusTags';

/** The filters vehicles and drivers share, as the list form holds them. */
export interface StateFilters {
  orgId?: number;
  enabled?: 'true' | 'false';
  operable?: 'true' | 'false';
}

const bool = (v?: 'true' | 'false') => (v === undefined ? undefined : v === 'true');

/** The shared filters as the list APIs take them. */
export const stateQuery = (f: StateFilters) => ({ orgId: f.orgId, enabled: bool(f.enabled), operable: bool(f.operable) });

/** 所属机构 (when the caller sees more than one), 可运营 and 状态 filter fields, each in a FilterCard column. */
export function StateFilterFields({ orgOptions }: { orgOptions: OrgTreeOption[] }) {
  const { t } = useTranslation();
  const select = (name: keyof StateFilters, label: string, yes: string, no: string) => (
    <Col xs={24} md={12} xl={4}>
      <Form.Item name={name} label={label}>
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: yes },
            { value: 'false', label: no },
          ]}
        />
      </Form.Item>
    </Col>
  );
  return (
    <>
      {orgOptions.length > 1 && (
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="orgId" label={t('archive.common.org')}>
            <TreeSelect treeData={orgOptions.map((o) => ({ ...o, disabled: false }))} treeDefaultExpandAll allowClear showSearch treeNodeFilterProp="title" placeholder={t('common.all')} />
          </Form.Item>
        </Col>
      )}
      {select('operable', t('archive.common.operable'), t('archive.common.operable'), t('archive.common.notOperable'))}
      {select('enabled', t('common.status'), t('common.enabled'), t('common.disabled'))}
    </>
  );
}

/**
 * The record whose detail is open. `?view=<id>` (links from the dashboard's expiry warnings) opens
 * it; closing takes the parameter out of the address.
 */
export function useViewedRecord() {
  const [params, setParams] = useSearchParams();
  const [viewing, setViewing] = useState<number | null>(null);

  useEffect(() => {
    const id = Number(params.get('view'));
    if (Number.isInteger(id) && id > 0) setViewing(id);
  }, [params]);

  const close = useCallback(() => {
    setViewing(null);
    setParams(
      (p) => {
        p.delete('view');
        return p;
      },
      { replace: true },
    );
  }, [setParams]);

  return { viewing, view: setViewing, close };
}

interface ListedRecord extends Operability {
  id: number;
  orgName: string;
  enabled: boolean;
  verification: VerificationView;
}

/** 核验结果, 可运营, 状态 and (for callers who see several organisations) 所属机构 columns. */
export function useStateColumns<T extends ListedRecord>(orgOptions: OrgTreeOption[]): TableColumnsType<T> {
  const { t } = useTranslation();
  return [
    { title: t('archive.common.verifyResult'), key: 'verify', width: 120, render: (_, r) => <VerifyTag verification={r.verification} /> },
    { title: t('archive.common.operable'), key: 'operable', width: 120, render: (_, r) => <OperableTag operable={r.operable} blockers={r.blockers} /> },
    { title: t('archive.common.status'), dataIndex: 'enabled', width: 90, render: (e: boolean) => <EnabledBadge enabled={e} /> },
    ...(orgOptions.length > 1 ? [{ title: t('archive.common.org'), dataIndex: 'orgName', width: 160, ellipsis: true }] : []),
  ];
}

interface ListCardProps<T> {
  /** 'vehicle' | 'driver': texts under archive.<section>.{listTitle,create,emptyText}, files named after `fileStem` */
  section: 'vehicle' | 'driver';
  fileStem: string;
  /** the menu label of the records, for the import dialog's title */
  entity: string;
  canWrite: boolean;
  list: { items: T[]; loading: boolean; filters: object; pagination: TablePaginationConfig; load(): Promise<void> };
  columns: TableColumnsType<T>;
  sheets: SpreadsheetCalls;
  columnLabel(field: string): string;
  onCreate(): void;
}

/** The list card of the vehicle and driver archives: 新建, 导入/导出 and 刷新 above the paged table. */
export function ArchiveListCard<T extends { id: number }>({ section, fileStem, entity, canWrite, list, columns, sheets, columnLabel, onCreate }: ListCardProps<T>) {
  const { t } = useTranslation();
  return (
    <Card
      variant="borderless"
      title={t(`archive.${section}.listTitle`)}
      extra={
        <ListToolbar onRefresh={() => void list.load()}>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
              {t(`archive.${section}.create`)}
            </Button>
          )}
          <ImportExport
            calls={sheets}
            filters={list.filters}
            canWrite={canWrite}
            entity={entity}
            fileStem={fileStem}
            columnLabel={columnLabel}
            onImported={() => void list.load()}
          />
        </ListToolbar>
      }
    >
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        scroll={{ x: 1500 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`archive.${section}.emptyText`)} /> }}
        pagination={list.pagination}
      />
    </Card>
  );
}
