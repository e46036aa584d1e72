/**
 * Canary orders: real-looking order ids nobody fulfils, planted by the platform team so that
 * any access to them (a reveal, a search hit, a listing of the order) raises the `canary-touch`
 * alert (DPP "Logging"). Ids only.
 */
import type { Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  await createTable(db, dialect, 'canary_orders')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('amazon_order_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addPrimaryKeyConstraint('canary_orders_pk', ['organization_id', 'amazon_order_id'])
    .execute();
}

export const canaryOrdersMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
