import { createCipheriv, createSign, randomBytes } from 'crypto';
import { TEST_MERCHANTS, type TestApp } from '../support/app';
import { operatorInput } from '../archive/helpers';
import type { World } from '../booking/helpers';

/**
 * Where an operator of the test world is paid, set as finance would (operator archive, then its
 * merchant settings): a sub-merchant of the provider, or a direct merchant.
 */
export async function setMerchant(t: TestApp, w: World, orgId: number, mode: 'sub_merchant' | 'direct'): Promise<void> {
  const archive = await t.request().get(`/api/admin/operators/${orgId}`).set(w.platform);
  if (!archive.body.data?.saved) {
    const saved = await t.request().put(`/api/admin/operators/${orgId}`).set(w.platform).send(operatorInput(orgId === w.op1.id ? 0 : 1));
    if (saved.status !== 200) throw new Error(`operator archive: ${JSON.stringify(saved.body)}`);
  }
  const body = { mode, settlementAccountName: '测试客运有限公司', ...(mode === 'sub_merchant' ? { subMchId: TEST_MERCHANTS.subMchids[0] } : { mchId: TEST_MERCHANTS.direct }) };
  const res = await t.request().put(`/api/admin/operators/${orgId}/merchant`).set(w.platform).send(body);
  if (res.status !== 200) throw new Error(`merchant ${archive.status}: ${JSON.stringify(res.body)}`);
}

/** The token the sandbox's payment page is reached by: the prepay_id, or the pr of a code_url / h5_url. */
export function payToken(start: { jsapi?: { package: string }; codeUrl?: string; h5Url?: string }): string {
  if (start.jsapi) return start.jsapi.package.replace('prepay_id=', '');
  if (start.codeUrl) return new URL(start.codeUrl.replace('weixin://', 'http://')).searchParams.get('pr')!;
  return new URL(start.h5Url!).pathname.split('/').pop()!;
}

/** The payer confirms on WeChat's page (the sandbox's test hook). */
export async function confirmAtWechat(t: TestApp, token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.sandbox.wechatpay.url}/sandbox/pay/${encodeURIComponent(token)}/confirm`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  return { status: res.status, body: await res.json() };
}

export async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A notification as WeChat Pay would send it, signed with the platform key and encrypted with the
 * merchant's APIv3 key — for the tests of tampered, stale and mismatched notifications.
 */
export function forgeNotification(t: TestApp, opts: { eventType: string; resource: object; apiV3Key?: string; timestamp?: number; id?: string; signWith?: string; serial?: string }) {
  const key = opts.apiV3Key ?? t.wechatpayKeys.providerApiV3Key;
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
  const associated = opts.eventType.startsWith('REFUND') ? 'refund' : 'transaction';
  cipher.setAAD(Buffer.from(associated));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(opts.resource)), cipher.final(), cipher.getAuthTag()]).toString('base64');
  const body = JSON.stringify({
    id: opts.id ?? randomBytes(12).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: opts.eventType,
    summary: '支付成功',
    resource: { original_type: associated, algorithm: 'AEAD_AES_256_GCM', ciphertext, nonce, associated_data: associated },
  });
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headerNonce = randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${headerNonce}\n${body}\n`).sign(opts.signWith ?? t.wechatpayKeys.platformPrivateKeyPem, 'base64');
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': headerNonce,
      'Wechatpay-Signature': signature,
      'Wechatpay-Serial': opts.serial ?? t.wechatpayKeys.publicKeyId,
    },
  };
}

/** WeChat Pay's own record of an order (the sandbox's state), whichever test merchant it was made for. */
export function wxOrder(t: TestApp, outTradeNo: string) {
  for (const [mchid, sub] of [[TEST_MERCHANTS.provider, TEST_MERCHANTS.subMchids[0]], [TEST_MERCHANTS.direct, undefined]] as const) {
    try {
      return t.sandbox.wechatpay.state.findOrder(mchid, sub, outTradeNo);
    } catch {
      // not this merchant's
    }
  }
  throw new Error(`WeChat Pay has no order ${outTradeNo}`);
}

export function wxRefund(t: TestApp, outRefundNo: string) {
  for (const [mchid, sub] of [[TEST_MERCHANTS.provider, TEST_MERCHANTS.subMchids[0]], [TEST_MERCHANTS.direct, undefined]] as const) {
    try {
      return t.sandbox.wechatpay.state.findRefund(mchid, sub, outRefundNo);
    } catch {
      // not this merchant's
    }
  }
  throw new Error(`WeChat Pay has no refund ${outRefundNo}`);
}
