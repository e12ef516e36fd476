/**
 * The signed-in user of this app and the routing that follows from it: no session → sign-in page;
 * a privacy policy waiting for consent → the privacy page, before anything else; otherwise home.
 */
import { useCallback, useSyncExternalStore } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import type { EndUserProfile, EndUserSession } from '@dzky/contracts';
import { HOME_ROUTE, ROUTES } from '../routes';
import { authApi } from './auth';
import { tokenStore } from './token-store';

let profile: EndUserProfile | null = null;
const listeners = new Set<() => void>();

export function currentProfile(): EndUserProfile | null {
  return profile;
}

export function setProfile(next: EndUserProfile | null): void {
  profile = next;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useProfile(): EndUserProfile | null {
  return useSyncExternalStore(subscribe, currentProfile, currentProfile);
}

export const PRIVACY_CONSENT_URL = `${ROUTES.privacy}?mode=consent`;

/** Where a signed-in user goes next: the privacy page while consent is outstanding, else home. */
export function routeFor(p: EndUserProfile): string {
  return p.privacyConsentRequired ? PRIVACY_CONSENT_URL : HOME_ROUTE;
}

/** After any sign-in (WeChat or SMS): keep the tokens, then route by the profile. */
export async function completeSignIn(session: EndUserSession): Promise<void> {
  tokenStore.save(session);
  setProfile(session.profile);
  await Taro.reLaunch({ url: routeFor(session.profile) });
}

export async function signOut(): Promise<void> {
  try {
    await authApi.logout();
  } catch {
    // the server-side session ends on its own at expiry; the local one ends here regardless
  } finally {
    tokenStore.clear();
    setProfile(null);
    await Taro.reLaunch({ url: ROUTES.login });
  }
}

/**
 * Loads the profile for a page that needs a signed-in user, and sends the user where they must
 * go first (sign-in, privacy consent). Runs each time the page is shown.
 */
export async function checkSession(): Promise<EndUserProfile | null> {
  if (!tokenStore.present) {
    await Taro.reLaunch({ url: ROUTES.login });
    return null;
  }
  const fresh = await authApi.me();
  setProfile(fresh);
  if (fresh.privacyConsentRequired) {
    await Taro.reLaunch({ url: PRIVACY_CONSENT_URL });
  }
  return fresh;
}

/** On the sign-in page: a session that is still valid goes on without signing in again. */
export async function resumeSession(): Promise<void> {
  if (!tokenStore.present) return;
  const fresh = await authApi.me();
  setProfile(fresh);
  await Taro.reLaunch({ url: routeFor(fresh) });
}

export function useSessionGate(): { profile: EndUserProfile | null; reload: () => void } {
  const current = useProfile();
  const reload = useCallback(() => {
    // request errors were already shown (toast) and acted on (session lost) by the wrapper
    checkSession().catch(() => undefined);
  }, []);
  useDidShow(reload);
  return { profile: current, reload };
}
