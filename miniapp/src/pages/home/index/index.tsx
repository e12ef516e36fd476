import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { CityOption, PassengerHome } from '@dzky/contracts';
import { AccountCard } from '../../../components/account-card';
import { LangSwitch } from '../../../components/lang-switch';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { isApiError } from '../../../services/request';
import { useSessionGate } from '../../../services/session';
import { tokenStore } from '../../../services/token-store';
import { tripApi } from '../../../services/trip-api';
import { NoticeList } from '../../trip/notice-list';
import { SearchCard } from './search-card';
import { TravelInfoList } from './travel-info';
import './index.scss';

/** 首页: search trips by city and day, travel information, notices. */
export default function HomePage() {
  const { t } = useI18n();
  const { profile } = useSessionGate();
  const [home, setHome] = useState<PassengerHome | null>(null);
  const [cities, setCities] = useState<CityOption[] | null>(null);
  usePageTitle('app.passenger.title');

  const load = useCallback(() => {
    // without a session the gate sends the visitor to sign-in: nothing to show here meanwhile
    if (!tokenStore.present) return;
    const quiet = (e: unknown) => {
      if (!isApiError(e)) throw e; // shown by the request wrapper
    };
    tripApi.home().then(setHome).catch(quiet);
    tripApi
      .cities()
      .then(setCities)
      .catch((e) => {
        setCities((c) => c ?? []);
        quiet(e);
      });
  }, []);
  // again on every show: travel information changes during the day
  useDidShow(load);

  return (
    <View className="home-page" id="home-page">
      <View className="home-hero">
        <View className="home-hero__row">
          <Text className="home-hero__title">{t('app.passenger.title')}</Text>
          <LangSwitch />
        </View>
        <Text className="home-hero__slogan">{t('app.passenger.slogan')}</Text>
      </View>
      <View className="home-body">
        <SearchCard cities={cities} />
        {home?.travelInfo.length ? (
          <View className="home-section">
            <Text className="home-section__title">{t('home.travelInfo')}</Text>
            <TravelInfoList items={home.travelInfo} />
          </View>
        ) : null}
        {home?.notices.length ? (
          <View className="home-section" id="home-notices">
            <Text className="home-section__title">{t('home.notices')}</Text>
            <NoticeList notices={home.notices} idPrefix="home-notice" />
          </View>
        ) : null}
        <View className="home-section">
          <Text className="home-section__title">{t('account.title')}</Text>
          <AccountCard profile={profile} phoneId="home-phone" />
        </View>
      </View>
    </View>
  );
}
