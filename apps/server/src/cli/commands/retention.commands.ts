/**
 * `retention run` (purge what is due, shred expired key periods, record) and `retention verify`
 * (prove nothing is held past its deadline; exit 1 when it is not). Both print run ids and
 * counts only, and are audited like the scheduled job (`retention.run`, actor `cli`).
 *
 * The CLI is its own composition root: it opens a PII vault over every encrypted column (as
 * the server does) and the PII holders, for the time of the command.
 */
import { createOrderPiiHolder } from '../../orders/order-pii-holder.js';
import { createCustomerReportPiiHolder } from '../../reports/customer-report.pii-holder.js';
import {
  runRetention,
  verifyRetention,
  type HolderFigures,
  type RetentionDeps,
} from '../../retention/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import type { Command } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { withVault } from '../cli-vault.js';
import { CliExit, writeLine, type CliStream } from '../cli-io.js';

function withRetention<T>(
  context: CliContext,
  work: (deps: RetentionDeps) => Promise<T>,
): Promise<T> {
  return withVault(context, (vault) =>
    work({
      db: context.db,
      vault,
      audit: context.audit,
      holders: [createOrderPiiHolder(context.db), createCustomerReportPiiHolder(context.db)],
      actor: CLI_ACTOR,
      requestId: context.requestId,
      clock: context.clock,
    }),
  );
}

function writeFigures(out: CliStream, organizationId: string, figures: HolderFigures): void {
  const f = figures;
  writeLine(
    out,
    `  organization ${organizationId} ${f.holder}: purged ${String(f.purged)}, held ${String(f.held)}, overdue ${String(f.overdue)}, undated ${String(f.undated)}, keys destroyed ${String(f.keysDestroyed)} (${f.outcome})`,
  );
}

export const retentionRun: Command = {
  name: 'retention run',
  synopsis: '',
  options: {},
  run: async ({ context, stdout }) => {
    const report = await withRetention(context, (deps) =>
      runRetention({ ...deps, now: context.clock() }),
    );
    writeLine(
      stdout,
      `retention run ${report.runId}: purged ${String(report.purged)}, keys destroyed ${String(report.keysDestroyed)}, organizations ${String(report.organizations.length)}, ${report.passed ? 'passed' : 'failed'}`,
    );
    for (const org of report.organizations) {
      for (const figures of org.holders) writeFigures(stdout, org.organizationId, figures);
    }
    return report.passed ? CliExit.OK : CliExit.FAILED;
  },
};

export const retentionVerify: Command = {
  name: 'retention verify',
  synopsis: '',
  options: {},
  run: async ({ context, stdout, stderr }) => {
    const report = await withRetention(context, (deps) =>
      verifyRetention({ ...deps, now: context.clock() }),
    );
    writeLine(
      stdout,
      `retention verify ${report.runId}: organizations ${String(report.organizations.length)}, ${report.passed ? 'passed' : 'FAILED'}`,
    );
    for (const org of report.organizations) {
      for (const figures of org.holders) writeFigures(stdout, org.organizationId, figures);
      for (const failure of org.failures) {
        writeLine(
          stderr,
          `retention verify: organization ${org.organizationId}: ${failure.code} ${failure.holder ?? 'keys'} ${String(failure.count)}`,
        );
      }
    }
    return report.passed ? CliExit.OK : CliExit.FAILED;
  },
};
