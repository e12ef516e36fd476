import { Text, View } from '@tarojs/components';
import type { TravelInfoItem } from '@dzky/contracts';
import { useI18n } from '../../../i18n';
import { dateTimeOf } from '../../trip/format';

/** 出行信息: trips added at short notice (临时加班) and trips that will not run (停班), as banners. */
export function TravelInfoList({ items }: { items: TravelInfoItem[] }) {
  const { t } = useI18n();
  return (
    <View className="travel-info" id="home-travel-info">
      {items.map((item) => (
        <View key={`${item.kind}-${item.tripId}`} id={`travel-info-${item.kind}-${item.tripId}`} className={`travel-info__item travel-info__item--${item.kind}`}>
          <Text className="travel-info__tag">{t(item.kind === 'trip_added' ? 'travel.added' : 'travel.cancelled')}</Text>
          <View className="travel-info__text">
            <Text className="travel-info__line">
              {item.lineName} {dateTimeOf(item.departAt)}
            </Text>
            {item.reason ? <Text className="travel-info__reason">{item.reason}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
