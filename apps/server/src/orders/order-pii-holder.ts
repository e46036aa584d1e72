/**
 * The order store as a PII holder of the retention job (`retention/pii-holder.ts`): purges the
 * PII of orders past their deadline in batches (facts and items stay), counts what is left, and
 * tells whether a key period may still be needed. Deadlines are set when pages are written
 * (`piiDeadline`, order-columns.ts).
 */
import type { Kysely } from 'kysely';
import { periodRange, type PeriodKeyedHolder } from '../retention/key-periods.js';
import type { PiiPurgeCount } from '../retention/pii-holder.js';
import type { Database } from '../storage/index.js';
import { censusOrders, ordersNeedPeriod } from './order-retention.queries.js';
import { findPiiDue, purgePii } from './order.repository.js';

export const ORDERS_HOLDER = 'orders';

export function createOrderPiiHolder(db: Kysely<Database>): PeriodKeyedHolder {
  return {
    name: ORDERS_HOLDER,
    purgeDue: (now, limit) =>
      db.transaction().execute(async (trx): Promise<PiiPurgeCount[]> => {
        const due = await findPiiDue(trx, now, limit);
        const perOrganization = new Map<string, { ids: string[]; alreadyPurged: number }>();
        for (const order of due) {
          const entry = perOrganization.get(order.organizationId) ?? { ids: [], alreadyPurged: 0 };
          entry.ids.push(order.id);
          // Marked purged yet holding a cell (an item's gift message written around the store).
          if (order.piiState === 'purged') entry.alreadyPurged += 1;
          perOrganization.set(order.organizationId, entry);
        }
        const counts: PiiPurgeCount[] = [];
        for (const [organizationId, { ids, alreadyPurged }] of perOrganization) {
          const purged = (await purgePii(trx, ids, now)) + alreadyPurged;
          if (purged > 0) counts.push({ organizationId, purged });
        }
        return counts;
      }),
    census: (now) => censusOrders(db, now),
    periodInUse: async (organizationId, scope, now) => {
      const range = periodRange(scope);
      // Not a period this holder knows: it may be in use for all it can tell.
      if (range === null) return true;
      return ordersNeedPeriod(db, organizationId, range, now);
    },
  };
}
