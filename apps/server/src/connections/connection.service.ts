/**
 * Seller authorization, Grant model (website flow): an owner starts a consent round trip on the
 * Seller Central of the seller's region; Amazon sends the browser back to our callback with the
 * `state` we issued, the `selling_partner_id` and a one-time `spapi_oauth_code`; we exchange the
 * code at LWA for the seller's refresh token and keep it only encrypted.
 *
 * The callback cannot rely on the session: the `__Host-sid` cookie is `SameSite=Strict`, so a
 * navigation coming from sellercentral.amazon.com arrives without it. The `state` carries the
 * binding instead: 256 random bits, stored hashed with the user and organization that started
 * the round trip and its region, valid 10 minutes, spent at the first use (compare-and-set). At
 * the callback the user must still be active and still allowed to connect.
 */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  ErrorCode,
  isMarketplaceOf,
  marketplacesOf,
  type AmazonRegion,
} from '@spapi/shared';
import { authorize, defineAbilityFor, toPrincipal, type Principal } from '../access/index.js';
import { AuditAction, AuditTargetType, type AuditTrail } from '../audit/index.js';
import { constantTimeEqual, hashToken, randomToken } from '../crypto/index.js';
import type { OrdersApiVersion } from '../storage/index.js';
import type { ConnectionRepository, StoredConnection } from './connection.repository.js';

export const STATE_TTL_MS = 10 * 60_000;

/** Exchanges the one-time code from the consent redirect (LWA `authorization_code` grant). */
export interface AuthorizationCodeExchange {
  exchange(input: {
    readonly region: AmazonRegion;
    readonly code: string;
    readonly redirectUri: string;
  }): Promise<{ readonly refreshToken: string }>;
}

/** Encrypts a connection's refresh token at rest (bound to the connection's row and column). */
export interface RefreshTokenSealer {
  seal(
    connection: { readonly organizationId: string; readonly connectionId: string },
    refreshToken: string,
  ): Promise<SealedRefreshToken>;
}

export interface SealedRefreshToken {
  readonly ciphertext: Uint8Array;
  /** The data key it was sealed with (stored beside it for re-encryption and retirement). */
  readonly keyId: string;
}

export interface ConnectionServiceDeps {
  readonly connections: ConnectionRepository;
  readonly users: {
    findById(id: string): Promise<
      | {
          readonly id: string;
          readonly role: Principal['role'];
          readonly organizationId: string | null;
          readonly status: string;
        }
      | undefined
    >;
  };
  readonly exchange: AuthorizationCodeExchange;
  readonly sealer: RefreshTokenSealer;
  readonly audit: Pick<AuditTrail, 'record' | 'withAuditedTransaction'>;
  readonly clock: () => number;
  readonly amazon: {
    readonly applicationId: string | null;
    readonly sellerCentralUrls: Readonly<Record<AmazonRegion, string>>;
    readonly draftApplication: boolean;
  };
  /** Where Amazon sends the browser back: `<PUBLIC_URL>/api/amazon/callback`. */
  readonly redirectUri: string;
  /** Called after a connection is (re-)authorized or disconnected: drop cached access tokens. */
  readonly onCredentialsChanged?: (connection: StoredConnection) => void;
}

export interface ConnectionView {
  readonly id: string;
  readonly organizationId: string;
  readonly sellingPartnerId: string;
  readonly region: AmazonRegion;
  readonly marketplaceIds: readonly string[];
  readonly status: StoredConnection['status'];
  readonly statusReason: string | null;
  readonly ordersApiVersion: OrdersApiVersion;
  readonly connectedAt: number;
  readonly lastTokenRefreshAt: number | null;
}

/** What a connection shows: never the refresh token, not even encrypted. */
export function toConnectionView(connection: StoredConnection): ConnectionView {
  return {
    id: connection.id,
    organizationId: connection.organizationId,
    sellingPartnerId: connection.sellingPartnerId,
    region: connection.region,
    marketplaceIds: connection.marketplaceIds,
    status: connection.status,
    statusReason: connection.statusReason,
    ordersApiVersion: connection.ordersApiVersion,
    connectedAt: connection.connectedAt,
    lastTokenRefreshAt: connection.lastTokenRefreshAt,
  };
}

export interface RequestInfo {
  readonly requestId: string | null;
}

export interface CallbackInput {
  readonly state: string;
  /**
   * The state as the browser that started the round trip kept it (its consent cookie). A
   * callback in any other browser lacks it: a consent URL sent to someone else cannot connect
   * their seller account to our organization.
   */
  readonly browserState: string | undefined;
  readonly sellingPartnerId: string;
  readonly code: string;
}

const grantTarget = (id: string) => ({ type: AuditTargetType.SELLER_GRANT, id });

export function createConnectionService(deps: ConnectionServiceDeps) {
  const { connections, clock } = deps;

  const userActor = (principal: Principal) => ({ kind: 'user' as const, id: principal.userId });

  async function owned(principal: Principal, id: string, action: 'update' | 'delete') {
    const connection = await connections.findById(id);
    if (connection === undefined) throw new AppError(ErrorCode.NOT_FOUND);
    authorize(defineAbilityFor(principal), action, 'AmazonConnection', connection);
    return connection;
  }

  /** The user behind a spent state, if they may still connect their organization. */
  async function stateOwner(state: { userId: string; organizationId: string }) {
    const user = await deps.users.findById(state.userId);
    if (user?.status !== 'active' || user.organizationId !== state.organizationId) {
      throw new AppError(ErrorCode.OAUTH_STATE_INVALID);
    }
    const principal = toPrincipal({
      userId: user.id,
      role: user.role,
      organizationId: user.organizationId,
    });
    authorize(defineAbilityFor(principal), 'create', 'AmazonConnection', {
      organizationId: state.organizationId,
    });
    return principal;
  }

  return {
    accessScope: async (id: string) => {
      const connection = await connections.findById(id);
      return connection && { organizationId: connection.organizationId };
    },

    async list(principal: Principal): Promise<ConnectionView[]> {
      if (principal.organizationId === null) return [];
      const rows = await connections.listForOrganization(principal.organizationId);
      return rows.map(toConnectionView);
    },

    /** Issues a state and returns the consent URL the browser goes to. */
    async startAuthorization(
      principal: Principal,
      region: AmazonRegion,
      request: RequestInfo,
    ): Promise<{
      readonly consentUrl: string;
      readonly expiresAt: number;
      readonly state: string;
    }> {
      const { organizationId } = principal;
      if (organizationId === null) throw new AppError(ErrorCode.FORBIDDEN);
      authorize(defineAbilityFor(principal), 'create', 'AmazonConnection', { organizationId });
      const applicationId = deps.amazon.applicationId;
      if (applicationId === null) {
        throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, {
          message: 'SPAPI_APPLICATION_ID is not configured',
        });
      }
      const state = randomToken();
      const now = clock();
      const expiresAt = now + STATE_TTL_MS;
      // Spent and expired states are of no further use: each new round trip clears them.
      await connections.pruneStates(now);
      await connections.insertState({
        stateHash: hashToken(state),
        userId: principal.userId,
        organizationId,
        region,
        now,
        expiresAt,
      });
      await deps.audit.record({
        actor: userActor(principal),
        action: AuditAction.AMAZON_AUTHORIZE_START,
        outcome: 'success',
        organizationId,
        requestId: request.requestId,
        details: { region },
      });
      const url = new URL('/apps/authorize/consent', deps.amazon.sellerCentralUrls[region]);
      url.searchParams.set('application_id', applicationId);
      url.searchParams.set('state', state);
      url.searchParams.set('redirect_uri', deps.redirectUri);
      if (deps.amazon.draftApplication) url.searchParams.set('version', 'beta');
      return { consentUrl: url.toString(), expiresAt, state };
    },

    /**
     * The consent redirect: spends the state, exchanges the code, stores the refresh token
     * encrypted. A replayed, expired or unknown state is OAUTH_STATE_INVALID; a code LWA refuses
     * (reused, expired) is NEEDS_REAUTHORIZATION. Every outcome is audited.
     */
    async completeAuthorization(
      input: CallbackInput,
      request: RequestInfo,
    ): Promise<ConnectionView> {
      const now = clock();
      const sameBrowser =
        input.browserState !== undefined && constantTimeEqual(input.browserState, input.state);
      const state = sameBrowser
        ? await connections.consumeState(hashToken(input.state), now)
        : undefined;
      if (state === undefined) {
        await deps.audit.record({
          actor: { kind: 'system', id: null },
          action: AuditAction.AMAZON_CONNECT,
          outcome: 'denied',
          reasonCode: ErrorCode.OAUTH_STATE_INVALID,
          requestId: request.requestId,
        });
        throw new AppError(ErrorCode.OAUTH_STATE_INVALID);
      }
      const { organizationId, region } = state;
      const failed = async (code: ErrorCode, principalId: string | null) => {
        await deps.audit.record({
          actor:
            principalId === null ? { kind: 'system', id: null } : { kind: 'user', id: principalId },
          action: AuditAction.AMAZON_CONNECT,
          outcome: 'failure',
          organizationId,
          reasonCode: code,
          requestId: request.requestId,
          details: { region },
        });
        return new AppError(code);
      };
      let principal: Principal;
      try {
        principal = await stateOwner(state);
      } catch {
        throw await failed(ErrorCode.OAUTH_STATE_INVALID, null);
      }
      let refreshToken: string;
      try {
        ({ refreshToken } = await deps.exchange.exchange({
          region,
          code: input.code,
          redirectUri: deps.redirectUri,
        }));
      } catch {
        throw await failed(ErrorCode.NEEDS_REAUTHORIZATION, principal.userId);
      }
      const existing = await connections.findBySeller(
        organizationId,
        input.sellingPartnerId,
        region,
      );
      const id = existing?.id ?? randomUUID();
      const sealed = await deps.sealer.seal({ organizationId, connectionId: id }, refreshToken);
      await deps.audit.withAuditedTransaction(
        {
          actor: userActor(principal),
          action: AuditAction.AMAZON_CONNECT,
          outcome: 'success',
          organizationId,
          target: grantTarget(id),
          requestId: request.requestId,
          details: { region, reauthorized: existing !== undefined },
        },
        (trx) =>
          connections.upsertAuthorized(
            trx,
            {
              id,
              organizationId,
              sellingPartnerId: input.sellingPartnerId,
              region,
              marketplaceIds: existing?.marketplaceIds ?? [marketplacesOf(region)[0]?.id ?? ''],
              refreshToken: sealed,
              userId: principal.userId,
              now,
            },
            existing !== undefined,
          ),
      );
      const stored = await connections.findById(id);
      if (stored === undefined) throw new AppError(ErrorCode.INTERNAL);
      deps.onCredentialsChanged?.(stored);
      return toConnectionView(stored);
    },

    /**
     * The seller cancelled on the consent page (Amazon redirects with `error`): the state is
     * spent, and the refusal audited for the organization that asked.
     */
    async cancelAuthorization(state: string | undefined, request: RequestInfo): Promise<void> {
      const spent =
        state === undefined ? undefined : await connections.consumeState(hashToken(state), clock());
      // Without a live state this is nobody's round trip: nothing to record (and nothing an
      // anonymous caller can make us write).
      if (spent === undefined) return;
      await deps.audit.record({
        actor: { kind: 'user', id: spent.userId },
        action: AuditAction.AMAZON_CONNECT,
        outcome: 'failure',
        organizationId: spent.organizationId,
        reasonCode: 'CONSENT_DENIED',
        requestId: request.requestId,
      });
    },

    async update(
      principal: Principal,
      id: string,
      changes: {
        marketplaceIds?: readonly string[] | undefined;
        ordersApiVersion?: OrdersApiVersion | undefined;
      },
      request: RequestInfo,
    ): Promise<ConnectionView> {
      const connection = await owned(principal, id, 'update');
      const ability = defineAbilityFor(principal);
      if (changes.marketplaceIds !== undefined) {
        authorize(ability, 'update', 'AmazonConnection', connection, 'marketplaceIds');
        const foreign = changes.marketplaceIds.filter(
          (m) => !isMarketplaceOf(connection.region, m),
        );
        if (foreign.length > 0) {
          throw new AppError(ErrorCode.VALIDATION_FAILED, {
            details: { fields: ['marketplaceIds'] },
          });
        }
      }
      if (changes.ordersApiVersion !== undefined) {
        authorize(ability, 'update', 'AmazonConnection', connection, 'ordersApiVersion');
      }
      await deps.audit.withAuditedTransaction(
        {
          actor: userActor(principal),
          action: AuditAction.AMAZON_CONNECTION_UPDATE,
          outcome: 'success',
          organizationId: connection.organizationId,
          target: grantTarget(id),
          requestId: request.requestId,
          details: {
            ...(changes.ordersApiVersion === undefined
              ? {}
              : { ordersApiVersion: changes.ordersApiVersion }),
            ...(changes.marketplaceIds === undefined
              ? {}
              : { marketplaceIds: [...changes.marketplaceIds] }),
          },
        },
        (trx) => connections.update(trx, id, changes, clock()),
      );
      const stored = await connections.findById(id);
      if (stored === undefined) throw new AppError(ErrorCode.NOT_FOUND);
      return toConnectionView(stored);
    },

    /** Deletes the stored refresh token; syncing stops; the row stays for the record. */
    async disconnect(principal: Principal, id: string, request: RequestInfo): Promise<void> {
      const connection = await owned(principal, id, 'delete');
      if (connection.status === 'disconnected') return;
      await deps.audit.withAuditedTransaction(
        {
          actor: userActor(principal),
          action: AuditAction.AMAZON_DISCONNECT,
          outcome: 'success',
          organizationId: connection.organizationId,
          target: grantTarget(id),
          requestId: request.requestId,
        },
        (trx) => connections.disconnect(trx, id, clock()),
      );
      deps.onCredentialsChanged?.(connection);
    },

    /**
     * LWA answered `invalid_grant` for this connection's refresh token (the seller revoked us,
     * or the token expired): the connection waits for a new consent, its sync pauses, and the
     * audit entry raises an alert. Idempotent.
     */
    async markNeedsReauthorization(id: string, reasonCode: string): Promise<boolean> {
      const connection = await connections.findById(id);
      if (connection?.status !== 'active') return false;
      let moved = false;
      await deps.audit.withAuditedTransaction(
        {
          actor: { kind: 'system', id: null },
          action: AuditAction.AMAZON_REAUTHORIZATION_REQUIRED,
          outcome: 'failure',
          organizationId: connection.organizationId,
          target: grantTarget(id),
          reasonCode,
          requestId: null,
        },
        async (trx) => {
          moved = await connections.markNeedsReauthorization(trx, id, reasonCode, clock());
        },
      );
      return moved;
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
