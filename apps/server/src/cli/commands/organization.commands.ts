/** `org create --name <n>`: a seller organization, active. Prints its id. */
import { randomUUID } from 'node:crypto';
import { AuditAction, AuditTargetType } from '../../audit/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import { requiredString, UsageError, type Command } from '../cli-command.js';
import { CliExit, writeLine } from '../cli-io.js';

const MAX_NAME = 200;

export const orgCreate: Command = {
  name: 'org create',
  synopsis: '--name <name>',
  options: { name: { type: 'string' } },
  check: (values) => {
    if (requiredString(values, 'name').length > MAX_NAME) {
      throw new UsageError(`--name is longer than ${String(MAX_NAME)} characters`);
    }
  },
  run: async ({ context, values, stdout }) => {
    const name = requiredString(values, 'name');
    const id = randomUUID();
    const now = context.clock();
    await context.audit.withAuditedTransaction(
      {
        actor: CLI_ACTOR,
        action: AuditAction.ORGANIZATION_CREATE,
        organizationId: id,
        target: { type: AuditTargetType.ORGANIZATION, id },
        outcome: 'success',
        requestId: context.requestId,
      },
      (trx) =>
        trx
          .insertInto('organizations')
          .values({ id, name, created_at: now, updated_at: now })
          .execute(),
    );
    writeLine(stdout, `organization ${id} created (active)`);
    return CliExit.OK;
  },
};
