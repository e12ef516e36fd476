import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  REFUND_STATUS_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_TYPE_LABELS,
  type OrderPlace,
  type OrderView,
  type RideVoucherView,
} from '@dzky/contracts';
import { QrCode } from '../../../components/qr-code';
import { toast } from '../../../hooks/toast';
import { useCountdown } from '../../../hooks/use-countdown';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n, type MessageKey } from '../../../i18n';
import { orderApi } from '../../../services/order-api';
import { isApiError } from '../../../services/request';
import { useSessionGate } from '../../../services/session';
import { idTypeLabel } from '../../mine/id-type-label';
import { dateTimeOf, dayLabel, dateOf, labelOf, nameOf, timeOf, yuan } from '../../trip/format';
import { usePayText } from '../../pay/messages';
import { PAY_ROUTES, paymentApi } from '../../pay/payment-api';
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

/** Order states after which the trip has run or is running: the passenger may rate it. */
const RATEABLE = new Set<OrderView['status']>(['paid', 'partially_refunded', 'completed']);

const hasRideCode = (tickets: OrderView['tickets']) => tickets.some((tk) => tk.status === 'issued' || tk.status === 'checked');

/**
 * 订单详情: the status, the seat-hold countdown (at zero the
 * order is read again and the bff expires it), trip and places, tickets with masked IDs, the total;
 * for an unpaid order 取消订单 and 去支付; once tickets are issued their 乘车码 (a QR of the signed
 * ride code and the 6-digit 检票码 per rider); what was paid and refunded; and the next steps the
 * bff allows (money.canRefund/canRebook/canInvoice), rating after departure and 投诉 always.
 */
export default function OrderDetailPage() {
  const { t, lang } = useI18n();
  const { tx } = usePayText();
  useSessionGate();
  usePageTitle('order.detail.title');
  const id = Number(useRouter().params.id);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [busy, setBusy] = useState(false);
  const [vouchers, setVouchers] = useState<RideVoucherView[]>([]);
  const { remaining, start } = useCountdown();
  const expiryReads = useRef(0);

  const load = useCallback(() => {
    orderApi
      .get(id)
      .then((o) => {
        setOrder(o);
        if (!hasRideCode(o.tickets)) {
          setVouchers([]);
          return undefined;
        }
        return paymentApi.vouchers(id).then((v) => setVouchers(v.vouchers));
      })
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
  const money = order.money;
  const go = (path: string) => void Taro.navigateTo({ url: `${path}?orderId=${order.id}` });
  const departed = Date.now() >= Date.parse(order.departAt);
  const coded = vouchers.filter((v) => v.rideCode);
  const uncoded = vouchers.filter((v) => !v.rideCode);
  const actions: Array<{ key: string; label: string; path: string; show: boolean }> = [
    { key: 'refund', label: tx('action.refund'), path: PAY_ROUTES.refund, show: Boolean(money?.canRefund) },
    { key: 'rebook', label: tx('action.rebook'), path: PAY_ROUTES.rebook, show: Boolean(money?.canRebook) },
    { key: 'invoice', label: tx('action.invoice'), path: PAY_ROUTES.invoiceRequest, show: Boolean(money?.canInvoice) },
    { key: 'invoices', label: tx('action.invoices'), path: PAY_ROUTES.invoiceList, show: (money?.paidFen ?? 0) > 0 },
    { key: 'rate', label: tx('action.rate'), path: PAY_ROUTES.rate, show: order.status === 'completed' || (departed && RATEABLE.has(order.status)) },
    { key: 'complaint', label: tx('action.complaint'), path: PAY_ROUTES.complaint, show: true },
  ];
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

      {coded.length || uncoded.length ? (
        <>
          <Text className="order-section-title">{tx('ride.title')}</Text>
          <Text className="order-section-hint">{tx('ride.hint')}</Text>
          <View className="ride-codes" id="order-ride-codes">
            {coded.map((v) => (
              <View key={v.ticketId} className="order-card ride-code" id={`ride-code-${v.ticketId}`}>
                <View className="ride-code__head">
                  <Text className="ride-code__name">{v.riderName}</Text>
                  <Text className="ride-code__seat">{v.seatNo ? tx('ride.seat', { n: v.seatNo }) : tx('ride.noSeat')}</Text>
                </View>
                <View className="ride-code__qr">
                  <QrCode value={v.rideCode!} label={tx('ride.label', { name: v.riderName })} />
                </View>
                <View className="ride-code__check">
                  <Text className="ride-code__check-label">{tx('ride.checkCode')}</Text>
                  <Text className="ride-code__check-code" id={`ride-check-${v.ticketId}`}>
                    {v.checkCode}
                  </Text>
                </View>
                <Text className="ride-code__meta">
                  {tx('ride.ticketNo')} {v.ticketNo} · {labelOf(TICKET_STATUS_LABELS, v.status, lang)}
                </Text>
              </View>
            ))}
            {uncoded.map((v) => (
              <Text key={v.ticketId} className="ride-code__none" id={`ride-none-${v.ticketId}`}>
                {v.riderName} · {tx('ride.unavailable', { status: labelOf(TICKET_STATUS_LABELS, v.status, lang) })}
              </Text>
            ))}
          </View>
        </>
      ) : null}

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

      {money && (money.paidFen > 0 || money.refunds.length || money.rebookedFrom || money.rebookedTo) ? (
        <>
          <Text className="order-section-title">{tx('money.title')}</Text>
          <View className="order-card order-money" id="order-money">
            <View className="order-fact">
              <Text className="order-fact__label">{tx('money.paid')}</Text>
              <Text id="order-paid">{yuan(money.paidFen)}</Text>
            </View>
            {money.paidAt ? (
              <View className="order-fact">
                <Text className="order-fact__label">{tx('money.paidAt')}</Text>
                <Text>{dateTimeOf(money.paidAt)}</Text>
              </View>
            ) : null}
            {money.refundedFen > 0 || money.refunds.length ? (
              <View className="order-fact">
                <Text className="order-fact__label">{tx('money.refunded')}</Text>
                <Text id="order-refunded">{yuan(money.refundedFen)}</Text>
              </View>
            ) : null}
            {money.refunds.map((r) => (
              <View key={r.id} className={`order-refund order-refund--${r.status}`} id={`order-refund-${r.id}`}>
                <Text className="order-refund__amount">
                  {tx('money.refund', { amount: yuan(r.amountFen) })}
                  {r.feeFen > 0 ? ` · ${tx('money.refundFee', { amount: yuan(r.feeFen) })}` : ''}
                </Text>
                <Text className="order-refund__status">{labelOf(REFUND_STATUS_LABELS, r.status, lang)}</Text>
              </View>
            ))}
            {money.rebookedFrom ? (
              <Text
                className="order-money__link"
                id="order-rebooked-from"
                onClick={() => void Taro.navigateTo({ url: `${PAY_ROUTES.orderDetail}?id=${money.rebookedFrom!.id}` })}
              >
                {tx('money.rebookedFrom', { no: money.rebookedFrom.orderNo })}
              </Text>
            ) : null}
            {money.rebookedTo ? (
              <Text
                className="order-money__link"
                id="order-rebooked-to"
                onClick={() => void Taro.navigateTo({ url: `${PAY_ROUTES.orderDetail}?id=${money.rebookedTo!.id}` })}
              >
                {tx('money.rebookedTo', { no: money.rebookedTo.orderNo })}
              </Text>
            ) : null}
          </View>
        </>
      ) : null}

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

      <View className="order-actions" id="order-actions">
        {actions
          .filter((a) => a.show)
          .map((a) => (
            <Button key={a.key} id={`order-action-${a.key}`} className={`order-actions__btn order-actions__btn--${a.key}`} onClick={() => go(a.path)}>
              {a.label}
            </Button>
          ))}
      </View>

      {order.status === 'pending_payment' ? (
        <View className="order-bar">
          <Button id="order-cancel" className="order-bar__cancel" disabled={busy || undefined} onClick={() => void cancel()}>
            {t('order.cancel')}
          </Button>
          <Button id="order-pay" className="order-bar__pay" onClick={() => go(PAY_ROUTES.pay)}>
            {t('order.pay')}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
