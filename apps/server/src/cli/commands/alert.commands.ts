/** `alerts list [--open]`: newest first, ids, rules, severities and states (no details). */
import { createAlertRepository, type Alert } from '../../alerts/index.js';
import type { Command } from '../cli-command.js';
import { CliExit, writeLine } from '../cli-io.js';

function line(alert: Alert): string {
  const state = alert.acknowledgedAt === null ? 'open' : 'acknowledged';
  const delivery = alert.notifiedAt === null ? 'undelivered' : 'delivered';
  return [
    alert.id,
    new Date(alert.createdAt).toISOString(),
    alert.severity,
    alert.rule,
    state,
    delivery,
    `org=${alert.organizationId ?? '-'}`,
    `user=${alert.userId ?? '-'}`,
  ].join('\t');
}

export const alertsList: Command = {
  name: 'alerts list',
  synopsis: '[--open]',
  options: { open: { type: 'boolean' } },
  run: async ({ context, values, stdout }) => {
    const alerts = await createAlertRepository(context.db).list({
      status: values.open === true ? 'open' : 'all',
      limit: 1000,
    });
    for (const alert of alerts) writeLine(stdout, line(alert));
    writeLine(stdout, `${String(alerts.length)} alert(s)`);
    return CliExit.OK;
  },
};
