/**
 * The one request wrapper of the admin app: bearer token, one refresh on AUTH.TOKEN_EXPIRED
 * (concurrent callers share it), the envelope unwrapped into data or a typed ApiError, and one
 * global place where errors are reported. It never looks at which URL it is calling: behaviour
 * follows the HTTP status and the stable error code only.
 */
import type { AdminSession, ApiEnvelope, FieldError } from '@dzky/contracts';

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

/** Codes after which the session is over: the user signs in again. */
export const SESSION_ENDING_CODES: ReadonlySet<string> = new Set([
  'AUTH.TOKEN_EXPIRED',
  'AUTH.SESSION_REVOKED',
  'AUTH.SESSION_IDLE',
  'AUTH.UNAUTHENTICATED',
  // an account disabled while signed in: every further call would be refused
  'AUTH.ACCOUNT_DISABLED',
]);
export const PASSWORD_EXPIRED = 'AUTH.PASSWORD_EXPIRED';
/** Client-side codes for failures that never reached a bff envelope. */
export const NETWORK_ERROR = 'CLIENT.NETWORK';
export const BAD_RESPONSE = 'CLIENT.BAD_RESPONSE';

// ---- tokens ----

const ACCESS_KEY = 'dzky.admin.accessToken';
const REFRESH_KEY = 'dzky.admin.refreshToken';

/**
 * Tokens live in sessionStorage: per tab, gone when the tab closes. Refresh tokens rotate, so a
 * token shared between tabs would be spent by one tab and refused (as reuse) for the other.
 */
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export const tokens = {
  get access(): string | null {
    return storage()?.getItem(ACCESS_KEY) ?? null;
  },
  get refresh(): string | null {
    return storage()?.getItem(REFRESH_KEY) ?? null;
  },
  save(pair: { accessToken: string; refreshToken: string }) {
    storage()?.setItem(ACCESS_KEY, pair.accessToken);
    storage()?.setItem(REFRESH_KEY, pair.refreshToken);
  },
  clear() {
    storage()?.removeItem(ACCESS_KEY);
    storage()?.removeItem(REFRESH_KEY);
  },
  get present(): boolean {
    return Boolean(this.access || this.refresh);
  },
};

// ---- hooks the app plugs in ----

export interface RequestHooks {
  /** The global error display (antd message.error). Not called for `silent` requests. */
  onError?: (err: ApiError) => void;
  /** The session is over (revoked, idle, expired and not refreshable): back to sign-in. */
  onSessionEnd?: (err: ApiError) => void;
  /** The server insists on a password change before anything else. */
  onPasswordExpired?: (err: ApiError) => void;
  /** A refresh produced new tokens and a fresh profile. */
  onSessionRefreshed?: (session: AdminSession) => void;
  /** Text for failures without an envelope (network down, proxy error page). */
  describe?: (kind: 'network' | 'http', status: number) => string;
}

let hooks: RequestHooks = {};

export function configureRequest(next: RequestHooks) {
  hooks = { ...hooks, ...next };
}

/** For tests. */
export function resetRequestHooks() {
  hooks = {};
  refreshing = null;
}

const API_BASE: string = (import.meta.env?.VITE_API_BASE as string | undefined) ?? '';
const REFRESH_PATH = '/api/admin/auth/refresh';

// ---- envelope handling ----

function describe(kind: 'network' | 'http', status: number): string {
  return hooks.describe?.(kind, status) ?? (kind === 'network' ? '网络异常，请检查网络后重试' : `服务暂不可用（HTTP ${status}）`);
}

/** The envelope of an answer (fetch or XHR), or null when it has none. */
function envelopeOf(contentType: string | null, text: string): ApiEnvelope | null {
  if (!(contentType ?? '').includes('json')) return null;
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'success' in body) return body as ApiEnvelope;
  } catch {
    // not JSON after all; treated as a response without an envelope
  }
  return null;
}

async function readEnvelope(res: Response): Promise<ApiEnvelope | null> {
  const type = res.headers.get('Content-Type');
  if (!type?.includes('json')) return null;
  try {
    return envelopeOf(type, await res.text());
  } catch {
    // the body broke off: an answer without an envelope
    return null;
  }
}

function errorFrom(status: number, env: ApiEnvelope | null): ApiError {
  if (env && env.errorCode) {
    return new ApiError({
      status,
      errorCode: env.errorCode,
      errorMessage: env.errorMessage ?? env.errorCode,
      errors: env.errors,
      requestId: env.requestId,
    });
  }
  return new ApiError({ status, errorCode: BAD_RESPONSE, errorMessage: describe('http', status) });
}

// ---- refresh, shared by every caller that meets an expired token at the same time ----

type RefreshOutcome = { ok: true } | { ok: false; error: ApiError };
let refreshing: Promise<RefreshOutcome> | null = null;

function refreshOnce(): Promise<RefreshOutcome> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

interface Attempt {
  status: number;
  /** read only when the answer is not OK */
  env: ApiEnvelope | null;
  /** the access token the attempt was sent with */
  token: string | null;
}

/** Sends once; on AUTH.TOKEN_EXPIRED refreshes (once, shared) and sends again. Used by fetch and XHR alike. */
async function withRefresh<A extends Attempt>(attempt: () => Promise<A>): Promise<A> {
  const first = await attempt();
  if (first.status !== 401 || first.env?.errorCode !== 'AUTH.TOKEN_EXPIRED' || !first.token) return first;
  const current = tokens.access;
  // another caller may have refreshed while this request was in flight: just use the new token
  const outcome: RefreshOutcome = current && current !== first.token ? { ok: true } : await refreshOnce();
  if (!outcome.ok) throw outcome.error;
  return attempt();
}

async function doRefresh(): Promise<RefreshOutcome> {
  const refreshToken = tokens.refresh;
  if (!refreshToken) {
    return { ok: false, error: new ApiError({ status: 401, errorCode: 'AUTH.UNAUTHENTICATED', errorMessage: '请先登录' }) };
  }
  let res: Response;
  try {
    res = await fetch(API_BASE + REFRESH_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return { ok: false, error: new ApiError({ status: 0, errorCode: NETWORK_ERROR, errorMessage: describe('network', 0) }) };
  }
  const env = await readEnvelope(res);
  if (res.ok && env?.success && env.data) {
    const session = env.data as AdminSession;
    // rotation: the old refresh token is spent, always keep the new one
    tokens.save(session);
    hooks.onSessionRefreshed?.(session);
    return { ok: true };
  }
  const error = errorFrom(res.status, env);
  // a refused refresh ends the session whatever the code; keep its message if it has one
  return {
    ok: false,
    error: SESSION_ENDING_CODES.has(error.errorCode) || error.status === 401
      ? error
      : new ApiError({ status: 401, errorCode: 'AUTH.TOKEN_EXPIRED', errorMessage: error.errorMessage, requestId: error.requestId }),
  };
}

// ---- sending ----

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** the caller shows the error itself (sign-in form, inline alerts) */
  silent?: boolean;
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const qs = params.toString();
  return API_BASE + path + (qs ? (path.includes('?') ? '&' : '?') + qs : '');
}

// JSON bodies only: multipart forms go through `upload`, which reports progress
async function fetchWithToken(method: string, url: string, opts: RequestOptions, accept: string): Promise<Attempt & { res: Response }> {
  const token = tokens.access;
  const headers: Record<string, string> = { Accept: accept, ...opts.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, errorCode: NETWORK_ERROR, errorMessage: describe('network', 0) });
  }
  return { res, status: res.status, token, env: res.ok ? null : await readEnvelope(res) };
}

/** Sends (refreshing once if need be); resolves only with an OK response. */
async function send(method: string, url: string, opts: RequestOptions, accept: string): Promise<Response> {
  const { res, env } = await withRefresh(() => fetchWithToken(method, url, opts, accept));
  if (res.ok) return res;
  throw errorFrom(res.status, env);
}

function endSession(err: ApiError) {
  const wasSignedIn = tokens.present;
  tokens.clear();
  // concurrent failures end one session once
  if (wasSignedIn) hooks.onSessionEnd?.(err);
}

/** Central reaction to a failed call; rethrows so callers can still map field errors. */
function report(err: unknown, opts: RequestOptions): never {
  if (isApiError(err)) {
    if (SESSION_ENDING_CODES.has(err.errorCode)) {
      endSession(err);
    } else if (err.errorCode === PASSWORD_EXPIRED) {
      hooks.onPasswordExpired?.(err);
    } else if (!opts.silent) {
      hooks.onError?.(err);
    }
  }
  throw err;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  try {
    const res = await send(method, buildUrl(path, opts.query), opts, 'application/json');
    const env = await readEnvelope(res);
    if (res.status === 204 || (env && env.success)) return (env?.data ?? null) as T;
    throw errorFrom(res.status, env);
  } catch (e) {
    return report(e, opts);
  }
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

// ---- file downloads (CSV exports): same token and refresh rules, body read as a stream ----

export interface DownloadProgress {
  received: number;
  /** from Content-Length; unknown for streamed exports */
  total?: number;
}

export interface DownloadResult {
  filename: string;
  size: number;
}

export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

export async function download(
  path: string,
  opts: RequestOptions & { onProgress?: (p: DownloadProgress) => void; fallbackName?: string; save?: (blob: Blob, name: string) => void } = {},
): Promise<DownloadResult> {
  try {
    const res = await send('GET', buildUrl(path, opts.query), opts, '*/*');
    const total = Number(res.headers.get('Content-Length')) || undefined;
    const chunks: BlobPart[] = [];
    let received = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        opts.onProgress?.({ received, total });
      }
    } else {
      const buf = await res.arrayBuffer();
      chunks.push(buf);
      received = buf.byteLength;
      opts.onProgress?.({ received, total });
    }
    const blob = new Blob(chunks, { type: res.headers.get('Content-Type') ?? 'application/octet-stream' });
    const filename = filenameFrom(res.headers.get('Content-Disposition'), opts.fallbackName ?? 'download');
    (opts.save ?? saveBlob)(blob, filename);
    return { filename, size: received };
  } catch (e) {
    return report(e, opts);
  }
}

export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // give the browser a moment to start the download before the URL is revoked
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- uploads (multipart): same token, refresh and error rules; XHR because fetch reports no upload progress ----

export interface UploadOptions {
  query?: Query;
  signal?: AbortSignal;
  silent?: boolean;
  /** 0–100, as the browser sends the body */
  onProgress?: (percent: number) => void;
}

function xhrOnce(url: string, form: FormData, opts: UploadOptions): Promise<Attempt> {
  const token = tokens.access;
  return new Promise<Attempt>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => resolve({ status: xhr.status, env: envelopeOf(xhr.getResponseHeader('Content-Type'), xhr.responseText), token });
    xhr.onerror = () => reject(new ApiError({ status: 0, errorCode: NETWORK_ERROR, errorMessage: describe('network', 0) }));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    if (opts.signal) {
      if (opts.signal.aborted) return xhr.abort();
      opts.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

/** POSTs a multipart form; resolves with the envelope's data. Refreshes once on AUTH.TOKEN_EXPIRED like `request`. */
export async function upload<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  const url = buildUrl(path, opts.query);
  try {
    const out = await withRefresh(() => xhrOnce(url, form, opts));
    if (out.status >= 200 && out.status < 300 && out.env?.success) return (out.env.data ?? null) as T;
    throw errorFrom(out.status, out.env);
  } catch (e) {
    return report(e, opts);
  }
}
