/** Seller connections and consent states. Plain objects in, plain objects out. */
import type { Kysely, Transaction } from 'kysely';
import type {
  AmazonConnectionStatus,
  AmazonRegionValue,
  Database,
  OrdersApiVersion,
} from '../storage/index.js';

export interface StoredConnection {
  readonly id: string;
  readonly organizationId: string;
  readonly sellingPartnerId: string;
  readonly region: AmazonRegionValue;
  readonly marketplaceIds: readonly string[];
  readonly status: AmazonConnectionStatus;
  readonly ordersApiVersion: OrdersApiVersion;
  readonly refreshTokenCiphertext: Uint8Array | null;
  readonly connectedAt: number;
  readonly updatedAt: number;
  readonly lastTokenRefreshAt: number | null;
  readonly statusReason: string | null;
}

export interface ConsumedState {
  readonly userId: string;
  readonly organizationId: string;
  readonly region: AmazonRegionValue;
}

function parseIds(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

export function createConnectionRepository(db: Kysely<Database>) {
  const select = (from: Kysely<Database> | Transaction<Database> = db) =>
    from.selectFrom('amazon_connections').selectAll();
  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const toConnection = (row: Row): StoredConnection => ({
    id: row.id,
    organizationId: row.organization_id,
    sellingPartnerId: row.selling_partner_id,
    region: row.region,
    marketplaceIds: parseIds(row.marketplace_ids_json),
    status: row.status,
    ordersApiVersion: row.orders_api_version,
    refreshTokenCiphertext:
      row.refresh_token_ciphertext === null ? null : new Uint8Array(row.refresh_token_ciphertext),
    connectedAt: row.connected_at,
    updatedAt: row.updated_at,
    lastTokenRefreshAt: row.last_token_refresh_at,
    statusReason: row.status_reason,
  });

  return {
    async insertState(state: {
      stateHash: string;
      userId: string;
      organizationId: string;
      region: AmazonRegionValue;
      now: number;
      expiresAt: number;
    }): Promise<void> {
      await db
        .insertInto('oauth_states')
        .values({
          state_hash: state.stateHash,
          user_id: state.userId,
          organization_id: state.organizationId,
          region: state.region,
          created_at: state.now,
          expires_at: state.expiresAt,
        })
        .execute();
    },

    /**
     * Spends a state: only an unused, unexpired one, and only once (compare-and-set, so two
     * callbacks racing with one state cannot both pass).
     */
    async consumeState(stateHash: string, now: number): Promise<ConsumedState | undefined> {
      const result = await db
        .updateTable('oauth_states')
        .set({ used_at: now })
        .where('state_hash', '=', stateHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      const row = await db
        .selectFrom('oauth_states')
        .select(['user_id', 'organization_id', 'region'])
        .where('state_hash', '=', stateHash)
        .executeTakeFirstOrThrow();
      return { userId: row.user_id, organizationId: row.organization_id, region: row.region };
    },

    /** Forgets states that can no longer be used (expired, or spent more than a day ago). */
    async pruneStates(now: number): Promise<number> {
      const result = await db
        .deleteFrom('oauth_states')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', '<=', now - 86_400_000)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async findById(id: string): Promise<StoredConnection | undefined> {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toConnection(row);
    },

    async findBySeller(
      organizationId: string,
      sellingPartnerId: string,
      region: AmazonRegionValue,
    ): Promise<StoredConnection | undefined> {
      const row = await select()
        .where('organization_id', '=', organizationId)
        .where('selling_partner_id', '=', sellingPartnerId)
        .where('region', '=', region)
        .executeTakeFirst();
      return row && toConnection(row);
    },

    async listForOrganization(organizationId: string): Promise<StoredConnection[]> {
      const rows = await select()
        .where('organization_id', '=', organizationId)
        .orderBy('connected_at')
        .orderBy('id')
        .execute();
      return rows.map(toConnection);
    },

    /** Creates the connection, or re-authorizes the existing one (new token, active again). */
    async upsertAuthorized(
      trx: Transaction<Database>,
      connection: {
        id: string;
        organizationId: string;
        sellingPartnerId: string;
        region: AmazonRegionValue;
        marketplaceIds: readonly string[];
        refreshToken: { readonly ciphertext: Uint8Array; readonly keyId: string };
        userId: string;
        now: number;
      },
      existing: boolean,
    ): Promise<void> {
      if (existing) {
        await trx
          .updateTable('amazon_connections')
          .set({
            status: 'active',
            status_reason: null,
            refresh_token_ciphertext: connection.refreshToken.ciphertext,
            refresh_token_key_id: connection.refreshToken.keyId,
            connected_by: connection.userId,
            connected_at: connection.now,
            updated_at: connection.now,
          })
          .where('id', '=', connection.id)
          .execute();
        return;
      }
      await trx
        .insertInto('amazon_connections')
        .values({
          id: connection.id,
          organization_id: connection.organizationId,
          selling_partner_id: connection.sellingPartnerId,
          region: connection.region,
          marketplace_ids_json: JSON.stringify(connection.marketplaceIds),
          status: 'active',
          refresh_token_ciphertext: connection.refreshToken.ciphertext,
          refresh_token_key_id: connection.refreshToken.keyId,
          connected_by: connection.userId,
          connected_at: connection.now,
          updated_at: connection.now,
        })
        .execute();
    },

    async update(
      trx: Transaction<Database>,
      id: string,
      changes: {
        marketplaceIds?: readonly string[] | undefined;
        ordersApiVersion?: OrdersApiVersion | undefined;
      },
      now: number,
    ): Promise<void> {
      await trx
        .updateTable('amazon_connections')
        .set({
          updated_at: now,
          ...(changes.marketplaceIds === undefined
            ? {}
            : { marketplace_ids_json: JSON.stringify(changes.marketplaceIds) }),
          ...(changes.ordersApiVersion === undefined
            ? {}
            : { orders_api_version: changes.ordersApiVersion }),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Disconnects: the refresh token ciphertext is deleted, the row stays for the record. */
    async disconnect(trx: Transaction<Database>, id: string, now: number): Promise<void> {
      await trx
        .updateTable('amazon_connections')
        .set({
          status: 'disconnected',
          status_reason: 'DISCONNECTED_BY_USER',
          refresh_token_ciphertext: null,
          refresh_token_key_id: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Only an active connection moves to `needs-reauthorization`; true if this call moved it. */
    async markNeedsReauthorization(
      trx: Transaction<Database>,
      id: string,
      reason: string,
      now: number,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('amazon_connections')
        .set({ status: 'needs-reauthorization', status_reason: reason, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type ConnectionRepository = ReturnType<typeof createConnectionRepository>;
