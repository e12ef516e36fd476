import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { OrderView } from '@dzky/contracts';
import { QrCode } from '../../components/qr-code';
import { toast } from '../../hooks/toast';
import { useCountdown } from '../../hooks/use-countdown';
import { orderApi } from '../../services/order-api';
import { isApiError } from '../../services/request';
import { useSessionGate } from '../../services/session';
import { clock } from '../order/status';
import { dayLabel, dateOf, nameOf, timeOf, yuan } from '../trip/format';
import { payText, usePayText, type PayMessageKey } from './messages';
import { payChannel } from './pay-channel';
import { PAY_ROUTES, POLL_MS, paymentApi } from './payment-api';
import { phaseOf, POLLING_PHASES, type PayPhase } from './pay-state';
import './index.scss';

const STATUS_KEYS: Record<Exclude<PayPhase, 'loading'>, PayMessageKey> = {
  ready: 'pay.status.pending',
  qr: 'pay.status.qr',
  confirming: 'pay.status.confirming',
  paid: 'pay.status.paid',
  expired: 'pay.status.expired',
  cancelled: 'pay.status.cancelled',
  late: 'pay.status.late',
};

const HINT_KEYS: Partial<Record<PayPhase, PayMessageKey>> = {
  confirming: 'pay.hint.confirming',
  paid: 'pay.hint.paid',
  expired: 'pay.hint.expired',
};

/**
 * 订单支付: the order's summary, the amount, the seat-hold countdown, and WeChat Pay the
 * way this environment reaches it (pay-channel.weapp.ts / pay-channel.h5.ts). While a QR code is
 * shown, or after the payer paid or came back from WeChat's cashier (`return=1`), the page asks the
 * bff every 2 s until the payment is paid or closed; the bff is what confirms a payment.
 */
export default function PayPage() {
  const { tx, lang } = usePayText();
  useSessionGate();
  const params = useRouter().params;
  const orderId = Number(params.orderId);
  const returned = params.return === '1';
  const [order, setOrder] = useState<OrderView | null>(null);
  const [phase, setPhase] = useState<PayPhase>(returned ? 'confirming' : 'loading');
  const [codeUrl, setCodeUrl] = useState<string | null>(null);
  const [holdEndsAt, setHoldEndsAt] = useState(0);
  const [busy, setBusy] = useState(false);
  const { remaining, start } = useCountdown();
  const env = payChannel.env();
  useEffect(() => payChannel.prepare(), []);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: payText(lang, 'pay.title') }).catch(() => undefined); // cosmetic only
  }, [lang]);

  useEffect(() => {
    orderApi
      .get(orderId)
      .then((o) => {
        setOrder(o);
        if (o.holdExpiresAt) setHoldEndsAt(Date.parse(o.holdExpiresAt));
        const settled = phaseOf(o.status);
        // back from WeChat's cashier the order may still be unpaid for a moment: keep confirming
        setPhase((p) => settled ?? (p === 'loading' ? 'ready' : p));
      })
      .catch((e) => {
        if (!isApiError(e)) throw e; // shown by the request wrapper
      });
  }, [orderId]);

  useEffect(() => {
    if (holdEndsAt) start(Math.ceil((holdEndsAt - Date.now()) / 1000));
  }, [holdEndsAt, start]);

  useEffect(() => {
    // the hold ran out before the payer started: the seats are gone (a started payment is polled)
    if (phase === 'ready' && holdEndsAt && remaining === 0 && Date.now() >= holdEndsAt) setPhase('expired');
  }, [phase, remaining, holdEndsAt]);

  const polling = POLLING_PHASES.includes(phase);
  useEffect(() => {
    if (!polling) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const view = await paymentApi.status(orderId);
        if (stopped) return;
        const next = phaseOf(view.orderStatus, view.status);
        if (next && next !== 'confirming') {
          setPhase(next);
          return;
        }
      } catch (e) {
        if (!isApiError(e)) throw e; // a lost answer: the next one follows
      }
      if (!stopped) timer = setTimeout(() => void ask(), POLL_MS);
    };
    timer = setTimeout(() => void ask(), phaseRef.current === 'confirming' ? 0 : POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [polling, orderId]);

  const pay = async (preferH5 = false) => {
    if (busy) return;
    setBusy(true);
    let leaving = false;
    try {
      const outcome = await payChannel.pay(orderId, { preferH5 });
      if (outcome.kind === 'qr') {
        setCodeUrl(outcome.start.codeUrl);
        setHoldEndsAt(Date.parse(outcome.start.expiresAt));
        setPhase('qr');
      } else if (outcome.kind === 'paid') {
        setPhase('confirming');
      } else if (outcome.kind === 'cancelled') {
        toast(tx('pay.cancelled'));
      } else {
        leaving = true; // WeChat's page or web authorisation takes over; keep the button off
      }
    } catch (e) {
      if (isApiError(e)) {
        toast(e.errorMessage);
        if (e.errorCode === 'PAYMENT.NOT_PAYABLE') {
          const o = await orderApi.get(orderId).catch(() => null);
          if (o) {
            setOrder(o);
            setPhase(phaseOf(o.status) ?? 'ready');
          }
        }
      } else {
        toast(tx('pay.failed'));
      }
    } finally {
      if (!leaving) setBusy(false);
    }
  };

  const toOrder = () => void Taro.redirectTo({ url: `${PAY_ROUTES.orderDetail}?id=${orderId}` });

  if (!order) {
    return (
      <View className="pay-page" id="pay-page">
        <Text className="pay-page__loading">
          {tx(phase === 'confirming' ? 'pay.status.confirming' : 'pay.starting')}
        </Text>
      </View>
    );
  }

  const open = phase === 'ready' || phase === 'qr' || phase === 'confirming';
  const hint = HINT_KEYS[phase];
  const riders = order.tickets.length;

  return (
    <View className="pay-page" id="pay-page">
      <View className={`pay-head pay-head--${phase}`}>
        <Text className="pay-head__label">{tx('pay.amount')}</Text>
        <Text className="pay-head__amount" id="pay-amount" data-testid="pay-amount">
          {yuan(order.totalFen)}
        </Text>
        {open && holdEndsAt && remaining > 0 ? (
          <Text className="pay-head__countdown" id="pay-countdown" data-testid="pay-countdown">
            {tx('pay.countdown', { time: clock(remaining) })}
          </Text>
        ) : null}
      </View>

      <View className="pay-card" id="pay-summary">
        <Text className="pay-summary__day">
          {dayLabel(dateOf(order.departAt), lang)} {timeOf(order.departAt)}
        </Text>
        <Text className="pay-summary__route">
          {nameOf(order.from.stopName, lang)} → {nameOf(order.to.stopName, lang)}
        </Text>
        <Text className="pay-summary__meta">
          {order.lineName} · {tx('pay.riders', { n: riders })} · {order.orderNo}
        </Text>
      </View>

      <View className={`pay-card pay-status pay-status--${phase}`}>
        <Text className="pay-status__label" id="pay-status" data-testid="pay-status">
          {phase === 'loading' ? '' : tx(STATUS_KEYS[phase])}
        </Text>
        {hint ? <Text className="pay-status__hint">{tx(hint)}</Text> : null}
        {phase === 'ready' ? <Text className="pay-status__hint">{tx(`pay.env.${env}`)}</Text> : null}

        {phase === 'qr' && codeUrl ? (
          <View className="pay-qr">
            <View className="pay-qr__code" id="pay-qr" data-testid="pay-qr">
              <QrCode value={codeUrl} label={tx('pay.qr.label')} />
            </View>
            <Text className="pay-qr__hint">{tx('pay.qr.hint')}</Text>
            <Text className="pay-qr__switch" id="pay-switch-h5" onClick={() => void pay(true)}>
              {tx('pay.qr.switchH5')}
            </Text>
          </View>
        ) : null}
      </View>

      <View className="pay-bar">
        {phase === 'ready' ? (
          <Button
            id="pay-submit"
            data-testid="pay-submit"
            className="pay-bar__primary"
            disabled={busy || undefined}
            onClick={() => void pay()}
          >
            {busy ? tx('pay.starting') : tx('pay.submit', { amount: yuan(order.totalFen) })}
          </Button>
        ) : null}
        {phase === 'paid' ? (
          <Button id="pay-view-tickets" className="pay-bar__primary" onClick={toOrder}>
            {tx('pay.viewTickets')}
          </Button>
        ) : null}
        {phase === 'expired' || phase === 'cancelled' || phase === 'late' ? (
          <Button id="pay-back" className="pay-bar__secondary" onClick={toOrder}>
            {tx('pay.backToOrder')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
