import { randomUUID } from 'node:crypto';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newOrganization, T0 } from '../../test/storage-fixtures.js';
import { forEachDialect, retryingSchemaDrops } from '../../test/storage-harness.js';
import { migrateToLatest } from '../storage/migrate.js';
import { migrationProvider } from '../storage/migrations/index.js';

const DAY = 86_400_000;

describe('migration 0007_retention', () => {
  forEachDialect(
    (t) => {
      it('gives every order stored before it a deadline, and checks its records', async () => {
        const handle = t.handle();
        const migrator = new Migrator({
          db: handle.db,
          provider: migrationProvider(handle.dialect),
          ...(handle.schema === null ? {} : { migrationTableSchema: handle.schema }),
        });
        expect((await migrator.migrateTo('0006_orders')).error).toBeUndefined();

        const org = newOrganization();
        await handle.db.insertInto('organizations').values(org).execute();
        const connectionId = randomUUID();
        await handle.db
          .insertInto('amazon_connections')
          .values({
            id: connectionId,
            organization_id: org.id,
            selling_partner_id: 'A1MIGRATION0007',
            region: 'na',
            status: 'disconnected',
            connected_by: randomUUID(),
            connected_at: T0,
            updated_at: T0,
          })
          .execute();
        const order = (n: number, facts: Record<string, unknown>) => ({
          id: randomUUID(),
          organization_id: org.id,
          connection_id: connectionId,
          marketplace_id: 'ATVPDKIKX0DER',
          amazon_order_id: `113-000000${String(n)}-0000000`,
          order_status: 'Unshipped',
          purchase_date: T0,
          last_update_date: T0 + DAY,
          latest_ship_date: null,
          shipped_at: null,
          pii_state: 'none' as const,
          pii_purge_after: null,
          created_at: T0,
          updated_at: T0,
          ...facts,
        });
        const rows = [
          order(1, { order_status: 'Shipped', shipped_at: T0 + 2 * DAY }),
          order(2, { order_status: 'Canceled' }),
          order(3, { latest_ship_date: T0 + 3 * DAY }),
          order(4, { order_status: 'Pending' }),
          order(5, { shipped_at: T0 + DAY, pii_purge_after: T0 + 5 * DAY }), // already dated
        ];
        await handle.db.insertInto('orders').values(rows).execute();

        expect(await retryingSchemaDrops(() => migrateToLatest(handle))).toContain(
          '0007_retention',
        );
        const deadlines = await handle.db
          .selectFrom('orders')
          .select(['amazon_order_id', 'pii_purge_after'])
          .orderBy('amazon_order_id')
          .execute();
        expect(deadlines.map((d) => d.pii_purge_after)).toEqual([
          T0 + 32 * DAY,
          T0 + 31 * DAY,
          T0 + 63 * DAY,
          T0 + 60 * DAY,
          T0 + 5 * DAY,
        ]);

        const record = {
          id: randomUUID(),
          run_id: randomUUID(),
          kind: 'run' as const,
          organization_id: org.id,
          holder: 'orders',
          started_at: T0,
          finished_at: T0,
          purged_count: 1,
          held_count: 1,
          overdue_count: 0,
          undated_count: 0,
          oldest_anchor: null,
          next_deadline: null,
          keys_destroyed: 0,
          outcome: 'passed' as const,
        };
        await handle.db.insertInto('retention_runs').values(record).execute();
        const refused = [
          { outcome: 'maybe' },
          { kind: 'purge' },
          { overdue_count: 2 }, // more overdue than held
          { purged_count: -1 },
          { run_id: record.run_id }, // the same run, organization and holder twice
        ];
        for (const change of refused) {
          const row = {
            ...record,
            id: randomUUID(),
            run_id: randomUUID(),
            ...change,
          } as typeof record;
          await expect(
            handle.db.insertInto('retention_runs').values(row).execute(),
          ).rejects.toThrow();
        }
      });
    },
    { migrate: false },
  );
});
