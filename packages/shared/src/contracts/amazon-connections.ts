/**
 * HTTP contracts of `/api/amazon` (seller authorization): the answers the portal parses. The
 * inputs are the server's (`connection.schema.ts`); these describe what comes back.
 */
import { z } from 'zod';
import { AMAZON_REGIONS } from '../amazon/marketplaces.js';

export const AMAZON_CONNECTION_STATUSES = [
  'active',
  'needs-reauthorization',
  'disconnected',
] as const;
export const ORDERS_API_VERSIONS = ['v0', '2026-01-01'] as const;

const epochMs = z.number().int().nonnegative().describe('epoch milliseconds (UTC)');

/** A connection as the API shows it: never the refresh token, not even encrypted. */
export const connectionViewSchema = z.strictObject({
  id: z.uuid(),
  organizationId: z.uuid(),
  sellingPartnerId: z.string(),
  region: z.enum(AMAZON_REGIONS),
  marketplaceIds: z.array(z.string()),
  status: z.enum(AMAZON_CONNECTION_STATUSES),
  statusReason: z.string().nullable().describe('a code, e.g. why re-authorization is needed'),
  ordersApiVersion: z.enum(ORDERS_API_VERSIONS),
  connectedAt: epochMs,
  lastTokenRefreshAt: epochMs.nullable(),
});
export type ConnectionViewBody = z.infer<typeof connectionViewSchema>;

export const connectionListResponseSchema = z.strictObject({
  connections: z.array(connectionViewSchema),
});

/** `POST /api/amazon/authorize`: open `consentUrl` (Seller Central) before `expiresAt`. */
export const authorizeResponseSchema = z.strictObject({
  consentUrl: z.url(),
  expiresAt: epochMs,
});
