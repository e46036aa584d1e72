import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { forEachDialect, retryingSchemaDrops } from '../../test/storage-harness.js';
import { migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

const TABLES = [
  'alerts',
  'amazon_connections',
  'audit_checkpoints',
  'audit_entries',
  'canary_orders',
  'customer_reports',
  'data_keys',
  'devices',
  'oauth_states',
  'order_items',
  'orders',
  'organizations',
  'outbox_mail',
  'recovery_codes',
  'retention_runs',
  'sessions',
  'sync_checkpoints',
  'sync_runs',
  'user_tokens',
  'users',
];

describe('migrations', () => {
  forEachDialect(
    (t) => {
      it('apply every migration on a fresh database, in order', async () => {
        expect(await retryingSchemaDrops(() => migrateToLatest(t.handle()))).toEqual(
          Object.keys(MIGRATIONS),
        );
      });

      it('are idempotent: a second and third run apply nothing and change nothing', async () => {
        const before = await t.db().introspection.getTables();
        expect(await retryingSchemaDrops(() => migrateToLatest(t.handle()))).toEqual([]);
        expect(await retryingSchemaDrops(() => migrateToLatest(t.handle()))).toEqual([]);
        expect(await t.db().introspection.getTables()).toEqual(before);
      });

      it('create every table', async () => {
        const tables = await t.db().introspection.getTables();
        const schema = t.handle().schema;
        const ours = tables
          .filter((table) => schema === null || table.schema === schema)
          .map((table) => table.name)
          .sort();
        expect(ours).toEqual(TABLES);
      });

      it('record what ran in the migration table', async () => {
        const { rows } = await sql<{
          name: string;
        }>`select name from kysely_migration order by name`.execute(t.db());
        expect(rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
      });
    },
    { migrate: false },
  );
});
