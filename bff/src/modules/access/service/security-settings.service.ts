import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Transaction } from 'sequelize';
import type { SecuritySettings } from '@dzky/contracts';
import { SecuritySettingEntity } from '../entity/auth-session.entity';

const KEYS: (keyof SecuritySettings)[] = ['passwordMaxAgeDays', 'lockoutThreshold', 'lockoutMinutes', 'idleTimeoutMinutes'];
const CACHE_MS = 5_000;

/** Security policy the security administrator may change at run time; defaults from config. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SecuritySettingsService {
  @Config('auth.securityDefaults')
  private defaults: SecuritySettings;

  private cached: { at: number; value: SecuritySettings } | null = null;

  async get(): Promise<SecuritySettings> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const rows = await SecuritySettingEntity.findAll();
    const value = { ...this.defaults };
    for (const row of rows) if ((KEYS as string[]).includes(row.key)) (value as any)[row.key] = Number(row.value);
    this.cached = { at: Date.now(), value };
    return value;
  }

  async update(patch: Partial<SecuritySettings>, userId: number, t: Transaction): Promise<SecuritySettings> {
    const next = { ...(await this.get()) };
    for (const key of KEYS) {
      if (patch[key] === undefined) continue;
      next[key] = patch[key]!;
      await SecuritySettingEntity.upsert({ key, value: String(patch[key]), updatedBy: userId, updatedAt: new Date() }, { transaction: t });
    }
    t.afterCommit(() => {
      this.cached = null;
    });
    return next;
  }
}
