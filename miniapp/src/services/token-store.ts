import Taro from '@tarojs/taro';
import type { TokenPair } from '@dzky/contracts';

/**
 * Access and refresh token in the platform storage (wx storage in the mini-program,
 * localStorage in H5). Refresh tokens rotate: every refresh stores the new pair.
 */
const ACCESS_KEY = 'dzky.accessToken';
const REFRESH_KEY = 'dzky.refreshToken';

function read(key: string): string | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

export const tokenStore = {
  get access(): string | null {
    return read(ACCESS_KEY);
  },
  get refresh(): string | null {
    return read(REFRESH_KEY);
  },
  save(pair: Pick<TokenPair, 'accessToken' | 'refreshToken'>): void {
    Taro.setStorageSync(ACCESS_KEY, pair.accessToken);
    Taro.setStorageSync(REFRESH_KEY, pair.refreshToken);
  },
  clear(): void {
    Taro.removeStorageSync(ACCESS_KEY);
    Taro.removeStorageSync(REFRESH_KEY);
  },
  /** a session exists (it may still need a refresh) */
  get present(): boolean {
    return Boolean(this.access || this.refresh);
  },
};
