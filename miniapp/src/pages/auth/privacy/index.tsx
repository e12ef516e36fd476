import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PRIVACY_POLICY_VERSION } from '@dzky/contracts';
import { APP_KIND } from '../../../env';
import { toast } from '../../../hooks/toast';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { platform } from '../../../platform';
import { HOME_ROUTE } from '../../../routes';
import { authApi } from '../../../services/auth';
import { isApiError } from '../../../services/request';
import { setProfile, signOut } from '../../../services/session';
import { AGREEMENT_EVENT } from '../login/events';
import { policyText } from './policy';
import './index.scss';

/**
 * consent   – signed in, the policy must be accepted before anything else (server-side record)
 * agreement – opened from the tick box under the sign-in form; the answer ticks or unticks it
 * authorize – WeChat held back a privacy API until the user agrees (mini-program only)
 * read      – just the text, e.g. from 我的
 */
type Mode = 'consent' | 'agreement' | 'authorize' | 'read';
const MODES: readonly Mode[] = ['consent', 'agreement', 'authorize', 'read'];

export default function PrivacyPage() {
  const { t, lang } = useI18n();
  const params = useRouter().params;
  const mode: Mode = MODES.includes(params.mode as Mode) ? (params.mode as Mode) : 'read';
  const [busy, setBusy] = useState(false);
  const policy = policyText(APP_KIND, lang);
  usePageTitle('privacy.title');

  useEffect(() => {
    if (mode === 'consent') platform.hideHomeButton();
  }, [mode]);

  const agree = async () => {
    if (busy) return;
    platform.settlePrivacyAuthorization(true, 'privacy-agree');
    if (mode === 'consent') {
      setBusy(true);
      try {
        setProfile(await authApi.consentPrivacy({ policyVersion: PRIVACY_POLICY_VERSION }));
        await Taro.reLaunch({ url: HOME_ROUTE });
      } catch (e) {
        if (!isApiError(e)) throw e; // API errors were shown by the request wrapper
      } finally {
        setBusy(false);
      }
      return;
    }
    if (mode === 'agreement') Taro.eventCenter.trigger(AGREEMENT_EVENT, true);
    await Taro.navigateBack();
  };

  const disagree = async () => {
    platform.settlePrivacyAuthorization(false);
    if (mode === 'consent') {
      const { confirm } = await Taro.showModal({
        title: t('privacy.title'),
        content: t('privacy.disagree.confirm'),
        confirmText: t('privacy.disagree.ok'),
        cancelText: t('privacy.disagree.cancel'),
      });
      if (confirm) await signOut();
      return;
    }
    if (mode === 'agreement') Taro.eventCenter.trigger(AGREEMENT_EVENT, false);
    else if (mode === 'authorize') toast(t('privacy.disagree.confirm'));
    await Taro.navigateBack();
  };

  // In the mini-program the 同意 button is also WeChat's own privacy-authorisation button.
  const agreeProps = platform.privacyAgreeOpenType
    ? { openType: platform.privacyAgreeOpenType, onAgreePrivacyAuthorization: () => void agree() }
    : { onClick: () => void agree() };

  return (
    <View className={`privacy-page ${mode === 'read' ? '' : 'privacy-page--with-actions'}`} id="privacy-page">
      <View className="privacy-doc">
        <Text className="privacy-doc__title">{policy.title}</Text>
        <Text className="privacy-doc__version">{t('privacy.version', { v: PRIVACY_POLICY_VERSION })}</Text>
        {mode === 'consent' ? <Text className="privacy-doc__notice">{t('privacy.consentIntro')}</Text> : null}
        <Text className="privacy-doc__p">{policy.intro}</Text>
        {policy.sections.map((section) => (
          <View className="privacy-doc__section" key={section.heading}>
            <Text className="privacy-doc__heading">{section.heading}</Text>
            {section.items?.map((item) => (
              <View className="privacy-doc__item" key={item}>
                <Text className="privacy-doc__bullet">•</Text>
                <Text className="privacy-doc__item-text">{item}</Text>
              </View>
            ))}
            {section.paragraphs.map((p) => (
              <Text className="privacy-doc__p" key={p}>
                {p}
              </Text>
            ))}
          </View>
        ))}
      </View>
      {mode === 'read' ? null : (
        <View className="privacy-actions">
          <Button id="privacy-disagree" className="privacy-actions__disagree" disabled={busy} onClick={() => void disagree()}>
            {t('privacy.disagree')}
          </Button>
          <Button id="privacy-agree" className="privacy-actions__agree" loading={busy} disabled={busy} {...agreeProps}>
            {t('privacy.agree')}
          </Button>
        </View>
      )}
    </View>
  );
}
