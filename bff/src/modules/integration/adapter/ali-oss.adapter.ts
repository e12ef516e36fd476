import { Config, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import OSS from 'ali-oss';
import { UpstreamError } from '../../../common/error/domain.error';
import { ObjectStoragePort, type StoredObject } from '../port/object-storage.port';

export interface OssConfig {
  /** https://oss-cn-shenzhen.aliyuncs.com in production; the sandbox (http://localhost:PORT) elsewhere */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** per request; 30 s when not set */
  timeoutMs?: number;
}

const UPSTREAM = 'aliyun-oss';

/**
 * A development endpoint (localhost, an IP, a single-label host) cannot take `<bucket>.` in front of
 * its host name, so the bucket goes into the path (second-level-domain mode). Real OSS endpoints
 * keep the standard virtual-hosted style.
 */
export function isDevEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || /^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.');
}

/** `inline` so certificate scans open in the browser; the UTF-8 form carries Chinese names. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Aliyun OSS through the official SDK (header signature V1 on requests, query signature on URLs). */
@Provide('objectStoragePort')
@Scope(ScopeEnum.Singleton)
export class AliOssAdapter extends ObjectStoragePort {
  @Config('oss') config: OssConfig;
  private client: OSS;

  @Init()
  init(): void {
    const { endpoint, bucket, region, accessKeyId, accessKeySecret } = this.config;
    this.client = new OSS({
      endpoint,
      bucket,
      region,
      accessKeyId,
      accessKeySecret,
      secure: endpoint.startsWith('https:'),
      timeout: this.config.timeoutMs ?? 30_000,
      // not in @types/ali-oss, but a documented client option
      ...({ sldEnable: isDevEndpoint(endpoint) } as object),
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<StoredObject> {
    try {
      await this.client.put(key, body, { mime: contentType, headers: { 'Content-Type': contentType } });
    } catch (e) {
      throw failure('PutObject', e);
    }
    return { key, size: body.length, contentType };
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const res = await this.client.get(key);
      return Buffer.isBuffer(res.content) ? res.content : Buffer.from(res.content ?? '');
    } catch (e) {
      if ((e as { code?: string }).code === 'NoSuchKey') return null;
      throw failure('GetObject', e);
    }
  }

  async signedUrl(key: string, expiresInSeconds: number, downloadName?: string): Promise<string> {
    try {
      return this.client.signatureUrl(key, {
        expires: expiresInSeconds,
        ...(downloadName ? { response: { 'content-disposition': contentDisposition(downloadName) } } : {}),
      });
    } catch (e) {
      throw failure('SignatureUrl', e);
    }
  }

  async remove(key: string): Promise<void> {
    try {
      await this.client.delete(key);
    } catch (e) {
      if ((e as { code?: string }).code === 'NoSuchKey') return;
      throw failure('DeleteObject', e);
    }
  }
}

/** The SDK's error (OSS error code, HTTP status, request ID) as UpstreamError; never the secret or signature. */
function failure(operation: string, e: unknown): UpstreamError {
  const err = e as { code?: string; status?: number; name?: string; requestId?: string; message?: string };
  const code = err.code ?? err.name ?? 'Error';
  const status = err.status && err.status > 0 ? ` HTTP ${err.status}` : '';
  return new UpstreamError(UPSTREAM, `${operation} failed: ${code}${status}${err.requestId ? ` (request ${err.requestId})` : ''}`, code);
}
