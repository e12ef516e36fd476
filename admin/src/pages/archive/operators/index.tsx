import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Drawer, Empty, Input, Result, Space, Spin, Table, Tooltip, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Page } from '@dzky/contracts';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { ExpiryDate } from '../components/ExpiryDate';
import { VerifyTag } from '../components/StatusTags';
import type { OperatorView } from '../types';
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
      (p) => setState(p.items[0] ? { id: p.items[0].id, name: p.items[0].name } : null),
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
  const [keyword, setKeyword] = useState<string>('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<OperatorView> | null>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<OperatorView | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listOperators({ ...paging, keyword: keyword.trim() || undefined }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [paging, keyword]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<OperatorView> = [
    { title: t('archive.operator.name'), dataIndex: 'name', ellipsis: true, render: (n: string, o) => <a onClick={() => setOpen(o)}>{n}</a> },
    { title: t('archive.operator.creditCode'), dataIndex: 'creditCode', width: 200, render: (x: string | null) => x ?? '-' },
    { title: t('archive.operator.permitNo'), dataIndex: 'permitNo', width: 170, render: (x: string | null) => x ?? '-' },
    { title: t('archive.operator.permitExpiry'), dataIndex: 'permitExpiry', width: 140, render: (x: string | null) => <ExpiryDate date={x} /> },
    { title: t('archive.operator.agreementExpiry'), dataIndex: 'agreementExpiry', width: 130, render: (x: string | null) => <ExpiryDate date={x} /> },
    { title: t('archive.operator.merchantMode'), dataIndex: 'merchantMode', width: 150, render: (m: string) => t(`archive.operator.merchantModes.${m}`) },
    { title: t('archive.common.verifyResult'), key: 'verify', width: 110, render: (_, o) => <VerifyTag verification={o.verification} /> },
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
          <Space>
            <Input.Search
              allowClear
              placeholder={t('archive.operator.searchPlaceholder')}
              onSearch={(v) => {
                setKeyword(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              style={{ width: 260 }}
            />
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      >
        <Table<OperatorView>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.operator.emptyText')} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={880} destroyOnHidden title={open ? t('archive.operator.editTitle', { name: open.name }) : ''}>
        {open && <OperatorProfile id={open.id} onChanged={() => void load()} />}
      </Drawer>
    </PageContainer>
  );
}
