/**
 * Data keys for field-level PII encryption (`src/pii-vault/`). One row per key version: a seller
 * organization's keys per purpose (`pii-field` data keys, the `blind-index` key) and scope
 * (`default`, or a retention period such as `period:2030-01`). The key itself is stored only
 * wrapped by the master key (`wrapKey`, the master key version beside it). Retiring or
 * destroying a key erases the wrapped bytes and keeps the row as its record.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);

  await createTable(db, dialect, 'data_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('restrict'),
    )
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('wrapped_key', t.binary)
    .addColumn('master_key_version', 'text')
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('retired_at', t.epoch)
    .addColumn('destroyed_at', t.epoch)
    .addUniqueConstraint('data_keys_chain_version', [
      'organization_id',
      'purpose',
      'scope',
      'version',
    ])
    .addCheckConstraint('data_keys_purpose', oneOf('purpose', ['pii-field', 'blind-index']))
    .addCheckConstraint('data_keys_scope', sql`length(scope) between 1 and 64`)
    .addCheckConstraint('data_keys_version', sql`version >= 1`)
    .addCheckConstraint(
      'data_keys_wrapped_with_master',
      sql`(wrapped_key is null) = (master_key_version is null)`,
    )
    .addCheckConstraint(
      'data_keys_erased_when_ended',
      sql`(wrapped_key is null) = (retired_at is not null or destroyed_at is not null)`,
    )
    .addCheckConstraint(
      'data_keys_retired_or_destroyed',
      sql`retired_at is null or destroyed_at is null`,
    )
    .execute();
  await db.schema
    .createIndex('data_keys_master_key_version')
    .on('data_keys')
    .column('master_key_version')
    .execute();
}

export const piiKeysMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
