import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AccountCard } from '../../../components/account-card';
import { useI18n } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { useSessionGate } from '../../../services/session';
import './index.scss';

export default function MinePage() {
  const { t, toggle } = useI18n();
  const { profile } = useSessionGate();
  return (
    <View className="mine-page" id="mine-page">
      <AccountCard profile={profile} />
      <View className="mine-menu">
        <View className="mine-menu__item" id="mine-riders" onClick={() => void Taro.navigateTo({ url: ROUTES.riders })}>
          <Text>{t('mine.riders')}</Text>
          <Text className="mine-menu__arrow">›</Text>
        </View>
        <View className="mine-menu__item" id="mine-profile" onClick={() => void Taro.navigateTo({ url: ROUTES.profile })}>
          <Text>{t('mine.profile')}</Text>
          <Text className="mine-menu__arrow">›</Text>
        </View>
      </View>
      <View className="mine-menu">
        <View className="mine-menu__item" id="mine-privacy" onClick={() => void Taro.navigateTo({ url: `${ROUTES.privacy}?mode=read` })}>
          <Text>{t('account.privacy')}</Text>
          <Text className="mine-menu__arrow">›</Text>
        </View>
        <View className="mine-menu__item" id="mine-language" onClick={toggle}>
          <Text>{t('account.language')}</Text>
          <Text className="mine-menu__value">{t('lang.switch')}</Text>
        </View>
      </View>
    </View>
  );
}
