import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AccountCard } from '../../../components/account-card';
import { useI18n } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { useSessionGate } from '../../../services/session';
import { FEEDBACK_ROUTES } from '../../feedback/feedback-api';
import { callHotline, useHotline } from '../../feedback/hotline';
import { useFeedbackText } from '../../feedback/texts';
import './index.scss';

export default function MinePage() {
  const { t, toggle } = useI18n();
  const { profile } = useSessionGate();
  const { ft } = useFeedbackText();
  const hotline = useHotline();
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
        <View className="mine-menu__item" id="mine-feedback" onClick={() => void Taro.navigateTo({ url: FEEDBACK_ROUTES.list })}>
          <Text>{ft('mine.feedback')}</Text>
          <Text className="mine-menu__arrow">›</Text>
        </View>
        <View className="mine-menu__item" id="mine-hotline" onClick={() => callHotline(hotline)}>
          <Text>{ft('hotline.label')}</Text>
          <Text className="mine-menu__value">{hotline ?? ''}</Text>
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
