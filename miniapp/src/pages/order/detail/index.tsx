import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { TICKET_STATUS_LABELS, TICKET_TYPE_LABELS, type OrderPlace, type OrderView } from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { useCountdown } from '../../../hooks/use-countdown';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n, type MessageKey } from '../../../i18n';
import { orderApi } from '../../../services/order-api';
import { isApiError } from '../../../services/request';
import { useSessionGate } from '../../../services/session';
import { idTypeLabel } from '../../mine/id-type-label';
import { dateTimeOf, dayLabel, dateOf, labelOf, nameOf, timeOf, yuan } from '../../trip/format';
import { clock, orderStatusLabel } from '../status';
import './index.scss';

/** after the hold ran out, read again until the bff reports the expiry (its clock may lag ours) */
const EXPIRY_RETRY_MS = 3000;
const EXPIRY_RETRIES = 20;

const STATUS_HINTS: Partial<Record<OrderView['status'], MessageKey>> = {
  pending_payment: 'order.hint.pending',
  expired: 'order.hint.expired',
  cancelled: 'order.hint.cancelled',
  paid: 'order.hint.paid',
};

/**
 * 订单详情: the status, the seat-hold countdown (at zero the order is read
 * again and the bff expires it), trip and places, tickets with masked IDs, the total, and for an
 * unpaid order 取消订单 — payment comes with the payments issue, so 去支付 is shown but disabled.
 */
export default function OrderDetailPage() {
  const { t, lang } = useI18n();
  useSessionGate();
  usePageTitle('order.detail.title');
  const id = Number(useRouter().params.id);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [busy, setBusy] = useState(false);
  const { remaining, start } = useCountdown();
  const expiryReads = useRef(0);

  const load = useCallback(() => {
    orderApi
      .get(id)
      .then(setOrder)
      .catch((e) => {
        if (!isApiError(e)) throw e; // shown by the request wrapper
      });
  }, [id]);
  useDidShow(load);

  const pending = order?.status === 'pending_payment' && Boolean(order.holdExpiresAt);
  const holdEndsAt = pending ? Date.parse(order!.holdExpiresAt!) : 0;

  useEffect(() => {
    if (holdEndsAt) start(Math.ceil((holdEndsAt - Date.now()) / 1000));
  }, [holdEndsAt, start]);

  useEffect(() => {
    // the countdown reached zero (not merely "not started yet"): the seats are released now
    if (!pending || remaining > 0 || Date.now() < holdEndsAt) return undefined;
    if (expiryReads.current >= EXPIRY_RETRIES) return undefined;
    const timer = setTimeout(load, expiryReads.current === 0 ? 0 : EXPIRY_RETRY_MS);
    expiryReads.current += 1;
    return () => clearTimeout(timer);
  }, [pending, remaining, holdEndsAt, order, load]);

  const cancel = async () => {
    if (!order || busy) return;
    const { confirm } = await Taro.showModal({
      title: t('order.cancel'),
      content: t('order.cancel.confirm'),
      confirmText: t('order.cancel.ok'),
      confirmColor: '#f54a45',
      cancelText: t('order.cancel.keep'),
    });
    if (!confirm) return;
    setBusy(true);
    try {
      setOrder(await orderApi.cancel(order.id));
      toast(t('order.cancel.done'), 'success');
    } catch (e) {
      if (!isApiError(e)) throw e;
      load(); // e.g. it expired meanwhile: show what it is now
    } finally {
      setBusy(false);
    }
  };

  if (!order) {
    return (
      <View className="order-detail-page" id="order-detail-page">
        <Text className="order-detail-page__loading">{t('common.loading')}</Text>
      </View>
    );
  }

  const hint = STATUS_HINTS[order.status];
  const place = (label: MessageKey, p: OrderPlace, side: 'from' | 'to') => (
    <View className="order-place" id={`order-${side}`}>
      <Text className="order-place__time">{timeOf(p.plannedAt)}</Text>
      <View className="order-place__body">
        <Text className="order-place__label">{t(label)}</Text>
        <Text className="order-place__name">{nameOf(p.stopName, lang)}</Text>
        {p.zoneName ? <Text className="order-place__point">{p.zoneName}</Text> : null}
        {p.point ? (
          <Text className="order-place__point">{p.point.address || `${p.point.lng.toFixed(5)}, ${p.point.lat.toFixed(5)}`}</Text>
        ) : null}
      </View>
    </View>
  );

  return (
    <View className="order-detail-page" id="order-detail-page">
      <View className={`order-status order-status--${order.status}`}>
        <Text className="order-status__label" id="order-status">
          {orderStatusLabel(order.status, lang)}
        </Text>
        {pending && remaining > 0 ? (
          <Text className="order-status__countdown" id="order-countdown">
            {t('order.countdown', { time: clock(remaining) })}
          </Text>
        ) : null}
        {hint ? <Text className="order-status__hint">{t(hint)}</Text> : null}
        {order.cancelReason ? <Text className="order-status__hint">{order.cancelReason}</Text> : null}
      </View>

      <View className="order-card" id="order-trip">
        <Text className="order-trip__day">
          {dayLabel(dateOf(order.departAt), lang)} {timeOf(order.departAt)}
        </Text>
        <Text className="order-trip__line">
          {order.lineName} · {order.routeName}
        </Text>
        <Text className="order-trip__org">
          {order.orgName} · {t(order.mode === 'door' ? 'booking.mode.door' : 'booking.mode.fixed')}
        </Text>
        <View className="order-places">
          {place(order.mode === 'door' ? 'order.pickup.door' : 'order.pickup', order.from, 'from')}
          {place(order.mode === 'door' ? 'order.dropoff.door' : 'order.dropoff', order.to, 'to')}
        </View>
      </View>

      <Text className="order-section-title">{t('order.tickets')}</Text>
      <View className="order-card" id="order-tickets">
        {order.tickets.map((tk) => (
          <View key={tk.id} className="order-ticket" id={`order-ticket-${tk.id}`}>
            <View className="order-ticket__main">
              <Text className="order-ticket__name">{tk.riderName}</Text>
              <Text className="order-ticket__id">
                {idTypeLabel(tk.idType, lang)} {tk.idNumberMasked}
              </Text>
              <Text className="order-ticket__meta">
                {labelOf(TICKET_TYPE_LABELS, tk.ticketType, lang)}
                {tk.seatNo ? ` · ${t('order.seat', { n: tk.seatNo })}` : ''} · {labelOf(TICKET_STATUS_LABELS, tk.status, lang)}
              </Text>
            </View>
            <Text className="order-ticket__price">{yuan(tk.priceFen)}</Text>
          </View>
        ))}
        <View className="order-total">
          <Text>{t('order.total')}</Text>
          <Text className="order-total__amount" id="order-total">
            {yuan(order.totalFen)}
          </Text>
        </View>
      </View>

      <View className="order-card order-facts">
        <View className="order-fact">
          <Text className="order-fact__label">{t('order.no')}</Text>
          <Text id="order-no">{order.orderNo}</Text>
        </View>
        <View className="order-fact">
          <Text className="order-fact__label">{t('order.contact')}</Text>
          <Text>{order.contactPhoneMasked}</Text>
        </View>
        {order.remark ? (
          <View className="order-fact">
            <Text className="order-fact__label">{t('booking.remark')}</Text>
            <Text>{order.remark}</Text>
          </View>
        ) : null}
        <View className="order-fact">
          <Text className="order-fact__label">{t('order.createdAt')}</Text>
          <Text>{dateTimeOf(order.createdAt)}</Text>
        </View>
      </View>

      {order.status === 'pending_payment' ? (
        <View className="order-bar">
          <Button id="order-cancel" className="order-bar__cancel" disabled={busy || undefined} onClick={() => void cancel()}>
            {t('order.cancel')}
          </Button>
          <View className="order-bar__pay-box">
            <Button id="order-pay" className="order-bar__pay" disabled>
              {t('order.pay')}
            </Button>
            <Text className="order-bar__soon" id="order-pay-soon">
              {t('order.pay.soon')}
            </Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
