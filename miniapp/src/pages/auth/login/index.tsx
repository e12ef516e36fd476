import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Agreement } from '../../../components/agreement';
import { LangSwitch } from '../../../components/lang-switch';
import { APP_KIND } from '../../../env';
import { toast } from '../../../hooks/toast';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { platform } from '../../../platform';
import { resumeSession } from '../../../services/session';
import { AGREEMENT_EVENT } from './events';
import { SmsForm } from './sms-form';
import { WechatSignIn } from './wechat-sign-in';
import './index.scss';

export default function LoginPage() {
  const { t } = useI18n();
  const [agreed, setAgreed] = useState(false);
  usePageTitle(APP_KIND === 'driver' ? 'app.driver.title' : 'app.passenger.title');

  useEffect(() => {
    platform.hideHomeButton();
    // a valid session (e.g. the page was reloaded) goes straight on
    resumeSession().catch(() => undefined); // errors were shown and acted on by the request wrapper
    const onAgreement = (value: boolean) => setAgreed(value);
    Taro.eventCenter.on(AGREEMENT_EVENT, onAgreement);
    return () => {
      Taro.eventCenter.off(AGREEMENT_EVENT, onAgreement);
    };
  }, []);

  const ensureAgreed = useCallback(() => {
    if (!agreed) toast(t('login.agree.required'));
    return agreed;
  }, [agreed, t]);

  return (
    <View className="login-page" id="login-page">
      <View className="login-page__top">
        <LangSwitch />
      </View>
      <View className="login-brand">
        <View className="login-brand__logo">
          <Text className="login-brand__logo-text">{APP_KIND === 'driver' ? '司' : '客'}</Text>
        </View>
        <Text className="login-brand__title">{t(APP_KIND === 'driver' ? 'app.driver.title' : 'app.passenger.title')}</Text>
        <Text className="login-brand__slogan">{t(APP_KIND === 'driver' ? 'app.driver.slogan' : 'app.passenger.slogan')}</Text>
      </View>
      <View className="login-card">
        {platform.signInMethod === 'wechat' ? <WechatSignIn ensureAgreed={ensureAgreed} /> : <SmsForm ensureAgreed={ensureAgreed} />}
        <View className="login-card__agreement">
          <Agreement id="login-agree" checked={agreed} onChange={setAgreed} />
        </View>
      </View>
    </View>
  );
}
