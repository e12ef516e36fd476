import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  REFUNDABLE_TICKET_STATUSES,
  REFUND_STATUS_LABELS,
  TICKET_TYPE_LABELS,
  type OrderView,
  type RefundQuote,
  type RefundStatus,
  type RefundView,
} from '@dzky/contracts';
import { toast } from '../../hooks/toast';
import { orderApi } from '../../services/order-api';
import { isApiError } from '../../services/request';
import { useSubscribe } from '../../services/subscribe';
import { useSessionGate } from '../../services/session';
import { dayLabel, dateOf, labelOf, nameOf, timeOf, yuan } from '../trip/format';
import { payText, usePayText, type PayMessageKey } from '../pay/messages';
import { newClientKey, PAY_ROUTES, paymentApi } from '../pay/payment-api';
import './index.scss';

/** How the passenger reads a refund's state: money on the way, back, or stuck and needing people. */
const STATUS_VIEW: Partial<
  Record<RefundStatus, { label: PayMessageKey; hint: PayMessageKey; tone: string }>
> = {
  requested: { label: 'refund.status.processing', hint: 'refund.hint.processing', tone: 'processing' },
  processing: { label: 'refund.status.processing', hint: 'refund.hint.processing', tone: 'processing' },
  succeeded: { label: 'refund.status.succeeded', hint: 'refund.hint.succeeded', tone: 'succeeded' },
  abnormal: { label: 'refund.status.abnormal', hint: 'refund.hint.abnormal', tone: 'abnormal' },
};

const refundable = (o: OrderView) => o.tickets.filter((tk) => REFUNDABLE_TICKET_STATUSES.includes(tk.status));

/**
 * 退票: choose the riders whose tickets go back (all refundable ones to start with), see
 * what comes back — the fee tier by time to departure, the fee per ticket and the total, quoted by
 * the bff on every change — confirm, and follow the refund. One clientKey per visit: a retry after
 * a lost answer finds the refund already made.
 */
export default function RefundPage() {
  const { tx, lang } = usePayText();
  useSessionGate();
  const orderId = Number(useRouter().params.orderId);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [quote, setQuote] = useState<RefundQuote | null>(null);
  const [refund, setRefund] = useState<RefundView | null>(null);
  const [busy, setBusy] = useState(false);
  const clientKey = useRef('');
  if (!clientKey.current) clientKey.current = newClientKey('rf');
  const quoteSeq = useRef(0);
  const subscribe = useSubscribe();

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: payText(lang, 'refund.title') }).catch(() => undefined); // cosmetic only
  }, [lang]);

  useEffect(() => {
    orderApi
      .get(orderId)
      .then((o) => {
        setOrder(o);
        setChosen(refundable(o).map((tk) => tk.id));
      })
      .catch((e) => {
        if (!isApiError(e)) throw e; // shown by the request wrapper
      });
  }, [orderId]);

  useEffect(() => {
    if (!order || refund) return;
    const seq = ++quoteSeq.current;
    if (!chosen.length) {
      setQuote(null);
      return;
    }
    paymentApi
      .refundQuote(orderId, chosen)
      .then((q) => {
        // a quick change of the choice may answer out of order: keep only the latest
        if (seq === quoteSeq.current) setQuote(q);
      })
      .catch((e) => {
        if (!isApiError(e)) throw e;
      });
  }, [order, chosen, orderId, refund]);

  const toggle = (ticketId: number) => {
    setQuote(null);
    setChosen((c) =>
      c.includes(ticketId) ? c.filter((x) => x !== ticketId) : [...c, ticketId].sort((a, b) => a - b),
    );
  };

  const submit = async () => {
    if (busy || !quote) return;
    if (!chosen.length) {
      toast(tx('refund.pickOne'));
      return;
    }
    const { confirm } = await Taro.showModal({
      title: tx('refund.confirm.title'),
      content: tx('refund.confirm.content', {
        n: chosen.length,
        fee: yuan(quote.totalFeeFen),
        total: yuan(quote.totalRefundFen),
      }),
      confirmText: tx('refund.confirm.ok'),
      confirmColor: '#f54a45',
      cancelText: tx('refund.confirm.keep'),
    });
    if (!confirm) return;
    setBusy(true);
    try {
      // the refund's outcome by subscribe message (weapp; the dialog's confirm tap allows the ask); never rejects
      await subscribe.beforeRefund();
      setRefund(await paymentApi.refund(orderId, { clientKey: clientKey.current, ticketIds: chosen }));
    } catch (e) {
      if (!isApiError(e)) throw e; // shown by the request wrapper; a retry sends the same key
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    Taro.navigateBack().catch(() => Taro.redirectTo({ url: `${PAY_ROUTES.orderDetail}?id=${orderId}` }));
  };

  if (!order) {
    return (
      <View className="refund-page" id="refund-page">
        <Text className="refund-page__loading">…</Text>
      </View>
    );
  }

  if (refund) {
    const view = STATUS_VIEW[refund.status];
    return (
      <View className="refund-page" id="refund-page">
        <View className={`refund-card refund-result refund-result--${view?.tone ?? refund.status}`}>
          <Text className="refund-result__status" id="refund-status" data-testid="refund-status">
            {view ? tx(view.label) : labelOf(REFUND_STATUS_LABELS, refund.status, lang)}
          </Text>
          <Text className="refund-result__amount">
            {tx('refund.amount')} {yuan(refund.amountFen)}
          </Text>
          {refund.feeFen > 0 ? (
            <Text className="refund-result__hint">{`${tx('refund.fee')} ${yuan(refund.feeFen)}`}</Text>
          ) : null}
          {view ? <Text className="refund-result__hint">{tx(view.hint)}</Text> : null}
        </View>
        <View className="refund-bar">
          <Button id="refund-back" className="refund-bar__secondary" onClick={back}>
            {tx('refund.back')}
          </Button>
        </View>
      </View>
    );
  }

  const tickets = refundable(order);
  const quoted = new Map((quote?.tickets ?? []).map((q) => [q.ticketId, q]));

  return (
    <View className="refund-page" id="refund-page">
      <View className="refund-card refund-trip">
        <Text className="refund-trip__day">
          {dayLabel(dateOf(order.departAt), lang)} {timeOf(order.departAt)}
        </Text>
        <Text className="refund-trip__route">
          {nameOf(order.from.stopName, lang)} → {nameOf(order.to.stopName, lang)}
        </Text>
      </View>

      <Text className="refund-section-title">{tx('refund.choose')}</Text>
      <View className="refund-card" id="refund-tickets">
        {tickets.length === 0 ? <Text className="refund-empty">{tx('refund.none')}</Text> : null}
        {tickets.map((tk) => {
          const on = chosen.includes(tk.id);
          const q = quoted.get(tk.id);
          return (
            <View
              key={tk.id}
              id={`refund-ticket-${tk.id}`}
              className={`refund-ticket${on ? ' refund-ticket--on' : ''}`}
              role="checkbox"
              aria-checked={on}
              onClick={() => toggle(tk.id)}
            >
              <View className="refund-ticket__box" />
              <View className="refund-ticket__main">
                <Text className="refund-ticket__name">{tk.riderName}</Text>
                <Text className="refund-ticket__meta">
                  {labelOf(TICKET_TYPE_LABELS, tk.ticketType, lang)} · {tk.ticketNo}
                </Text>
              </View>
              <View className="refund-ticket__money">
                <Text className="refund-ticket__price">{yuan(q?.paidFen ?? tk.priceFen)}</Text>
                {on && q ? (
                  <Text className="refund-ticket__fee">{`${tx('refund.fee')} ${yuan(q.feeFen)}`}</Text>
                ) : null}
              </View>
            </View>
          );
        })}
      </View>

      {quote ? (
        <View className="refund-card refund-quote" id="refund-quote">
          {quote.allowed ? (
            <Text className="refund-quote__tier" id="refund-tier">
              {tx('refund.feeTier', { minutes: quote.minutesBeforeDeparture, percent: quote.feePercent })}
            </Text>
          ) : (
            <Text className="refund-quote__refused" id="refund-refused">
              {quote.reason}
            </Text>
          )}
          <View className="refund-quote__row">
            <Text>{tx('refund.paid')}</Text>
            <Text>{yuan(quote.totalPaidFen)}</Text>
          </View>
          <View className="refund-quote__row">
            <Text>{tx('refund.fee')}</Text>
            <Text id="refund-fee" data-testid="refund-fee">
              {yuan(quote.totalFeeFen)}
            </Text>
          </View>
          <View className="refund-quote__row refund-quote__row--total">
            <Text>{tx('refund.total')}</Text>
            <Text className="refund-quote__total" id="refund-total" data-testid="refund-total">
              {yuan(quote.totalRefundFen)}
            </Text>
          </View>
        </View>
      ) : null}

      <View className="refund-bar">
        <Button
          id="refund-submit"
          data-testid="refund-submit"
          className="refund-bar__primary"
          disabled={busy || !quote || !quote.allowed || !chosen.length || undefined}
          onClick={() => void submit()}
        >
          {tx('refund.submit')}
        </Button>
      </View>
    </View>
  );
}
