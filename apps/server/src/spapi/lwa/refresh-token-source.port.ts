/**
 * Where a connection's refresh token comes from. Storage and encryption of refresh tokens belong to
 * the connections module; the token manager asks this port each time it refreshes (so a
 * re-authorized connection is used at once) and keeps nothing but the access token, in memory.
 *
 * Throw the connection module's own error when there is no usable connection (disconnected,
 * needs re-authorization): it reaches the caller unchanged.
 */
import type { AmazonRegion } from '../../config/index.js';

/**
 * `connectionId` is whatever key the connections module stores refresh tokens under (its
 * connection id; or the selling partner id where there is one connection per partner). The token
 * manager caches access tokens under the same (connectionId, region) pair.
 */
export type RefreshTokenSource = (connectionId: string, region: AmazonRegion) => Promise<string>;
