import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { ArrowLeftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AdminLoginChallenge, AdminSession } from '@dzky/contracts';
import { isApiError } from '../../../request';
import { verifyTotp } from '../service';

interface Props {
  challenge: AdminLoginChallenge;
  username: string;
  onVerified(session: AdminSession): void;
  /** back to the password step, with the reason when the challenge is no longer valid */
  onRestart(reason?: string): void;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type from the screen. */
function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

export default function TotpStep({ challenge, username, onVerified, onRestart }: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const enrol = challenge.step === 'totp_enrol';

  const submit = async (value = code) => {
    if (!/^\d{6}$/.test(value) || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const session = await verifyTotp({ challengeToken: challenge.challengeToken, code: value });
      onVerified(session);
    } catch (e) {
      if (isApiError(e) && e.errorCode === 'AUTH.CHALLENGE_INVALID') {
        onRestart(e.errorMessage);
        return;
      }
      setError(isApiError(e) ? e.errorMessage : String(e));
      setCode('');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="dzky-totp">
      <Typography.Title level={5} className="dzky-totp__title">
        <SafetyCertificateOutlined /> {enrol ? t('login.enrolTitle') : t('login.totpTitle')}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      {enrol ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            {t('login.enrolHint')}
          </Typography.Paragraph>
          <ol className="dzky-totp__steps">
            <li>{t('login.enrolStep1')}</li>
            <li>{t('login.enrolStep2')}</li>
          </ol>
          <div className="dzky-totp__qr">
            {challenge.qrDataUrl && <img src={challenge.qrDataUrl} alt={t('login.qrAlt')} width={168} height={168} />}
          </div>
          {challenge.secret && (
            <div className="dzky-totp__secret">
              <Typography.Text type="secondary">{t('login.manualEntry')}</Typography.Text>
              <Typography.Text code copyable={{ text: challenge.secret, tooltips: [t('common.copy'), t('common.copied')] }} data-testid="totp-secret">
                {groupSecret(challenge.secret)}
              </Typography.Text>
            </div>
          )}
          <ol className="dzky-totp__steps" start={3}>
            <li>{t('login.enrolStep3')}</li>
          </ol>
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('login.totpVerifyHint', { username })}</Typography.Paragraph>
      )}
      <Form layout="vertical" onFinish={() => void submit()} requiredMark={false}>
        <Form.Item label={t('login.codeLabel')} style={{ marginBottom: 20 }}>
          <Input.OTP
            length={6}
            size="large"
            value={code}
            autoFocus
            aria-label={t('login.codeLabel')}
            inputMode="numeric"
            formatter={(s) => s.replace(/[^\d ]/g, '')}
            onInput={(cells) => setCode(cells.join(''))}
            // called once all six cells are filled: the last digit submits, as authenticator users expect
            onChange={(v) => {
              setCode(v);
              void submit(v);
            }}
            disabled={submitting}
          />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" block loading={submitting} disabled={!/^\d{6}$/.test(code)}>
          {t('login.verify')}
        </Button>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => onRestart()} style={{ marginTop: 8, paddingLeft: 0 }}>
          {t('login.backToPassword')}
        </Button>
      </Form>
    </div>
  );
}
