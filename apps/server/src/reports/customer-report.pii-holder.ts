/**
 * Customer reports as a PII holder of the retention job (`retention/pii-holder.ts`): purges the
 * documents past their deadline (the report's facts and counts stay), counts what is held, and
 * tells whether a key period may still be needed. Deadlines are set when a report is requested
 * (request time + 30 days), so no report is ever undated.
 */
import type { Kysely } from 'kysely';
import { periodRange, type PeriodKeyedHolder } from '../retention/key-periods.js';
import type { PiiHolderCensus, PiiPurgeCount } from '../retention/pii-holder.js';
import type { Database } from '../storage/index.js';
import { findPurgeDue, purgeDocuments, reportCensus } from './customer-report.repository.js';

export const CUSTOMER_REPORTS_HOLDER = 'customer-reports';

/**
 * `periodInUse`: whether a report of the organization requested in the period (`period:YYYY-MM`)
 * holds, or may still receive, a document under that period's keys. Unknown scopes: true.
 */
export type CustomerReportPiiHolder = PeriodKeyedHolder;

export function createCustomerReportPiiHolder(db: Kysely<Database>): CustomerReportPiiHolder {
  return {
    name: CUSTOMER_REPORTS_HOLDER,
    purgeDue: (now, limit) =>
      db.transaction().execute(async (trx): Promise<PiiPurgeCount[]> => {
        const due = await findPurgeDue(trx, now, limit);
        const perOrganization = new Map<string, string[]>();
        for (const report of due) {
          const ids = perOrganization.get(report.organizationId) ?? [];
          ids.push(report.id);
          perOrganization.set(report.organizationId, ids);
        }
        const counts: PiiPurgeCount[] = [];
        for (const [organizationId, ids] of perOrganization) {
          const purged = await purgeDocuments(trx, ids, now);
          if (purged > 0) counts.push({ organizationId, purged });
        }
        return counts;
      }),
    census: async (now): Promise<PiiHolderCensus[]> =>
      (await reportCensus(db, now)).map((row) => ({ ...row, undated: 0 })),
    periodInUse: async (organizationId, scope, now) => {
      const range = periodRange(scope);
      if (range === null) return true;
      const row = await db
        .selectFrom('customer_reports')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('requested_at', '>=', range.start)
        .where('requested_at', '<', range.end)
        .where((eb) =>
          eb.or([
            eb('pii_state', '=', 'present'),
            eb.and([
              eb('pii_state', '=', 'none'),
              eb('status', 'in', ['requested', 'in-queue', 'in-progress', 'fetching']),
              eb('pii_purge_after', '>', now),
            ]),
          ]),
        )
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
