/**
 * Compares the live trail with a saved export (audit-export-reader.ts). The export is what an
 * auditor holds, so anything it contains must still be in the trail, unchanged and in place:
 *
 * - deleted: an exported entry is gone (a gap, or later entries renumbered into its place);
 * - modified: the entry at an exported seq is not the exported one (content or hash changed);
 * - reordered: an exported entry sits at another seq, content unchanged;
 * - truncated: the trail ends before the export does;
 * - checkpoint-deleted / checkpoint-modified: an exported checkpoint is gone or differs.
 *
 * And the export must be authentic: its checkpoints are verified with the server's public keys
 * (never the keys listed in the file, which whoever edits the file can replace):
 * export-bad-signature, export-unknown-key; export-checkpoint-mismatch (a checkpoint does not
 * sign the exported entry at its seq); export-chain-broken (the export's own chain does not
 * hold: the file, or the trail it was taken from, was altered).
 *
 * Pages through the exported seqs; a hash is looked up only where something is off, so a clean
 * comparison costs one indexed range read per page.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import { readHead } from './audit-append.js';
import { checkpointMessage, entryHash, type StoredAuditEntry } from './audit-chain.js';
import { checkpointSignatureValid, publicKeyMap } from './audit-checkpoints.js';
import type { ExportCheckpoint } from './audit-export.format.js';
import type { ExportedEntryRef, ParsedAuditExport } from './audit-export-reader.js';
import type { AuditPublicKey } from './signing-key.provider.js';

export const EXPORT_FINDING_KINDS = [
  'deleted',
  'modified',
  'reordered',
  'truncated',
  'checkpoint-deleted',
  'checkpoint-modified',
  'export-chain-broken',
  'export-bad-signature',
  'export-unknown-key',
  'export-checkpoint-mismatch',
] as const;
export type ExportFindingKind = (typeof EXPORT_FINDING_KINDS)[number];

export interface ExportFinding {
  readonly kind: ExportFindingKind;
  /** The exported seq it concerns (an entry's or a checkpoint's). */
  readonly seq: number;
  /** Seqs, key ids and counts only. */
  readonly message: string;
}

export interface ExportComparison {
  readonly ok: boolean;
  readonly exportedAt: string;
  /** Entries, last seq and checkpoints in the export. */
  readonly entries: number;
  readonly lastSeq: number | null;
  readonly checkpoints: number;
  readonly findings: readonly ExportFinding[];
  readonly omittedFindings: number;
}

export interface CompareOptions {
  readonly pageSize?: number;
  readonly maxFindings?: number;
}

type EntryKind = 'deleted' | 'modified' | 'reordered' | 'truncated';

/** Consecutive exported seqs with the same finding (and, when moved, the same shift). */
interface Run {
  readonly kind: EntryKind;
  readonly from: number;
  to: number;
  /** reordered: where `from` is now. */
  readonly now: number;
}

const range = (from: number, to: number): string => (from === to ? `${from}` : `${from}..${to}`);

class Findings {
  readonly list: ExportFinding[] = [];
  omitted = 0;
  private run: Run | undefined;

  constructor(
    private readonly max: number,
    private readonly liveLastSeq: number,
  ) {}

  add(kind: ExportFindingKind, seq: number, message: string): void {
    if (this.list.length < this.max) this.list.push({ kind, seq, message });
    else this.omitted += 1;
  }

  /** An entry-level finding; runs of them become one finding. */
  entry(kind: EntryKind, seq: number, now = seq): void {
    const run = this.run;
    if (run?.kind === kind && seq === run.to + 1 && now - seq === run.now - run.from) {
      run.to = seq;
      return;
    }
    this.flush();
    this.run = { kind, from: seq, to: seq, now };
  }

  flush(): void {
    const run = this.run;
    if (run === undefined) return;
    this.run = undefined;
    const { kind, from, to } = run;
    const many = from !== to;
    const messages: Record<EntryKind, string> = {
      deleted: `exported ${many ? 'entries' : 'entry'} ${range(from, to)} ${many ? 'are' : 'is'} missing from the trail`,
      modified: `the ${many ? 'entries' : 'entry'} at seq ${range(from, to)} ${many ? 'differ' : 'differs'} from the export`,
      reordered: `exported ${many ? 'entries' : 'entry'} ${range(from, to)} ${many ? 'are' : 'is'} now at seq ${range(run.now, run.now + to - from)}`,
      truncated: `the trail ends at seq ${this.liveLastSeq}: exported entries ${range(from, to)} were removed`,
    };
    this.add(kind, from, messages[kind]);
  }
}

class Comparison {
  readonly exportedSeqByHash: ReadonlyMap<string, number>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly findings: Findings,
    private readonly liveLastSeq: number,
    exported: ParsedAuditExport,
  ) {
    this.exportedSeqByHash = new Map(exported.entries.map((entry) => [entry.hash, entry.seq]));
  }

  async page(refs: readonly ExportedEntryRef[]): Promise<void> {
    const first = refs[0];
    const last = refs.at(-1);
    if (first === undefined || last === undefined) return;
    const rows = await this.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>=', first.seq)
      .where('seq', '<=', last.seq)
      .execute();
    const live = new Map(rows.map((row) => [row.seq, row]));
    for (const ref of refs) await this.entry(ref, live.get(ref.seq));
  }

  private async entry(ref: ExportedEntryRef, live: StoredAuditEntry | undefined): Promise<void> {
    const { seq, hash } = ref;
    if (live?.hash === hash) {
      // Same hash column: the content must still produce it.
      if (entryHash(live.prev_hash, live) !== hash) this.findings.entry('modified', seq);
      return;
    }
    const moved = await this.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
    if (moved !== undefined) {
      const intact = entryHash(moved.prev_hash, { ...moved, seq }) === hash;
      if (intact) this.findings.entry('reordered', seq, moved.seq);
      else this.findings.entry('modified', seq);
    } else if (seq > this.liveLastSeq) {
      this.findings.entry('truncated', seq);
    } else if (live === undefined || this.exportedSeqByHash.has(live.hash)) {
      this.findings.entry('deleted', seq); // a gap, or another exported entry moved in
    } else {
      this.findings.entry('modified', seq);
    }
  }
}

/** Checks the export's checkpoints; returns those that are authentic (signed by our keys). */
function checkExportCheckpoints(
  findings: Findings,
  exported: ParsedAuditExport,
  keys: ReadonlyMap<string, Uint8Array>,
): ExportCheckpoint[] {
  const hashAt = new Map(exported.entries.map((entry) => [entry.seq, entry.hash]));
  const authentic: ExportCheckpoint[] = [];
  for (const checkpoint of exported.checkpoints) {
    const { seq, keyId } = checkpoint;
    if (!keys.has(keyId)) {
      findings.add(
        'export-unknown-key',
        seq,
        `export checkpoint ${seq} names key ${keyId}, which is not one of the server's`,
      );
    } else if (
      checkpoint.message !== checkpointMessage(checkpoint) ||
      !checkpointSignatureValid({ ...checkpoint, key_id: keyId }, keys)
    ) {
      findings.add(
        'export-bad-signature',
        seq,
        `export checkpoint ${seq} has an invalid signature`,
      );
    } else {
      authentic.push(checkpoint);
    }
    if (hashAt.get(seq) !== checkpoint.hash) {
      findings.add(
        'export-checkpoint-mismatch',
        seq,
        `export checkpoint ${seq} does not sign the exported entry ${seq}`,
      );
    }
  }
  return authentic;
}

/** Every authentic exported checkpoint must still be in the trail, unchanged. */
async function checkLiveCheckpoints(
  db: Kysely<Database>,
  findings: Findings,
  exported: readonly ExportCheckpoint[],
): Promise<void> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().execute();
  const live = new Map(rows.map((row) => [row.seq, row]));
  for (const checkpoint of exported) {
    const row = live.get(checkpoint.seq);
    if (row === undefined) {
      findings.add(
        'checkpoint-deleted',
        checkpoint.seq,
        `exported checkpoint ${checkpoint.seq} is missing from the trail`,
      );
    } else if (
      row.hash !== checkpoint.hash ||
      row.signature !== checkpoint.signature ||
      row.key_id !== checkpoint.keyId ||
      row.at !== checkpoint.at
    ) {
      findings.add(
        'checkpoint-modified',
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} differs from the exported one`,
      );
    }
  }
}

/** Compares the trail in `db` with `exported`; `publicKeys`: every key the server ever used. */
export async function compareWithExport(
  db: Kysely<Database>,
  exported: ParsedAuditExport,
  publicKeys: readonly AuditPublicKey[],
  options: CompareOptions = {},
): Promise<ExportComparison> {
  const pageSize = options.pageSize ?? 1000;
  const liveLastSeq = (await readHead(db))?.seq ?? 0;
  const findings = new Findings(options.maxFindings ?? 1000, liveLastSeq);
  for (const { seq, reason } of exported.chainBreaks) {
    findings.add(
      'export-chain-broken',
      seq,
      reason === 'content'
        ? `exported entry ${seq} does not match its own hash`
        : `exported entry ${seq} does not follow the exported entry before it`,
    );
  }
  const authentic = checkExportCheckpoints(findings, exported, publicKeyMap(publicKeys));
  const comparison = new Comparison(db, findings, liveLastSeq, exported);
  for (let start = 0; start < exported.entries.length; start += pageSize) {
    await comparison.page(exported.entries.slice(start, start + pageSize));
  }
  findings.flush();
  await checkLiveCheckpoints(db, findings, authentic);
  return {
    ok: findings.list.length === 0 && findings.omitted === 0,
    exportedAt: exported.header.exportedAt,
    entries: exported.entries.length,
    lastSeq: exported.end.lastSeq,
    checkpoints: exported.checkpoints.length,
    findings: findings.list,
    omittedFindings: findings.omitted,
  };
}
