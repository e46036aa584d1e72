/**
 * Reading a saved audit export (audit-export.format.ts) line by line, each line parsed with zod.
 * A file that is not a complete, well-formed export throws `AuditExportFileError` (a line number
 * and a reason, never a value from the file). The export's own hash chain is re-checked while
 * reading; only each entry's seq and hash are kept, so memory grows by about 150 bytes an entry.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AUDIT_GENESIS_HASH } from '../storage/index.js';
import { entryHash } from './audit-chain.js';
import {
  exportRecordSchema,
  type ExportCheckpoint,
  type ExportEnd,
  type ExportEntry,
  type ExportHeader,
} from './audit-export.format.js';

export class AuditExportFileError extends Error {
  override readonly name = 'AuditExportFileError';
}

export interface ExportedEntryRef {
  readonly seq: number;
  readonly hash: string;
}

/** Where the export's own chain does not hold: an entry not matching its hash, or a broken link. */
export interface ExportChainBreak {
  readonly seq: number;
  readonly reason: 'content' | 'link';
}

export interface ParsedAuditExport {
  readonly header: ExportHeader;
  readonly entries: readonly ExportedEntryRef[];
  readonly checkpoints: readonly ExportCheckpoint[];
  readonly end: ExportEnd;
  readonly chainBreaks: readonly ExportChainBreak[];
}

class ExportParser {
  header: ExportHeader | undefined;
  end: ExportEnd | undefined;
  readonly entries: ExportedEntryRef[] = [];
  readonly checkpoints: ExportCheckpoint[] = [];
  readonly chainBreaks: ExportChainBreak[] = [];
  line = 0;

  fail(reason: string): never {
    throw new AuditExportFileError(`line ${this.line}: ${reason}`);
  }

  accept(text: string): void {
    this.line += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.fail('not a JSON object');
    }
    const parsed = exportRecordSchema.safeParse(value);
    if (!parsed.success) {
      const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
      this.fail(`not a valid export record (${paths.join(', ') || 'record'})`);
    }
    const record = parsed.data;
    if (this.end !== undefined) this.fail('nothing may follow the end record');
    if ((record.record === 'header') !== (this.line === 1)) {
      this.fail(this.line === 1 ? 'the file must start with the header' : 'a second header');
    }
    switch (record.record) {
      case 'header':
        this.header = record;
        break;
      case 'entry':
        this.entry(record);
        break;
      case 'checkpoint':
        if (record.seq <= (this.checkpoints.at(-1)?.seq ?? 0))
          this.fail('checkpoints out of order');
        this.checkpoints.push(record);
        break;
      case 'end':
        this.end = record;
        break;
    }
  }

  entry(record: ExportEntry): void {
    if (this.checkpoints.length > 0) this.fail('an entry after the checkpoints');
    const previous = this.entries.at(-1);
    if (record.seq <= (previous?.seq ?? 0)) this.fail('entries out of order');
    if (entryHash(record.prev_hash, record) !== record.hash) {
      this.chainBreaks.push({ seq: record.seq, reason: 'content' });
    }
    const follows =
      previous === undefined
        ? record.seq === 1 && record.prev_hash === AUDIT_GENESIS_HASH
        : record.seq === previous.seq + 1 && record.prev_hash === previous.hash;
    if (!follows) this.chainBreaks.push({ seq: record.seq, reason: 'link' });
    this.entries.push({ seq: record.seq, hash: record.hash });
  }

  finish(): ParsedAuditExport {
    const { header, end, entries, checkpoints } = this;
    if (header === undefined) throw new AuditExportFileError('the file is empty');
    if (end === undefined) {
      throw new AuditExportFileError('the file ends without its end record (cut short?)');
    }
    const last = entries.at(-1);
    if (
      end.entries !== entries.length ||
      end.checkpoints !== checkpoints.length ||
      end.lastSeq !== (last?.seq ?? null) ||
      end.lastHash !== (last?.hash ?? null)
    ) {
      throw new AuditExportFileError('the end record does not match the entries and checkpoints');
    }
    return { header, end, entries, checkpoints, chainBreaks: this.chainBreaks };
  }
}

function errnoCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : 'EIO';
}

/** Reads and checks the export at `file`; throws AuditExportFileError if it is not one. */
export async function readAuditExport(file: string): Promise<ParsedAuditExport> {
  const parser = new ExportParser();
  const input = createReadStream(file);
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) parser.accept(line);
  } catch (error) {
    if (error instanceof AuditExportFileError) throw error;
    throw new AuditExportFileError(`cannot read the file (${errnoCode(error)})`);
  } finally {
    input.destroy();
  }
  return parser.finish();
}
