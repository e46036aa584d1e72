/**
 * `audit verify` (the audit module's `runAuditVerify`: exit 0 clean, 1 tampered, 2 could not
 * run; the result is itself recorded) and `audit checkpoint` (signs the current head).
 */
import {
  AUDIT_VERIFY_EXIT,
  AuditAction,
  AuditTargetType,
  runAuditVerify,
} from '../../audit/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import type { Command } from '../cli-command.js';
import { CliExit, writeLine } from '../cli-io.js';

export const auditVerify: Command = {
  name: 'audit verify',
  synopsis: '',
  options: {},
  run: async ({ context, stdout }) => {
    const code = await runAuditVerify({
      db: context.db,
      publicKeys: await context.signingKeys.publicKeys(),
      out: (line) => {
        writeLine(stdout, line);
      },
    });
    if (code === AUDIT_VERIFY_EXIT.ERROR) return code;
    const tampered = code === AUDIT_VERIFY_EXIT.TAMPERED;
    await context.audit.record({
      actor: CLI_ACTOR,
      action: AuditAction.AUDIT_VERIFY,
      target: { type: AuditTargetType.AUDIT_TRAIL, id: 'audit-entries' },
      outcome: tampered ? 'failure' : 'success',
      reasonCode: tampered ? 'AUDIT_TAMPERED' : null,
      requestId: context.requestId,
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
