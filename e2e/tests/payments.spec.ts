import { createPublicKey, verify } from 'crypto';
import { expect, test, type Page } from '@playwright/test';
import { passengerApiGet, signInAdmin, signInPassenger, snap, urls } from './support/stack';

/** A phone browser that is not WeChat's: WeChat Pay's H5 payment (design.md §3 "Channels and payment"). */
const MOBILE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

interface TripDetail {
  trip: { id: number; departAt: string; seatsLeft: number };
  rules: { refundTiers: Array<{ minMinutesBefore: number; feePercent: number }> };
}

async function addRider(page: Page, name: string, idNumber: string): Promise<void> {
  await page.goto('/#/pages/mine/riders/index');
  await page.locator('#riders-add').click();
  await page.locator('#rider-edit-page').waitFor();
  await page.fill('#rider-name input', name);
  await page.fill('#rider-id-number input', idNumber);
  await page.locator('#rider-save').click();
  await expect(page.locator('#rider-list')).toContainText(name);
}

/** 深圳 → 广州 the day after tomorrow: the first trip on sale, opened; its ID. */
async function openTripDayAfterTomorrow(page: Page): Promise<number> {
  await page.goto('/#/pages/home/index/index');
  await page.locator('#home-from').click();
  await page.locator('#city-option-4403').click();
  await page.locator('#home-to').click();
  await page.locator('#city-option-4401').click();
  await page.locator('#home-date-2').click();
  await page.locator('#home-search-submit').click();
  await page.locator('.trip-card:not(.trip-card--off)').first().click();
  return Number(/[?&]id=(\d+)/.exec(page.url())?.[1]);
}

/** Books the open trip for the given riders, up to the unpaid order's page. */
async function bookRiders(page: Page, riders: string[]): Promise<void> {
  await page.locator('#trip-book').click();
  await page.locator('#booking-page').waitFor();
  for (const name of riders) await page.locator('.booking-rider__main').filter({ hasText: name }).click();
  await page.fill('#booking-phone input', '13800138000');
  await page.locator('#booking-submit').click();
  await page.locator('#booking-confirm-submit').click();
  await expect(page.locator('#order-status')).toHaveText('待支付');
}

const yuanOf = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d.]/g, '')) * 100);

/** A ride code (`v1.<payload>.<signature>`, Ed25519) checked the way a driver's phone does: with the public key only. */
async function verifiesOffline(token: string): Promise<{ ticketNo: string }> {
  const res = await fetch(`${urls.passengerH5}/api/public/ride-code-keys`);
  const keys = (await res.json()).data.keys as Array<{ kid: string; publicKey: string }>;
  const [version, payload, signature] = token.split('.');
  expect(version).toBe('v1');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const key = keys.find((k) => k.kid === claims.kid)!;
  expect(key).toBeTruthy();
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKey, 'base64')]);
  const ok = verify(null, Buffer.from(`${version}.${payload}`), createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(signature, 'base64url'));
  expect(ok).toBe(true);
  return claims;
}

/**
 * Paying, the ride codes, an invoice and a refund on the passenger H5 app against the real bff, the
 * WeChat Pay sandbox (its cashier page plays WeChat's) and the e-invoice sandbox.
 */
test.describe('payments', { tag: '@payments' }, () => {
  test.use({
    baseURL: urls.passengerH5,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: MOBILE_SAFARI,
  });

  test('R-6.2.4 R-6.2.6 a passenger pays by WeChat Pay H5, gets ride codes, an invoice PDF, and returns one ticket for the right fee; its seat is back', async ({ page, browser }) => {
    test.setTimeout(300_000);
    await signInPassenger(page);
    // two adults: the same ticket price each
    await addRider(page, '付款乘客', '110105199003070017');
    await addRider(page, '同行乘客', '110105198805120026');

    const tripId = await openTripDayAfterTomorrow(page);
    const before = await passengerApiGet<TripDetail>(`/trips/${tripId}`);
    await bookRiders(page, ['付款乘客', '同行乘客']);
    const total = yuanOf(await page.locator('#order-total').textContent());
    const orderId = Number(/[?&]id=(\d+)/.exec(page.url())?.[1]);
    const orderNo = (await page.locator('#order-no').textContent())!.trim();

    // 去支付 → the pay page → WeChat's cashier (the sandbox's page) → back to the app
    await page.locator('#order-pay').click();
    await expect(page.locator('#pay-amount')).toBeVisible();
    await expect.poll(async () => yuanOf(await page.locator('#pay-amount').textContent())).toBe(total);
    await snap(page, 'payments-01-pay');
    await page.locator('#pay-submit').click();
    await page.waitForURL((u) => u.href.startsWith(urls.sandboxWechatPay));
    await expect(page.getByTestId('amount')).toContainText((total / 100).toFixed(2));
    await snap(page, 'payments-02-wechat-cashier');
    await page.getByTestId('confirm').click();
    await page.waitForURL((u) => u.href.startsWith(urls.passengerH5));
    await expect(page.locator('#pay-status')).toContainText('支付成功', { timeout: 30_000 });
    await snap(page, 'payments-03-paid');
    await page.locator('#pay-view-tickets').click();

    // 乘车码: one QR per rider, each verifying offline with the published key
    await expect(page.locator('#order-status')).toHaveText('已支付');
    const codes = page.getByTestId('ride-qr');
    await expect(codes).toHaveCount(2);
    const seen = new Set<string>();
    for (const code of await codes.all()) seen.add((await verifiesOffline((await code.getAttribute('data-value'))!)).ticketNo);
    expect(seen.size).toBe(2);
    await snap(page, 'payments-04-ride-codes');

    // 开发票: a personal invoice for the order, issued by the provider, its PDF downloadable
    await page.locator('#order-action-invoice').click();
    await page.locator('#invoice-request-page').waitFor();
    await expect.poll(async () => yuanOf(await page.locator('#invoice-amount').textContent())).toBe(total);
    await page.fill('#invoice-title input', '付款乘客');
    await snap(page, 'payments-05-invoice-request');
    await page.locator('#invoice-submit').click();
    await page.locator('#invoice-view-list').click();
    const issued = page.locator('.invoice-item').filter({ hasText: '已开具' });
    await expect(async () => {
      await page.reload();
      await expect(issued).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const [pdfPage] = await Promise.all([page.waitForEvent('popup'), issued.locator('[id^="invoice-download-"]').click()]);
    await pdfPage.waitForURL((u) => u.protocol.startsWith('http'));
    const pdf = await page.request.get(pdfPage.url());
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await pdfPage.close();
    await snap(page, 'payments-06-invoice-issued');

    // 退票: one of the two tickets, at the fee of the tier the departure time falls in
    await page.goto(`/#/pages/order/detail/index?id=${orderId}`);
    await page.locator('#order-action-refund').click();
    await page.locator('#refund-page').waitFor();
    const tickets = page.locator('[id^="refund-ticket-"]');
    await expect(tickets).toHaveCount(2);
    await tickets.nth(1).click();
    const minutes = Math.floor((new Date(before.trip.departAt).getTime() - Date.now()) / 60_000);
    const tier = before.rules.refundTiers.find((t) => minutes >= t.minMinutesBefore)!;
    const price = total / 2;
    const fee = Math.floor((price * tier.feePercent + 50) / 100);
    await expect.poll(async () => yuanOf(await page.locator('#refund-total').textContent())).toBe(price - fee);
    expect(yuanOf(await page.locator('#refund-fee').textContent())).toBe(fee);
    await snap(page, 'payments-07-refund-quote');
    await page.locator('#refund-submit').click();
    await page.locator('.taro-model__confirm').click();
    await expect(page.locator('#refund-status')).toContainText(/退款中|已退款/);
    await snap(page, 'payments-08-refund');

    // the seat is on sale again, the money comes back, the invoice is reversed and issued again for the rest
    await expect.poll(async () => (await passengerApiGet<TripDetail>(`/trips/${tripId}`)).trip.seatsLeft, { timeout: 30_000 }).toBe(before.trip.seatsLeft - 1);
    await page.goto(`/#/pages/order/detail/index?id=${orderId}`);
    // WeChat Pay settles the refund a moment later and notifies the bff
    await expect(async () => {
      await page.reload();
      await expect(page.locator('#order-status')).toHaveText('部分退款', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect.poll(async () => yuanOf(await page.locator('#order-refunded').textContent())).toBe(price - fee);
    await page.goto(`/#/pages/invoice/list/index?orderId=${orderId}`);
    await expect(async () => {
      await page.reload();
      const items = page.locator('.invoice-item');
      await expect(items.filter({ hasText: '红字发票' }).filter({ hasText: '已开具' })).toHaveCount(1, { timeout: 2_000 });
      await expect(items.filter({ hasText: '蓝字发票' }).filter({ hasText: '已红冲' })).toHaveCount(1, { timeout: 2_000 });
      await expect(items.filter({ hasText: '蓝字发票' }).filter({ hasText: '已开具' })).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await snap(page, 'payments-09-invoice-reversed');

    // the operator's finance sees the payment, the refund with its fee, and the invoices
    const finance = await browser.newContext({ baseURL: urls.admin, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const admin = await finance.newPage();
      await signInAdmin(admin, 'pc_finance');
      await admin.goto('/finance/payments');
      await expect(admin.locator('.ant-table-row').filter({ hasText: orderNo })).toHaveCount(1);
      await snap(admin, 'payments-10-admin-payments');
      await admin.goto('/finance/refunds');
      const refundRow = admin.locator('.ant-table-row').filter({ hasText: orderNo });
      await expect(refundRow).toHaveCount(1);
      await expect(refundRow).toContainText((fee / 100).toFixed(2));
      await snap(admin, 'payments-11-admin-refunds');
      await admin.goto('/finance/summary');
      await expect(admin.locator('.ant-statistic').first()).toBeVisible();
      await snap(admin, 'payments-12-admin-summary');
      await admin.goto('/finance/invoices');
      await expect(admin.locator('.ant-table-row').filter({ hasText: orderNo })).toHaveCount(3);
      await snap(admin, 'payments-13-admin-invoices');
    } finally {
      await finance.close();
    }
  });
});

/** A desktop browser: WeChat Pay's Native payment, a QR code the payer scans with WeChat on the phone. */
test.describe('payments on a desktop', { tag: '@payments' }, () => {
  test.use({ baseURL: urls.passengerH5, viewport: { width: 1280, height: 800 } });

  test('R-6.2.4 a passenger on a computer pays by scanning the Native QR code; the page sees the payment by itself', async ({ page, browser }) => {
    test.setTimeout(180_000);
    await signInPassenger(page);
    await addRider(page, '电脑乘客', '110105197706150030');
    await openTripDayAfterTomorrow(page);
    await bookRiders(page, ['电脑乘客']);
    const total = yuanOf(await page.locator('#order-total').textContent());

    await page.locator('#order-pay').click();
    await page.locator('#pay-submit').click();
    // the code WeChat Pay answered (weixin://wxpay/bizpayurl?pr=…), drawn as a QR code on the page
    const qr = page.getByTestId('pay-qr').locator('[data-value]');
    await expect(qr).toHaveAttribute('data-value', /^weixin:\/\/wxpay\/bizpayurl\?pr=.+/);
    const codeUrl = (await qr.getAttribute('data-value'))!;
    await snap(page, 'payments-20-native-qr');

    // the phone: WeChat opens the code's payment page (the sandbox plays it) and the payer confirms
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const wechat = await phone.newPage();
      await wechat.goto(`${urls.sandboxWechatPay}/sandbox/pay/${encodeURIComponent(new URL(codeUrl).searchParams.get('pr')!)}`);
      await expect(wechat.getByTestId('amount')).toContainText((total / 100).toFixed(2));
      await wechat.getByTestId('confirm').click();
    } finally {
      await phone.close();
    }
    // nothing comes back to the computer's browser: the page asks until the payment is in
    await expect(page.locator('#pay-status')).toContainText('支付成功', { timeout: 30_000 });
    await snap(page, 'payments-21-native-paid');
    await page.locator('#pay-view-tickets').click();
    // the order page opened before paying stays below in the page stack (it reloads when shown again)
    await expect(page.locator('#order-status:visible')).toHaveText('已支付');
    await expect(page.locator('[data-testid="ride-qr"]:visible')).toHaveCount(1);
  });
});
