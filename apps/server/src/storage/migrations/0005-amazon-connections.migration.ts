/**
 * Seller authorization (Grant model): the single-use `state` of a consent round trip, and the
 * connections it produces. A connection's refresh token is stored only as ciphertext; the
 * connection is unique per organization, selling partner and region.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);

  await createTable(db, dialect, 'oauth_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('expires_at', t.epoch, (c) => c.notNull())
    .addColumn('used_at', t.epoch)
    .addCheckConstraint('oauth_states_region', oneOf('region', ['na', 'eu', 'fe']))
    .execute();
  await db.schema
    .createIndex('oauth_states_expiry')
    .on('oauth_states')
    .column('expires_at')
    .execute();

  await createTable(db, dialect, 'amazon_connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('selling_partner_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('marketplace_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('orders_api_version', 'text', (c) => c.notNull().defaultTo('2026-01-01'))
    .addColumn('refresh_token_ciphertext', t.binary)
    // The data key the ciphertext was sealed with (re-encryption and key retirement scan it).
    .addColumn('refresh_token_key_id', 'text')
    .addColumn('connected_by', 'text', (c) => c.notNull())
    .addColumn('connected_at', t.epoch, (c) => c.notNull())
    .addColumn('updated_at', t.epoch, (c) => c.notNull())
    .addColumn('last_token_refresh_at', t.epoch)
    .addColumn('status_reason', 'text')
    .addCheckConstraint('amazon_connections_region', oneOf('region', ['na', 'eu', 'fe']))
    .addCheckConstraint(
      'amazon_connections_status',
      oneOf('status', ['active', 'needs-reauthorization', 'disconnected']),
    )
    .addCheckConstraint(
      'amazon_connections_orders_api',
      oneOf('orders_api_version', ['v0', '2026-01-01']),
    )
    // Only a disconnected connection may lack its refresh token.
    .addCheckConstraint(
      'amazon_connections_token',
      sql`status = 'disconnected' or refresh_token_ciphertext is not null`,
    )
    .addUniqueConstraint('amazon_connections_seller', [
      'organization_id',
      'selling_partner_id',
      'region',
    ])
    .execute();
  await db.schema
    .createIndex('amazon_connections_token_key')
    .on('amazon_connections')
    .column('refresh_token_key_id')
    .execute();
}

export const amazonConnectionsMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
