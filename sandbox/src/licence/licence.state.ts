import { createHmac, timingSafeEqual } from 'crypto';
import type { Clock } from '../common/http';
import { LICENCE_SEED, type DriverRecord, type OperatorRecord, type VehicleRecord } from './seed';

export interface LicenceSandboxOptions {
  /** callers allowed in: X-App-Key → secret */
  apps: Array<{ appKey: string; appSecret: string }>;
  /** start with the demo records of seed.ts (default true) */
  seed?: boolean;
  /** extra records, added after the seed */
  operators?: OperatorRecord[];
  vehicles?: VehicleRecord[];
  drivers?: DriverRecord[];
  /** how far X-Timestamp may be from the server's clock: 300 s */
  maxClockSkewSeconds?: number;
  now?: Clock;
}

/** A refusal: HTTP status and the registry's numeric code and message. */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a signed request covers: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE`, path and query as sent. */
export function registryStringToSign(method: string, pathAndQuery: string, timestamp: string, nonce: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}`;
}

/** hex HMAC-SHA256 with the app secret */
export function registrySignature(appSecret: string, method: string, pathAndQuery: string, timestamp: string, nonce: string): string {
  return createHmac('sha256', appSecret).update(registryStringToSign(method, pathAndQuery, timestamp, nonce)).digest('hex');
}

export interface RegistryRequestLog {
  at: string;
  appKey: string;
  method: string;
  path: string;
  status: number;
}

const plateKey = (plateNo: string, plateColor: number) => `${plateNo}|${plateColor}`;

/** The registry's records, its callers, seen nonces and a log of answered requests. */
export class LicenceState {
  private readonly apps: Map<string, string>;
  private readonly skewMs: number;
  /** the registry's clock: requests are judged by it */
  readonly now: Clock;
  private operators = new Map<string, OperatorRecord>();
  private vehicles = new Map<string, VehicleRecord>();
  private drivers = new Map<string, DriverRecord>();
  /** appKey|nonce → when seen; pruned after twice the allowed skew */
  private nonces = new Map<string, number>();
  private log: RegistryRequestLog[] = [];
  /** when set, every registry call answers this HTTP status (an outage, for failure tests) */
  outage: number | null = null;

  constructor(private readonly options: LicenceSandboxOptions) {
    this.apps = new Map(options.apps.map((a) => [a.appKey, a.appSecret]));
    this.skewMs = (options.maxClockSkewSeconds ?? 300) * 1000;
    this.now = options.now ?? Date.now;
    this.reset();
  }

  /** Back to the seed and the options' records; forgets nonces, the log and any outage. */
  reset(): void {
    this.operators.clear();
    this.vehicles.clear();
    this.drivers.clear();
    this.nonces.clear();
    this.log = [];
    this.outage = null;
    const seed = this.options.seed === false ? { operators: [], vehicles: [], drivers: [] } : LICENCE_SEED;
    for (const o of [...seed.operators, ...(this.options.operators ?? [])]) this.addOperator(o);
    for (const v of [...seed.vehicles, ...(this.options.vehicles ?? [])]) this.addVehicle(v);
    for (const d of [...seed.drivers, ...(this.options.drivers ?? [])]) this.addDriver(d);
  }

  addOperator(record: OperatorRecord): void {
    this.operators.set(record.permitNo, { ...record });
  }

  addVehicle(record: VehicleRecord): void {
    this.vehicles.set(plateKey(record.plateNo, record.plateColor), { ...record });
  }

  addDriver(record: DriverRecord): void {
    this.drivers.set(record.qualificationNo, { ...record });
  }

  operator(permitNo: string): OperatorRecord | undefined {
    return this.operators.get(permitNo);
  }

  vehicle(plateNo: string, plateColor: number): VehicleRecord | undefined {
    return this.vehicles.get(plateKey(plateNo, plateColor));
  }

  driver(qualificationNo: string): DriverRecord | undefined {
    return this.drivers.get(qualificationNo);
  }

  requests(): RegistryRequestLog[] {
    return [...this.log].reverse();
  }

  record(entry: RegistryRequestLog): void {
    this.log.push(entry);
    if (this.log.length > 1000) this.log.shift();
  }

  /**
   * Checks the four headers: known app key, timestamp (unix seconds) within the window, signature
   * over the request as sent, then the nonce (consumed only by a correctly signed request).
   */
  authenticate(method: string, pathAndQuery: string, headers: Record<string, string | undefined>): string {
    const appKey = headers['x-app-key'];
    const timestamp = headers['x-timestamp'];
    const nonce = headers['x-nonce'];
    const signature = headers['x-signature'];
    if (!appKey || !timestamp || !nonce || !signature) {
      throw new RegistryError(401, 40101, 'missing authentication headers: X-App-Key, X-Timestamp, X-Nonce, X-Signature');
    }
    const secret = this.apps.get(appKey);
    if (secret === undefined) throw new RegistryError(401, 40102, 'unknown app key');
    if (!/^\d{10}$/.test(timestamp)) throw new RegistryError(401, 40103, 'X-Timestamp must be unix seconds');
    const now = this.now();
    if (Math.abs(Number(timestamp) * 1000 - now) > this.skewMs) {
      throw new RegistryError(401, 40104, `X-Timestamp is more than ${this.skewMs / 1000} s from server time`);
    }
    if (!/^[\w-]{8,64}$/.test(nonce)) throw new RegistryError(401, 40105, 'X-Nonce must be 8-64 letters, digits, - or _');
    const expected = Buffer.from(registrySignature(secret, method, pathAndQuery, timestamp, nonce));
    const given = Buffer.from(signature.toLowerCase());
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new RegistryError(401, 40106, 'signature does not match');
    }
    for (const [key, seen] of this.nonces) if (seen < now - 2 * this.skewMs) this.nonces.delete(key);
    const nonceKey = `${appKey}|${nonce}`;
    if (this.nonces.has(nonceKey)) throw new RegistryError(401, 40107, 'nonce already used');
    this.nonces.set(nonceKey, now);
    return appKey;
  }
}
