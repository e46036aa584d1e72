/**
 * Identity: organizations, users (role on the user: seller users belong to exactly one
 * organization, staff to none), sessions, desktop devices, recovery codes, mailed tokens.
 * Value lists are literals here on purpose: a migration never changes after it ships.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);

  await createTable(db, dialect, 'organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('updated_at', t.epoch, (c) => c.notNull())
    .addCheckConstraint('organizations_status', oneOf('status', ['active', 'suspended']))
    .execute();

  await createTable(db, dialect, 'users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.references('organizations.id').onDelete('restrict'),
    )
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('invited'))
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', t.epoch)
    .addColumn('mfa_secret_ciphertext', t.binary)
    .addColumn('mfa_secret_key_id', 'text')
    .addColumn('mfa_enrolled_at', t.epoch)
    .addColumn('mfa_last_used_step', t.epoch)
    .addColumn('failed_sign_in_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_mfa_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_sign_in_at', t.epoch)
    .addColumn('locked_until', t.epoch)
    .addColumn('last_sign_in_at', t.epoch)
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('updated_at', t.epoch, (c) => c.notNull())
    .addCheckConstraint('users_email_normalised', sql`email = lower(email)`)
    .addCheckConstraint('users_status', oneOf('status', ['invited', 'active', 'disabled']))
    .addCheckConstraint(
      'users_role_tenancy',
      sql`(${oneOf('role', ['owner', 'operator', 'viewer'])} and organization_id is not null)
       or (${oneOf('role', ['support', 'platform-admin'])} and organization_id is null)`,
    )
    .addCheckConstraint(
      'users_mfa_secret_key',
      sql`(mfa_secret_ciphertext is null) = (mfa_secret_key_id is null)`,
    )
    .execute();
  await db.schema.createIndex('users_organization').on('users').column('organization_id').execute();

  await createTable(db, dialect, 'sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('last_seen_at', t.epoch, (c) => c.notNull())
    .addColumn('absolute_expires_at', t.epoch, (c) => c.notNull())
    .addColumn('mfa_verified_at', t.epoch)
    .addColumn('revoked_at', t.epoch)
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await createTable(db, dialect, 'devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('refresh_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('previous_refresh_token_hash', 'text')
    .addColumn('refresh_expires_at', t.epoch, (c) => c.notNull())
    .addColumn('access_token_hash', 'text', (c) => c.unique())
    .addColumn('access_expires_at', t.epoch)
    .addColumn('rotation_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rotated_at', t.epoch)
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('last_seen_at', t.epoch)
    .addColumn('revoked_at', t.epoch)
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('devices_user').on('devices').column('user_id').execute();
  await db.schema
    .createIndex('devices_previous_refresh')
    .on('devices')
    .column('previous_refresh_token_hash')
    .execute();

  await createTable(db, dialect, 'recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('used_at', t.epoch)
    .addUniqueConstraint('recovery_codes_user_code', ['user_id', 'code_hash'])
    .execute();

  await createTable(db, dialect, 'user_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('expires_at', t.epoch, (c) => c.notNull())
    .addColumn('used_at', t.epoch)
    .addCheckConstraint('user_tokens_purpose', oneOf('purpose', ['invitation', 'password-reset']))
    .execute();
  await db.schema.createIndex('user_tokens_user').on('user_tokens').column('user_id').execute();
}

export const identityMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
