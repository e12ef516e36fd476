import { createHmac } from 'crypto';

/** The fields of an audit record that the chain protects, in the order they are hashed. */
export interface ChainedFields {
  seq: number;
  at: Date;
  category: string;
  action: string;
  actorId: number | null;
  actorName: string | null;
  orgId: number | null;
  orgPath: string | null;
  targetType: string | null;
  targetId: string | null;
  result: string;
  sourceIp: string | null;
  requestId: string | null;
  detail: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * hash(n) = HMAC-SHA256(key, hash(n-1) ‖ canonical(record n)). Without the key (kept outside the
 * database) nobody can write a record, or change one, that the next link still accepts.
 */
export function chainHash(key: Buffer, prevHash: string, r: ChainedFields): string {
  const canonical = JSON.stringify([
    Number(r.seq), new Date(r.at).toISOString(), r.category, r.action, r.actorId ?? null, r.actorName ?? null,
    r.orgId ?? null, r.orgPath ?? null, r.targetType ?? null, r.targetId ?? null, r.result,
    r.sourceIp ?? null, r.requestId ?? null, r.detail ?? null,
  ]);
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface AnchorEntry {
  seq: number;
  hash: string;
  at: string;
}

export type VerifyResult =
  | { ok: true; records: number; anchoredSeq: number }
  | { ok: false; records: number; firstBadSeq: number; reason: string };

/**
 * Walks the records in seq order and checks every link, then that the newest anchored head still
 * stands in the database (so deleting the newest records is found too).
 */
export async function verifyChain(
  key: Buffer,
  readBatch: (afterSeq: number, limit: number) => Promise<(ChainedFields & { prevHash: string; hash: string })[]>,
  anchors: AnchorEntry[],
  head: { seq: number; hash: string } | null,
): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  const anchorBySeq = new Map(anchors.map((a) => [Number(a.seq), a.hash]));
  for (;;) {
    const batch = await readBatch(expectedSeq - 1, 1000);
    if (!batch.length) break;
    for (const r of batch) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        return { ok: false, records: count, firstBadSeq: expectedSeq, reason: `record ${expectedSeq} is missing (next present is ${seq})` };
      }
      if (r.prevHash !== prev) return { ok: false, records: count, firstBadSeq: seq, reason: `record ${seq} does not link to record ${seq - 1}` };
      const hash = chainHash(key, prev, r);
      if (hash !== r.hash) return { ok: false, records: count, firstBadSeq: seq, reason: `record ${seq} was altered (HMAC mismatch)` };
      const anchored = anchorBySeq.get(seq);
      if (anchored && anchored !== hash) return { ok: false, records: count, firstBadSeq: seq, reason: `record ${seq} differs from its anchored hash` };
      prev = hash;
      expectedSeq++;
      count++;
    }
  }
  const lastSeq = expectedSeq - 1;
  const anchoredSeq = anchors.reduce((m, a) => Math.max(m, Number(a.seq)), 0);
  if (anchoredSeq > lastSeq) {
    return { ok: false, records: count, firstBadSeq: lastSeq + 1, reason: `records ${lastSeq + 1}…${anchoredSeq} were anchored but are gone from the database` };
  }
  if (head && (Number(head.seq) !== lastSeq || (lastSeq > 0 && head.hash !== prev))) {
    return { ok: false, records: count, firstBadSeq: Math.min(Number(head.seq), lastSeq) + 1, reason: `chain head (seq ${head.seq}) does not match the newest record (seq ${lastSeq})` };
  }
  return { ok: true, records: count, anchoredSeq };
}
