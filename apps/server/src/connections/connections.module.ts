/**
 * Builds the seller-authorization feature from its ports: the PII vault seals refresh tokens,
 * the SP-API access layer exchanges consent codes and caches access tokens. Refresh tokens are
 * read back only through {@link createRefreshTokenSource}, the token manager's port, keyed by
 * connection id (one selling partner may be connected by several organizations).
 */
import type { Kysely } from 'kysely';
import { AppError, ErrorCode } from '@spapi/shared';
import type { AuditTrail } from '../audit/index.js';
import type { ServerConfig } from '../config/index.js';
import { createUserRepository } from '../identity/user.repository.js';
import type { EncryptedColumn, FieldRef, PiiVault } from '../pii-vault/index.js';
import type { RdtService } from '../rdt/index.js';
import type { LwaTokenManager, RefreshTokenSource } from '../spapi/index.js';
import type { Database } from '../storage/index.js';
import { createConnectionRepository, type ConnectionRepository } from './connection.repository.js';
import { createConnectionRoutes } from './connection.routes.js';
import { createConnectionService } from './connection.service.js';

/** Where refresh tokens are encrypted: registered with the vault by the composition root. */
export const REFRESH_TOKEN_COLUMN: EncryptedColumn = {
  table: 'amazon_connections',
  column: 'refresh_token_ciphertext',
  keyIdColumn: 'refresh_token_key_id',
};

const refreshTokenField = (connectionId: string): FieldRef => ({
  table: REFRESH_TOKEN_COLUMN.table,
  column: REFRESH_TOKEN_COLUMN.column,
  rowId: connectionId,
});

/** The token manager's refresh-token port: an active connection's token, decrypted on demand. */
export function createRefreshTokenSource(
  connections: ConnectionRepository,
  vault: Pick<PiiVault, 'decryptField'>,
): RefreshTokenSource {
  return async (connectionId) => {
    const connection = await connections.findById(connectionId);
    if (connection?.status !== 'active' || connection.refreshTokenCiphertext === null) {
      throw new AppError(ErrorCode.NEEDS_REAUTHORIZATION);
    }
    const token = await vault.decryptField(
      connection.organizationId,
      refreshTokenField(connection.id),
      connection.refreshTokenCiphertext,
    );
    if (token === null) throw new AppError(ErrorCode.NEEDS_REAUTHORIZATION);
    return token;
  };
}

export interface ConnectionsOptions {
  readonly db: Kysely<Database>;
  readonly vault: Pick<PiiVault, 'encryptCell'>;
  readonly audit: Pick<AuditTrail, 'record' | 'withAuditedTransaction'>;
  readonly config: Pick<ServerConfig, 'amazon' | 'publicUrl'>;
  /** Absent when LWA is not configured (no `LWA_CLIENT_ID`): connecting is then unavailable. */
  readonly tokens: Pick<LwaTokenManager, 'exchangeAuthorizationCode' | 'forget'> | undefined;
  /** Cached Restricted Data Tokens of a connection end with its credentials. */
  readonly rdt?: Pick<RdtService, 'evictConnection'> | undefined;
  /** A connection was authorized or re-authorized (the first sync can start). */
  readonly onConnected?: (connectionId: string) => void;
  readonly clock?: () => number;
}

export function createConnections(options: ConnectionsOptions) {
  const { config, tokens } = options;
  const repository = createConnectionRepository(options.db);
  const service = createConnectionService({
    connections: repository,
    users: createUserRepository(options.db),
    exchange: {
      exchange: async ({ code, redirectUri }) => {
        if (tokens === undefined) {
          throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, { message: 'LWA is not configured' });
        }
        return tokens.exchangeAuthorizationCode(code, redirectUri);
      },
    },
    sealer: {
      seal: ({ organizationId, connectionId }, refreshToken) =>
        options.vault.encryptCell(organizationId, refreshTokenField(connectionId), refreshToken),
    },
    audit: options.audit,
    clock: options.clock ?? Date.now,
    amazon: config.amazon,
    redirectUri: `${config.publicUrl}/api/amazon/callback`,
    onCredentialsChanged: (connection) => {
      tokens?.forget(connection.id);
      options.rdt?.evictConnection(connection.id);
      if (connection.status === 'active') options.onConnected?.(connection.id);
    },
  });
  return {
    repository,
    service,
    /** Mount at `/api/amazon`. */
    routes: createConnectionRoutes(service, config.publicUrl).router,
  };
}

export type Connections = ReturnType<typeof createConnections>;
