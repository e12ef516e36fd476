import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEnvelope } from '@dzky/contracts';
import { ApiError, resetRequestHooks, tokens } from '../../request';
import { spreadsheetApi } from './spreadsheet';

/** An XMLHttpRequest that answers from a queue and records what was sent. */
class FakeXhr {
  static answers: { status: number; body: ApiEnvelope }[] = [];
  static sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  private req = { method: '', url: '', headers: {} as Record<string, string>, body: undefined as unknown };
  open(method: string, url: string) {
    this.req.method = method;
    this.req.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.req.headers[k] = v;
  }
  getResponseHeader(k: string) {
    return k.toLowerCase() === 'content-type' ? 'application/json; charset=utf-8' : null;
  }
  abort() {}
  send(body: unknown) {
    FakeXhr.sent.push({ ...this.req, body });
    const answer = FakeXhr.answers.shift()!;
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 100, total: 100 });
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      this.onload?.();
    });
  }
}

const json = (status: number, env: ApiEnvelope) =>
  new Response(JSON.stringify(env), { status, headers: { 'Content-Type': 'application/json' } });

describe('R-6.1.1 spreadsheet calls of a list API', () => {
  const api = spreadsheetApi('/api/admin/stops');
  const file = new File(['PK'], '站点.xlsx');

  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
    FakeXhr.answers = [];
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('an import is a multipart POST with the bearer token, reporting upload progress', async () => {
    FakeXhr.answers.push({ status: 200, body: { success: true, data: { created: 2, updated: 1 } } });
    const progress = vi.fn();
    await expect(api.importFile(file, progress)).resolves.toEqual({ created: 2, updated: 1 });
    expect(FakeXhr.sent).toHaveLength(1);
    expect(FakeXhr.sent[0]).toMatchObject({ method: 'POST', url: '/api/admin/stops/import', headers: { Authorization: 'Bearer a1' } });
    const form = FakeXhr.sent[0].body as FormData;
    expect((form.get('file') as File).name).toBe('站点.xlsx');
    expect(progress.mock.calls.map((c) => c[0])).toEqual([50, 100]);
  });

  it('an import met by an expired token refreshes once and is sent again with the new token', async () => {
    FakeXhr.answers.push(
      { status: 401, body: { success: false, data: null, errorCode: 'AUTH.TOKEN_EXPIRED', errorMessage: '登录已过期' } },
      { status: 200, body: { success: true, data: { created: 1, updated: 0 } } },
    );
    const fetch = vi.fn(async () => json(200, { success: true, data: { accessToken: 'a2', refreshToken: 'r2' } }));
    vi.stubGlobal('fetch', fetch);
    await expect(api.importFile(file)).resolves.toEqual({ created: 1, updated: 0 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(FakeXhr.sent.map((s) => s.headers.Authorization)).toEqual(['Bearer a1', 'Bearer a2']);
  });

  it('a rejected import rejects with the row errors of IMPORT.INVALID_ROWS', async () => {
    const errors = [{ field: '第 3 行 · 编码', reason: '必填', row: 3, column: '编码' }];
    FakeXhr.answers.push({
      status: 422,
      body: { success: false, data: null, errorCode: 'IMPORT.INVALID_ROWS', errorMessage: '导入文件有 1 行错误', errors },
    });
    const err = await api.importFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, errorCode: 'IMPORT.INVALID_ROWS', errors });
  });

  it('an export sends the filters but not the page: it holds every matching row', async () => {
    const fetch = vi.fn(
      async () =>
        new Response('PK', {
          status: 200,
          headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E7%AB%99%E7%82%B9.xlsx" },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    // jsdom has no object URLs; this file's tests run in their own environment
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('站点.xlsx');
    });
    await api.exportFile({ keyword: '福田', type: 'fixed', page: 3, pageSize: 20 }, 'stops.xlsx');
    const url = new URL(String((fetch.mock.calls[0] as unknown[])[0]), 'http://localhost');
    expect(url.pathname).toBe('/api/admin/stops/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({ keyword: '福田', type: 'fixed' });
    expect(click).toHaveBeenCalledTimes(1);
  });
});
