import type { ReactNode } from 'react';
import { Alert, Avatar, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BranchesOutlined,
  EnvironmentOutlined,
  GlobalOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  ShopOutlined,
  CarOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  FundOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SecurityScanOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { menuFor, type MenuIcon } from '../../access';
import { roleLabel } from '../../locales/roles';
import PageContainer from '../../components/PageContainer';
import { useProfile } from '../../session';
import { formatTime } from '../../utils/time';
import ExpiryWarningsCard from './components/ExpiryWarningsCard';

const SHORTCUT_ICONS: Partial<Record<MenuIcon, ReactNode>> = {
  users: <UserOutlined />,
  roles: <TeamOutlined />,
  orgs: <ApartmentOutlined />,
  auditLogs: <AuditOutlined />,
  securitySettings: <SecurityScanOutlined />,
  stops: <EnvironmentOutlined />,
  lines: <NodeIndexOutlined />,
  routes: <BranchesOutlined />,
  operators: <ShopOutlined />,
  vehicles: <CarOutlined />,
  drivers: <IdcardOutlined />,
  passengers: <TeamOutlined />,
  platform: <GlobalOutlined />,
};

/** Later features, listed without figures until they exist. */
const MODULES: { key: string; icon: ReactNode }[] = [
  { key: 'basedata', icon: <DatabaseOutlined /> },
  { key: 'archives', icon: <ProfileOutlined /> },
  { key: 'dispatch', icon: <ScheduleOutlined /> },
  { key: 'orders', icon: <FileTextOutlined /> },
  { key: 'monitoring', icon: <CarOutlined /> },
  { key: 'statistics', icon: <FundOutlined /> },
];

function greetingKey(hour: number) {
  if (hour < 12) return 'dashboard.morning';
  if (hour < 18) return 'dashboard.afternoon';
  return 'dashboard.evening';
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const profile = useProfile();
  const hour = dayjs().tz('Asia/Shanghai').hour();
  const shortcuts = menuFor(profile.permissions).flatMap((n) => n.children ?? []);
  const expires = profile.passwordExpiresAt ? dayjs(profile.passwordExpiresAt) : null;
  const expiringSoon = expires && expires.diff(dayjs(), 'day') <= 7;
  // the warnings cover vehicles, drivers and operators: whoever reads base data sees them
  const seesExpiry = profile.permissions.some((p) => p === 'basedata:read' || p === 'basedata:write');

  return (
    <PageContainer
      title={
        <Space size={16} align="center">
          <Avatar size={48} style={{ backgroundColor: '#1677ff', fontSize: 20 }}>
            {Array.from(profile.displayName || profile.username)[0]}
          </Avatar>
          <span>{t('dashboard.welcome', { greeting: t(greetingKey(hour)), name: profile.displayName || profile.username })}</span>
        </Space>
      }
    >
      {expiringSoon && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('dashboard.passwordExpiring', { date: formatTime(profile.passwordExpiresAt, 'YYYY-MM-DD') })}
          action={<Link to="/password">{t('header.changePassword')}</Link>}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('dashboard.shortcuts')} variant="borderless" style={{ marginBottom: 16 }}>
            {shortcuts.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={profile.roles.length ? t('dashboard.noShortcutsYet') : t('dashboard.noShortcuts')} />
            ) : (
              <Row gutter={[16, 16]}>
                {shortcuts.map((s) => (
                  <Col key={s.key} xs={12} sm={8} md={6}>
                    <Link to={s.key} className="dzky-shortcut">
                      <span className="dzky-shortcut__icon">{s.icon ? SHORTCUT_ICONS[s.icon] : null}</span>
                      <span>{t(s.labelKey)}</span>
                    </Link>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
          <Card title={t('dashboard.modules')} variant="borderless" extra={<Typography.Text type="secondary">{t('dashboard.modulesHint')}</Typography.Text>}>
            <Row gutter={[16, 16]}>
              {MODULES.map((m) => (
                <Col key={m.key} xs={24} sm={12} lg={8}>
                  <Card size="small" className="dzky-module">
                    <Card.Meta
                      avatar={<span className="dzky-module__icon">{m.icon}</span>}
                      title={
                        <Space>
                          {t(`dashboard.module.${m.key}.title`)}
                          <Tag bordered={false}>{t('dashboard.comingSoon')}</Tag>
                        </Space>
                      }
                      description={t(`dashboard.module.${m.key}.desc`)}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {seesExpiry && <ExpiryWarningsCard />}
          <Card title={t('dashboard.account')} variant="borderless">
            <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
              <Descriptions.Item label={t('dashboard.username')}>{profile.username}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.org')}>{profile.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.orgKind')}>{t(`header.orgKind.${profile.orgKind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.roles')}>
                {profile.roles.length ? profile.roles.map((r) => (
                      <Tag key={r} bordered={false} color="blue">
                        {roleLabel({ code: r })}
                      </Tag>
                    )) : t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('dashboard.permissions')}>{profile.permissions.length}</Descriptions.Item>
              <Descriptions.Item label={t('dashboard.passwordExpiresAt')}>
                {profile.passwordExpiresAt ? formatTime(profile.passwordExpiresAt, 'YYYY-MM-DD') : t('dashboard.passwordNeverExpires')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
