/**
 * H5 inside WeChat's browser pays with JSAPI under the official account, which needs the payer's
 * openid there. WeChat's silent web authorisation (snsapi_base) gives the page a one-time code,
 * which the bff exchanges and links to the signed-in passenger. The mini-program build uses
 * wechat-web-auth.weapp.ts instead (it pays with its own openid).
 */
import Taro from '@tarojs/taro';
import { request } from './request';
import { tokenStore } from './token-store';

/** the state of the round trip under way, to know the code that comes back is ours */
const STATE_KEY = 'dzky.wechatWebAuth.state';
/** the session whose openid is already linked: no second round trip in it */
const LINKED_KEY = 'dzky.wechatWebAuth.session';

export interface WebAuthLink {
  url: string;
  state: string;
}

export const wechatWebAuthApi = {
  authorizeUrl: (redirect: string) =>
    request<WebAuthLink>('/wechat/web-auth-url', { method: 'GET', data: { redirect } }),
  link: (code: string) => request<{ linked: true }>('/wechat/web-auth', { method: 'POST', data: { code } }),
};

/** Leaving the page, behind one seam so tests can watch it (jsdom cannot navigate). */
export const browser = {
  go(url: string): void {
    window.location.replace(url);
  },
};

/** WeChat's own browser; not a mini-program web-view or WeCom, where JSAPI under the official account does not apply. */
export function isWechatBrowser(userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent): boolean {
  return /MicroMessenger/i.test(userAgent) && !/miniProgram|wxwork/i.test(userAgent);
}

/** The session ID named in the access token, so a link made for one sign-in is not trusted for the next. */
function currentSessionId(): string | null {
  const token = tokenStore.access;
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json.sid === 'string' ? json.sid : null;
  } catch {
    return null;
  }
}

function stored(key: string): string | null {
  const value: unknown = Taro.getStorageSync(key);
  return typeof value === 'string' && value ? value : null;
}

/**
 * WeChat puts `code` and `state` into the query before the `#/page` of a hash-routed app; they are
 * looked for there and, to be safe, in the page's own query after the hash.
 */
function returnedFromWechat(href: string): { code: string; state: string; cleanHref: string } | null {
  const url = new URL(href);
  const hashQueryAt = url.hash.indexOf('?');
  const hashQuery = new URLSearchParams(hashQueryAt >= 0 ? url.hash.slice(hashQueryAt + 1) : '');
  const from = url.searchParams.has('code') ? url.searchParams : hashQuery.has('code') ? hashQuery : null;
  const code = from?.get('code');
  const state = from?.get('state');
  if (!from || !code || state === null || state === undefined) return null;
  from.delete('code');
  from.delete('state');
  if (from === hashQuery) {
    const rest = hashQuery.toString();
    url.hash = url.hash.slice(0, hashQueryAt) + (rest ? `?${rest}` : '');
  }
  return { code, state, cleanHref: url.toString() };
}

/**
 * Makes sure the signed-in passenger's official-account openid is known to the bff before a JSAPI
 * payment. Resolves true when it is; false outside WeChat's browser or when the link failed (the
 * request wrapper has already shown why). When a round trip through WeChat is needed the page
 * leaves, and the promise never settles; the page calls this again when WeChat brings it back.
 */
export async function ensureOfficialOpenid(): Promise<boolean> {
  const returned = returnedFromWechat(window.location.href);
  const expected = stored(STATE_KEY);
  if (returned && expected && returned.state === expected) {
    Taro.removeStorageSync(STATE_KEY);
    // the code is single-use: off the address before anything can reload or share it
    window.history.replaceState(window.history.state, '', returned.cleanHref);
    try {
      await wechatWebAuthApi.link(returned.code);
    } catch {
      return false;
    }
    const sid = currentSessionId();
    if (sid) Taro.setStorageSync(LINKED_KEY, sid);
    return true;
  }
  if (!isWechatBrowser()) return false;
  const sid = currentSessionId();
  if (sid && stored(LINKED_KEY) === sid) return true;
  let link: WebAuthLink;
  try {
    link = await wechatWebAuthApi.authorizeUrl(returned ? returned.cleanHref : window.location.href);
  } catch {
    return false;
  }
  Taro.setStorageSync(STATE_KEY, link.state);
  browser.go(link.url);
  return new Promise<boolean>(() => undefined);
}
