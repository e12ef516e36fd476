import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { OrderListItem, OrderStatus } from '@dzky/contracts';
import { EmptyState } from '../../../components/empty-state';
import { useCountdown } from '../../../hooks/use-countdown';
import { useI18n, type MessageKey } from '../../../i18n';
import { platform } from '../../../platform';
import { ROUTES } from '../../../routes';
import { orderApi } from '../../../services/order-api';
import { isApiError } from '../../../services/request';
import { checkSession } from '../../../services/session';
import { tokenStore } from '../../../services/token-store';
import { dateTimeOf, yuan } from '../../trip/format';
import { clock, orderStatusLabel } from '../status';
import './index.scss';

type Tab = 'all' | Extract<OrderStatus, 'pending_payment' | 'paid' | 'cancelled'>;
const TABS: { key: Tab; label: MessageKey }[] = [
  { key: 'all', label: 'orders.tab.all' },
  { key: 'pending_payment', label: 'orders.tab.pending' },
  { key: 'paid', label: 'orders.tab.paid' },
  { key: 'cancelled', label: 'orders.tab.cancelled' },
];
const PAGE_SIZE = 20;

/** after a hold ran out, read the list this much later: the bff's sweep may be a moment behind */
const HOLD_END_RELOAD_MS = 1500;

/**
 * 剩余 mm:ss 支付 on an unpaid order. When it runs out while shown, the list is read again: the
 * bff expires due holds when it lists, so the order then shows 已超时. A hold already over when
 * the list came (a device clock ahead of the bff's) shows no countdown and asks nothing.
 */
function HoldLeft({ orderId, until, onEnd }: { orderId: number; until: string; onEnd: () => void }) {
  const { t } = useI18n();
  const { remaining, start } = useCountdown();
  const endsAt = Date.parse(until);
  const counted = useRef(false);
  useEffect(() => {
    start(Math.ceil((endsAt - Date.now()) / 1000));
  }, [endsAt, start]);
  useEffect(() => {
    if (remaining > 0) counted.current = true;
    else if (counted.current) {
      counted.current = false;
      onEnd();
    }
  }, [remaining, onEnd]);
  if (remaining <= 0) return null;
  return (
    <Text className="order-item__hold" id={`order-hold-${orderId}`}>
      {t('orders.hold', { time: clock(remaining) })}
    </Text>
  );
}

/**
 * 订单 (tab): the passenger's own orders by status, newest first, pull down to refresh, more on
 * reaching the bottom. Signed out, it says why there is nothing and offers sign-in instead of
 * sending the visitor away.
 */
export default function OrderListPage() {
  const { t, lang } = useI18n();
  const [signedIn, setSignedIn] = useState(tokenStore.present);
  const [tab, setTab] = useState<Tab>('all');
  const [orders, setOrders] = useState<OrderListItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  // answers of an older tab or page arrive late sometimes: only the newest request counts
  const latest = useRef(0);

  const load = useCallback(async (which: Tab, page = 1) => {
    const ticket = ++latest.current;
    try {
      const res = await orderApi.list({ status: which === 'all' ? undefined : which, page, pageSize: PAGE_SIZE });
      if (ticket !== latest.current) return;
      setTotal(res.total);
      setOrders((o) => (page === 1 ? res.items : [...(o ?? []), ...res.items]));
    } catch (e) {
      if (!isApiError(e)) throw e; // shown (and a lost session acted on) by the request wrapper
      if (ticket === latest.current) setOrders((o) => o ?? []);
    }
  }, []);

  // several holds ending together read the list once
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const holdEnded = useCallback(() => {
    if (reloadTimer.current) return;
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = null;
      void load(tab);
    }, HOLD_END_RELOAD_MS);
  }, [load, tab]);
  useEffect(
    () => () => {
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
    },
    [],
  );

  useDidShow(() => {
    const present = tokenStore.present;
    setSignedIn(present);
    if (!present) return;
    // consent first (the privacy page), as on every page that needs a session
    checkSession().catch(() => undefined);
    void load(tab);
  });

  usePullDownRefresh(() => {
    const done = () => void Taro.stopPullDownRefresh();
    if (!tokenStore.present) {
      done();
      return;
    }
    void load(tab).finally(done);
  });

  useReachBottom(() => {
    if (!orders || orders.length >= total || loadingMore) return;
    setLoadingMore(true);
    void load(tab, Math.floor(orders.length / PAGE_SIZE) + 1).finally(() => setLoadingMore(false));
  });

  if (!signedIn) {
    return (
      <View className="order-list-page" id="orders-page">
        <EmptyState id="orders-signed-out" title={t('orders.signedOut')} hint={t('orders.signedOut.hint')} />
        <Button id="orders-sign-in" className="order-list-page__sign-in" onClick={() => void platform.login()}>
          {t('orders.signIn')}
        </Button>
      </View>
    );
  }

  return (
    <View className="order-list-page" id="orders-page">
      <View className="order-tabs">
        {TABS.map((x) => (
          <Text
            key={x.key}
            id={`orders-tab-${x.key}`}
            className={`order-tabs__item ${tab === x.key ? 'order-tabs__item--on' : ''}`}
            onClick={() => {
              if (tab === x.key) return;
              setTab(x.key);
              setOrders(null);
              void load(x.key);
            }}
          >
            {t(x.label)}
          </Text>
        ))}
      </View>
      {orders === null ? (
        <Text className="order-list-page__loading">{t('common.loading')}</Text>
      ) : orders.length === 0 ? (
        <EmptyState id="orders-empty" title={t('orders.empty')} hint={t('orders.empty.hint')} />
      ) : (
        <View className="order-list" id="order-list">
          {orders.map((o) => (
            <View key={o.id} id={`order-${o.id}`} className="order-item" onClick={() => void Taro.navigateTo({ url: `${ROUTES.orderDetail}?id=${o.id}` })}>
              <View className="order-item__head">
                <Text className="order-item__line">{o.lineName}</Text>
                <Text className={`order-item__status order-item__status--${o.status}`}>{orderStatusLabel(o.status, lang)}</Text>
              </View>
              <Text className="order-item__route">
                {o.fromName} → {o.toName}
              </Text>
              <Text className="order-item__meta">
                {t('orders.departs', { time: dateTimeOf(o.departAt) })} · {t('orders.riders', { n: o.riderCount })}
              </Text>
              {o.status === 'pending_payment' && o.holdExpiresAt ? <HoldLeft orderId={o.id} until={o.holdExpiresAt} onEnd={holdEnded} /> : null}
              <View className="order-item__foot">
                <Text className="order-item__no">{o.orderNo}</Text>
                <Text className="order-item__total">{yuan(o.totalFen)}</Text>
              </View>
            </View>
          ))}
          <Text className="order-list-page__more">{orders.length < total ? t('orders.more') : t('orders.end')}</Text>
        </View>
      )}
    </View>
  );
}
