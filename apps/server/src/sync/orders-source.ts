/**
 * Where a sync page comes from: Orders v0 (bulk getOrders with one generic-path Restricted Data
 * Token, then each changed order's items) or Orders 2026-01-01 (searchOrders with `includedData`:
 * buyer, recipient and items in the page, no RDT). Each fetch is one page of one marketplace;
 * responses are validated at run time and mapped to `DomainOrder` (`mapping/`).
 */
import type { DomainOrder } from '../orders/index.js';
import type { RdtService, RestrictedDataToken } from '../rdt/index.js';
import type { CallContext, IncludedData, SpapiClient } from '../spapi/index.js';
import { isSpapiError } from '../spapi/index.js';
import {
  mapOrder2026,
  mapOrderV0,
  parseGetOrderItems,
  parseGetOrders,
  parseSearchOrders,
  v0ShippedAt,
} from './mapping/index.js';

/** Orders per page: the most both versions allow. */
export const PAGE_SIZE = 100;

/** What 2026 searchOrders asks for: buyer and recipient PII, gift messages, shipments, totals. */
export const SYNC_INCLUDED_DATA: readonly IncludedData[] = [
  'BUYER',
  'RECIPIENT',
  'FULFILLMENT',
  'PACKAGES',
  'PROCEEDS',
];

export interface SyncConnection {
  readonly id: string;
  readonly organizationId: string;
  readonly sellingPartnerId: string;
  readonly region: CallContext['region'];
}

export interface PageRequest {
  readonly runId: string;
  readonly connection: SyncConnection;
  readonly marketplaceId: string;
  /** The window's start (epoch ms). */
  readonly lastUpdatedAfter: number;
  readonly nextToken: string | null;
  readonly signal?: AbortSignal | undefined;
}

export interface OrdersPage {
  /** The page's orders that need writing (v0 leaves out those already stored as they are). */
  readonly orders: readonly DomainOrder[];
  /** Orders Amazon listed on the page, written or not. */
  readonly listed: number;
  readonly nextToken: string | null;
  /** The window's upper bound as Amazon echoed it (epoch ms), where the next window starts. */
  readonly bound: number | null;
}

/** What the store already holds for some orders: their last update dates. */
export type StoredVersions = (
  connection: SyncConnection,
  amazonOrderIds: readonly string[],
) => Promise<ReadonlyMap<string, { readonly lastUpdateDate: number; readonly hasPii: boolean }>>;

export type OrdersSource = (request: PageRequest) => Promise<OrdersPage>;

/** RFC 3339 / ISO 8601 with whole seconds and `Z` (both versions accept it). */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const RESTRICTED_STATUSES = new Set(['Unshipped', 'PartiallyShipped', 'Shipped']);

export interface V0SourceDeps {
  readonly client: Pick<SpapiClient, 'call'>;
  readonly rdt: Pick<RdtService, 'forOrderSync' | 'invalidate'>;
  readonly stored: StoredVersions;
}

/**
 * Orders v0. One generic-path RDT (getOrders with buyerInfo and shippingAddress, and the order
 * items' buyer info) serves every page until five minutes before it expires: the RDT service
 * caches it per connection. An order already stored with the same last update date (and its
 * PII, when Amazon can send some) is not fetched again: after a restart the re-delivered page
 * costs one getOrders call, not one getOrderItems call per order.
 */
export function createV0Source(deps: V0SourceDeps): OrdersSource {
  const { client, rdt, stored } = deps;

  async function withToken<T>(
    request: PageRequest,
    work: (token: RestrictedDataToken) => Promise<T>,
  ): Promise<T> {
    const job = { id: request.runId, fetchPii: true };
    const token = await rdt.forOrderSync({ connection: request.connection, job });
    try {
      return await work(token);
    } catch (error) {
      // Amazon refused the cached token (revoked, or it expired early): renew it once.
      if (!isSpapiError(error) || (error.httpStatus !== 401 && error.httpStatus !== 403)) {
        throw error;
      }
      rdt.invalidate(token);
      return work(await rdt.forOrderSync({ connection: request.connection, job }));
    }
  }

  return (request) =>
    withToken(request, async (token) => {
      const context = token.callContext(request.signal);
      const query =
        request.nextToken === null
          ? {
              MarketplaceIds: [request.marketplaceId],
              LastUpdatedAfter: isoSeconds(request.lastUpdatedAfter),
              MaxResultsPerPage: PAGE_SIZE,
            }
          : { MarketplaceIds: [request.marketplaceId], NextToken: request.nextToken };
      const response = await client.call('ordersV0.getOrders', { query }, context);
      const page = parseGetOrders(response.body);
      const known = await stored(
        request.connection,
        page.orders.map((o) => o.AmazonOrderId),
      );
      const orders: DomainOrder[] = [];
      for (const order of page.orders) {
        const before = known.get(order.AmazonOrderId);
        const lastUpdate = order.LastUpdateDate;
        const piiExpected = RESTRICTED_STATUSES.has(order.OrderStatus);
        if (before !== undefined && before.lastUpdateDate >= lastUpdate) {
          if (before.hasPii || !piiExpected) continue;
        }
        const items = [];
        let itemsToken: string | null = null;
        do {
          const itemsResponse = await client.call(
            'ordersV0.getOrderItems',
            {
              path: { orderId: order.AmazonOrderId },
              ...(itemsToken === null ? {} : { query: { NextToken: itemsToken } }),
            },
            context,
          );
          const parsed = parseGetOrderItems(itemsResponse.body);
          items.push(...parsed.items);
          itemsToken = parsed.nextToken;
        } while (itemsToken !== null);
        orders.push(
          mapOrderV0(order, items, {
            connectionId: request.connection.id,
            marketplaceId: request.marketplaceId,
            piiUnlocked: true,
            shippedAt: v0ShippedAt(order),
          }),
        );
      }
      return {
        orders,
        listed: page.orders.length,
        nextToken: page.nextToken,
        bound: page.lastUpdatedBefore,
      };
    });
}

/** Orders 2026-01-01: PII through `includedData` (the application's roles), no RDT. */
export function createV2026Source(deps: {
  readonly client: Pick<SpapiClient, 'call'>;
}): OrdersSource {
  return async (request) => {
    const { connection } = request;
    const context: CallContext = {
      sellerId: connection.sellingPartnerId,
      region: connection.region,
      connectionId: connection.id,
      signal: request.signal,
    };
    // With a token every filter must repeat (Amazon binds the token to the search).
    const query = {
      marketplaceIds: [request.marketplaceId],
      lastUpdatedAfter: isoSeconds(request.lastUpdatedAfter),
      maxResultsPerPage: PAGE_SIZE,
      includedData: SYNC_INCLUDED_DATA,
      ...(request.nextToken === null ? {} : { paginationToken: request.nextToken }),
    };
    const response = await deps.client.call('orders20260101.searchOrders', { query }, context);
    const page = parseSearchOrders(response.body);
    return {
      orders: page.orders.map((order) =>
        mapOrder2026(order, { connectionId: connection.id, includedData: SYNC_INCLUDED_DATA }),
      ),
      listed: page.orders.length,
      nextToken: page.nextToken,
      bound: page.lastUpdatedBefore,
    };
  };
}
