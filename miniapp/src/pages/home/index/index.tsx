import { Text, View } from '@tarojs/components';
import { AccountCard } from '../../../components/account-card';
import { LangSwitch } from '../../../components/lang-switch';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n, type MessageKey } from '../../../i18n';
import { useSessionGate } from '../../../services/session';
import { SearchCard } from './search-card';
import './index.scss';

const COMMITMENTS: { key: MessageKey; desc: MessageKey; mark: string }[] = [
  { key: 'home.commit.realName', desc: 'home.commit.realName.desc', mark: '实' },
  { key: 'home.commit.door', desc: 'home.commit.door.desc', mark: '门' },
  { key: 'home.commit.onTime', desc: 'home.commit.onTime.desc', mark: '准' },
];

export default function HomePage() {
  const { t } = useI18n();
  const { profile } = useSessionGate();
  usePageTitle('app.passenger.title');

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
        <SearchCard />
        <View className="home-section">
          <Text className="home-section__title">{t('home.commit.title')}</Text>
          <View className="commitments">
            {COMMITMENTS.map((c) => (
              <View className="commitments__item" key={c.key}>
                <View className="commitments__mark">
                  <Text>{c.mark}</Text>
                </View>
                <Text className="commitments__name">{t(c.key)}</Text>
                <Text className="commitments__desc">{t(c.desc)}</Text>
              </View>
            ))}
          </View>
        </View>
        <View className="home-section">
          <Text className="home-section__title">{t('account.title')}</Text>
          <AccountCard profile={profile} phoneId="home-phone" />
        </View>
      </View>
    </View>
  );
}
