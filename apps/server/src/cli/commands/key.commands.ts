/**
 * `keys rotate --name <…>`: a new current version of a generated secret; earlier versions stay
 * readable (rows sealed and checkpoints signed under them still open and verify). Prints the
 * new version id, never the key. A running server picks the new version up when it restarts.
 * Rotating the master key also re-wraps every live data key under the new version, so the old
 * master version wraps nothing and can be destroyed (backups then lose their PII for good).
 *
 * `keys maintain`: the background half of a data key rotation, by hand: re-encrypts cells under
 * rotated-out data keys and retires the versions nothing references (the server does it on the
 * retention schedule).
 */
import { AuditAction, AuditTargetType } from '../../audit/index.js';
import { maintainDataKeys } from '../../pii-vault/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import { withVault } from '../cli-vault.js';
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
    if (name === 'masterKey') {
      const { rewrapped } = await withVault(context, (vault) =>
        vault.rewrapDataKeys({ actor: CLI_ACTOR, requestId: context.requestId }),
      );
      writeLine(stdout, `data keys re-wrapped under ${versionId}: ${String(rewrapped)}`);
    }
    return CliExit.OK;
  },
};

export const keysMaintain: Command = {
  name: 'keys maintain',
  synopsis: '',
  options: {},
  run: async ({ context, stdout }) => {
    const report = await withVault(context, (vault) =>
      maintainDataKeys(context.db, vault, { actor: CLI_ACTOR, requestId: context.requestId }),
    );
    writeLine(
      stdout,
      `keys maintained: organizations ${String(report.organizations)}, re-encrypted ${String(report.rewritten)}, unreadable ${String(report.unreadable)}, retired ${String(report.retired)}`,
    );
    return report.unreadable === 0 ? CliExit.OK : CliExit.FAILED;
  },
};
