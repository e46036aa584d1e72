/**
 * Customer-related (restricted) reports: one row per report requested from Amazon, with its
 * processing state and, once fetched, the parsed document as ONE field ciphertext (encrypted by
 * the PII vault before the row is written) under the retention rule. CHECK constraints keep the
 * ciphertext and its key id together, a held document dated, and a purged row empty.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  await createTable(db, dialect, 'customer_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('amazon_connections.id'))
    .addColumn('report_type', 'text', (c) => c.notNull())
    .addColumn('marketplace_ids_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amazon_report_id', 'text')
    .addColumn('amazon_document_id', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', t.epoch, (c) => c.notNull())
    .addColumn('updated_at', t.epoch, (c) => c.notNull())
    .addColumn('completed_at', t.epoch)
    .addColumn('next_poll_at', t.epoch)
    .addColumn('poll_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('row_count', 'integer')
    .addColumn('order_count', 'integer')
    .addColumn('pii_state', 'text', (c) => c.notNull())
    .addColumn('pii_anchor_at', t.epoch, (c) => c.notNull())
    .addColumn('pii_purge_after', t.epoch, (c) => c.notNull())
    .addColumn('pii_purged_at', t.epoch)
    .addColumn('document_ciphertext', t.binary)
    .addColumn('document_key_id', 'text')
    .addCheckConstraint(
      'customer_reports_status',
      oneOf('status', [
        'requested',
        'in-queue',
        'in-progress',
        'fetching',
        'done',
        'cancelled',
        'fatal',
        'failed',
      ]),
    )
    .addCheckConstraint(
      'customer_reports_pii_state',
      oneOf('pii_state', ['none', 'present', 'purged']),
    )
    .addCheckConstraint(
      'customer_reports_document_sealed',
      sql`(document_ciphertext is null) = (document_key_id is null)`,
    )
    .addCheckConstraint(
      'customer_reports_present',
      sql`(pii_state = 'present') = (document_ciphertext is not null)`,
    )
    .addCheckConstraint(
      'customer_reports_purged',
      sql`(pii_state = 'purged') = (pii_purged_at is not null)`,
    )
    .addCheckConstraint('customer_reports_poll_count', sql`poll_count >= 0`)
    .execute();

  await db.schema
    .createIndex('customer_reports_document_key')
    .on('customer_reports')
    .column('document_key_id')
    .execute();
  await db.schema
    .createIndex('customer_reports_listing')
    .on('customer_reports')
    .columns(['organization_id', 'requested_at', 'id'])
    .execute();
  await db.schema
    .createIndex('customer_reports_retention')
    .on('customer_reports')
    .columns(['pii_state', 'pii_purge_after'])
    .execute();
  await db.schema
    .createIndex('customer_reports_polling')
    .on('customer_reports')
    .columns(['status', 'next_poll_at'])
    .execute();
}

export const customerReportsMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
