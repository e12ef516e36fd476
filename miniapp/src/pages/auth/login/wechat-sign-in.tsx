import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { toast } from '../../../hooks/toast';
import { useI18n } from '../../../i18n';
import { platform } from '../../../platform';
import { isApiError } from '../../../services/request';

interface WechatSignInProps {
  ensureAgreed: () => boolean;
}

/** Mini-program sign-in: one tap, WeChat identity via wx.login. */
export function WechatSignIn({ ensureAgreed }: WechatSignInProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  const signIn = async () => {
    if (busy || !ensureAgreed()) return;
    setBusy(true);
    try {
      await platform.login();
    } catch (e) {
      // API errors were shown by the request wrapper; wx.login failures are shown here
      if (!isApiError(e)) toast(t('login.wechat.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wechat-sign-in">
      <Button id="login-wechat" className="login-submit login-submit--wechat" loading={busy} disabled={busy} onClick={() => void signIn()}>
        {t('login.wechat')}
      </Button>
      <Text className="login-hint">{t('login.hint.wechat')}</Text>
    </View>
  );
}
