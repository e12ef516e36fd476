import { useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaToday, type CityOption } from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { useI18n, type MessageKey } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { queryString } from '../../../services/trip-api';
import { addDays, dayLabel } from '../../trip/format';

/** Today in Asia/Shanghai as YYYY-MM-DD, whatever the device's time zone. */
export function todayInShanghai(now = Date.now()): string {
  return chinaToday(new Date(now));
}

/** Trips are sold this many days ahead at most (the operators' presale windows are shorter). */
const SEARCH_DAYS_AHEAD = 60;
const DATE_CHIPS: MessageKey[] = ['home.date.today', 'home.date.tomorrow', 'home.date.dayAfter'];

type Side = 'from' | 'to';

interface SearchCardProps {
  /** cities with trips on sale (GET /api/app/cities); null while loading */
  cities: CityOption[] | null;
}

/** Where and when: 出发城市 ⇄ 到达城市, the day (今天 / 明天 / 后天 or any day), 查询 → the trips. */
export function SearchCard({ cities }: SearchCardProps) {
  const { t, lang } = useI18n();
  const today = todayInShanghai();
  const [from, setFrom] = useState<CityOption | null>(null);
  const [to, setTo] = useState<CityOption | null>(null);
  const [date, setDate] = useState(today);
  const [choosing, setChoosing] = useState<Side | null>(null);

  const choose = (city: CityOption) => {
    if (choosing === 'from') {
      setFrom(city);
      if (to?.code === city.code) setTo(null);
    } else {
      setTo(city);
      if (from?.code === city.code) setFrom(null);
    }
    setChoosing(null);
  };

  const search = () => {
    if (!from || !to) {
      toast(t('home.search.needCities'));
      return;
    }
    void Taro.navigateTo({
      url: `${ROUTES.tripList}${queryString({ fromCity: from.code, toCity: to.code, date, fromName: from.name, toName: to.name })}`,
    });
  };

  const offset = Math.round((Date.parse(date) - Date.parse(today)) / 86400000);

  return (
    <View className="search-card" id="home-search">
      <View className="search-card__cities">
        <View id="home-from" className={`search-card__city ${from ? '' : 'search-card__city--empty'}`} onClick={() => setChoosing('from')}>
          <Text>{from?.name ?? t('home.search.from')}</Text>
        </View>
        <View
          className="search-card__swap"
          id="home-swap"
          aria-label={t('home.search.swap')}
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
        >
          <Text className="search-card__swap-icon">⇄</Text>
        </View>
        <View
          id="home-to"
          className={`search-card__city search-card__city--to ${to ? '' : 'search-card__city--empty'}`}
          onClick={() => setChoosing('to')}
        >
          <Text>{to?.name ?? t('home.search.to')}</Text>
        </View>
      </View>
      <View className="search-card__date">
        <View className="search-card__chips">
          {DATE_CHIPS.map((key, i) => (
            <Text
              key={key}
              id={`home-date-${i}`}
              className={`search-card__chip ${offset === i ? 'search-card__chip--on' : ''}`}
              onClick={() => setDate(addDays(today, i))}
            >
              {t(key)}
            </Text>
          ))}
        </View>
        <Picker mode="date" value={date} start={today} end={addDays(today, SEARCH_DAYS_AHEAD)} onChange={(e) => setDate(String(e.detail.value))}>
          <View className="search-card__date-value" id="home-date">
            <Text>{dayLabel(date, lang)}</Text>
            <Text className="search-card__arrow">›</Text>
          </View>
        </Picker>
      </View>
      <Button id="home-search-submit" className="search-card__submit" onClick={search}>
        {t('home.search.submit')}
      </Button>

      {choosing ? (
        <View className={`city-sheet ${process.env.TARO_ENV === 'h5' ? 'city-sheet--h5' : ''}`} id="city-sheet">
          <View className="city-sheet__mask" onClick={() => setChoosing(null)} />
          <View className="city-sheet__panel">
            <Text className="city-sheet__title">{t(choosing === 'from' ? 'home.search.chooseFrom' : 'home.search.chooseTo')}</Text>
            {cities === null ? (
              <Text className="city-sheet__hint">{t('common.loading')}</Text>
            ) : cities.length === 0 ? (
              <Text className="city-sheet__hint">{t('home.search.noCities')}</Text>
            ) : (
              <View className="city-sheet__list">
                {cities.map((c) => {
                  const chosen = (choosing === 'from' ? from : to)?.code === c.code;
                  return (
                    <Text
                      key={c.code}
                      id={`city-option-${c.code}`}
                      className={`city-sheet__city ${chosen ? 'city-sheet__city--on' : ''}`}
                      onClick={() => choose(c)}
                    >
                      {c.name}
                    </Text>
                  );
                })}
              </View>
            )}
          </View>
        </View>
      ) : null}
    </View>
  );
}
