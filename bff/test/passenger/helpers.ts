import { bearer, type TestApp } from '../support/app';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number with a valid GB 11643 check character: region 110105, the given birth date. */
export function idCard(birth: string, seq = '123'): string {
  const body = `110105${birth.replace(/-/g, '')}${seq}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** Accepts the privacy policy the profile asks for, as the app does from its privacy page. */
export async function acceptPrivacy(t: TestApp, auth: Record<string, string>, policyVersion: string) {
  const ok = await t.request().post('/api/app/me/privacy-consent').set(auth).send({ policyVersion });
  if (ok.status !== 200) throw new Error(`consent failed: ${JSON.stringify(ok.body)}`);
}

/** Signs a passenger in through the WeChat sandbox; `consent` accepts the policy in force. */
export async function passenger(t: TestApp, name: string, opts: { consent?: boolean } = {}) {
  const res = await t.request().post('/api/app/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.passenger, name).code });
  if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  const token: string = res.body.data.accessToken;
  if (opts.consent !== false) await acceptPrivacy(t, bearer(token), res.body.data.profile.privacyConsentRequired);
  return { token, id: res.body.data.profile.id as number, auth: bearer(token) };
}
