import { useEffect, useState } from 'react';
import { Button, Card, Drawer, Empty, Input, Result, Spin, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OperatorQuery, OperatorView } from '@dzky/contracts';
import { ListToolbar, usePagedList } from '../../../components/data-table';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { ExpiryDate } from '../components/ExpiryDate';
import { OperableTag, VerifyTag } from '../components/StatusTags';
import OperatorProfile from './components/OperatorProfile';
import { listOperators } from './service';

/**
 * 运营商档案. Platform staff see every operator's archive in a list; an operator's own staff land
 * straight on their organisation's archive (the bff returns only that one).
 */
export default function OperatorsPage() {
  const me = useProfile();
  return me.orgKind === 'platform' ? <OperatorList /> : <OwnOperator />;
}

function OwnOperator() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ id: number; name: string } | null | 'loading'>('loading');

  useEffect(() => {
    listOperators({ page: 1, pageSize: 1 }).then(
      (p) => setState(p.items[0] ? { id: p.items[0].id, name: p.items[0].orgName } : null),
      () => setState(null),
    );
  }, []);

  return (
    <PageContainer title={state && state !== 'loading' ? state.name : undefined} subTitle={t('archive.operator.mine')}>
      <Card variant="borderless">
        {state === 'loading' ? <Spin /> : state ? <OperatorProfile id={state.id} /> : <Result status="info" subTitle={t('archive.operator.noAccess')} />}
      </Card>
    </PageContainer>
  );
}

function OperatorList() {
  const { t } = useTranslation();
  const list = usePagedList<OperatorQuery, OperatorView>((q, paging) => listOperators({ ...q, ...paging }), {});
  const [open, setOpen] = useState<OperatorView | null>(null);

  const columns: TableColumnsType<OperatorView> = [
    { title: t('archive.operator.name'), dataIndex: 'orgName', ellipsis: true, render: (n: string, o) => <a onClick={() => setOpen(o)}>{n}</a> },
    { title: t('archive.operator.legalName'), dataIndex: 'legalName', ellipsis: true, render: (x: string) => x || '-' },
    { title: t('archive.operator.creditCode'), dataIndex: 'creditCode', width: 200, render: (x: string | null) => x ?? '-' },
    { title: t('archive.operator.permitNo'), dataIndex: 'permitNo', width: 170, render: (x: string | null) => x ?? '-' },
    { title: t('archive.operator.permitExpiry'), dataIndex: 'permitExpiry', width: 140, render: (x: string | null) => <ExpiryDate date={x} /> },
    { title: t('archive.operator.agreementValidUntil'), dataIndex: 'agreementValidUntil', width: 130, render: (x: string | null) => <ExpiryDate date={x} /> },
    { title: t('archive.operator.merchantMode'), key: 'merchant', width: 150, render: (_, o) => t(`archive.operator.merchantModes.${o.merchant.mode ?? 'none'}`) },
    { title: t('archive.common.verifyResult'), key: 'verify', width: 120, render: (_, o) => <VerifyTag verification={o.verification} /> },
    { title: t('archive.common.operable'), key: 'operable', width: 120, render: (_, o) => <OperableTag operable={o.operable} blockers={o.blockers} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, o) => (
        <Button type="link" size="small" onClick={() => setOpen(o)}>
          {t('common.view')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer>
      <Card
        variant="borderless"
        title={t('archive.operator.listTitle')}
        extra={
          <ListToolbar onRefresh={() => void list.load()}>
            <Input.Search
              allowClear
              placeholder={t('archive.operator.searchPlaceholder')}
              onSearch={(v) => list.search({ keyword: v.trim() || undefined })}
              style={{ width: 260 }}
            />
          </ListToolbar>
        }
      >
        <Table<OperatorView>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          scroll={{ x: 1300 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.operator.emptyText')} /> }}
          pagination={list.pagination}
        />
      </Card>
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={880} destroyOnHidden title={open ? t('archive.operator.editTitle', { name: open.orgName }) : ''}>
        {open && <OperatorProfile id={open.id} onChanged={() => void list.load()} />}
      </Drawer>
    </PageContainer>
  );
}
