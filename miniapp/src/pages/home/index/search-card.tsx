import { useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';

/** Today in Asia/Shanghai as YYYY-MM-DD, whatever the device's time zone. */
export function todayInShanghai(now = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400 * 1000).toISOString().slice(0, 10);
}

/**
 * Where and when: 出发城市 → 到达城市, date. The trip search itself arrives with the timetable, so
 * 查询 stays disabled and says so, rather than leading to an empty page.
 */
export function SearchCard() {
  const { t } = useI18n();
  const today = todayInShanghai();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [date, setDate] = useState(today);

  return (
    <View className="search-card" id="home-search">
      <View className="search-card__cities">
        <Input
          id="home-from"
          className="search-card__city"
          placeholder={t('home.search.from')}
          value={from}
          onInput={(e) => setFrom(e.detail.value)}
        />
        <View
          className="search-card__swap"
          aria-label={t('home.search.swap')}
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
        >
          <Text className="search-card__swap-icon">⇄</Text>
        </View>
        <Input
          id="home-to"
          className="search-card__city search-card__city--to"
          placeholder={t('home.search.to')}
          value={to}
          onInput={(e) => setTo(e.detail.value)}
        />
      </View>
      <Picker mode="date" value={date} start={today} end={addDays(today, 60)} onChange={(e) => setDate(String(e.detail.value))}>
        <View className="search-card__date" id="home-date">
          <Text className="search-card__date-label">{t('home.search.date')}</Text>
          <Text className="search-card__date-value">{date}</Text>
        </View>
      </Picker>
      <Button id="home-search-submit" className="search-card__submit" disabled>
        {t('home.search.submit')}
      </Button>
      <Text className="search-card__soon" id="home-search-soon">
        {t('home.search.soon')}
      </Text>
    </View>
  );
}
