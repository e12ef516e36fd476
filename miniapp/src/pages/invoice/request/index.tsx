import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  INVOICE_STATUS_LABELS, validateInvoiceRequest,
  type FieldError, type InvoiceBuyerType, type InvoiceRequest, type InvoiceView, type OrderView,
} from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { orderApi } from '../../../services/order-api';
import { isApiError } from '../../../services/request';
import { useSessionGate } from '../../../services/session';
import { yuan } from '../../trip/format';
import { INVOICE_ROUTES, invoiceApi, newClientKey } from '../invoice-api';
import { useInvoiceText } from '../texts';
import './index.scss';

/**
 * 申请开票, opened from an order with ?orderId=: a person (name) or a company (name and
 * 统一社会信用代码), an optional e-mail, the amount the order keeps. The checks are the server's own
 * (validateInvoiceRequest), so a mistake is explained before sending. One clientKey per visit: a
 * retry after a lost answer finds the invoice already asked for.
 */
export default function InvoiceRequestPage() {
  const { it, label } = useInvoiceText();
  useSessionGate();
  const orderId = Number(useRouter().params.orderId) || 0;
  const [order, setOrder] = useState<OrderView | null>(null);
  const [buyerType, setBuyerType] = useState<InvoiceBuyerType>('personal');
  const [title, setTitle] = useState('');
  const [taxId, setTaxId] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<InvoiceView | null>(null);
  const clientKey = useRef('');
  if (!clientKey.current) clientKey.current = newClientKey();

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: it('request.title') }).catch(() => undefined); // cosmetic only
    if (!orderId) return;
    orderApi.get(orderId).then(setOrder).catch((e) => {
      if (!isApiError(e)) throw e; // the wrapper showed it
    });
  }, [orderId]);

  const amountFen = order ? (order.money ? order.money.paidFen - order.money.refundedFen : order.totalFen) : null;
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.reason;
  const toList = () => void Taro.redirectTo({ url: `${INVOICE_ROUTES.list}?orderId=${orderId}` });

  const submit = async () => {
    if (busy) return;
    const body: InvoiceRequest = {
      clientKey: clientKey.current,
      buyerType,
      title: title.trim(),
      taxId: buyerType === 'company' ? taxId.trim().toUpperCase() : null,
      email: email.trim() || null,
    };
    const found = validateInvoiceRequest(body);
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      setDone(await invoiceApi.request(orderId, body));
      toast(it('request.sent'), 'success');
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.errors.length) setErrors(e.errors);
      if (e.errorCode === 'INVOICE.ALREADY_REQUESTED') {
        toast(it('request.already'));
        toList();
        return;
      }
      toast(e.errorMessage);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <View className="invoice-page" id="invoice-request-page" data-testid="invoice-request-page">
        <View className="invoice-card invoice-done" id="invoice-request-done" data-testid="invoice-request-done">
          <Text className="invoice-card__label">{it('request.status')}</Text>
          <Text className={`invoice-status invoice-status--${done.status}`} id="invoice-request-status" data-testid="invoice-request-status">
            {label(INVOICE_STATUS_LABELS[done.status])}
          </Text>
          <Text className="invoice-amount">{yuan(done.amountFen)}</Text>
          <Text className="invoice-card__hint">{done.title}</Text>
        </View>
        <Button className="invoice-submit" id="invoice-view-list" data-testid="invoice-view-list" onClick={toList}>
          {it('request.viewList')}
        </Button>
      </View>
    );
  }

  return (
    <View className="invoice-page" id="invoice-request-page" data-testid="invoice-request-page">
      <View className="invoice-card">
        <Text className="invoice-card__label">{it('request.amount')}</Text>
        <Text className="invoice-amount" id="invoice-amount" data-testid="invoice-amount">
          {amountFen === null ? '—' : yuan(amountFen)}
        </Text>
        {order ? <Text className="invoice-card__hint">{it('request.order', { no: order.orderNo })}</Text> : null}
      </View>
      <View className="invoice-card">
        <Text className="invoice-card__label">{it('request.buyerType')}</Text>
        <View className="invoice-switch" role="radiogroup">
          {(['personal', 'company'] as const).map((type) => (
            <View
              key={type}
              role="radio"
              aria-checked={buyerType === type}
              id={`invoice-buyer-${type}`}
              data-testid={`invoice-buyer-${type}`}
              className={`invoice-switch__item${buyerType === type ? ' invoice-switch__item--on' : ''}`}
              onClick={() => {
                setBuyerType(type);
                setErrors([]);
              }}
            >
              {it(type === 'personal' ? 'request.personal' : 'request.company')}
            </View>
          ))}
        </View>
        <Text className="invoice-field__label">{it('request.name')}</Text>
        <Input
          id="invoice-title"
          data-testid="invoice-title"
          className="invoice-input"
          maxlength={100}
          placeholder={it(buyerType === 'personal' ? 'request.namePersonal' : 'request.nameCompany')}
          value={title}
          onInput={(e) => setTitle(e.detail.value)}
        />
        {errorOf('title') ? <Text className="invoice-error" id="invoice-error-title">{errorOf('title')}</Text> : null}
        {buyerType === 'company' ? (
          <>
            <Text className="invoice-field__label">{it('request.taxId')}</Text>
            <Input
              id="invoice-taxid"
              data-testid="invoice-taxid"
              className="invoice-input"
              maxlength={18}
              placeholder={it('request.taxIdHint')}
              value={taxId}
              onInput={(e) => setTaxId(e.detail.value)}
            />
            {errorOf('taxId') ? <Text className="invoice-error" id="invoice-error-taxId">{errorOf('taxId')}</Text> : null}
          </>
        ) : null}
        <Text className="invoice-field__label">{it('request.email')}</Text>
        <Input
          id="invoice-email"
          data-testid="invoice-email"
          className="invoice-input"
          maxlength={100}
          placeholder={it('request.emailHint')}
          value={email}
          onInput={(e) => setEmail(e.detail.value)}
        />
        {errorOf('email') ? <Text className="invoice-error" id="invoice-error-email">{errorOf('email')}</Text> : null}
      </View>
      <Text className="invoice-note">{it('request.note')}</Text>
      <Button
        className="invoice-submit"
        id="invoice-submit"
        data-testid="invoice-submit"
        disabled={busy || !orderId || amountFen === null || amountFen <= 0}
        onClick={() => void submit()}
      >
        {it('request.submit')}
      </Button>
    </View>
  );
}
