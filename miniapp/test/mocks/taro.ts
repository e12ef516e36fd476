/**
 * A small stand-in for @tarojs/taro: storage in a Map, navigation and toasts as jest mocks,
 * Taro.request as a jest mock each test programs. Only what the app uses.
 */
import { useEffect } from 'react';

const storage = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
let routerParams: Record<string, string> = {};

const ok = () => jest.fn((..._args: unknown[]) => Promise.resolve({ errMsg: 'ok' }));

const Taro = {
  request: jest.fn(),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value);
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key);
  }),
  showToast: ok(),
  showModal: jest.fn((..._args: unknown[]) => Promise.resolve({ confirm: true, cancel: false })),
  reLaunch: ok(),
  navigateTo: ok(),
  redirectTo: ok(),
  navigateBack: ok(),
  switchTab: ok(),
  stopPullDownRefresh: ok(),
  setNavigationBarTitle: ok(),
  hideHomeButton: ok(),
  login: jest.fn((..._args: unknown[]) => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' })),
  onNeedPrivacyAuthorization: jest.fn(),
  eventCenter: {
    on(name: string, fn: (...args: unknown[]) => void) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(fn);
    },
    off(name: string, fn: (...args: unknown[]) => void) {
      listeners.get(name)?.delete(fn);
    },
    trigger(name: string, ...args: unknown[]) {
      listeners.get(name)?.forEach((fn) => fn(...args));
    },
  },
};

export function useDidShow(callback: () => void): void {
  useEffect(callback, []);
}

/** pull-down refresh and reach-bottom handlers, for tests to fire (__test.pullDown(), __test.reachBottom()) */
const pageHandlers: { pullDown?: () => void; reachBottom?: () => void } = {};

export function usePullDownRefresh(callback: () => void): void {
  pageHandlers.pullDown = callback;
}

export function useReachBottom(callback: () => void): void {
  pageHandlers.reachBottom = callback;
}

export function useLaunch(callback: () => void): void {
  useEffect(callback, []);
}

export function useRouter(): { params: Record<string, string> } {
  return { params: routerParams };
}

/** test helpers */
export const __test = {
  storage,
  setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  pullDown() {
    pageHandlers.pullDown?.();
  },
  reachBottom() {
    pageHandlers.reachBottom?.();
  },
  reset() {
    pageHandlers.pullDown = undefined;
    pageHandlers.reachBottom = undefined;
    storage.clear();
    listeners.clear();
    routerParams = {};
  },
};

export default Taro;
