import { AuditService } from '../modules/audit/service/audit.service';
import type { VerifyResult } from '../modules/audit/service/audit-chain';
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
    const { exitCode, message } = verifyReport(await audit.verify());
    (exitCode === 0 ? console.warn : console.error)(message);
    return exitCode;
  } finally {
    await ctx.close();
  }
}

/** The command's answer: exit code and the line it prints. */
export function verifyReport(result: VerifyResult): { exitCode: 0 | 1; message: string } {
  if (result.ok) {
    return { exitCode: 0, message: `audit trail intact: ${result.records} records, anchored up to #${result.anchoredSeq}` };
  }
  return {
    exitCode: 1,
    message: `audit trail BROKEN at record #${result.firstBadSeq}: ${result.reason} (${result.records} records verified before it)`,
  };
}

if (require.main === module) runCli(main);
