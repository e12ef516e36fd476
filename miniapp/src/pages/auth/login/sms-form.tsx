import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCountdown } from '../../../hooks/use-countdown';
import { toast } from '../../../hooks/toast';
import { useI18n } from '../../../i18n';
import { authApi } from '../../../services/auth';
import { isApiError } from '../../../services/request';
import { completeSignIn } from '../../../services/session';

const PHONE_RE = /^1[3-9]\d{9}$/;
const CODE_RE = /^\d{6}$/;

interface SmsFormProps {
  /** false (after showing why) when the privacy policy is not accepted yet */
  ensureAgreed: () => boolean;
}

/** H5 sign-in: phone number and SMS code. */
export function SmsForm({ ensureAgreed }: SmsFormProps) {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentOnce, setSentOnce] = useState(false);
  const [busy, setBusy] = useState<'send' | 'login' | null>(null);
  const { remaining, start } = useCountdown();

  const sendCode = async () => {
    if (busy || remaining > 0) return;
    if (!ensureAgreed()) return;
    if (!PHONE_RE.test(phone)) {
      toast(t('login.phone.invalid'));
      return;
    }
    setBusy('send');
    try {
      const result = await authApi.sendSmsCode({ phone });
      start(result.resendAfter);
      setSentOnce(true);
      toast(t('login.codeSent'), 'success');
    } catch (e) {
      if (!isApiError(e)) throw e; // API errors were shown by the request wrapper
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    if (busy) return;
    if (!ensureAgreed()) return;
    if (!PHONE_RE.test(phone)) {
      toast(t('login.phone.invalid'));
      return;
    }
    if (!CODE_RE.test(code)) {
      toast(t('login.code.invalid'));
      return;
    }
    setBusy('login');
    try {
      await completeSignIn(await authApi.smsLogin({ phone, code }));
    } catch (e) {
      if (!isApiError(e)) throw e;
    } finally {
      setBusy(null);
    }
  };

  const sendLabel = remaining > 0 ? t('login.resendIn', { n: remaining }) : sentOnce ? t('login.resend') : t('login.sendCode');

  return (
    <View className="sms-form">
      <View className="field">
        <Text className="field__label">{t('login.phone.label')}</Text>
        <Input
          id="login-phone"
          className="field__input"
          type="number"
          maxlength={11}
          placeholder={t('login.phone.placeholder')}
          value={phone}
          onInput={(e) => setPhone(e.detail.value.trim())}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('login.code.label')}</Text>
        <Input
          id="login-code"
          className="field__input"
          type="number"
          maxlength={6}
          placeholder={t('login.code.placeholder')}
          value={code}
          onInput={(e) => setCode(e.detail.value.trim())}
        />
        <Button
          id="login-send-code"
          className="field__send"
          size="mini"
          disabled={remaining > 0 || busy === 'send'}
          onClick={() => void sendCode()}
        >
          {sendLabel}
        </Button>
      </View>
      <Button
        id="login-submit"
        className="login-submit"
        loading={busy === 'login'}
        disabled={busy === 'login'}
        onClick={() => void submit()}
      >
        {t('login.submit')}
      </Button>
      <Text className="login-hint">{t('login.hint.sms')}</Text>
    </View>
  );
}
