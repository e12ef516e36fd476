import { Transaction } from 'sequelize';
import { chinaToday } from '@dzky/contracts';
import { AuditService } from '../modules/audit/service/audit.service';
import { ArchiveHistoryService } from '../modules/archive/service/archive-history.service';
import { ExpiryService } from '../modules/archive/service/expiry.service';
import { AliyunSmsAdapter } from '../modules/integration/adapter/aliyun-sms.adapter';
import { LicenceRegistryAdapter } from '../modules/integration/adapter/licence-registry.adapter';
import { WechatAdapter } from '../modules/integration/adapter/wechat.adapter';
import { cliContext, runCli } from './cli-context';

type Ctx = Awaited<ReturnType<typeof cliContext>>;

/** What @Config would inject: the production adapters, configured exactly as in the app. */
function configured<T extends object>(instance: T, config: unknown): T {
  (instance as any).config = config;
  return instance;
}

/** Write transactions as DatabaseService makes them (IMMEDIATE on SQLite, so writers wait). */
function transactions(ctx: Ctx) {
  return {
    transaction: <T>(work: (t: Transaction) => Promise<T>) =>
      ctx.sequelize.transaction(ctx.sequelize.getDialect() === 'sqlite' ? { type: Transaction.TYPES.IMMEDIATE } : {}, work),
  };
}

export function licenceRegistryFor(ctx: Ctx): LicenceRegistryAdapter {
  return configured(new LicenceRegistryAdapter(), ctx.config.licenceRegistry);
}

/** The expiry scan outside the app: the same service, assembled by hand instead of by the container. */
export function expiryServiceFor(ctx: Ctx): ExpiryService {
  const db = transactions(ctx);
  const audit = configured(new AuditService(), ctx.config.audit);
  (audit as any).db = db;
  audit.init();
  const history = new ArchiveHistoryService();
  (history as any).audit = audit;
  const service = new ExpiryService();
  Object.assign(service, {
    db,
    cipher: ctx.cipher,
    audit,
    history,
    wechat: configured(new WechatAdapter(), ctx.config.wechat),
    sms: configured(new AliyunSmsAdapter(), ctx.config.sms),
  });
  (service as any).config = ctx.config.jobs;
  return service;
}

/**
 * `npm run jobs:expiry [YYYY-MM-DD]`: runs the daily expiry scan now (cron on hosts where the bff's
 * own timer is switched off). Idempotent: warnings and notifications are never repeated.
 */
if (require.main === module) {
  runCli(async () => {
    const day = process.argv[2] ?? chinaToday();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      console.error('usage: jobs:expiry [YYYY-MM-DD]');
      return 1;
    }
    const ctx = await cliContext();
    try {
      const result = await expiryServiceFor(ctx).runExpiryScan(day);
      console.warn(`expiry scan ${day}: ${result.created} new warnings, ${result.notified} drivers notified (${result.smsFallbacks} by SMS), ${result.markedInoperable} records no longer operable`);
      return 0;
    } finally {
      await ctx.close();
    }
  });
}
