import { useCallback, useEffect, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { SERVICE_LEVEL_LABELS, type TripSearchItem } from '@dzky/contracts';
import { EmptyState } from '../../../components/empty-state';
import { useI18n } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { isApiError } from '../../../services/request';
import { queryString, tripApi } from '../../../services/trip-api';
import { todayInShanghai } from '../../home/index/search-card';
import { addDays, decodedParam, labelOf, nameOf, timeOf, travelTime, weekdayOf, yuan } from '../format';
import { saleStateText } from '../sale-state';
import './index.scss';

/** Whole minutes from one instant to another. */
const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60000);

/** Days the date strip offers, from today. */
const STRIP_DAYS = 14;

/**
 * 班次列表: the day's trips between two cities, sold-out and closed ones greyed with
 * the reason, and a strip of days to look at another day.
 */
export default function TripListPage() {
  const { t, lang } = useI18n();
  const params = useRouter().params;
  const fromCity = params.fromCity ?? '';
  const toCity = params.toCity ?? '';
  const fromName = decodedParam(params.fromName) || fromCity;
  const toName = decodedParam(params.toName) || toCity;
  const today = todayInShanghai();
  const [date, setDate] = useState(params.date || today);
  const [trips, setTrips] = useState<TripSearchItem[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${fromName} → ${toName}` }).catch(() => undefined);
  }, [fromName, toName]);

  const load = useCallback(
    (day: string) => {
      setTrips(null);
      setFailed(false);
      return tripApi
        .search({ fromCity, toCity, date: day })
        .then(setTrips)
        .catch((e) => {
          setFailed(true);
          if (!isApiError(e)) throw e; // shown by the request wrapper
        });
    },
    [fromCity, toCity],
  );

  useEffect(() => {
    void load(date);
  }, [date, load]);

  usePullDownRefresh(() => {
    void load(date).finally(() => void Taro.stopPullDownRefresh());
  });

  const days = Array.from({ length: STRIP_DAYS }, (_, i) => addDays(today, i));

  const open = (trip: TripSearchItem) => {
    void Taro.navigateTo({ url: `${ROUTES.tripDetail}${queryString({ id: trip.tripId, fromSeq: trip.fromSeq, toSeq: trip.toSeq })}` });
  };

  return (
    <View className="trip-list-page" id="trip-list-page">
      {/* the journey in the page too: H5 shows no navigation bar title */}
      <View className="trip-list-head" id="trip-list-head">
        <Text className="trip-list-head__cities">
          {fromName} → {toName}
        </Text>
        {trips?.length ? <Text className="trip-list-head__count">{t('trip.list.count', { n: trips.length })}</Text> : null}
      </View>
      <ScrollView className="date-strip" scrollX id="trip-dates">
        {days.map((d, i) => (
          <View key={d} id={`trip-date-${d}`} className={`date-strip__day ${d === date ? 'date-strip__day--on' : ''}`} onClick={() => setDate(d)}>
            <Text className="date-strip__week">{i === 0 ? t('home.date.today') : i === 1 ? t('home.date.tomorrow') : weekdayOf(d, lang)}</Text>
            <Text className="date-strip__date">{d.slice(5)}</Text>
          </View>
        ))}
      </ScrollView>

      {trips === null ? (
        <Text className="trip-list-page__loading">{failed ? t('common.loadFailed') : t('common.loading')}</Text>
      ) : trips.length === 0 ? (
        <EmptyState id="trip-list-empty" title={t('trip.list.empty')} hint={t('trip.list.empty.hint')} />
      ) : (
        <View className="trip-list" id="trip-list">
          {trips.map((trip) => {
            const bookable = trip.saleState === 'open';
            return (
              <View
                key={trip.tripId}
                id={`trip-${trip.tripId}`}
                className={`trip-card ${bookable ? '' : 'trip-card--off'}`}
                data-sale-state={trip.saleState}
                onClick={() => open(trip)}
              >
                <View className="trip-card__main">
                  <View className="trip-card__times">
                    <Text className="trip-card__time">{timeOf(trip.boardAt)}</Text>
                    <View className="trip-card__span">
                      <Text className="trip-card__duration">{t('trip.duration', { d: travelTime(minutesBetween(trip.boardAt, trip.arriveAt), lang) })}</Text>
                      <Text className="trip-card__dash" />
                    </View>
                    <Text className="trip-card__time trip-card__time--arrive">{timeOf(trip.arriveAt)}</Text>
                  </View>
                  <View className="trip-card__stops">
                    <Text className="trip-card__stop">{nameOf(trip.fromStopName, lang)}</Text>
                    <Text className="trip-card__arrow">→</Text>
                    <Text className="trip-card__stop">{nameOf(trip.toStopName, lang)}</Text>
                  </View>
                  <View className="trip-card__tags">
                    {trip.doorToDoor ? <Text className="trip-tag trip-tag--door">{t('trip.tag.door')}</Text> : null}
                    {trip.temporary ? <Text className="trip-tag trip-tag--temporary">{t('trip.tag.temporary')}</Text> : null}
                    <Text className="trip-tag">{labelOf(SERVICE_LEVEL_LABELS, trip.serviceLevel, lang)}</Text>
                  </View>
                </View>
                <View className="trip-card__side">
                  <Text className="trip-card__price" id={`trip-price-${trip.tripId}`}>
                    {yuan(trip.priceFen)}
                  </Text>
                  <Text className={`trip-card__seats ${bookable ? '' : 'trip-card__seats--off'}`} id={`trip-seats-${trip.tripId}`}>
                    {saleStateText(trip.saleState, trip.seatsLeft, t)}
                  </Text>
                </View>
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
