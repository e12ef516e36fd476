import { useState } from 'react';
import { Alert, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AdminLoginChallenge, AdminSession } from '@dzky/contracts';
import LangSwitch from '../../components/LangSwitch';
import { useSession } from '../../session';
import PasswordStep from './components/PasswordStep';
import TotpStep from './components/TotpStep';

interface FromState {
  from?: string;
}

function safeTarget(from: string | undefined): string {
  // only paths inside this app; never an absolute URL handed in through history state
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/dashboard';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { status, profile, notice, clearNotice, signIn } = useSession();
  const [challenge, setChallenge] = useState<AdminLoginChallenge | null>(null);
  const [username, setUsername] = useState<string>('');
  const [restartReason, setRestartReason] = useState<string | null>(null);
  const target = safeTarget((location.state as FromState | null)?.from);

  if (status === 'signedIn' && profile && !challenge) {
    return <Navigate to={profile.mustChangePassword ? '/password' : target} replace />;
  }

  const onVerified = (session: AdminSession) => {
    signIn(session);
    navigate(session.profile.mustChangePassword ? '/password' : target, { replace: true });
  };

  const noticeView = (() => {
    if (restartReason) return <Alert type="warning" showIcon message={restartReason} />;
    if (!notice) return null;
    if (notice.kind === 'signedOut') return <Alert type="success" showIcon message={t('login.signedOut')} />;
    if (notice.kind === 'idle') return <Alert type="warning" showIcon message={t('login.idleSignedOut')} />;
    return <Alert type="warning" showIcon message={notice.text || t('login.sessionEnded')} />;
  })();

  return (
    <div className="dzky-login">
      <aside className="dzky-login__brand">
        <div className="dzky-login__brand-inner">
          <div className="dzky-login__logo">
            <img src="/logo.svg" alt="" width={44} height={44} />
            <span>{t('app.name')}</span>
          </div>
          <h1 className="dzky-login__slogan">{t('app.subtitle')}</h1>
          <ul className="dzky-login__points">
            {(t('login.brandPoints', { returnObjects: true }) as string[]).map((p) => (
              <li key={p}>
                <CheckCircleFilled /> {p}
              </li>
            ))}
          </ul>
        </div>
        <div className="dzky-login__brand-footer">{t('app.copyright', { year: new Date().getFullYear() })}</div>
      </aside>
      <main className="dzky-login__main">
        <div className="dzky-login__lang">
          <LangSwitch className="dzky-login__lang-switch" />
        </div>
        <div className="dzky-login__panel">
          <div className="dzky-login__panel-head">
            <img src="/logo.svg" alt="" width={32} height={32} className="dzky-login__panel-logo" />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
          </div>
          <Typography.Paragraph type="secondary" className="dzky-login__panel-sub">
            {challenge ? '' : t('login.title')}
          </Typography.Paragraph>
          {!challenge && noticeView && <div style={{ marginBottom: 24 }}>{noticeView}</div>}
          {challenge ? (
            <TotpStep
              challenge={challenge}
              username={username}
              onVerified={onVerified}
              onRestart={(reason) => {
                setChallenge(null);
                setRestartReason(reason ?? null);
              }}
            />
          ) : (
            <PasswordStep
              initialUsername={username}
              onSubmitStart={() => {
                clearNotice();
                setRestartReason(null);
              }}
              onChallenge={(c, u) => {
                setUsername(u);
                setChallenge(c);
              }}
            />
          )}
          <Typography.Paragraph type="secondary" className="dzky-login__notice">
            {t('login.securityNotice')}
          </Typography.Paragraph>
        </div>
      </main>
    </div>
  );
}
