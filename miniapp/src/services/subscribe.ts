/**
 * WeChat subscribe messages: which templates to ask the passenger for, fetched once, and
 * the ask itself. The mini-program only shows the dialog for a call made from a tap, so a page
 * fetches the IDs when it opens (`prefetchSubscribeTemplates` / `useSubscribe`) and asks in the tap
 * handler before anything else is awaited. Nothing here ever fails a payment: a refusal, a network
 * error or H5 simply leaves the passenger told by SMS.
 */
import { useEffect } from 'react';
import type { SubscribeTemplates } from '@dzky/contracts';
// spelled './../platform' so the test mapping of the platform module (jest.config.js) applies here too
import { platform, type SubscribeAnswer } from './../platform';
import { http } from './request';

export const subscribeApi = {
  templates: () => http.get<SubscribeTemplates>('/notification/subscribe-templates', { silent: true }),
};

let loaded: SubscribeTemplates | null = null;
let loading: Promise<SubscribeTemplates | null> | null = null;

/** Fetches the template IDs once per app run; a failed fetch is tried again next time. */
export function prefetchSubscribeTemplates(): Promise<SubscribeTemplates | null> {
  if (loaded) return Promise.resolve(loaded);
  if (!loading) {
    loading = subscribeApi
      .templates()
      .then((t) => (loaded = t))
      .catch(() => null)
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

async function ask(pick: (t: SubscribeTemplates) => string[]): Promise<Record<string, SubscribeAnswer>> {
  // already fetched: ask at once, still inside the tap
  const templates = loaded ?? (await prefetchSubscribeTemplates());
  const ids = templates ? pick(templates) : [];
  if (!ids.length) return {};
  return platform.requestSubscribe(ids);
}

/** Before paying: payment result, vehicle assigned, vehicle changed. Never rejects. */
export function requestPaymentSubscriptions(): Promise<Record<string, SubscribeAnswer>> {
  return ask((t) => t.templateIds);
}

/** When asking for a refund: its result. Never rejects. */
export function requestRefundSubscriptions(): Promise<Record<string, SubscribeAnswer>> {
  return ask((t) => t.refundTemplateIds);
}

/**
 * For a page with a pay (or refund) button: fetches the IDs when the page opens, so the tap can ask
 * straight away.
 */
export function useSubscribe() {
  useEffect(() => {
    void prefetchSubscribeTemplates();
  }, []);
  return { beforePayment: requestPaymentSubscriptions, beforeRefund: requestRefundSubscriptions };
}

/** for tests */
export function resetSubscribeState(): void {
  loaded = null;
  loading = null;
}
