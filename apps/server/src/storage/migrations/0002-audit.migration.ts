/**
 * The audit trail: hash-chained entries and signed checkpoints, both append-only. The triggers
 * are defence in depth; tamper evidence comes from the chain and the signatures, which
 * `audit verify` checks (a database owner can always drop a trigger).
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

const APPEND_ONLY_TABLES = ['audit_entries', 'audit_checkpoints'] as const;

async function forbidChangesPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function forbid_append_only_change() returns trigger language plpgsql as $$
    begin
      raise exception 'append-only table: %', tg_table_name using errcode = 'restrict_violation';
    end
    $$`.execute(db);
  for (const table of APPEND_ONLY_TABLES) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)}
      before update or delete on ${sql.table(table)}
      for each row execute function forbid_append_only_change()`.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)}
      before truncate on ${sql.table(table)}
      for each statement execute function forbid_append_only_change()`.execute(db);
  }
}

async function forbidChangesSqlite(db: Kysely<unknown>): Promise<void> {
  for (const table of APPEND_ONLY_TABLES) {
    for (const operation of ['update', 'delete'] as const) {
      await sql`
        create trigger ${sql.raw(`${table}_no_${operation}`)}
        before ${sql.raw(operation)} on ${sql.table(table)}
        begin
          select raise(abort, ${sql.lit(`append-only table: ${table}`)});
        end`.execute(db);
    }
  }
}

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);

  await createTable(db, dialect, 'audit_entries')
    .addColumn('seq', t.epoch, (c) => c.primaryKey())
    .addColumn('at', t.epoch, (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('request_id', 'text')
    .addColumn('details_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addCheckConstraint('audit_entries_seq', sql`seq >= 1`)
    .addCheckConstraint('audit_entries_hashes', sql`length(hash) = 64 and length(prev_hash) = 64`)
    .addCheckConstraint(
      'audit_entries_actor',
      oneOf('actor_kind', ['user', 'device', 'system', 'cli']),
    )
    .addCheckConstraint('audit_entries_outcome', oneOf('outcome', ['success', 'failure', 'denied']))
    .execute();
  await db.schema
    .createIndex('audit_entries_organization')
    .on('audit_entries')
    .columns(['organization_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_entries_actor')
    .on('audit_entries')
    .columns(['actor_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_entries_action')
    .on('audit_entries')
    .columns(['action', 'at'])
    .execute();
  await db.schema.createIndex('audit_entries_at').on('audit_entries').column('at').execute();

  await createTable(db, dialect, 'audit_checkpoints')
    .addColumn('seq', t.epoch, (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('at', t.epoch, (c) => c.notNull())
    .addCheckConstraint('audit_checkpoints_hash', sql`length(hash) = 64`)
    .execute();

  await (dialect === 'postgres' ? forbidChangesPostgres(db) : forbidChangesSqlite(db));
}

export const auditMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
