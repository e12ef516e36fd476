import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { App, Avatar, Dropdown, Layout, Menu, Tag, Tooltip, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  SecurityScanOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  BankOutlined,
  BranchesOutlined,
  CarOutlined,
  ContactsOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FolderOpenOutlined,
  GlobalOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  ShopOutlined,
  CalendarOutlined,
  FileTextOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  TransactionOutlined,
  AccountBookOutlined,
  PayCircleOutlined,
  RollbackOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { menuFor, trailOf, type MenuIcon, type MenuNode } from '../../access';
import LangSwitch from '../../components/LangSwitch';
import { PageLoading, RequireAccess } from '../../components/guards';
import { useIdleTimeout } from '../../hooks/useIdleTimeout';
import { useProfile, useSession } from '../../session';

const { Sider, Header, Content, Footer } = Layout;

/** R-8 / MLPS: the idle limit the bff also enforces. */
export const IDLE_MINUTES = 30;

const ICONS: Record<MenuIcon, ReactNode> = {
  dashboard: <DashboardOutlined />,
  system: <SettingOutlined />,
  users: <UserOutlined />,
  roles: <TeamOutlined />,
  orgs: <ApartmentOutlined />,
  securityAudit: <SafetyCertificateOutlined />,
  auditLogs: <AuditOutlined />,
  securitySettings: <SecurityScanOutlined />,
  basedata: <DatabaseOutlined />,
  stops: <EnvironmentOutlined />,
  lines: <NodeIndexOutlined />,
  routes: <BranchesOutlined />,
  archive: <FolderOpenOutlined />,
  operators: <ShopOutlined />,
  vehicles: <CarOutlined />,
  drivers: <IdcardOutlined />,
  passengers: <ContactsOutlined />,
  platform: <GlobalOutlined />,
  operations: <ScheduleOutlined />,
  trips: <CalendarOutlined />,
  orders: <FileTextOutlined />,
  fares: <TransactionOutlined />,
  notices: <NotificationOutlined />,
  finance: <AccountBookOutlined />,
  payments: <PayCircleOutlined />,
  refunds: <RollbackOutlined />,
  financeSummary: <BarChartOutlined />,
};

export default function BasicLayout() {
  const { t } = useTranslation();
  const { notification, modal } = App.useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const profile = useProfile();
  const { signOut } = useSession();
  const [collapsed, setCollapsed] = useState(false);

  useIdleTimeout(
    IDLE_MINUTES,
    () => {
      notification.destroy('idle');
      void signOut('idle');
    },
    () => notification.warning({ key: 'idle', message: t('header.idleWarning'), duration: 0 }),
  );

  const trail = trailOf(pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => trail.filter((n) => n.children).map((n) => n.key));

  const items = useMemo<MenuProps['items']>(() => {
    const toItem = (n: MenuNode): NonNullable<MenuProps['items']>[number] => ({
      key: n.key,
      icon: n.icon ? ICONS[n.icon] : undefined,
      label: t(n.labelKey),
      children: n.children?.map(toItem),
    });
    return menuFor(profile.permissions).map(toItem);
  }, [profile.permissions, t]);

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/password');
      if (key === 'logout') {
        modal.confirm({
          title: t('header.logoutConfirm'),
          okText: t('common.confirm'),
          cancelText: t('common.cancel'),
          onOk: () => signOut('user'),
        });
      }
    },
  };

  return (
    <Layout className="dzky-layout">
      <Sider collapsible collapsed={collapsed} trigger={null} width={216} className="dzky-sider" breakpoint="lg" onBreakpoint={setCollapsed}>
        <div className="dzky-sider__logo" onClick={() => navigate('/dashboard')} role="link" tabIndex={0}>
          <img src="/logo.svg" alt="" width={30} height={30} />
          {!collapsed && <span>{t('app.shortName')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={trail.length ? [trail[trail.length - 1].key] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header className="dzky-header">
          <div className="dzky-header__left">
            <span className="dzky-header__trigger" role="button" tabIndex={0} onClick={() => setCollapsed(!collapsed)} aria-label="menu">
              {collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            </span>
            <span className="dzky-header__org">
              <BankOutlined />
              <span className="dzky-header__org-name">{profile.orgName}</span>
              <Tag color="blue" bordered={false}>
                {t(`header.orgKind.${profile.orgKind}`)}
              </Tag>
            </span>
          </div>
          <div className="dzky-header__right">
            <LangSwitch />
            <Dropdown menu={userMenu} placement="bottomRight">
              <span className="dzky-header__action" role="button" tabIndex={0}>
                <Avatar size="small" style={{ backgroundColor: '#1677ff' }}>
                  {Array.from(profile.displayName || profile.username)[0]}
                </Avatar>
                <Tooltip title={profile.username}>
                  <span className="dzky-header__action-text">{profile.displayName || profile.username}</span>
                </Tooltip>
              </span>
            </Dropdown>
          </div>
        </Header>
        <Content className="dzky-content">
          <RequireAccess>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </RequireAccess>
        </Content>
        <Footer className="dzky-footer">{t('app.copyright', { year: new Date().getFullYear() })}</Footer>
      </Layout>
    </Layout>
  );
}
