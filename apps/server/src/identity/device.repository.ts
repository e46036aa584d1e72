/** Desktop devices: hashed access and refresh tokens. */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';

export interface StoredDevice {
  readonly id: string;
  readonly userId: string;
  readonly label: string;
  readonly refreshTokenHash: string;
  readonly refreshExpiresAt: number;
  readonly accessTokenHash: string | null;
  readonly accessExpiresAt: number | null;
  readonly revokedAt: number | null;
}

export interface DeviceView {
  readonly id: string;
  readonly label: string;
  readonly createdAt: number;
  readonly lastSeenAt: number | null;
  readonly revokedAt: number | null;
}

export interface DeviceTokens {
  readonly accessTokenHash: string;
  readonly accessExpiresAt: number;
  readonly refreshTokenHash: string;
  readonly refreshExpiresAt: number;
}

export function createDeviceRepository(db: Kysely<Database>) {
  const select = () => db.selectFrom('devices').selectAll();
  type DeviceRow = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const toDevice = (row: DeviceRow): StoredDevice => ({
    id: row.id,
    userId: row.user_id,
    label: row.label,
    refreshTokenHash: row.refresh_token_hash,
    refreshExpiresAt: row.refresh_expires_at,
    accessTokenHash: row.access_token_hash,
    accessExpiresAt: row.access_expires_at,
    revokedAt: row.revoked_at,
  });

  return {
    async insert(
      device: { id: string; userId: string; label: string; now: number },
      tokens: DeviceTokens,
    ) {
      await db
        .insertInto('devices')
        .values({
          id: device.id,
          user_id: device.userId,
          label: device.label,
          refresh_token_hash: tokens.refreshTokenHash,
          refresh_expires_at: tokens.refreshExpiresAt,
          access_token_hash: tokens.accessTokenHash,
          access_expires_at: tokens.accessExpiresAt,
          created_at: device.now,
          last_seen_at: device.now,
        })
        .execute();
    },
    /** The attributes the access policy needs: whose device, in which organization. */
    async accessScope(
      id: string,
    ): Promise<{ userId: string; organizationId: string | null } | undefined> {
      const row = await db
        .selectFrom('devices')
        .innerJoin('users', 'users.id', 'devices.user_id')
        .select(['devices.user_id', 'users.organization_id'])
        .where('devices.id', '=', id)
        .executeTakeFirst();
      return row && { userId: row.user_id, organizationId: row.organization_id };
    },
    /** A user's devices, newest first (labels and dates only: no token hashes leave here). */
    async listForUser(userId: string): Promise<DeviceView[]> {
      const rows = await db
        .selectFrom('devices')
        .select(['id', 'label', 'created_at', 'last_seen_at', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        label: row.label,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        revokedAt: row.revoked_at,
      }));
    },
    async findById(id: string): Promise<StoredDevice | undefined> {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toDevice(row);
    },
    async findByAccessHash(hash: string): Promise<StoredDevice | undefined> {
      const row = await select().where('access_token_hash', '=', hash).executeTakeFirst();
      return row && toDevice(row);
    },
    async findByRefreshHash(hash: string): Promise<StoredDevice | undefined> {
      const row = await select().where('refresh_token_hash', '=', hash).executeTakeFirst();
      return row && toDevice(row);
    },
    /** A device whose *previous* refresh token is this one: a replayed, rotated-out token. */
    async findByPreviousRefreshHash(hash: string): Promise<StoredDevice | undefined> {
      const row = await select().where('previous_refresh_token_hash', '=', hash).executeTakeFirst();
      return row && toDevice(row);
    },
    /**
     * Rotates only if the refresh token is still the current one (compare-and-set): of two
     * concurrent refreshes with one token, one wins and the other reads as reuse.
     */
    async rotate(id: string, presentedHash: string, tokens: DeviceTokens, now: number) {
      const result = await db
        .updateTable('devices')
        .set((eb) => ({
          previous_refresh_token_hash: presentedHash,
          refresh_token_hash: tokens.refreshTokenHash,
          refresh_expires_at: tokens.refreshExpiresAt,
          access_token_hash: tokens.accessTokenHash,
          access_expires_at: tokens.accessExpiresAt,
          rotation_count: eb('rotation_count', '+', 1),
          rotated_at: now,
          last_seen_at: now,
        }))
        .where('id', '=', id)
        .where('refresh_token_hash', '=', presentedHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    /** Revokes the device; its access and refresh tokens stop working at once (checked on use). */
    async revoke(id: string, reason: string, now: number): Promise<boolean> {
      const result = await db
        .updateTable('devices')
        .set({ revoked_at: now, revoke_reason: reason })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async revokeAllForUser(userId: string, reason: string, now: number): Promise<number> {
      const result = await db
        .updateTable('devices')
        .set({ revoked_at: now, revoke_reason: reason })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type DeviceRepository = ReturnType<typeof createDeviceRepository>;
