import { Config, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHmac, createPublicKey, sign, type KeyObject } from 'crypto';
import { assembleRideCode, type RideCodeKey, type RideCodePayload } from '@dzky/contracts';
import { ed25519PrivateKey } from '../../../config/secrets';

export interface RideCodeConfig {
  /** key ID → Ed25519 private key: PKCS#8 PEM, or the 32-byte seed in base64 */
  signingKeys: Record<string, string>;
  currentKeyId: string;
}

/** The ride code's payload without the key ID, which the service fills in. */
export type RideCodeContent = Omit<RideCodePayload, 'kid'>;

/**
 * Signs ride codes (design.md §3 "Ride codes") with Ed25519 through node:crypto. Ed25519 signatures
 * are deterministic, so the same ticket always gets the same token and nothing is stored; the
 * driver app verifies it offline with the public keys of `publicKeys()`.
 *
 * Check codes are the short form for SMS and for reading out: 6 digits of an HMAC of the ticket
 * number. They are not unique and are not meant to be. The driver looks one up only within the
 * manifest of his own trip: among n tickets two share a code with probability about
 * n(n−1)/2 · 10⁻⁶ (0.12 % for a full 50-seat coach), and the manifest line also shows the rider's
 * name, so a clash costs a second look, never a wrong boarding. Someone guessing hits one of the
 * trip's n codes with probability n · 10⁻⁶ per try, and without the key a code cannot be worked out
 * from the ticket number printed elsewhere. The HMAC key is derived from the current signing key,
 * so rotating that key changes the check codes too (rotate between trips' messages).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RideCodeService {
  @Config('rideCode')
  private config: RideCodeConfig;

  private keys = new Map<string, KeyObject>();
  private checkKey: Buffer;

  @Init()
  init(): void {
    for (const [kid, value] of Object.entries(this.config.signingKeys)) {
      const key = ed25519PrivateKey(value);
      if (!key) throw new Error(`ride code key ${kid} is not an Ed25519 private key`);
      this.keys.set(kid, key);
    }
    const current = this.keys.get(this.config.currentKeyId);
    if (!current) throw new Error(`ride code key ${this.config.currentKeyId} is not configured`);
    const seed = current.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
    // a key of its own for check codes, so the HMAC never sees the signing key itself
    this.checkKey = createHmac('sha256', seed).update('dzky ride check code v1').digest();
  }

  /** `v1.<payload>.<signature>` for the ticket, signed with the current key. */
  tokenFor(content: RideCodeContent): string {
    const kid = this.config.currentKeyId;
    const key = this.keys.get(kid)!;
    return assembleRideCode({ ...content, kid }, (input) => new Uint8Array(sign(null, input, key)));
  }

  /** 6 digits from the ticket number (see the class comment for why collisions do not matter). */
  checkCode(ticketNo: string): string {
    const mac = createHmac('sha256', this.checkKey).update(ticketNo).digest();
    // 48 bits modulo 10⁶: the bias (2⁴⁸ is no multiple of 10⁶) is below 10⁻⁸
    return String(mac.readUIntBE(0, 6) % 1_000_000).padStart(6, '0');
  }

  /** Every configured key's public half: codes signed before a rotation still verify. */
  publicKeys(): RideCodeKey[] {
    return [...this.keys.entries()].map(([kid, key]) => ({
      kid,
      alg: 'Ed25519' as const,
      // the SPKI of an Ed25519 key ends with the raw 32-byte public key
      publicKey: createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64'),
    }));
  }
}
