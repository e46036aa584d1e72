/**
 * `canary add --org <id> --order <amazonOrderId>`: plants a canary order (a honeytoken): any
 * later access to it raises the critical `canary-touch` alert. The audit entry names the
 * organization only, so the trail does not tell who reads it which ids are canaries (and does
 * not itself touch the canary).
 */
import { AuditAction, AuditTargetType } from '../../audit/index.js';
import { addCanaryOrder } from '../../orders/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import { requiredId, UsageError, type Command } from '../cli-command.js';
import { CliExit, writeLine } from '../cli-io.js';

const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;

function orderOf(values: Parameters<typeof requiredId>[0]): string {
  const order = requiredId(values, 'order');
  if (!ORDER_ID.test(order)) throw new UsageError('--order must be an Amazon order id');
  return order;
}

export const canaryAdd: Command = {
  name: 'canary add',
  synopsis: '--org <organization id> --order <Amazon order id>',
  options: { org: { type: 'string' }, order: { type: 'string' } },
  check: (values) => {
    requiredId(values, 'org');
    orderOf(values);
  },
  run: async ({ context, values, stdout }) => {
    const organizationId = requiredId(values, 'org');
    const order = orderOf(values);
    const added = await context.audit.withAudit(
      {
        actor: CLI_ACTOR,
        action: AuditAction.CANARY_ADD,
        organizationId,
        target: { type: AuditTargetType.ORGANIZATION, id: organizationId },
        outcome: 'success',
        requestId: context.requestId,
      },
      () => addCanaryOrder(context.db, organizationId, order, context.clock()),
    );
    writeLine(stdout, added ? 'canary planted' : 'already a canary');
    return CliExit.OK;
  },
};
