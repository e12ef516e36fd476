import { Config, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'crypto';

export interface CryptoConfig {
  fieldKeys: Record<string, string>;
  currentFieldKeyId: string;
  blindIndexKey: string;
}

/**
 * Encryption at rest for personal data (design.md §3 "Personal data"): AES-256-GCM with a random IV
 * and the key ID in every value, so keys can be rotated row by row; plus an HMAC blind index so
 * that equality search and uniqueness work without decrypting.
 *
 * Stored form: `v1.<kid>.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FieldCipher {
  @Config('crypto')
  private config: CryptoConfig;

  private keys = new Map<string, Buffer>();
  private indexKey: Buffer;

  @Init()
  init(): void {
    for (const [kid, key] of Object.entries(this.config.fieldKeys)) this.keys.set(kid, Buffer.from(key, 'base64'));
    this.indexKey = Buffer.from(this.config.blindIndexKey, 'base64');
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined) return null;
    const kid = this.config.currentFieldKeyId;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(kid), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', kid, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(stored: string): string;
  decrypt(stored: string | null | undefined): string | null;
  decrypt(stored: string | null | undefined): string | null {
    if (stored === null || stored === undefined) return null;
    const [version, kid, iv, tag, body] = stored.split('.');
    if (version !== 'v1' || !body) throw new Error('unrecognised encrypted value');
    const decipher = createDecipheriv('aes-256-gcm', this.key(kid), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic, keyed: the same value always gives the same index; the index reveals nothing. */
  blindIndex(value: string, purpose: string): string;
  blindIndex(value: string | null | undefined, purpose: string): string | null;
  blindIndex(value: string | null | undefined, purpose: string): string | null {
    if (value === null || value === undefined || value === '') return null;
    return createHmac('sha256', this.indexKey).update(`${purpose}\u0000${value.trim().toUpperCase()}`).digest('hex');
  }

  private key(kid: string): Buffer {
    const key = this.keys.get(kid);
    if (!key) throw new Error(`no field encryption key with id ${kid}`);
    return key;
  }
}
