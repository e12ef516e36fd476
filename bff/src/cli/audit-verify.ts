import { AuditService } from '../modules/audit/service/audit.service';
import { cliContext, runCli } from './cli-context';

/**
 * `npm run audit:verify`: exits 0 when the audit trail is intact; otherwise 1, naming the first bad
 * record (altered, inserted, or removed — the newest included, through the external anchor).
 */
async function main(): Promise<number> {
  const ctx = await cliContext();
  try {
    const audit = new AuditService();
    (audit as any).config = ctx.config.audit; // what @Config would inject
    audit.init();
    const result = await audit.verify();
    if (result.ok) {
      console.warn(`audit trail intact: ${result.records} records, anchored up to #${result.anchoredSeq}`);
      return 0;
    }
    console.error(`audit trail BROKEN at record #${result.firstBadSeq}: ${result.reason} (${result.records} records verified before it)`);
    return 1;
  } finally {
    await ctx.close();
  }
}

if (require.main === module) runCli(main);
