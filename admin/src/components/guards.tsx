import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canAccess } from '../access';
import { useSession } from '../session';

export function PageLoading() {
  return (
    <div className="dzky-page-loading">
      <Spin size="large" />
    </div>
  );
}

/** Signed-in users only; a pending password change comes before everything else. */
export function RequireAuth({ children, passwordPage = false }: { children: ReactNode; passwordPage?: boolean }) {
  const { t } = useTranslation();
  const { status, profile, reload } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  if (status === 'error') {
    return (
      <Result
        status="500"
        title={t('exception.error')}
        subTitle={t('common.networkError')}
        extra={
          <Button type="primary" onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
        }
      />
    );
  }
  if (!profile) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (profile.mustChangePassword && !passwordPage) return <Navigate to="/password" replace />;
  return <>{children}</>;
}

/** Routes of the menu need their permission (access.ts); without it: 403, never the page. */
export function RequireAccess({ children }: { children: ReactNode }) {
  const { profile } = useSession();
  const { pathname } = useLocation();
  if (!canAccess(pathname, profile?.permissions ?? [])) return <Forbidden />;
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('exception.forbidden')}
      extra={
        <Link to="/dashboard">
          <Button type="primary">{t('exception.home')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('exception.notFound')}
      extra={
        <Link to="/dashboard">
          <Button type="primary">{t('exception.home')}</Button>
        </Link>
      }
    />
  );
}
