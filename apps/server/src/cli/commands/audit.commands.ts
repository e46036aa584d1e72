/**
 * `audit verify [--against <file>]` (the audit module's `runAuditVerify`: exit 0 clean,
 * 1 tampered, 2 could not run; the result is itself recorded), `audit checkpoint` (signs the
 * current head) and `audit export --out <file>` (the whole trail for an auditor to keep).
 */
import { resolve } from 'node:path';
import {
  AUDIT_VERIFY_EXIT,
  AuditAction,
  AuditTargetType,
  runAuditVerify,
  writeAuditExport,
  type AuditEntryInput,
  type AuditExportSummary,
} from '../../audit/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import { optionalString, requiredString, type Command } from '../cli-command.js';
import { CliExit, writeLine } from '../cli-io.js';

const TRAIL_TARGET = { type: AuditTargetType.AUDIT_TRAIL, id: 'audit-entries' } as const;

export const auditVerify: Command = {
  name: 'audit verify',
  synopsis: '[--against <export file>]',
  options: { against: { type: 'string' } },
  run: async ({ context, values, stdout }) => {
    const against = optionalString(values, 'against');
    const code = await runAuditVerify({
      db: context.db,
      publicKeys: await context.signingKeys.publicKeys(),
      out: (line) => {
        writeLine(stdout, line);
      },
      ...(against === undefined ? {} : { against: resolve(against) }),
    });
    if (code === AUDIT_VERIFY_EXIT.ERROR) return code;
    const tampered = code === AUDIT_VERIFY_EXIT.TAMPERED;
    await context.audit.record({
      actor: CLI_ACTOR,
      action: AuditAction.AUDIT_VERIFY,
      target: TRAIL_TARGET,
      outcome: tampered ? 'failure' : 'success',
      reasonCode: tampered ? 'AUDIT_TAMPERED' : null,
      requestId: context.requestId,
      details: { againstExport: against !== undefined },
    });
    return code;
  },
};

export const auditCheckpoint: Command = {
  name: 'audit checkpoint',
  synopsis: '',
  options: {},
  run: async ({ context, stdout }) => {
    const checkpoint = await context.audit.checkpoint();
    writeLine(
      stdout,
      checkpoint === undefined
        ? 'audit trail is empty: nothing to sign'
        : `checkpoint at seq ${String(checkpoint.seq)} signed with key ${checkpoint.key_id}`,
    );
    return CliExit.OK;
  },
};

/** A file-system error code (`ENOENT`, `EEXIST`, `EACCES`…), which is safe to print and record. */
function fileErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]{2,30}$/.test(code) ? code : undefined;
}

function describeExport(summary: AuditExportSummary): string {
  const last = summary.lastSeq === null ? 'none' : String(summary.lastSeq);
  return `audit export: ${String(summary.entries)} entries (last seq ${last}), ${String(summary.checkpoints)} checkpoints, ${String(summary.publicKeys)} public key(s) written to ${summary.file}`;
}

export const auditExport: Command = {
  name: 'audit export',
  synopsis: '--out <file>',
  options: { out: { type: 'string' } },
  check: (values) => {
    requiredString(values, 'out');
  },
  run: async ({ context, values, stdout, stderr }) => {
    const file = resolve(requiredString(values, 'out'));
    const entry: AuditEntryInput = {
      actor: CLI_ACTOR,
      action: AuditAction.AUDIT_EXPORT,
      target: TRAIL_TARGET,
      outcome: 'success',
      requestId: context.requestId,
    };
    let summary: AuditExportSummary;
    try {
      summary = await writeAuditExport({
        db: context.db,
        signingKeys: context.signingKeys,
        file,
        now: context.clock(),
        // No entry, no file: the export takes its name only once its entry is committed.
        beforePublish: async ({ entries, checkpoints, lastSeq }) => {
          await context.audit.record({ ...entry, details: { entries, checkpoints, lastSeq } });
        },
      });
    } catch (error) {
      const code = fileErrorCode(error);
      if (code === undefined) throw error; // the audit entry or the database: a code via run-cli
      await context.audit.record({ ...entry, outcome: 'failure', reasonCode: code });
      const hint = code === 'EEXIST' ? ': it exists; an export is never overwritten' : '';
      writeLine(stderr, `audit export: cannot write ${file} (${code})${hint}`);
      return CliExit.FAILED;
    }
    writeLine(stdout, describeExport(summary));
    return CliExit.OK;
  },
};
