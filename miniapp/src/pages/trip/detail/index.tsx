import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { SERVICE_LEVEL_LABELS, TICKET_TYPES, TICKET_TYPE_LABELS, VEHICLE_TYPE_LABELS, type TripDetail } from '@dzky/contracts';
import { TripMap, type MapMarker, type MapPolygon } from '../../../components/map';
import { outlinePoints } from '../../../components/map/geometry';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { isApiError } from '../../../services/request';
import { queryString, tripApi } from '../../../services/trip-api';
import { dayLabel, labelOf, nameOf, timeOf, weatherText, yuan } from '../format';
import { NoticeList } from '../notice-list';
import { saleStateText } from '../sale-state';
import { rulesInWords } from './rules-text';
import './index.scss';

/** The journey the page prices: the one searched for, else the longest priced one. */
export function journeyOf(detail: TripDetail, fromSeq?: number, toSeq?: number): TripDetail['fares'][number] | null {
  const asked = detail.fares.find((f) => f.fromSeq === fromSeq && f.toSeq === toSeq);
  if (asked) return asked;
  return [...detail.fares].sort((a, b) => b.toSeq - b.fromSeq - (a.toSeq - a.fromSeq) || a.fromSeq - b.fromSeq)[0] ?? null;
}

/**
 * 班次详情: stops with planned times, the map with stops and door-to-door
 * zones, weather at both ends, fares per ticket type, refund rules in words, notices, 预订.
 */
export default function TripDetailPage() {
  const { t, lang } = useI18n();
  const params = useRouter().params;
  const id = Number(params.id);
  const askedFrom = Number(params.fromSeq) || undefined;
  const askedTo = Number(params.toSeq) || undefined;
  const [detail, setDetail] = useState<TripDetail | null>(null);
  const [failed, setFailed] = useState(false);
  usePageTitle('trip.detail.title');

  const load = useCallback(() => {
    setFailed(false);
    tripApi
      .detail(id)
      .then(setDetail)
      .catch((e) => {
        setFailed(true);
        if (!isApiError(e)) throw e; // shown by the request wrapper
      });
  }, [id]);
  useEffect(load, [load]);

  if (!detail) {
    return (
      <View className="trip-detail-page" id="trip-detail-page">
        <Text className="trip-detail-page__loading">{failed ? t('common.loadFailed') : t('common.loading')}</Text>
      </View>
    );
  }

  const { trip, stops, zones, weather, rules, notices } = detail;
  const journey = journeyOf(detail, askedFrom, askedTo);
  const stopName = (seq: number) => nameOf(stops.find((s) => s.seq === seq)?.name, lang);
  const bookable = trip.saleState === 'open' && journey !== null;

  const markers: MapMarker[] = stops.map((s) => ({
    id: `stop-${s.seq}`,
    kind: 'stop',
    position: { lng: s.lng, lat: s.lat },
    label: String(s.seq),
    title: nameOf(s.name, lang),
  }));
  const polygons: MapPolygon[] = zones.map((z) => ({ id: `zone-${z.id}`, kind: z.kind, geometry: z.geometry, label: z.name, active: true }));
  const fitTo = [...stops.map((s) => ({ lng: s.lng, lat: s.lat })), ...outlinePoints(zones)];

  const book = () => {
    if (!bookable) return;
    void Taro.navigateTo({ url: `${ROUTES.booking}${queryString({ tripId: trip.id, fromSeq: journey.fromSeq, toSeq: journey.toSeq })}` });
  };

  return (
    <View className="trip-detail-page" id="trip-detail-page">
      <View className="trip-summary" id="trip-summary">
        <Text className="trip-summary__day">
          {dayLabel(trip.departDate, lang)} {trip.departTime}
        </Text>
        <Text className="trip-summary__line">
          {trip.lineName} · {trip.routeName}
        </Text>
        <Text className="trip-summary__org">{trip.orgName}</Text>
        <View className="trip-summary__tags">
          {zones.length ? <Text className="trip-tag trip-tag--door">{t('trip.tag.door')}</Text> : null}
          {trip.temporary ? <Text className="trip-tag trip-tag--temporary">{t('trip.tag.temporary')}</Text> : null}
          <Text className="trip-tag">{labelOf(SERVICE_LEVEL_LABELS, trip.serviceLevel, lang)}</Text>
          <Text className="trip-tag">{labelOf(VEHICLE_TYPE_LABELS, trip.vehicleType, lang)}</Text>
          <Text className={`trip-summary__seats ${trip.saleState === 'open' ? '' : 'trip-summary__seats--off'}`} id="trip-seats">
            {saleStateText(trip.saleState, trip.seatsLeft, t)}
          </Text>
        </View>
        {trip.cancelReason ? <Text className="trip-summary__cancel">{trip.cancelReason}</Text> : null}
      </View>

      {weather.origin || weather.destination ? (
        <View className="detail-card trip-weather" id="trip-weather">
          {weather.origin ? (
            <Text className="trip-weather__item" id="trip-weather-origin">
              {t('trip.weather.origin')} {weatherText(weather.origin)}
            </Text>
          ) : null}
          {weather.destination ? (
            <Text className="trip-weather__item" id="trip-weather-destination">
              {t('trip.weather.destination')} {weatherText(weather.destination)}
            </Text>
          ) : null}
        </View>
      ) : null}

      <Text className="detail-title">{t('trip.stops')}</Text>
      <View className="detail-card stop-timeline" id="trip-stops">
        {stops.map((s) => (
          <View key={s.seq} className="stop-timeline__row" id={`trip-stop-${s.seq}`}>
            <Text className="stop-timeline__time">{timeOf(s.plannedAt)}</Text>
            {/* the number the stop's marker carries on the map */}
            <Text className="stop-timeline__dot">{s.seq}</Text>
            <View className="stop-timeline__body">
              <Text className="stop-timeline__name">{nameOf(s.name, lang)}</Text>
              <Text className="stop-timeline__address">{s.address}</Text>
            </View>
            <View className="stop-timeline__marks">
              {s.pickup ? <Text className="stop-mark stop-mark--on">{t('trip.stop.pickup')}</Text> : null}
              {s.dropoff ? <Text className="stop-mark stop-mark--off">{t('trip.stop.dropoff')}</Text> : null}
            </View>
          </View>
        ))}
      </View>

      <Text className="detail-title">{zones.length ? t('trip.map.withZones') : t('trip.map')}</Text>
      <View className="trip-detail-map">
        <TripMap id="trip-map" markers={markers} polygons={polygons} fitTo={fitTo} />
      </View>
      {zones.length ? (
        <View className="zone-legend" id="trip-zones">
          {zones.map((z) => (
            <Text key={z.id} className={`zone-legend__item zone-legend__item--${z.kind}`}>
              {t(z.kind === 'pickup' ? 'trip.zone.pickup' : 'trip.zone.dropoff')} · {z.name}
            </Text>
          ))}
        </View>
      ) : null}

      <Text className="detail-title">{t('trip.fares')}</Text>
      <View className="detail-card fare-table" id="trip-fares">
        {journey ? (
          <>
            <Text className="fare-table__journey">
              {stopName(journey.fromSeq)} → {stopName(journey.toSeq)}
            </Text>
            {TICKET_TYPES.map((type) => (
              <View key={type} className="fare-table__row" id={`trip-fare-${type}`}>
                <Text className="fare-table__type">{labelOf(TICKET_TYPE_LABELS, type, lang)}</Text>
                <Text className="fare-table__price">{yuan(journey.prices[type])}</Text>
              </View>
            ))}
          </>
        ) : (
          <Text className="fare-table__none">{t('trip.fares.none')}</Text>
        )}
      </View>

      <Text className="detail-title">{t('trip.rules')}</Text>
      <View className="detail-card rule-list" id="trip-rules">
        {rulesInWords(rules, t, lang).map((line) => (
          <Text key={line} className="rule-list__item">
            {line}
          </Text>
        ))}
      </View>

      {notices.length ? (
        <>
          <Text className="detail-title">{t('trip.notices')}</Text>
          <NoticeList notices={notices} idPrefix="trip-notice" />
        </>
      ) : null}

      <View className="detail-bar">
        <View className="detail-bar__price">
          {journey ? (
            <>
              <Text className="detail-bar__amount">{yuan(journey.prices.adult)}</Text>
              <Text className="detail-bar__unit">{t('trip.perAdult')}</Text>
            </>
          ) : null}
        </View>
        <Button id="trip-book" className="detail-bar__book" disabled={!bookable || undefined} onClick={book}>
          {trip.saleState === 'open' ? t('trip.book') : saleStateText(trip.saleState, trip.seatsLeft, t)}
        </Button>
      </View>
    </View>
  );
}
