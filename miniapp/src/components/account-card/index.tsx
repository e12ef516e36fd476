import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { EndUserProfile } from '@dzky/contracts';
import { maskPhone } from '@dzky/contracts';
import { toast } from '../../hooks/toast';
import { useI18n } from '../../i18n';
import { platform } from '../../platform';
import { authApi } from '../../services/auth';
import { isApiError } from '../../services/request';
import { setProfile, signOut } from '../../services/session';
import './index.scss';

interface AccountCardProps {
  profile: EndUserProfile | null;
  /** element id of the phone text; given only where one copy is on screen (tab pages stay mounted in H5) */
  phoneId?: string;
}

/** The signed-in user: masked phone, WeChat phone binding where it exists, sign-out. */
export function AccountCard({ profile, phoneId }: AccountCardProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  const onPhoneNumber = async (event: { detail?: { code?: string; errMsg?: string } }) => {
    const code = platform.phoneCodeFrom(event);
    if (!code) {
      toast(t('account.bindPhone.declined'));
      return;
    }
    setBusy(true);
    try {
      setProfile(await authApi.bindPhone({ code }));
      toast(t('account.bindPhone.done'), 'success');
    } catch (e) {
      if (!isApiError(e)) throw e; // API errors were shown by the request wrapper
    } finally {
      setBusy(false);
    }
  };

  // the server sends phones masked already; masking again is harmless and keeps the rule local too
  const phone = profile?.phone ? maskPhone(profile.phone) : null;

  return (
    <View className="account-card">
      <View className="account-card__row">
        <Text className="account-card__label">{t('account.phone')}</Text>
        <Text className={`account-card__phone ${phone ? '' : 'account-card__phone--none'}`} id={phoneId}>
          {profile ? (phone ?? t('account.phone.none')) : t('common.loading')}
        </Text>
      </View>
      {platform.canBindPhoneWithWechat && profile && !profile.phone ? (
        <Button
          className="account-card__bind"
          id="account-bind-phone"
          openType="getPhoneNumber"
          loading={busy}
          disabled={busy}
          onGetPhoneNumber={(e) => void onPhoneNumber(e)}
        >
          {t('account.bindPhone')}
        </Button>
      ) : null}
      <Button className="account-card__signout" id="account-sign-out" onClick={() => void signOut()}>
        {t('account.signOut')}
      </Button>
    </View>
  );
}
