import { useEffect, useRef, useState } from 'react';
import { Button, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { OrderView, RebookOptions, RebookResult } from '@dzky/contracts';
import { toast } from '../../hooks/toast';
import { orderApi } from '../../services/order-api';
import { isApiError } from '../../services/request';
import { useSessionGate } from '../../services/session';
import { addDays, dayLabel, dateOf, nameOf, timeOf, yuan } from '../trip/format';
import { payText, usePayText } from '../pay/messages';
import { newClientKey, PAY_ROUTES, paymentApi } from '../pay/payment-api';
import { differenceText } from './difference';
import './index.scss';

/** How many days, from today, the date strip offers. */
const DAYS = 7;

/**
 * 改签: pick a day and another departure of the same route and journey, see the seats
 * left and the price difference, confirm. A difference to pay makes a new order that awaits it, so
 * the pay page of that order opens; otherwise the switch is done (any difference goes back) and the
 * new order is shown. One clientKey per visit, as with refunds.
 */
export default function RebookPage() {
  const { tx, lang } = usePayText();
  useSessionGate();
  const orderId = Number(useRouter().params.orderId);
  const today = dateOf(new Date().toISOString());
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today, i));
  const [order, setOrder] = useState<OrderView | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [options, setOptions] = useState<RebookOptions | null>(null);
  const [tripId, setTripId] = useState<number | null>(null);
  const [done, setDone] = useState<RebookResult | null>(null);
  const [busy, setBusy] = useState(false);
  const clientKey = useRef('');
  if (!clientKey.current) clientKey.current = newClientKey('rb');

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: payText(lang, 'rebook.title') }).catch(() => undefined); // cosmetic only
  }, [lang]);

  useEffect(() => {
    orderApi
      .get(orderId)
      .then((o) => {
        setOrder(o);
        const departDay = dateOf(o.departAt);
        setDate(departDay >= today && departDay <= addDays(today, DAYS - 1) ? departDay : today);
      })
      .catch((e) => {
        if (!isApiError(e)) throw e; // shown by the request wrapper
      });
  }, [orderId, today]);

  useEffect(() => {
    if (!date) return undefined;
    let current = true;
    setOptions(null);
    setTripId(null);
    paymentApi
      .rebookOptions(orderId, date)
      .then((o) => {
        if (current) setOptions(o);
      })
      .catch((e) => {
        if (!isApiError(e)) throw e;
      });
    return () => {
      current = false;
    };
  }, [orderId, date]);

  const chosen = options?.options.find((o) => o.tripId === tripId) ?? null;

  const submit = async () => {
    if (busy) return;
    if (!chosen) {
      toast(tx('rebook.pick'));
      return;
    }
    const { confirm } = await Taro.showModal({
      title: tx('rebook.title'),
      content: tx('rebook.confirm.content', {
        time: `${dayLabel(dateOf(chosen.departAt), lang)} ${timeOf(chosen.departAt)}`,
        difference: differenceText(chosen.differenceFen, lang),
      }),
      confirmText: tx('rebook.submit'),
      cancelText: tx('refund.confirm.keep'),
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const result = await paymentApi.rebook(orderId, {
        clientKey: clientKey.current,
        tripId: chosen.tripId,
      });
      if (result.differenceFen > 0) {
        // the new order holds the seats and waits for the difference; the old tickets stay valid meanwhile
        await Taro.redirectTo({ url: `${PAY_ROUTES.pay}?orderId=${result.order.id}` });
        return;
      }
      setDone(result);
    } catch (e) {
      if (!isApiError(e)) throw e; // shown by the request wrapper; a retry sends the same key
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <View className="rebook-page" id="rebook-page">
        <View className="rebook-card rebook-done">
          <Text className="rebook-done__status" id="rebook-status">
            {tx('rebook.done')}
          </Text>
          <Text className="rebook-done__trip">
            {dayLabel(dateOf(done.order.departAt), lang)} {timeOf(done.order.departAt)} · {done.order.orderNo}
          </Text>
          {done.refund ? (
            <Text className="rebook-done__hint">
              {tx('rebook.done.refund', { amount: yuan(done.refund.amountFen) })}
            </Text>
          ) : null}
        </View>
        <View className="rebook-bar">
          <Button
            id="rebook-view-order"
            className="rebook-bar__primary"
            onClick={() => void Taro.redirectTo({ url: `${PAY_ROUTES.orderDetail}?id=${done.order.id}` })}
          >
            {tx('rebook.viewOrder')}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="rebook-page" id="rebook-page">
      {order ? (
        <View className="rebook-card rebook-current">
          <Text className="rebook-current__day">
            {dayLabel(dateOf(order.departAt), lang)} {timeOf(order.departAt)}
          </Text>
          <Text className="rebook-current__route">
            {nameOf(order.from.stopName, lang)} → {nameOf(order.to.stopName, lang)} · {order.tickets.length}
          </Text>
        </View>
      ) : null}

      <Text className="rebook-section-title">{tx('rebook.date')}</Text>
      <ScrollView scrollX className="rebook-days" id="rebook-days">
        {days.map((d) => (
          <View
            key={d}
            id={`rebook-date-${d}`}
            className={`rebook-day${d === date ? ' rebook-day--on' : ''}`}
            onClick={() => setDate(d)}
          >
            <Text className="rebook-day__label">{dayLabel(d, lang)}</Text>
          </View>
        ))}
      </ScrollView>

      <View className="rebook-list" id="rebook-options">
        {options && !options.allowed ? (
          <Text className="rebook-refused" id="rebook-refused">
            {options.reason}
          </Text>
        ) : null}
        {options?.allowed ? (
          <Text className="rebook-left">{tx('rebook.timesLeft', { n: options.rebooksLeft })}</Text>
        ) : null}
        {options?.allowed && options.options.length === 0 ? (
          <Text className="rebook-empty">{tx('rebook.empty')}</Text>
        ) : null}
        {options?.allowed
          ? options.options.map((o) => {
              const soldOut = o.seatsLeft <= 0;
              const on = o.tripId === tripId;
              return (
                <View
                  key={o.tripId}
                  id={`rebook-option-${o.tripId}`}
                  className={`rebook-card rebook-option${on ? ' rebook-option--on' : ''}${soldOut ? ' rebook-option--off' : ''}`}
                  role="radio"
                  aria-checked={on}
                  onClick={() => (soldOut ? undefined : setTripId(o.tripId))}
                >
                  <View className="rebook-option__main">
                    <Text className="rebook-option__time">{timeOf(o.departAt)}</Text>
                    <Text className="rebook-option__seats">
                      {soldOut ? tx('rebook.soldOut') : tx('rebook.left', { n: o.seatsLeft })}
                    </Text>
                  </View>
                  <View className="rebook-option__money">
                    <Text
                      className={`rebook-option__diff rebook-option__diff--${o.differenceFen > 0 ? 'more' : o.differenceFen < 0 ? 'less' : 'same'}`}
                    >
                      {differenceText(o.differenceFen, lang)}
                    </Text>
                    {o.feeFen > 0 ? (
                      <Text className="rebook-option__fee">
                        {tx('rebook.fee', { amount: yuan(o.feeFen) })}
                      </Text>
                    ) : null}
                  </View>
                </View>
              );
            })
          : null}
      </View>

      <View className="rebook-bar">
        <Button
          id="rebook-submit"
          className="rebook-bar__primary"
          disabled={busy || !chosen || undefined}
          onClick={() => void submit()}
        >
          {chosen
            ? `${tx('rebook.submit')} · ${differenceText(chosen.differenceFen, lang)}`
            : tx('rebook.submit')}
        </Button>
      </View>
    </View>
  );
}
