/** What the H5 pay page needs to know about the browser it runs in. */
import { isWechatBrowser } from '../../services/wechat-web-auth';

/**
 * WeChat's own browser pays with JSAPI (official account); another phone or tablet browser with
 * WeChat's H5 cashier; a desktop browser shows a QR code to scan with WeChat.
 */
export function browserEnv(userAgent: string): 'wechat' | 'mobile' | 'desktop' {
  if (isWechatBrowser(userAgent)) return 'wechat';
  if (/Android|iPhone|iPad|iPod|Mobile|HarmonyOS|OpenHarmony/i.test(userAgent)) return 'mobile';
  return 'desktop';
}

function withReturn(part: string): string {
  if (/[?&]return=1(&|$)/.test(part)) return part;
  return `${part}${part.includes('?') ? '&' : '?'}return=1`;
}

/**
 * This page's address with `return=1`, where WeChat's H5 cashier sends the payer back. The app
 * routes by hash, so the page's own query lives after `#`.
 */
export function returnUrlOf(href: string): string {
  const hashAt = href.indexOf('#');
  return hashAt < 0 ? withReturn(href) : `${href.slice(0, hashAt)}${withReturn(href.slice(hashAt))}`;
}
