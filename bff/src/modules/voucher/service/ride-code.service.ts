import { Config, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createPublicKey, sign, type KeyObject } from 'crypto';
import { assembleRideCode, type RideCodeKey, type RideCodePayload } from '@dzky/contracts';
import { FieldCipher } from '../../../common/security/field-cipher.service';
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
 * from the ticket number printed elsewhere. The HMAC is the blind-index keyed hash (its own purpose
 * string), not one derived from a signing key: rotating the ride-code keys leaves the codes already
 * sent by SMS valid, and the blind-index key never rotates (every index would change with it).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RideCodeService {
  @Config('rideCode')
  private config: RideCodeConfig;

  @Inject()
  private cipher: FieldCipher;

  private keys = new Map<string, KeyObject>();

  @Init()
  init(): void {
    for (const [kid, value] of Object.entries(this.config.signingKeys)) {
      const key = ed25519PrivateKey(value);
      if (!key) throw new Error(`ride code key ${kid} is not an Ed25519 private key`);
      this.keys.set(kid, key);
    }
    const current = this.keys.get(this.config.currentKeyId);
    if (!current) throw new Error(`ride code key ${this.config.currentKeyId} is not configured`);
  }

  /** `v1.<payload>.<signature>` for the ticket, signed with the current key. */
  tokenFor(content: RideCodeContent): string {
    const kid = this.config.currentKeyId;
    const key = this.keys.get(kid)!;
    return assembleRideCode({ ...content, kid }, (input) => new Uint8Array(sign(null, input, key)));
  }

  /** 6 digits from the ticket number (see the class comment for why collisions do not matter). */
  checkCode(ticketNo: string): string {
    const mac = this.cipher.blindIndex(ticketNo, 'ride_check_code_v1');
    // 48 bits modulo 10⁶: the bias (2⁴⁸ is no multiple of 10⁶) is below 10⁻⁸
    return String(parseInt(mac.slice(0, 12), 16) % 1_000_000).padStart(6, '0');
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
