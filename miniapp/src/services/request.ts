/**
 * The one request wrapper of both apps: bearer token; one refresh on AUTH.TOKEN_EXPIRED, shared by
 * every request that meets the expired token at the same time, then one retry; the envelope
 * unwrapped into data or a typed ApiError; errors shown once, as a toast with the server's
 * errorMessage. It never looks at which URL it calls: behaviour follows HTTP status and error code.
 */
import Taro from '@tarojs/taro';
import type { ApiEnvelope, EndUserSession, FieldError } from '@dzky/contracts';
import { API_ROOT } from '../env';
import { tokenStore } from './token-store';

export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly errors: FieldError[];
  readonly requestId?: string;

  constructor(init: { status: number; errorCode: string; errorMessage: string; errors?: FieldError[]; requestId?: string }) {
    super(init.errorMessage);
    this.name = 'ApiError';
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorMessage = init.errorMessage;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export const TOKEN_EXPIRED = 'AUTH.TOKEN_EXPIRED';
export const CONSENT_REQUIRED = 'PRIVACY.CONSENT_REQUIRED';
/** client-side codes for failures that never produced a bff envelope */
export const NETWORK_ERROR = 'CLIENT.NETWORK';
export const BAD_RESPONSE = 'CLIENT.BAD_RESPONSE';

export interface RequestHooks {
  /** the session is over (revoked, idle, or expired and not refreshable): sign in again */
  onSessionLost?: (err: ApiError) => void;
  /** the server wants the current privacy policy accepted first */
  onConsentRequired?: (err: ApiError) => void;
}

let hooks: RequestHooks = {};

export function configureRequest(next: RequestHooks): void {
  hooks = { ...hooks, ...next };
}

/** for tests */
export function resetRequestState(): void {
  hooks = {};
  refreshing = null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  /** send the bearer token (default true); sign-in calls send none */
  auth?: boolean;
  /** no toast: the caller shows the error itself (it is still thrown) */
  silent?: boolean;
}

interface RawResponse {
  status: number;
  envelope: ApiEnvelope | null;
}

/** Where the API of this app lives; paths below are relative to it (`/auth/refresh`, `/me`). */
export function apiUrl(path: string): string {
  return `${API_ROOT}${path.startsWith('/') ? path : `/${path}`}`;
}

async function send(path: string, method: string, data: unknown, token: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({ url: apiUrl(path), method: method as keyof Taro.request.Method, data, header, dataType: 'json' });
  } catch {
    throw new ApiError({ status: 0, errorCode: NETWORK_ERROR, errorMessage: '网络异常，请检查网络后重试' });
  }
  const body = res.data;
  const envelope = body && typeof body === 'object' && 'success' in body ? (body as ApiEnvelope) : null;
  return { status: res.statusCode, envelope };
}

function errorFrom(raw: RawResponse): ApiError {
  const env = raw.envelope;
  if (env?.errorCode) {
    return new ApiError({
      status: raw.status,
      errorCode: env.errorCode,
      errorMessage: env.errorMessage || env.errorCode,
      errors: env.errors,
      requestId: env.requestId,
    });
  }
  return new ApiError({ status: raw.status, errorCode: BAD_RESPONSE, errorMessage: `服务暂不可用（HTTP ${raw.status}）` });
}

function isSuccess(raw: RawResponse): boolean {
  return raw.status >= 200 && raw.status < 300 && raw.envelope?.success === true;
}

// ---- refresh: one at a time, shared by every caller that meets an expired token ----

let refreshing: Promise<boolean> | null = null;

function refreshOnce(): Promise<boolean> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(): Promise<boolean> {
  const refreshToken = tokenStore.refresh;
  if (!refreshToken) return false;
  try {
    const raw = await send('/auth/refresh', 'POST', { refreshToken }, null);
    if (!isSuccess(raw) || !raw.envelope?.data) return false;
    // refresh tokens rotate: the old one is spent, keep the new pair
    tokenStore.save(raw.envelope.data as EndUserSession);
    return true;
  } catch {
    return false;
  }
}

function report(err: ApiError, silent: boolean | undefined): never {
  if (!silent) {
    void Taro.showToast({ title: err.errorMessage, icon: 'none', duration: 2500 });
  }
  throw err;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, auth = true, silent } = options;
  const token = auth ? tokenStore.access : null;
  let raw = await send(path, method, data, token).catch((e: ApiError) => report(e, silent));

  if (auth && raw.status === 401 && raw.envelope?.errorCode === TOKEN_EXPIRED) {
    // another request may have refreshed while this one was on the way: then just retry
    const current = tokenStore.access;
    const renewed = (current !== null && current !== token) || (await refreshOnce());
    if (renewed) {
      raw = await send(path, method, data, tokenStore.access).catch((e: ApiError) => report(e, silent));
    }
  }

  if (isSuccess(raw)) return raw.envelope!.data as T;

  const err = errorFrom(raw);
  if (auth && raw.status === 401) {
    // expired and not refreshable, revoked, idle or unknown: the session is over
    const hadSession = tokenStore.present;
    tokenStore.clear();
    if (hadSession || token) hooks.onSessionLost?.(err);
  } else if (err.errorCode === CONSENT_REQUIRED) {
    hooks.onConsentRequired?.(err);
  }
  return report(err, silent);
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'data'>) => request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'POST', data }),
};
