import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Card, Col, Dropdown, Empty, Form, Input, Row, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { DownOutlined, LockOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OrgNode, Page, RoleView, UserView } from '@dzky/contracts';
import { canDo } from '../../../access';
import PageContainer from '../../../components/PageContainer';
import { currentLang } from '../../../locales/i18n';
import { userRoleNames } from '../../../locales/roles';
import { useProfile } from '../../../session';
import { toTreeOptions } from '../../../utils/org';
import { formatTime } from '../../../utils/time';
import ResetPasswordModal from './components/ResetPasswordModal';
import RoleAssignModal from './components/RoleAssignModal';
import UserFormModal from './components/UserFormModal';
import { disableUser, enableUser, listOrgs, listRoles, listUsers, resetTotp, unlockUser } from './service';

interface Filters {
  keyword?: string;
  orgId?: number;
  enabled?: 'true' | 'false';
}

function isLocked(u: UserView) {
  return Boolean(u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()));
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useProfile();
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<UserView> | null>(null);
  const [loading, setLoading] = useState(false);
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [editing, setEditing] = useState<{ user: UserView | null } | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [assigning, setAssigning] = useState<UserView | null>(null);

  const canWrite = canDo('user.write', me.permissions);
  const canUnlock = canDo('user.unlock', me.permissions);
  const canResetTotp = canDo('user.resetTotp', me.permissions);
  const canAssignRoles = canDo('user.assignRoles', me.permissions);

  const roleTags = (u: UserView) => {
    const names = userRoleNames(u, roles).map((label, i) => ({ key: i, label }));
    return names.length ? (
      <Space size={[0, 4]} wrap>
        {names.map((n) => (
          <Tag key={n.key} bordered={false} color="blue">
            {n.label}
          </Tag>
        ))}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
    );
  };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const enabled = filters.enabled === undefined ? undefined : filters.enabled === 'true';
      setData(await listUsers({ ...paging, keyword: filters.keyword?.trim() || undefined, orgId: filters.orgId, enabled }));
    } catch {
      // reported by the request wrapper
    } finally {
      setLoading(false);
    }
  }, [filters, paging]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    listOrgs().then(setOrgs, () => undefined);
    listRoles().then(setRoles, () => undefined);
  }, []);

  const act = (title: string, run: () => Promise<unknown>, danger = false) =>
    modal.confirm({
      title,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk: async () => {
        try {
          await run();
          message.success(t('common.success'));
          await load();
        } catch {
          // reported by the request wrapper; the dialog closes either way
        }
      },
    });

  const rowActions = (u: UserView) => {
    const name = u.displayName || u.username;
    const items = [
      canWrite && u.id !== me.id && (u.enabled
        ? { key: 'disable', label: t('common.disable'), danger: true, onClick: () => act(t('users.confirmDisable', { name }), () => disableUser(u.id), true) }
        : { key: 'enable', label: t('common.enable'), onClick: () => act(t('users.confirmEnable', { name }), () => enableUser(u.id)) }),
      canUnlock && isLocked(u) && { key: 'unlock', label: t('users.unlock'), onClick: () => act(t('users.confirmUnlock', { name }), () => unlockUser(u.id)) },
      canResetTotp && u.totpEnrolled && u.id !== me.id && { key: 'totp', label: t('users.resetTotp'), onClick: () => act(t('users.confirmResetTotp', { name }), () => resetTotp(u.id), true) },
      canWrite && u.id !== me.id && { key: 'password', label: t('users.resetPassword'), onClick: () => setResetting(u) },
    ].filter(Boolean) as { key: string; label: string; danger?: boolean; onClick(): void }[];
    return (
      <Space size={4}>
        {canWrite && (
          <Button type="link" size="small" onClick={() => setEditing({ user: u })}>
            {t('common.edit')}
          </Button>
        )}
        {/* nobody changes their own roles: the bff refuses, so the action is not offered */}
        {canAssignRoles && u.id !== me.id && (
          <Button type="link" size="small" onClick={() => setAssigning(u)}>
            {t('users.assignRoles')}
          </Button>
        )}
        {items.length > 0 && (
          <Dropdown menu={{ items }} trigger={['click']}>
            <Button type="link" size="small">
              {t('common.more')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </Space>
    );
  };

  // wide enough for 编辑 · 分配角色 · 更多 on one line ("Assign roles" is longer)
  const actionsWidth = (canWrite ? 212 : 170) + (currentLang() === 'en-US' ? 40 : 0);

  const columns: TableColumnsType<UserView> = [
    {
      title: t('users.user'),
      key: 'user',
      width: 190,
      fixed: 'left',
      render: (_, u) => (
        <div className="dzky-user-cell">
          <Typography.Text strong ellipsis={{ tooltip: u.displayName }}>
            {u.displayName || u.username}
          </Typography.Text>
          <Typography.Text type="secondary" className="dzky-user-cell__sub">
            <span>{u.username}</span>
            {u.phone && (
              <>
                {' · '}
                <span>{u.phone}</span>
              </>
            )}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('users.org'), dataIndex: 'orgName', ellipsis: { showTitle: true } },
    { title: t('users.roles'), key: 'roles', width: 170, render: (_, u) => roleTags(u) },
    {
      title: t('common.status'),
      key: 'status',
      width: 100,
      render: (_, u) => (
        <Space size={4} wrap>
          <Badge status={u.enabled ? 'success' : 'default'} text={u.enabled ? t('common.enabled') : t('common.disabled')} />
          {isLocked(u) && (
            <Tooltip title={t('users.lockedUntil', { time: formatTime(u.lockedUntil) })}>
              <Tag color="red" icon={<LockOutlined />} bordered={false}>
                {t('users.locked')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('users.totp'),
      dataIndex: 'totpEnrolled',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="green" bordered={false}>{t('users.totpEnrolled')}</Tag> : <Tag bordered={false}>{t('users.totpNotEnrolled')}</Tag>),
    },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 180,
      render: (v: string | null) => (v ? formatTime(v) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
    },
    { title: t('common.actions'), key: 'actions', width: actionsWidth, fixed: 'right', render: (_, u) => rowActions(u) },
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
              <Form.Item name="keyword" label={t('users.keyword')}>
                <Input placeholder={t('users.keywordPlaceholder')} allowClear maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="orgId" label={t('users.org')}>
                <TreeSelect
                  treeData={toTreeOptions(orgs, true)}
                  treeDefaultExpandAll
                  allowClear
                  showSearch
                  treeNodeFilterProp="title"
                  placeholder={t('users.orgPlaceholder')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
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
            <Col xs={24} md={12} xl={5} style={{ textAlign: 'right' }}>
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
        title={t('users.listTitle')}
        extra={
          <Space>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
                {t('users.create')}
              </Button>
            )}
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      >
        <Table<UserView>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1060 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.emptyText')} /> }}
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
      <UserFormModal
        open={editing !== null}
        user={editing?.user ?? null}
        orgs={orgs}
        roles={roles}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
        }}
      />
      <RoleAssignModal
        user={assigning}
        roles={roles}
        myPermissions={me.permissions}
        onClose={() => setAssigning(null)}
        onSaved={() => {
          setAssigning(null);
          message.success(t('common.saved'));
          void load();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          setResetting(null);
          message.success(t('common.success'));
        }}
      />
    </PageContainer>
  );
}
