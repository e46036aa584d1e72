/**
 * Retention's reads over the order store: which orders hold PII (from the cells themselves,
 * not from `pii_state`, so that a value written around the repository is counted too), the
 * census per organization, whether a key period may still need its keys, and the deadlines of
 * one organization bucketed for the status view. Ids, counts and times only.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../storage/index.js';
import { ORDER_PII_STEMS, ciphertextColumn } from './order-columns.js';

type Db = Kysely<Database> | Transaction<Database>;

const PII_CELLS = [
  ...ORDER_PII_STEMS.map(ciphertextColumn),
  'postal_code_bidx',
  'buyer_name_bidx',
] as const;

/** True for an `orders` row that holds any PII cell, blind index or item gift message. */
export const holdsPii: Expression<SqlBool> = sql<SqlBool>`(${sql.join(
  PII_CELLS.map((column) => sql`${sql.ref(`orders.${column}`)} is not null`),
  sql` or `,
)} or exists (select 1 from order_items i
  where i.order_id = orders.id and i.gift_message_ciphertext is not null))`;

/** What `censusOrders` reports for one organization. */
export interface OrderCensusRow {
  readonly organizationId: string;
  readonly held: number;
  readonly overdue: number;
  readonly undated: number;
  readonly nextDeadline: number | null;
  readonly oldestAnchor: number | null;
}

function count(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function instant(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Per organization with orders: how many hold PII, of those how many are past their deadline
 * or have none, the earliest deadline and the oldest anchor (first shipment, or purchase for an
 * order never shipped) among them.
 */
export async function censusOrders(db: Db, now: number): Promise<OrderCensusRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select organization_id,
      sum(case when ${holdsPii} then 1 else 0 end) as held,
      sum(case when ${holdsPii} and pii_purge_after <= ${now} then 1 else 0 end) as overdue,
      sum(case when ${holdsPii} and pii_purge_after is null then 1 else 0 end) as undated,
      min(case when ${holdsPii} then pii_purge_after end) as next_deadline,
      min(case when ${holdsPii} then coalesce(shipped_at, purchase_date) end) as oldest_anchor
    from orders
    group by organization_id
    order by organization_id`.execute(db);
  return rows.map((row) => ({
    organizationId: String(row.organization_id),
    held: count(row.held),
    overdue: count(row.overdue),
    undated: count(row.undated),
    nextDeadline: instant(row.next_deadline),
    oldestAnchor: instant(row.oldest_anchor),
  }));
}

/**
 * Whether any order of `organizationId` purchased in `[start, end)` may still need its period
 * keys at `now`: it holds PII, or is not purged and its deadline has not passed (or is unknown),
 * so PII may still arrive for it.
 */
export async function ordersNeedPeriod(
  db: Db,
  organizationId: string,
  range: { readonly start: number; readonly end: number },
  now: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('purchase_date', '>=', range.start)
    .where('purchase_date', '<', range.end)
    .where((eb) =>
      eb.or([
        holdsPii,
        eb.and([
          eb('pii_state', '<>', 'purged'),
          eb.or([eb('pii_purge_after', 'is', null), eb('pii_purge_after', '>', now)]),
        ]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n) > 0;
}

/** Orders holding PII, by days until their deadline (`overdue`: at or past it). */
export interface DeadlineBuckets {
  readonly overdue: number;
  readonly within7Days: number;
  readonly within14Days: number;
  readonly within30Days: number;
  readonly later: number;
  readonly undated: number;
}

const DAY_MS = 86_400_000;

/** The deadlines of one organization's orders holding PII, bucketed at `now`. */
export async function orderDeadlineBuckets(
  db: Db,
  organizationId: string,
  now: number,
): Promise<DeadlineBuckets> {
  const bucket = (from: number | null, to: number | null) => {
    const lower = from === null ? sql`1 = 1` : sql`pii_purge_after > ${now + from}`;
    const upper = to === null ? sql`1 = 1` : sql`pii_purge_after <= ${now + to}`;
    return sql`sum(case when pii_purge_after is not null and ${lower} and ${upper}
      then 1 else 0 end)`;
  };
  const { rows } = await sql<Record<string, unknown>>`
    select ${bucket(null, 0)} as overdue,
      ${bucket(0, 7 * DAY_MS)} as within7,
      ${bucket(7 * DAY_MS, 14 * DAY_MS)} as within14,
      ${bucket(14 * DAY_MS, 30 * DAY_MS)} as within30,
      ${bucket(30 * DAY_MS, null)} as later,
      sum(case when pii_purge_after is null then 1 else 0 end) as undated
    from orders
    where organization_id = ${organizationId} and ${holdsPii}`.execute(db);
  const row = rows[0] ?? {};
  return {
    overdue: count(row.overdue),
    within7Days: count(row.within7),
    within14Days: count(row.within14),
    within30Days: count(row.within30),
    later: count(row.later),
    undated: count(row.undated),
  };
}
