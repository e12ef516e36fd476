import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AccountCard } from '../../../components/account-card';
import { EmptyState } from '../../../components/empty-state';
import { LangSwitch } from '../../../components/lang-switch';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { useSessionGate } from '../../../services/session';
import './index.scss';

/**
 * The driver's start page. Schedules appear once the operator has linked this account to a driver
 * record (a later step), so for now it says exactly that.
 */
export default function DriverHomePage() {
  const { t } = useI18n();
  const { profile } = useSessionGate();
  usePageTitle('app.driver.title');

  return (
    <View className="driver-home" id="home-page">
      <View className="driver-home__hero">
        <View className="driver-home__row">
          <Text className="driver-home__title">{t('app.driver.title')}</Text>
          <LangSwitch />
        </View>
        <Text className="driver-home__slogan">{t('app.driver.slogan')}</Text>
      </View>
      <View className="driver-home__body">
        <AccountCard profile={profile} phoneId="home-phone" />
        <View className="driver-home__section">
          <Text className="driver-home__section-title">{t('driver.schedule.title')}</Text>
          <View className="driver-home__schedule">
            <EmptyState id="driver-schedule-empty" title={t('driver.schedule.empty')} hint={t('driver.schedule.emptyHint')} />
          </View>
        </View>
        <Text className="driver-home__privacy" id="driver-privacy" onClick={() => void Taro.navigateTo({ url: `${ROUTES.privacy}?mode=read` })}>
          {t('account.privacy')}
        </Text>
      </View>
    </View>
  );
}
