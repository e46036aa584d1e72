/**
 * Retention: the verification records the retention job writes (one per organization and PII
 * holder per run or verification; counts and times only, never a value), and a deadline for
 * every order stored before the deadline rules (`piiDeadline` in src/orders/order-columns.ts):
 * an order without one would hold its PII for ever.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

const DAY_MS = 86_400_000;
/** The rules as they stand at this migration (frozen here): retention 30 days, + 30 days grace. */
const RETENTION_MS = 30 * DAY_MS;
const UNSHIPPED_MS = 60 * DAY_MS;

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  await createTable(db, dialect, 'retention_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** Every record of one run (or verification) shares it. */
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('started_at', t.epoch, (c) => c.notNull())
    .addColumn('finished_at', t.epoch, (c) => c.notNull())
    .addColumn('purged_count', 'integer', (c) => c.notNull())
    .addColumn('held_count', 'integer', (c) => c.notNull())
    .addColumn('overdue_count', 'integer', (c) => c.notNull())
    .addColumn('undated_count', 'integer', (c) => c.notNull())
    .addColumn('oldest_anchor', t.epoch)
    .addColumn('next_deadline', t.epoch)
    .addColumn('keys_destroyed', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addCheckConstraint('retention_runs_kind', oneOf('kind', ['run', 'verify']))
    .addCheckConstraint('retention_runs_outcome', oneOf('outcome', ['passed', 'failed']))
    .addCheckConstraint(
      'retention_runs_counts',
      sql`purged_count >= 0 and held_count >= 0 and overdue_count >= 0 and undated_count >= 0
        and keys_destroyed >= 0 and overdue_count + undated_count <= held_count`,
    )
    .addUniqueConstraint('retention_runs_run_holder', ['run_id', 'organization_id', 'holder'])
    .execute();
  await db.schema
    .createIndex('retention_runs_latest')
    .on('retention_runs')
    .columns(['organization_id', 'kind', 'finished_at'])
    .execute();

  await sql`
    update orders set pii_purge_after = case
      when shipped_at is not null then shipped_at + ${sql.lit(RETENTION_MS)}
      when order_status = 'Canceled' then last_update_date + ${sql.lit(RETENTION_MS)}
      when latest_ship_date is not null and latest_ship_date > purchase_date
        then latest_ship_date + ${sql.lit(UNSHIPPED_MS)}
      else purchase_date + ${sql.lit(UNSHIPPED_MS)} end
    where pii_purge_after is null`.execute(db);
}

export const retentionMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
