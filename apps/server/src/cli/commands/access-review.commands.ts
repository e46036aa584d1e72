/** `access-review export [--org <id>] [--format csv|json]`: to stdout, after its audit entry. */
import { AuditAction, AuditTargetType } from '../../audit/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import { idOption, oneOf, type Command } from '../cli-command.js';
import { CliExit } from '../cli-io.js';
import { accessReview, toCsv, toJson } from './access-review.js';

const FORMATS = ['csv', 'json'] as const;

export const accessReviewExport: Command = {
  name: 'access-review export',
  synopsis: '[--org <id>] [--format csv|json]',
  options: { org: { type: 'string' }, format: { type: 'string' } },
  check: (values) => {
    idOption(values, 'org');
    oneOf(values, 'format', FORMATS, 'csv');
  },
  run: async ({ context, values, stdout }) => {
    const organizationId = idOption(values, 'org');
    const format = oneOf(values, 'format', FORMATS, 'csv');
    const now = context.clock();
    const entry = {
      actor: CLI_ACTOR,
      action: AuditAction.ACCESS_REVIEW_EXPORT,
      organizationId: organizationId ?? null,
      target: { type: AuditTargetType.ACCESS_REVIEW, id: context.requestId },
      outcome: 'success',
      requestId: context.requestId,
      details: { format },
    } as const;
    // No entry, no export: the rows are written only once the entry is committed.
    const rows = await context.audit.withAudit(entry, () =>
      accessReview(context.db, now, organizationId),
    );
    stdout.write(format === 'csv' ? toCsv(rows) : toJson(rows, now));
    return CliExit.OK;
  },
};
