import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHmac, randomUUID } from 'crypto';
import { UpstreamError } from '../../../common/error/domain.error';
import {
  LicenceRegistryPort,
  type RegistryDriver,
  type RegistryOperator,
  type RegistryStatus,
  type RegistryVehicle,
} from '../port/licence-registry.port';

export interface LicenceRegistryConfig {
  /** the provincial registry's API root in production; the sandbox elsewhere */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** per request; 10 s when not set */
  timeoutMs?: number;
}

const UPSTREAM = 'licence-registry';
const NOT_FOUND = 40400;
const STATUSES: RegistryStatus[] = ['valid', 'suspended', 'revoked', 'expired'];

/**
 * The registry's request signature: hex HMAC-SHA256(appSecret, `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE`)
 * over the path and query exactly as sent (percent-encoded), `?QUERY` only when there is a query.
 */
export function signRegistryRequest(appSecret: string, method: string, pathAndQuery: string, timestamp: string, nonce: string): string {
  return createHmac('sha256', appSecret).update(`${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}`).digest('hex');
}

/** Reply envelope of the registry: `code` 0 means success. */
interface RegistryReply<T> {
  code?: number;
  message?: string;
  data?: T;
}

interface OperatorRecord { permitNo: string; name: string; creditCode: string; businessScope: string; validUntil: string; status: string }
interface VehicleRecord { plateNo: string; plateColor: number; transportCertNo: string; ownerPermitNo: string; approvedSeats: number; validUntil: string; status: string }
interface DriverRecord { qualificationNo: string; name: string; qualificationType: string; validUntil: string; status: string }

/**
 * The provincial 道路运输 licence registry over its signed JSON API. A record the
 * registry does not have is null; refusals, network errors and 5xx are UpstreamError, so a check
 * that could not be made is never mistaken for "not registered".
 */
@Provide('licenceRegistryPort')
@Scope(ScopeEnum.Singleton)
export class LicenceRegistryAdapter extends LicenceRegistryPort {
  @Config('licenceRegistry') config: LicenceRegistryConfig;

  async findOperator(permitNo: string): Promise<RegistryOperator | null> {
    const r = await this.call<OperatorRecord>(`/api/v1/operators/${encodeURIComponent(permitNo)}`);
    return r && { permitNo: r.permitNo, name: r.name, creditCode: r.creditCode, businessScope: r.businessScope, validUntil: r.validUntil, status: status(r.status) };
  }

  async findVehicle(plateNo: string, plateColor: number): Promise<RegistryVehicle | null> {
    const query = new URLSearchParams({ plateNo, plateColor: String(plateColor) }).toString();
    const r = await this.call<VehicleRecord>(`/api/v1/vehicles?${query}`);
    return r && {
      plateNo: r.plateNo, plateColor: Number(r.plateColor), transportCertNo: r.transportCertNo, ownerPermitNo: r.ownerPermitNo,
      approvedSeats: Number(r.approvedSeats), validUntil: r.validUntil, status: status(r.status),
    };
  }

  async findDriver(qualificationNo: string): Promise<RegistryDriver | null> {
    const r = await this.call<DriverRecord>(`/api/v1/drivers/${encodeURIComponent(qualificationNo)}`);
    return r && { qualificationNo: r.qualificationNo, name: r.name, qualificationType: r.qualificationType, validUntil: r.validUntil, status: status(r.status) };
  }

  private async call<T>(pathAndQuery: string): Promise<T | null> {
    const { appKey, appSecret } = this.config;
    if (!appKey || !appSecret) throw new UpstreamError(UPSTREAM, 'not configured (app key and secret)');
    const base = new URL(this.config.baseUrl);
    // the registry may sit under a path prefix (https://gateway/jt/registry): it is part of what is signed
    const fullPath = base.pathname.replace(/\/+$/, '') + pathAndQuery;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID().replace(/-/g, '');
    const operation = pathAndQuery.split(/[/?]/)[3] ?? pathAndQuery;

    let res: Response;
    try {
      res = await fetch(`${base.origin}${fullPath}`, {
        headers: {
          accept: 'application/json',
          'x-app-key': appKey,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': signRegistryRequest(appSecret, 'GET', fullPath, timestamp, nonce),
        },
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new UpstreamError(UPSTREAM, `${operation} request failed (${(e as Error).name})`);
    }
    let reply: RegistryReply<T>;
    try {
      reply = (await res.json()) as RegistryReply<T>;
    } catch {
      throw new UpstreamError(UPSTREAM, `${operation}: HTTP ${res.status}, reply is not JSON`, res.status);
    }
    // "no such record" is the registry's own answer (404 + code 40400); any other 404 (a wrong base
    // URL, a gateway) is a failure, or a misconfiguration would read as "not registered"
    if (res.status === 404 && reply.code === NOT_FOUND) return null;
    if (res.ok && reply.code === 0 && reply.data) return reply.data;
    throw new UpstreamError(UPSTREAM, `${operation} refused: HTTP ${res.status} ${reply.code ?? ''} ${reply.message ?? ''}`.trim(), reply.code ?? res.status);
  }
}

function status(value: string): RegistryStatus {
  // an unknown status from the registry must not read as valid
  return (STATUSES as string[]).includes(value) ? (value as RegistryStatus) : 'suspended';
}
