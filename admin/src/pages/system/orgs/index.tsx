import { useCallback, useEffect, useState, type Key, type ReactNode } from 'react';
import { App, Badge, Button, Card, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { BankOutlined, BranchesOutlined, ClusterOutlined, ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgKind, OrgNode } from '@dzky/contracts';
import { canDo } from '../../../access';
import PageContainer from '../../../components/PageContainer';
import { useProfile } from '../../../session';
import { flattenOrgs } from '../../../utils/org';
import OrgFormModal, { type OrgFormTarget } from './components/OrgFormModal';
import { CHILD_KINDS, listOrgs, updateOrg } from './service';

const KIND_ICON: Record<OrgKind, ReactNode> = {
  platform: <ClusterOutlined />,
  operator: <BankOutlined />,
  branch: <BranchesOutlined />,
  regulator: <SafetyOutlined />,
};
const KIND_COLOR: Record<OrgKind, string> = { platform: 'purple', operator: 'blue', branch: 'cyan', regulator: 'orange' };

type Row = Omit<OrgNode, 'children'> & { children?: Row[] };

/** antd's tree table shows an expander for any `children` array, so leaves drop theirs. */
function toRows(nodes: readonly OrgNode[]): Row[] {
  return nodes.map(({ children, ...n }) => (children?.length ? { ...n, children: toRows(children) } : n));
}

export default function OrgsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('org.write', me.permissions);
  const [tree, setTree] = useState<OrgNode[]>([]);
  const [loading, setLoading] = useState(false);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const [target, setTarget] = useState<OrgFormTarget | null>(null);

  const load = useCallback(async (expandAll = false) => {
    setLoading(true);
    try {
      const nodes = await listOrgs();
      setTree(nodes);
      if (expandAll) setExpanded(flattenOrgs(nodes).map((n) => n.id));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(true);
  }, [load]);

  const toggle = (o: Row) =>
    modal.confirm({
      title: o.enabled ? t('orgs.confirmDisable', { name: o.name }) : t('orgs.confirmEnable', { name: o.name }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: o.enabled },
      onOk: async () => {
        try {
          await updateOrg(o.id, { enabled: !o.enabled });
          message.success(t('common.success'));
          await load();
        } catch {
          // reported by the request wrapper
        }
      },
    });

  const columns: TableColumnsType<Row> = [
    {
      title: t('orgs.name'),
      dataIndex: 'name',
      render: (name: string, o) => (
        <Space>
          <span className="dzky-org-icon">{KIND_ICON[o.kind]}</span>
          <span style={o.enabled ? undefined : { color: 'rgba(0,0,0,0.45)' }}>{name}</span>
        </Space>
      ),
    },
    {
      title: t('orgs.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (k: OrgKind) => (
        <Tag color={KIND_COLOR[k]} bordered={false}>
          {t(`header.orgKind.${k}`)}
        </Tag>
      ),
    },
    { title: t('orgs.regionCode'), dataIndex: 'regionCode', width: 140, render: (v: string | null) => v ?? '-' },
    {
      title: t('common.status'),
      dataIndex: 'enabled',
      width: 110,
      render: (v: boolean) => <Badge status={v ? 'success' : 'default'} text={v ? t('common.enabled') : t('common.disabled')} />,
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, o: Row) => (
              <Space size={4}>
                {CHILD_KINDS[o.kind].length > 0 && o.enabled && (
                  <Button type="link" size="small" onClick={() => setTarget({ mode: 'create', parent: o })}>
                    {t('orgs.createChild')}
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', org: o })}>
                  {t('common.edit')}
                </Button>
                {o.kind !== 'platform' && o.id !== me.orgId && (
                  <Button type="link" size="small" danger={o.enabled} onClick={() => toggle(o)}>
                    {o.enabled ? t('common.disable') : t('common.enable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer>
      <Card
        variant="borderless"
        title={t('orgs.listTitle')}
        extra={
          <Space>
            <Button onClick={() => setExpanded(flattenOrgs(tree).map((n) => n.id))}>{t('orgs.expandAll')}</Button>
            <Button onClick={() => setExpanded([])}>{t('orgs.collapseAll')}</Button>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      >
        <Table<Row>
          rowKey="id"
          columns={columns}
          dataSource={toRows(tree)}
          loading={loading}
          pagination={false}
          expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpanded }}
          locale={{ emptyText: t('orgs.empty') }}
        />
      </Card>
      <OrgFormModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          message.success(t('common.saved'));
          void load(true);
        }}
      />
    </PageContainer>
  );
}
