/**
 * Work queues leaving the request path: security alerts for the notifier, and mail (invitations,
 * password resets) for the mail port or the demo outbox. Ids only, no foreign keys: an alert
 * outlives the user it is about.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);

  await createTable(db, dialect, 'alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('details_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('notified_at', t.epoch)
    .addColumn('notify_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_notify_error', 'text')
    .addColumn('acknowledged_at', t.epoch)
    .addColumn('acknowledged_by', 'text')
    .addCheckConstraint('alerts_severity', oneOf('severity', ['info', 'warning', 'critical']))
    .addCheckConstraint('alerts_attempts', sql`notify_attempts >= 0`)
    .execute();
  await db.schema
    .createIndex('alerts_pending')
    .on('alerts')
    .columns(['notified_at', 'created_at'])
    .execute();
  await db.schema.createIndex('alerts_created').on('alerts').column('created_at').execute();

  await createTable(db, dialect, 'outbox_mail')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('payload_ciphertext', t.binary, (c) => c.notNull())
    .addColumn('payload_key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('next_attempt_at', t.epoch, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', t.epoch)
    .addColumn('last_error_code', 'text')
    .addCheckConstraint('outbox_mail_attempts', sql`attempts >= 0`)
    .execute();
  await db.schema
    .createIndex('outbox_mail_pending')
    .on('outbox_mail')
    .columns(['sent_at', 'next_attempt_at'])
    .execute();
}

export const alertsAndMailMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
