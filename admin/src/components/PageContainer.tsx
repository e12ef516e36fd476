import type { ReactNode } from 'react';
import { Breadcrumb, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { trailOf } from '../access';

interface Props {
  title?: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}

/** The white page header (breadcrumb, title, actions) above the grey content area, Ant Design Pro style. */
export default function PageContainer({ title, subTitle, extra, children }: Props) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const trail = trailOf(pathname);
  const items = [
    { key: 'home', title: <Link to="/dashboard">{t('menu.dashboard')}</Link> },
    ...trail.filter((n) => n.key !== '/dashboard').map((n) => ({ key: n.key, title: t(n.labelKey) })),
  ];
  return (
    <div className="dzky-page">
      <div className="dzky-page__header">
        {items.length > 1 && <Breadcrumb items={items} className="dzky-page__breadcrumb" />}
        <div className="dzky-page__heading">
          <div>
            <Typography.Title level={4} className="dzky-page__title">
              {title ?? (trail.length ? t(trail[trail.length - 1].labelKey) : '')}
            </Typography.Title>
            {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
          </div>
          {extra && <div className="dzky-page__extra">{extra}</div>}
        </div>
      </div>
      <div className="dzky-page__content">{children}</div>
    </div>
  );
}
