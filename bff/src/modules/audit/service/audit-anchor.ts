import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'fs';
import { dirname } from 'path';
import type { AnchorEntry } from './audit-chain';

/**
 * The chain head, anchored outside the database after every append: an append-only log file that
 * the database's users cannot rewrite. Operations ships it off the host with the system logs
 * (docs/operations.md), which is where an attacker with database access cannot reach.
 */
export class FileAuditAnchor {
  constructor(private readonly file: string) {}

  append(entry: AnchorEntry): void {
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { flag: 'a' });
  }

  readAll(): AnchorEntry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AnchorEntry);
  }
}
