import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RoleView } from '@dzky/contracts';
import { canDo } from '../../../access';
import PageContainer from '../../../components/PageContainer';
import { permissionLabel } from '../../../locales/permissions';
import { roleLabel } from '../../../locales/roles';
import { useProfile } from '../../../session';
import RoleFormModal from './components/RoleFormModal';
import { deleteRole, listPermissions, listRoles, type PermissionInfo } from './service';

export default function RolesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const canWrite = canDo('role.write', me.permissions);
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [permissions, setPermissions] = useState<PermissionInfo[]>([]);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<{ role: RoleView | null; readOnly: boolean } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRoles(await listRoles());
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    listPermissions().then(setPermissions, () => undefined);
  }, [load]);

  const labelOf = (code: string) => permissionLabel(code, permissions.find((p) => p.code === code)?.label);

  const remove = (r: RoleView) =>
    modal.confirm({
      title: t('roles.confirmDelete', { name: r.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteRole(r.id);
          message.success(t('common.success'));
          await load();
        } catch {
          // reported by the request wrapper
        }
      },
    });

  const columns: TableColumnsType<RoleView> = [
    { title: t('roles.name'), dataIndex: 'name', width: 160, render: (_, r) => roleLabel(r) },
    { title: t('roles.code'), dataIndex: 'code', width: 180, render: (v: string) => <Tag bordered={false}>{v}</Tag> },
    {
      title: t('roles.type'),
      dataIndex: 'builtIn',
      width: 100,
      render: (v: boolean) => (v ? <Tag color="gold" bordered={false}>{t('roles.builtIn')}</Tag> : <Tag color="blue" bordered={false}>{t('roles.custom')}</Tag>),
    },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (ps: string[]) => (
        <Tooltip title={ps.map(labelOf).join(t('common.listSeparator'))}>
          <span className="dzky-ellipsis">{ps.length ? ps.map(labelOf).join(t('common.listSeparator')) : '-'}</span>
        </Tooltip>
      ),
      ellipsis: true,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, r) => {
        const writable = canWrite && !r.builtIn;
        return (
          <Space size={4}>
            {writable ? (
              <Button type="link" size="small" onClick={() => setEditing({ role: r, readOnly: false })}>
                {t('common.edit')}
              </Button>
            ) : (
              <Button type="link" size="small" onClick={() => setEditing({ role: r, readOnly: true })}>
                {t('common.view')}
              </Button>
            )}
            {writable && (
              <Button type="link" size="small" danger onClick={() => remove(r)}>
                {t('common.delete')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <PageContainer>
      <Card
        variant="borderless"
        title={t('roles.listTitle')}
        extra={
          <Space>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ role: null, readOnly: false })}>
                {t('roles.create')}
              </Button>
            )}
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      >
        <Table<RoleView> rowKey="id" columns={columns} dataSource={roles} loading={loading} pagination={false} />
      </Card>
      <RoleFormModal
        open={editing !== null}
        role={editing?.role ?? null}
        readOnly={editing?.readOnly ?? false}
        permissions={permissions}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
        }}
      />
    </PageContainer>
  );
}
