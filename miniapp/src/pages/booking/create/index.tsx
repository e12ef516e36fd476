import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  orderRequestProblems,
  TICKET_TYPE_LABELS,
  type BookingMode,
  type LngLat,
  type OrderCreateRequest,
  type RiderView,
  type SeatMap,
  type TicketType,
  type TripDetail,
} from '@dzky/contracts';
import { TripMap, type MapMarker, type MapPolygon } from '../../../components/map';
import { outlinePoints, zoneAt } from '../../../components/map/geometry';
import { toast } from '../../../hooks/toast';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { orderApi } from '../../../services/order-api';
import { isApiError } from '../../../services/request';
import { useSessionGate } from '../../../services/session';
import { tripApi } from '../../../services/trip-api';
import { idTypeLabel } from '../../mine/id-type-label';
import { riderApi } from '../../mine/passenger-api';
import { dayLabel, labelOf, nameOf, timeOf, yuan } from '../../trip/format';
import {
  defaultTicketType,
  doorJourney,
  formFieldOf,
  newClientKey,
  priceSummary,
  ticketTypeChoices,
  type FormField,
  type Journey,
} from './booking-form';
import './index.scss';

/** the last contact number used on this device: the app only ever sees the account's phone masked */
const CONTACT_KEY = 'dzky.booking.contactPhone';

type Errors = Partial<Record<FormField, string>>;
type Point = 'pickup' | 'dropoff';

interface Chosen {
  riderId: number;
  ticketType: TicketType;
}

function rememberedPhone(): string {
  try {
    const v: unknown = Taro.getStorageSync(CONTACT_KEY);
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

/**
 * 预订: fixed stops or door to door (points tapped on the map inside the route's
 * zones), real-name riders with a ticket type each, seats where the trip sells them, the contact
 * phone, a remark, and the price — then POST /orders with the form's one clientKey.
 */
export default function BookingPage() {
  const { t, lang } = useI18n();
  useSessionGate();
  usePageTitle('booking.title');
  const params = useRouter().params;
  const tripId = Number(params.tripId);

  // made once per form: every retry of this booking sends the same key (see newClientKey)
  const clientKey = useRef<string>('');
  if (!clientKey.current) clientKey.current = newClientKey();

  const [detail, setDetail] = useState<TripDetail | null>(null);
  const [riders, setRiders] = useState<RiderView[] | null>(null);
  const [mode, setMode] = useState<BookingMode>(params.mode === 'door' ? 'door' : 'fixed');
  const [fromSeq, setFromSeq] = useState<number | null>(Number(params.fromSeq) || null);
  const [toSeq, setToSeq] = useState<number | null>(Number(params.toSeq) || null);
  const [pickup, setPickup] = useState<LngLat | null>(null);
  const [dropoff, setDropoff] = useState<LngLat | null>(null);
  const [target, setTarget] = useState<Point>('pickup');
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [seatMap, setSeatMap] = useState<SeatMap | null>(null);
  const [seats, setSeats] = useState<number[]>([]);
  const [contactPhone, setContactPhone] = useState(rememberedPhone);
  const [remark, setRemark] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // the confirmation sheet: what will be booked and charged, before the order is placed
  const [confirming, setConfirming] = useState(false);
  const sending = useRef(false);

  useEffect(() => {
    tripApi
      .detail(tripId)
      .then((d) => {
        setDetail(d);
        // the journey from the trip page, if it is a fixed one this trip sells; else the first
        setFromSeq((f) => (d.fares.some((p) => p.fromSeq === f) ? f : (d.fares[0]?.fromSeq ?? null)));
        setToSeq((to) => (d.fares.some((p) => p.toSeq === to) ? to : (d.fares[0]?.toSeq ?? null)));
      })
      .catch((e) => {
        if (!isApiError(e)) throw e; // shown by the request wrapper
      });
  }, [tripId]);

  const loadRiders = useCallback(() => {
    riderApi
      .list()
      .then((list) => {
        setRiders(list);
        // a rider deleted elsewhere leaves the selection
        setChosen((c) => c.filter((x) => list.some((r) => r.id === x.riderId)));
      })
      .catch((e) => {
        if (!isApiError(e)) throw e;
      });
  }, []);
  // again on every show: the rider form may have added one
  useDidShow(loadRiders);

  const zones = detail?.zones ?? [];
  const offersDoor = zones.some((z) => z.kind === 'pickup') && zones.some((z) => z.kind === 'dropoff');
  const journey: Journey | null =
    mode === 'door' ? doorJourney(zones, pickup, dropoff) : fromSeq && toSeq && toSeq > fromSeq ? { fromSeq, toSeq } : null;
  const seatSelection = Boolean(detail?.trip.seatSelection);
  const journeyKey = journey ? `${journey.fromSeq}-${journey.toSeq}` : '';

  const loadSeats = useCallback(() => {
    if (!seatSelection || !journey) {
      setSeatMap(null);
      return;
    }
    tripApi
      .seats(tripId, journey.fromSeq, journey.toSeq)
      .then((m) => {
        setSeatMap(m);
        setSeats((s) => s.filter((n) => m.free.includes(n)));
      })
      .catch((e) => {
        if (!isApiError(e)) throw e;
      });
    // journeyKey stands for journey, which is a new object on every render
  }, [seatSelection, journeyKey, tripId]);
  useEffect(loadSeats, [loadSeats]);

  if (!detail) {
    return (
      <View className="booking-page" id="booking-page">
        <Text className="booking-page__loading">{t('common.loading')}</Text>
      </View>
    );
  }

  const { trip, stops, fares, rules } = detail;
  const stopName = (seq: number | null) => (seq ? nameOf(stops.find((s) => s.seq === seq)?.name, lang) : '');
  const clearError = (...fields: FormField[]) =>
    setErrors((e) => {
      const next = { ...e };
      for (const f of fields) delete next[f];
      return next;
    });

  // ── fixed stops: boarding where a fare starts, alighting where a fare from there ends ──
  const boardSeqs = stops.filter((s) => s.pickup && fares.some((f) => f.fromSeq === s.seq)).map((s) => s.seq);
  const alightSeqs = stops.filter((s) => s.dropoff && fares.some((f) => f.fromSeq === fromSeq && f.toSeq === s.seq)).map((s) => s.seq);

  // ── door to door: taps on the map set 上车点 then 下车点 ──
  const onMapTap = (p: LngLat) => {
    if (target === 'pickup') {
      setPickup(p);
      clearError('pickup', 'form');
      if (!dropoff) setTarget('dropoff');
    } else {
      setDropoff(p);
      clearError('dropoff', 'form');
      if (!pickup) setTarget('pickup');
    }
  };
  const markers: MapMarker[] = [
    ...stops.map((s): MapMarker => ({ id: `stop-${s.seq}`, kind: 'stop', position: { lng: s.lng, lat: s.lat }, label: String(s.seq) })),
    ...(pickup ? [{ id: 'pickup', kind: 'pickup' as const, position: pickup, label: t('booking.mark.pickup') }] : []),
    ...(dropoff ? [{ id: 'dropoff', kind: 'dropoff' as const, position: dropoff, label: t('booking.mark.dropoff') }] : []),
  ];
  const polygons: MapPolygon[] = zones.map((z) => ({ id: `zone-${z.id}`, kind: z.kind, geometry: z.geometry, label: z.name, active: z.kind === target }));
  const fitTo = outlinePoints(zones.filter((z) => z.kind === target));
  const pointText = (kind: Point, p: LngLat | null) => {
    if (!p) return { main: t(kind === 'pickup' ? 'booking.point.pickup.empty' : 'booking.point.dropoff.empty'), sub: null, outside: false };
    const where = `${p.lng.toFixed(5)}, ${p.lat.toFixed(5)}`;
    const zone = zoneAt(p, zones, kind);
    // outside as far as the app can tell: said at once; whether it is served is the bff's answer
    return zone ? { main: zone.name, sub: where, outside: false } : { main: t('booking.point.outside'), sub: where, outside: true };
  };

  // ── riders ──
  const toggleRider = (r: RiderView) => {
    clearError('riders', 'seats');
    const next = chosen.some((x) => x.riderId === r.id)
      ? chosen.filter((x) => x.riderId !== r.id)
      : [...chosen, { riderId: r.id, ticketType: defaultTicketType(r, trip.departDate, rules) }];
    setChosen(next);
    // one seat per rider: seats chosen beyond the riders are let go
    setSeats((s) => s.slice(0, next.length));
  };
  const setTicketType = (riderId: number, ticketType: TicketType) => setChosen((c) => c.map((x) => (x.riderId === riderId ? { ...x, ticketType } : x)));

  const toggleSeat = (n: number) => {
    clearError('seats');
    setSeats((s) => (s.includes(n) ? s.filter((x) => x !== n) : s.length < chosen.length ? [...s, n] : s));
  };

  const summary = priceSummary(
    fares,
    journey,
    chosen.map((c) => c.ticketType),
  );

  const requestBody = (): OrderCreateRequest => ({
    clientKey: clientKey.current,
    tripId: trip.id,
    mode,
    ...(mode === 'fixed'
      ? { fromSeq: fromSeq ?? undefined, toSeq: toSeq ?? undefined }
      : {
          pickup: pickup ? { ...pickup, coordSys: 'gcj02' as const } : undefined,
          dropoff: dropoff ? { ...dropoff, coordSys: 'gcj02' as const } : undefined,
        }),
    riders: chosen.map((c, i) => ({ riderId: c.riderId, ticketType: c.ticketType, ...(seats[i] ? { seatNo: seats[i] } : {}) })),
    contactPhone: contactPhone.trim(),
    remark: remark.trim() || null,
  });

  /**
   * 提交订单: the same shape checks the bff runs, in its words, before anything is sent; then the
   * confirmation with the price breakdown. When the app cannot price the journey (a point outside
   * the zones as far as it can tell) there is nothing to confirm: the request goes at once and the
   * bff's answer says why it is refused (ORDER.OUTSIDE_ZONE lists the zones served).
   */
  const submit = () => {
    if (busy) return;
    const problems = orderRequestProblems(requestBody());
    if (problems.length) {
      const found: Errors = {};
      for (const p of problems) found[formFieldOf(p.field)] ??= p.reason;
      setErrors(found);
      if (found.pickup) setTarget('pickup');
      else if (found.dropoff) setTarget('dropoff');
      return;
    }
    setErrors({});
    if (summary) setConfirming(true);
    else void place();
  };

  const place = async () => {
    // a second tap before React has re-rendered the disabled button still finds this set
    if (sending.current) return;
    sending.current = true;
    const body = requestBody();
    setBusy(true);
    try {
      const order = await orderApi.create(body);
      Taro.setStorageSync(CONTACT_KEY, body.contactPhone);
      await Taro.redirectTo({ url: `${ROUTES.orderDetail}?id=${order.id}` });
    } catch (e) {
      setConfirming(false);
      if (!isApiError(e)) throw e;
      // the form stays as it is (riders, points, seats): fix the one thing and send again
      const found: Errors = {};
      for (const fe of e.errors) found[formFieldOf(fe.field)] ??= fe.reason;
      if (e.errorCode === 'ORDER.SEAT_TAKEN') {
        found.seats ??= e.errorMessage;
        setSeats([]);
        loadSeats();
      }
      if (Object.keys(found).length) {
        setErrors(found);
        // the next tap on the map moves the refused point
        if (found.pickup) setTarget('pickup');
        else if (found.dropoff) setTarget('dropoff');
      }
      if (!Object.keys(found).length || found.form) toast(found.form ?? e.errorMessage);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const fieldError = (field: FormField) =>
    errors[field] ? (
      <Text className="booking-error" id={`booking-error-${field}`}>
        {errors[field]}
      </Text>
    ) : null;

  return (
    <View className="booking-page" id="booking-page">
      <View className="booking-card booking-trip" id="booking-trip">
        <Text className="booking-trip__day">
          {dayLabel(trip.departDate, lang)} {trip.departTime}
        </Text>
        <Text className="booking-trip__line">{trip.lineName}</Text>
      </View>

      {offersDoor ? (
        <View className="booking-modes">
          {(['fixed', 'door'] as const).map((m) => (
            <Text
              key={m}
              id={`booking-mode-${m}`}
              className={`booking-modes__item ${mode === m ? 'booking-modes__item--on' : ''}`}
              onClick={() => {
                setMode(m);
                clearError('stops', 'pickup', 'dropoff', 'seats');
              }}
            >
              {t(m === 'fixed' ? 'booking.mode.fixed' : 'booking.mode.door')}
            </Text>
          ))}
        </View>
      ) : null}

      {mode === 'fixed' ? (
        <View className="booking-card booking-stops">
          <View className="booking-field">
            <Text className="booking-field__label">{t('booking.from')}</Text>
            <Picker
              id="booking-from"
              mode="selector"
              range={boardSeqs.map((s) => stopName(s))}
              value={Math.max(0, boardSeqs.indexOf(fromSeq ?? -1))}
              onChange={(e) => {
                const seq = boardSeqs[Number(e.detail.value)];
                setFromSeq(seq);
                clearError('stops');
                if (!fares.some((f) => f.fromSeq === seq && f.toSeq === toSeq)) setToSeq(fares.find((f) => f.fromSeq === seq)?.toSeq ?? null);
              }}
            >
              <View className="booking-field__picker">
                <Text id="booking-from-value">{stopName(fromSeq) || t('booking.choose')}</Text>
                <Text className="booking-field__arrow">›</Text>
              </View>
            </Picker>
          </View>
          <View className="booking-field">
            <Text className="booking-field__label">{t('booking.to')}</Text>
            <Picker
              id="booking-to"
              mode="selector"
              range={alightSeqs.map((s) => stopName(s))}
              value={Math.max(0, alightSeqs.indexOf(toSeq ?? -1))}
              onChange={(e) => {
                setToSeq(alightSeqs[Number(e.detail.value)] ?? null);
                clearError('stops');
              }}
            >
              <View className="booking-field__picker">
                <Text id="booking-to-value">{stopName(toSeq) || t('booking.choose')}</Text>
                <Text className="booking-field__arrow">›</Text>
              </View>
            </Picker>
          </View>
          {fieldError('stops')}
        </View>
      ) : (
        <View className="booking-card booking-door">
          {(['pickup', 'dropoff'] as const).map((kind) => (
            <View key={kind}>
              <View
                id={`booking-${kind}`}
                className={`booking-point ${target === kind ? 'booking-point--on' : ''} ${errors[kind] ? 'booking-point--error' : ''}`}
                data-active={target === kind ? 'true' : 'false'}
                onClick={() => setTarget(kind)}
              >
                <Text className={`booking-point__mark booking-point__mark--${kind}`}>{t(kind === 'pickup' ? 'booking.mark.pickup' : 'booking.mark.dropoff')}</Text>
                <View className="booking-point__body">
                  <Text className="booking-point__label">{t(kind === 'pickup' ? 'booking.point.pickup' : 'booking.point.dropoff')}</Text>
                  <Text
                    className={`booking-point__value ${pointText(kind, kind === 'pickup' ? pickup : dropoff).outside ? 'booking-point__value--outside' : ''}`}
                    id={`booking-${kind}-value`}
                  >
                    {pointText(kind, kind === 'pickup' ? pickup : dropoff).main}
                  </Text>
                  {pointText(kind, kind === 'pickup' ? pickup : dropoff).sub ? (
                    <Text className="booking-point__where">{pointText(kind, kind === 'pickup' ? pickup : dropoff).sub}</Text>
                  ) : null}
                </View>
                {target === kind ? <Text className="booking-point__hint">{t('booking.point.tapMap')}</Text> : null}
              </View>
              {fieldError(kind)}
            </View>
          ))}
          <View className="booking-map">
            <TripMap id="booking-map" markers={markers} polygons={polygons} fitTo={fitTo} onTap={onMapTap} />
          </View>
          <Text className="booking-door__hint">{t(target === 'pickup' ? 'booking.door.hint.pickup' : 'booking.door.hint.dropoff')}</Text>
        </View>
      )}

      <View className="booking-section-head">
        <Text className="booking-section-head__title">{t('booking.riders')}</Text>
        <Text className="booking-section-head__link" id="booking-add-rider" onClick={() => void Taro.navigateTo({ url: ROUTES.riderEdit })}>
          {t('booking.riders.add')}
        </Text>
      </View>
      <View className="booking-card booking-riders" id="booking-riders">
        {riders === null ? (
          <Text className="booking-riders__hint">{t('common.loading')}</Text>
        ) : riders.length === 0 ? (
          <Text className="booking-riders__hint" id="booking-riders-empty">
            {t('booking.riders.empty')}
          </Text>
        ) : (
          riders.map((r) => {
            const pick = chosen.find((c) => c.riderId === r.id);
            const choices = ticketTypeChoices(r, trip.departDate, rules);
            return (
              <View key={r.id} className="booking-rider">
                <View id={`booking-rider-${r.id}`} className="booking-rider__main" role="checkbox" aria-checked={Boolean(pick)} onClick={() => toggleRider(r)}>
                  <View className={`booking-check ${pick ? 'booking-check--on' : ''}`}>
                    <Text>{pick ? '✓' : ''}</Text>
                  </View>
                  <View className="booking-rider__text">
                    <Text className="booking-rider__name">{r.name}</Text>
                    <Text className="booking-rider__id">
                      {idTypeLabel(r.idType, lang)} {r.idNumberMasked}
                    </Text>
                  </View>
                </View>
                {pick ? (
                  <Picker
                    id={`booking-ticket-${r.id}`}
                    mode="selector"
                    range={choices.map((type) => labelOf(TICKET_TYPE_LABELS, type, lang))}
                    value={Math.max(0, choices.indexOf(pick.ticketType))}
                    onChange={(e) => setTicketType(r.id, choices[Number(e.detail.value)] ?? pick.ticketType)}
                  >
                    <View className="booking-rider__type">
                      <Text id={`booking-ticket-${r.id}-value`}>{labelOf(TICKET_TYPE_LABELS, pick.ticketType, lang)}</Text>
                      <Text className="booking-field__arrow">›</Text>
                    </View>
                  </Picker>
                ) : null}
              </View>
            );
          })
        )}
        {fieldError('riders')}
      </View>

      {seatSelection ? (
        <>
          <Text className="booking-section-title">{t('booking.seats')}</Text>
          <View className="booking-card booking-seats" id="booking-seats">
            {!journey ? (
              <Text className="booking-riders__hint">{t('booking.seats.needJourney')}</Text>
            ) : seatMap === null ? (
              <Text className="booking-riders__hint">{t('common.loading')}</Text>
            ) : (
              <>
                <Text className="booking-seats__hint">{t('booking.seats.hint', { n: chosen.length })}</Text>
                <View className="seat-grid">
                  {Array.from({ length: seatMap.capacity }, (_, i) => i + 1).map((n) => {
                    const free = seatMap.free.includes(n);
                    const on = seats.includes(n);
                    return (
                      <Text
                        key={n}
                        id={`booking-seat-${n}`}
                        className={`seat ${free ? '' : 'seat--taken'} ${on ? 'seat--on' : ''}`}
                        onClick={() => free && toggleSeat(n)}
                      >
                        {n}
                      </Text>
                    );
                  })}
                </View>
              </>
            )}
            {fieldError('seats')}
          </View>
        </>
      ) : null}

      <Text className="booking-section-title">{t('booking.contact')}</Text>
      <View className="booking-card">
        <View className="booking-field">
          <Text className="booking-field__label">{t('booking.contactPhone')}</Text>
          <Input
            id="booking-phone"
            className="booking-field__input"
            type="number"
            maxlength={11}
            placeholder={t('booking.contactPhone.placeholder')}
            value={contactPhone}
            onInput={(e) => {
              setContactPhone(e.detail.value);
              clearError('contactPhone');
            }}
          />
        </View>
        {fieldError('contactPhone')}
        <View className="booking-field">
          <Text className="booking-field__label">{t('booking.remark')}</Text>
          <Input
            id="booking-remark"
            className="booking-field__input"
            maxlength={200}
            placeholder={t('booking.remark.placeholder')}
            value={remark}
            onInput={(e) => setRemark(e.detail.value)}
          />
        </View>
        {fieldError('remark')}
      </View>

      <Text className="booking-section-title">{t('booking.price')}</Text>
      <View className="booking-card booking-price" id="booking-price">
        {journey ? (
          <Text className="booking-price__journey">
            {stopName(journey.fromSeq)} → {stopName(journey.toSeq)}
            {mode === 'door' ? ` · ${t('booking.mode.door')}` : ''}
          </Text>
        ) : null}
        {summary && summary.lines.length ? (
          summary.lines.map((l) => (
            <View key={l.ticketType} className="booking-price__row">
              <Text>
                {labelOf(TICKET_TYPE_LABELS, l.ticketType, lang)} × {l.count}
              </Text>
              <Text>{yuan(l.unitFen * l.count)}</Text>
            </View>
          ))
        ) : (
          <Text className="booking-riders__hint">{t(journey ? 'booking.price.needRiders' : mode === 'door' ? 'booking.price.needPoints' : 'booking.price.needStops')}</Text>
        )}
        {journey ? (
          <Text className="booking-price__times">
            {t('booking.price.times', {
              board: timeOf(stops.find((s) => s.seq === journey.fromSeq)?.plannedAt ?? trip.departAt),
              arrive: timeOf(stops.find((s) => s.seq === journey.toSeq)?.plannedAt ?? trip.arriveAt),
            })}
          </Text>
        ) : null}
        <Text className="booking-price__hold">{t('rules.hold', { n: rules.holdMinutes })}</Text>
      </View>
      {fieldError('form')}

      <View className="booking-bar">
        <View className="booking-bar__total">
          <Text className="booking-bar__label">{t('booking.total')}</Text>
          <Text className="booking-bar__amount" id="booking-total">
            {summary ? yuan(summary.totalFen) : '—'}
          </Text>
        </View>
        <Button id="booking-submit" className="booking-bar__submit" loading={busy && !confirming} disabled={busy || undefined} onClick={submit}>
          {t('booking.submit')}
        </Button>
      </View>

      {confirming && journey && summary ? (
        <View className="booking-confirm" id="booking-confirm">
          <View className="booking-confirm__mask" onClick={() => !busy && setConfirming(false)} />
          <View className="booking-confirm__panel">
            <Text className="booking-confirm__title">{t('booking.confirm.title')}</Text>
            <View className="booking-confirm__block">
              <Text className="booking-confirm__label">{t('booking.confirm.journey')}</Text>
              <Text className="booking-confirm__strong">
                {dayLabel(trip.departDate, lang)} {trip.departTime} · {trip.lineName}
              </Text>
              <Text className="booking-confirm__text" id="booking-confirm-journey">
                {stopName(journey.fromSeq)} → {stopName(journey.toSeq)} · {t(mode === 'door' ? 'booking.mode.door' : 'booking.mode.fixed')}
              </Text>
              {mode === 'door'
                ? (['pickup', 'dropoff'] as const).map((kind) => (
                    <Text key={kind} className="booking-confirm__text" id={`booking-confirm-${kind}`}>
                      {t(kind === 'pickup' ? 'booking.point.pickup' : 'booking.point.dropoff')} {pointText(kind, kind === 'pickup' ? pickup : dropoff).main}
                    </Text>
                  ))
                : null}
              <Text className="booking-confirm__text">
                {t('booking.price.times', {
                  board: timeOf(stops.find((s) => s.seq === journey.fromSeq)?.plannedAt ?? trip.departAt),
                  arrive: timeOf(stops.find((s) => s.seq === journey.toSeq)?.plannedAt ?? trip.arriveAt),
                })}
              </Text>
            </View>
            <View className="booking-confirm__block" id="booking-confirm-riders">
              <Text className="booking-confirm__label">{t('booking.confirm.riders')}</Text>
              {chosen.map((c, i) => {
                const r = riders?.find((x) => x.id === c.riderId);
                const unit = summary.lines.find((l) => l.ticketType === c.ticketType)?.unitFen ?? 0;
                return (
                  <View key={c.riderId} className="booking-confirm__row">
                    <Text>
                      {r?.name ?? ''} · {labelOf(TICKET_TYPE_LABELS, c.ticketType, lang)}
                      {seats[i] ? ` · ${t('booking.confirm.seat', { n: seats[i] })}` : ''}
                    </Text>
                    <Text>{yuan(unit)}</Text>
                  </View>
                );
              })}
            </View>
            <View className="booking-confirm__row booking-confirm__row--muted">
              <Text>{t('booking.confirm.contact')}</Text>
              <Text>{contactPhone.trim()}</Text>
            </View>
            <View className="booking-confirm__total">
              <Text>{t('booking.total')}</Text>
              <Text className="booking-confirm__amount" id="booking-confirm-total">
                {yuan(summary.totalFen)}
              </Text>
            </View>
            <Text className="booking-confirm__hold">{t('rules.hold', { n: rules.holdMinutes })}</Text>
            <View className="booking-confirm__actions">
              <Button id="booking-confirm-back" className="booking-confirm__back" disabled={busy || undefined} onClick={() => setConfirming(false)}>
                {t('booking.confirm.back')}
              </Button>
              <Button id="booking-confirm-submit" className="booking-confirm__submit" loading={busy} disabled={busy || undefined} onClick={() => void place()}>
                {t('booking.confirm.submit')}
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
