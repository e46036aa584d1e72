/**
 * `keys rotate --name <…>`: a new current version of a generated secret; earlier versions stay
 * readable (rows sealed and checkpoints signed under them still open and verify). Prints the
 * new version id, never the key. A running server picks the new version up when it restarts.
 */
import { AuditAction, AuditTargetType } from '../../audit/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import { oneOf, type Command } from '../cli-command.js';
import { CliExit, writeLine } from '../cli-io.js';

export const ROTATABLE_KEYS = ['masterKey', 'auditSigningKey', 'csrfKey', 'sealerKey'] as const;

export const keysRotate: Command = {
  name: 'keys rotate',
  synopsis: `--name <${ROTATABLE_KEYS.join('|')}>`,
  options: { name: { type: 'string' } },
  check: (values) => void oneOf(values, 'name', ROTATABLE_KEYS),
  run: async ({ context, values, stdout }) => {
    const name = oneOf(values, 'name', ROTATABLE_KEYS);
    const entry = {
      actor: CLI_ACTOR,
      action: AuditAction.KEY_ROTATE,
      target: { type: AuditTargetType.KEY, id: name },
      outcome: 'success',
      requestId: context.requestId,
    } as const;
    const versionId = await context.audit.withAudit(entry, () => context.secrets.rotate(name));
    writeLine(stdout, `key ${name} rotated: current version ${versionId}`);
    return CliExit.OK;
  },
};
