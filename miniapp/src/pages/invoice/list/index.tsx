import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { INVOICE_KIND_LABELS, INVOICE_STATUS_LABELS, type InvoiceView } from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { isApiError } from '../../../services/request';
import { useSessionGate } from '../../../services/session';
import { yuan } from '../../trip/format';
import { INVOICE_ROUTES, invoiceApi } from '../invoice-api';
import { openInvoiceFile } from '../invoice-file';
import { useInvoiceText } from '../texts';
import './index.scss';

/** While an invoice is being issued or reversed the list reads again, this often, this many times. */
export const POLL_MS = 2000;
export const POLL_LIMIT = 30;
const BUSY = ['issuing', 'reversing'];

/**
 * 发票 of an order, opened with ?orderId=: every invoice with its state (开具中 / 已开具 /
 * 已红冲 / 开具失败 …) and 下载发票 for the issued ones — a short-lived signed link, opened in a new
 * tab on H5 and in WeChat's document viewer in the mini-program. A request is offered while the
 * order has no invoice standing for its money.
 */
export default function InvoiceListPage() {
  const { it, label } = useInvoiceText();
  useSessionGate();
  const orderId = Number(useRouter().params.orderId) || 0;
  const [items, setItems] = useState<InvoiceView[] | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const polls = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    if (!orderId) return;
    try {
      const list = await invoiceApi.list(orderId);
      setItems(list);
      if (timer.current) clearTimeout(timer.current);
      if (list.some((i) => BUSY.includes(i.status)) && polls.current < POLL_LIMIT) {
        polls.current += 1;
        timer.current = setTimeout(() => void load(), POLL_MS);
      }
    } catch (e) {
      if (!isApiError(e)) throw e; // the wrapper showed it
      setItems([]);
    } finally {
      Taro.stopPullDownRefresh();
    }
  }, [orderId]);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: it('list.title') }).catch(() => undefined); // cosmetic only
    void load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);

  usePullDownRefresh(() => {
    polls.current = 0;
    void load();
  });

  const download = async (inv: InvoiceView) => {
    if (opening) return;
    setOpening(inv.id);
    try {
      await openInvoiceFile(async () => (await invoiceApi.download(inv.id)).url);
    } catch (e) {
      if (!isApiError(e)) toast(it('list.openFailed'));
    } finally {
      setOpening(null);
    }
  };

  const standing = items?.some((i) => i.kind === 'blue' && ['issuing', 'issued', 'reversing'].includes(i.status));

  return (
    <View className="invoice-page" id="invoice-list" data-testid="invoice-list">
      {items && items.length === 0 ? (
        <Text className="invoice-empty" id="invoice-empty" data-testid="invoice-empty">
          {it('list.empty')}
        </Text>
      ) : null}
      {(items ?? []).map((inv) => (
        <View className="invoice-card invoice-item" key={inv.id} id={`invoice-item-${inv.id}`} data-testid={`invoice-item-${inv.id}`}>
          <View className="invoice-item__head">
            <Text className={`invoice-kind invoice-kind--${inv.kind}`}>{label(INVOICE_KIND_LABELS[inv.kind])}</Text>
            <Text className={`invoice-status invoice-status--${inv.status}`} id={`invoice-status-${inv.id}`} data-testid={`invoice-status-${inv.id}`}>
              {label(INVOICE_STATUS_LABELS[inv.status])}
            </Text>
          </View>
          <Text className="invoice-amount">{yuan(inv.amountFen)}</Text>
          <Text className="invoice-card__hint">{it('list.buyer', { title: inv.title })}</Text>
          {inv.invoiceNo ? <Text className="invoice-card__hint">{it('list.number', { no: inv.invoiceNo })}</Text> : null}
          {inv.status === 'issuing' ? <Text className="invoice-card__hint">{it('list.issuing')}</Text> : null}
          {inv.status === 'failed' && inv.failReason ? <Text className="invoice-error">{inv.failReason}</Text> : null}
          {inv.downloadable ? (
            <Button
              className="invoice-download"
              id={`invoice-download-${inv.id}`}
              data-testid={`invoice-download-${inv.id}`}
              disabled={opening !== null || undefined}
              onClick={() => void download(inv)}
            >
              {it('list.download')}
            </Button>
          ) : null}
        </View>
      ))}
      {items && !standing ? (
        <Button
          className="invoice-submit"
          id="invoice-request"
          data-testid="invoice-request"
          onClick={() => void Taro.navigateTo({ url: `${INVOICE_ROUTES.request}?orderId=${orderId}` })}
        >
          {it('list.request')}
        </Button>
      ) : null}
    </View>
  );
}
