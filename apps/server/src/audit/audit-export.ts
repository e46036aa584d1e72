/**
 * Writing the full audit export (entries, checkpoints, public keys; format in
 * audit-export.format.ts) for an auditor to keep. The file appears atomically: it is written to
 * a temporary file beside the target (mode 0600), synced, then renamed; an existing file is never
 * overwritten (a kept export is evidence). Nothing is printed: entries hold ids only, but they
 * belong in the file, not in a terminal or a log.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import { readHead } from './audit-append.js';
import {
  chainDescription,
  exportedCheckpoint,
  exportedPublicKeys,
  signatureDescription,
} from './audit-checkpoints.js';
import { AUDIT_EXPORT_TYPE, entryRecord, type ExportRecord } from './audit-export.format.js';
import type { SigningKeyProvider } from './signing-key.provider.js';

export interface AuditExportSummary {
  /** Absolute path of the written file. */
  readonly file: string;
  readonly entries: number;
  readonly lastSeq: number | null;
  readonly checkpoints: number;
  readonly publicKeys: number;
}

export interface WriteAuditExportOptions {
  readonly db: Kysely<Database>;
  readonly signingKeys: SigningKeyProvider;
  /** The target path; must not exist yet. */
  readonly file: string;
  /** Epoch milliseconds, stamped as `exportedAt`. */
  readonly now: number;
  readonly pageSize?: number;
  /**
   * Runs once the temporary file is complete, before it takes its name (record the audit entry
   * here): if it throws, the temporary file is removed and no export appears.
   */
  readonly beforePublish?: (summary: AuditExportSummary) => Promise<void>;
}

/** The export's records, streamed from the database: entries up to the head read at the start. */
export async function* auditExportRecords(
  db: Kysely<Database>,
  signingKeys: SigningKeyProvider,
  now: number,
  pageSize = 1000,
): AsyncGenerator<ExportRecord, void, undefined> {
  const head = await readHead(db);
  const headSeq = head?.seq ?? 0;
  yield {
    record: 'header',
    type: AUDIT_EXPORT_TYPE,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    chain: chainDescription(),
    signature: signatureDescription(),
    publicKeys: exportedPublicKeys(await signingKeys.publicKeys()),
  };
  let entries = 0;
  let last: { seq: number; hash: string } | undefined;
  for (;;) {
    const page = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>', last?.seq ?? 0)
      .where('seq', '<=', headSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) yield entryRecord(row);
    entries += page.length;
    last = page.at(-1) ?? last;
    if (page.length < pageSize) break;
  }
  const checkpoints = await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('seq', '<=', headSeq)
    .orderBy('seq')
    .execute();
  for (const checkpoint of checkpoints) {
    yield { record: 'checkpoint', ...exportedCheckpoint(checkpoint) };
  }
  yield {
    record: 'end',
    entries,
    checkpoints: checkpoints.length,
    lastSeq: last?.seq ?? null,
    lastHash: last?.hash ?? null,
  };
}

/** An `EEXIST` error like the one `open(…, 'wx')` throws. */
function alreadyExists(): NodeJS.ErrnoException {
  return Object.assign(new Error('the export file already exists'), { code: 'EEXIST' });
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

const FLUSH_AT = 1 << 20;

/** Writes the export to `options.file` atomically (temp file, fsync, rename); mode 0600. */
export async function writeAuditExport(
  options: WriteAuditExportOptions,
): Promise<AuditExportSummary> {
  const file = resolve(options.file);
  if (await exists(file)) throw alreadyExists();
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  let summary: AuditExportSummary | undefined;
  try {
    try {
      await handle.chmod(0o600); // whatever the umask
      let buffered = '';
      let publicKeys = 0;
      const records = auditExportRecords(
        options.db,
        options.signingKeys,
        options.now,
        options.pageSize,
      );
      for await (const record of records) {
        buffered += `${JSON.stringify(record)}\n`;
        if (buffered.length >= FLUSH_AT) {
          await handle.write(buffered);
          buffered = '';
        }
        if (record.record === 'header') publicKeys = record.publicKeys.length;
        if (record.record === 'end') {
          const { entries, lastSeq, checkpoints } = record;
          summary = { file, entries, lastSeq, checkpoints, publicKeys };
        }
      }
      await handle.write(buffered);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (summary === undefined) throw new Error('the export ended without its end record');
    await options.beforePublish?.(summary);
    if (await exists(file)) throw alreadyExists();
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(file));
  return summary;
}

/** Makes the rename durable; some file systems refuse to open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
