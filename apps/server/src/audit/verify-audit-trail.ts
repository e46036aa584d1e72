/**
 * Walks the chain and the checkpoints and says precisely what is wrong. Reads in pages, keeps
 * only anomalies in memory, and looks a hash up in the database (unique index) only where a link
 * is broken, so a clean trail of any length costs one hash per entry.
 *
 * How each tampering shows (seq = position in the table, "original seq" = the seq an entry's
 * hash was computed with, recovered from its neighbours):
 * - modified: the entry's hash does not match its content at any plausible seq; or the entry
 *   was rewritten with a recomputed hash, so its successor follows a hash that exists nowhere.
 * - deleted: a gap in seq; or (renumbered to hide it) a gap in original seqs across a broken link.
 * - inserted: an entry follows an earlier one, skipping entries that sit at their own position.
 * - reordered: an entry follows a later one, or skips entries that were only moved.
 * - truncated: a checkpoint signs an entry beyond the last one.
 * - checkpoint-mismatch: the entry at a checkpoint's seq is not the one signed (the chain was
 *   rebuilt with recomputed hashes); bad-signature / unknown-key: the checkpoint itself.
 */
import type { Kysely } from 'kysely';
import { AUDIT_GENESIS_HASH, type Database } from '../storage/index.js';
import { entryHash, type StoredAuditEntry } from './audit-chain.js';
import {
  checkpointSignatureValid,
  publicKeyMap,
  type StoredCheckpoint,
} from './audit-checkpoints.js';
import type { AuditPublicKey } from './signing-key.provider.js';

export const AUDIT_FINDING_KINDS = [
  'modified',
  'deleted',
  'inserted',
  'reordered',
  'truncated',
  'checkpoint-mismatch',
  'bad-signature',
  'unknown-key',
] as const;
export type AuditFindingKind = (typeof AUDIT_FINDING_KINDS)[number];

export interface AuditFinding {
  readonly kind: AuditFindingKind;
  /** Where it shows (a position in the table, or a checkpoint's seq). */
  readonly seq: number;
  /** Ids, seqs and hash prefixes only. */
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly lastSeq: number | null;
  readonly checkpoints: number;
  readonly lastCheckpointSeq: number | null;
  readonly findings: readonly AuditFinding[];
  /** Findings beyond `maxFindings`, counted but not listed. */
  readonly omittedFindings: number;
}

export interface VerifyOptions {
  readonly pageSize?: number;
  readonly maxFindings?: number;
}

type Status = 'moved' | 'modified';
interface Link {
  readonly seq: number;
  readonly hash: string;
  readonly orig: number;
}

const WINDOW = 8;
const short = (hash: string) => `${hash.slice(0, 12)}…`;

class Walk {
  readonly findings: AuditFinding[] = [];
  omitted = 0;
  readonly statusAt = new Map<number, Status>();
  readonly origByHash = new Map<string, number>();
  prev: Link | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxFindings: number,
  ) {}

  add(kind: AuditFindingKind, seq: number, message: string): void {
    if (this.findings.length < this.maxFindings) this.findings.push({ kind, seq, message });
    else this.omitted += 1;
  }

  /** Where the entry with `hash` is now, and the seq it was written with. */
  async locate(hash: string): Promise<{ seq: number; orig: number } | undefined> {
    if (hash === AUDIT_GENESIS_HASH) return { seq: 0, orig: 0 };
    const row = await this.db
      .selectFrom('audit_entries')
      .select('seq')
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row && { seq: row.seq, orig: this.origByHash.get(hash) ?? row.seq };
  }

  /** The seq the entry's hash was computed with, if any plausible one matches. */
  async originalSeq(row: StoredAuditEntry): Promise<number | undefined> {
    const matches = (seq: number) => entryHash(row.prev_hash, { ...row, seq }) === row.hash;
    if (matches(row.seq)) return row.seq;
    const candidates = new Set<number>();
    const prev = this.prev;
    if (prev?.hash === row.prev_hash) candidates.add(prev.orig + 1);
    const before = await this.locate(row.prev_hash);
    if (before !== undefined) candidates.add(before.orig + 1);
    for (let d = 1; d <= WINDOW; d += 1) candidates.add(row.seq - d).add(row.seq + d);
    return [...candidates].find((seq) => seq >= 1 && matches(seq));
  }

  async visit(row: StoredAuditEntry): Promise<void> {
    const p = row.seq;
    const found = await this.originalSeq(row);
    const orig = found ?? p;
    if (found === undefined) {
      this.statusAt.set(p, 'modified');
      this.add('modified', p, `entry ${p} does not match its hash ${short(row.hash)}`);
    } else if (found !== p) {
      this.statusAt.set(p, 'moved');
      this.origByHash.set(row.hash, found);
    }
    const expected = (this.prev?.seq ?? 0) + 1;
    const gap = p > expected;
    if (gap) {
      const range = p - 1 === expected ? `${expected}` : `${expected}..${p - 1}`;
      this.add('deleted', expected, `no entry at seq ${range}`);
    }
    if (row.prev_hash !== (this.prev?.hash ?? AUDIT_GENESIS_HASH)) {
      await this.brokenLink(row, orig, gap);
    }
    this.prev = { seq: p, hash: row.hash, orig };
  }

  private async brokenLink(row: StoredAuditEntry, orig: number, gap: boolean): Promise<void> {
    const p = row.seq;
    const prevSeq = this.prev?.seq ?? 0;
    const before = await this.locate(row.prev_hash);
    if (before === undefined) {
      if (gap) return; // the deletion explains it
      const prevOrig = this.prev?.orig ?? 0;
      if (orig - 1 > prevOrig) {
        this.add(
          'deleted',
          p,
          `entries first written as seq ${prevOrig + 1}..${orig - 1} are missing before seq ${p} (later entries renumbered)`,
        );
      } else {
        this.add(
          'modified',
          prevSeq,
          `entry ${prevSeq} was replaced: entry ${p} follows ${short(row.prev_hash)}, which is nowhere in the trail`,
        );
      }
      return;
    }
    if (before.seq > p) {
      this.add('reordered', p, `entry ${p} follows entry ${before.seq}, which comes after it`);
      return;
    }
    if (gap && before.seq === prevSeq) return;
    let onlyMoved = prevSeq - before.seq <= 10_000;
    for (let s = before.seq + 1; onlyMoved && s <= prevSeq; s += 1) {
      onlyMoved = this.statusAt.get(s) === 'moved';
    }
    if (onlyMoved) {
      this.add(
        'reordered',
        p,
        `entry ${p} follows entry ${before.seq}; entries ${before.seq + 1}..${prevSeq} were moved`,
      );
    } else {
      const range = before.seq + 1 === prevSeq ? `${prevSeq}` : `${before.seq + 1}..${prevSeq}`;
      this.add(
        'inserted',
        before.seq + 1,
        `entry ${p} follows entry ${before.seq}: seq ${range} not part of the chain`,
      );
    }
  }
}

function checkSignatures(
  walk: Walk,
  checkpoints: readonly StoredCheckpoint[],
  keys: ReadonlyMap<string, Uint8Array>,
): void {
  for (const checkpoint of checkpoints) {
    if (!keys.has(checkpoint.key_id)) {
      walk.add(
        'unknown-key',
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} is signed with unknown key ${checkpoint.key_id}`,
      );
    } else if (!checkpointSignatureValid(checkpoint, keys)) {
      walk.add(
        'bad-signature',
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} has an invalid signature`,
      );
    }
  }
}

async function checkCheckpointHeads(
  walk: Walk,
  checkpoints: readonly StoredCheckpoint[],
  hashAt: ReadonlyMap<number, string>,
  lastSeq: number,
): Promise<void> {
  for (const checkpoint of checkpoints) {
    const hash = hashAt.get(checkpoint.seq);
    if (hash === checkpoint.hash) continue;
    const now = await walk.locate(checkpoint.hash);
    if (now !== undefined) {
      walk.add(
        'checkpoint-mismatch',
        checkpoint.seq,
        `the entry signed at seq ${checkpoint.seq} is now at seq ${now.seq}`,
      );
    } else if (checkpoint.seq > lastSeq) {
      walk.add(
        'truncated',
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} signs an entry beyond the last one (${lastSeq}): entries ${lastSeq + 1}..${checkpoint.seq} were removed`,
      );
    } else if (hash !== undefined) {
      walk.add(
        'checkpoint-mismatch',
        checkpoint.seq,
        `entry ${checkpoint.seq} is not the entry checkpoint ${checkpoint.seq} signed: the chain up to it was rewritten`,
      );
    }
  }
}

/** Verifies the whole trail against the given public keys (every key id ever used). */
export async function verifyAuditTrail(
  db: Kysely<Database>,
  publicKeys: readonly AuditPublicKey[],
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  const walk = new Walk(db, options.maxFindings ?? 1000);
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  const signedSeqs = new Set(checkpoints.map((checkpoint) => checkpoint.seq));
  const hashAt = new Map<number, string>();
  checkSignatures(walk, checkpoints, publicKeyMap(publicKeys));
  let entries = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>', walk.prev?.seq ?? 0)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      await walk.visit(row);
      if (signedSeqs.has(row.seq)) hashAt.set(row.seq, row.hash);
    }
    entries += page.length;
    if (page.length < pageSize) break;
  }
  const lastSeq = walk.prev?.seq ?? 0;
  await checkCheckpointHeads(walk, checkpoints, hashAt, lastSeq);
  return {
    ok: walk.findings.length === 0 && walk.omitted === 0,
    entries,
    lastSeq: walk.prev?.seq ?? null,
    checkpoints: checkpoints.length,
    lastCheckpointSeq: checkpoints.at(-1)?.seq ?? null,
    findings: walk.findings,
    omittedFindings: walk.omitted,
  };
}
