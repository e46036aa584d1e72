/**
 * The world of the orders HTTP API suites: the whole server on one dialect, an organization
 * with an owner, operator and viewer who signed in for real, a support account, orders stored
 * through the real write path (with canary PII), one purged, one without PII, and one order of
 * another organization; plus the calls and checks the suites share.
 */
import { expect } from 'vitest';
import {
  firstSignIn,
  seedAccount,
  seedOrders,
  seedOrganization,
  startAppHarness,
  type AppHarness,
  type Reply,
  type SignedInSession,
} from '../../../test/app-harness.js';
import { T0 } from '../../../test/storage-fixtures.js';
import type { DatabaseDialect } from '../../storage/index.js';
import { orderRowId } from '../order-columns.js';
import { purgePii } from '../order.repository.js';
import type { DomainOrder } from '../order.types.js';
import { CANARY_ITEM_GIFT, CANARY_PII, canaryTexts, newDomainOrder } from './order-fixtures.js';

export const HOUR = 3_600_000;
export const OTHER_POSTAL_CODE = 'ZZ1 4QQ';
export const SUMMARY_KEYS = [
  'amazonOrderId',
  'fulfillmentChannel',
  'lastUpdateDate',
  'latestShipDate',
  'marketplaceId',
  'orderStatus',
  'orderTotal',
  'organizationId',
  'piiPurgeAfter',
  'piiState',
  'purchaseDate',
  'shipServiceLevel',
  'shippedAt',
  'shippingCountryCode',
];

/** Canary PII in any form a response, an audit row or a log line could carry it. */
export function leaksIn(text: string): string[] {
  const lower = text.toLowerCase();
  return [...canaryTexts(), CANARY_ITEM_GIFT, OTHER_POSTAL_CODE].filter((value) =>
    lower.includes(value.toLowerCase()),
  );
}

export function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${String(index)}`);
  return item;
}

export type Caller = 'owner' | 'operator' | 'viewer' | 'support';

export interface OrdersApiWorld {
  readonly h: AppHarness;
  readonly orgA: string;
  readonly ownerId: string;
  readonly operatorId: string;
  readonly sessions: Readonly<Record<Caller, SignedInSession>>;
  /** orgA's orders, newest purchase first (5 and 6 share an instant). */
  readonly ordersA: readonly DomainOrder[];
  /** Unshipped, postal code {@link OTHER_POSTAL_CODE}. */
  readonly otherCode: DomainOrder;
  readonly withoutPii: DomainOrder;
  /** Purged by retention; the only order in marketplace A2EUQ1WTGCTBG2. */
  readonly purged: DomainOrder;
  /** Another organization's order (same canary PII). */
  readonly foreign: DomainOrder;
}

function orgAOrders(seller: Parameters<typeof newDomainOrder>[0]): DomainOrder[] {
  return [
    ...[0, 1, 2, 3].map((i) =>
      newDomainOrder(seller, { purchaseDate: T0 - i * HOUR, orderStatus: 'Shipped' }),
    ),
    newDomainOrder(seller, {
      purchaseDate: T0 - 4 * HOUR,
      orderStatus: 'Unshipped',
      shippedAt: null,
      pii: { ...CANARY_PII, postalCode: OTHER_POSTAL_CODE },
    }),
    // Two orders at the same instant: the row id breaks the tie, pages stay stable.
    newDomainOrder(seller, { purchaseDate: T0 - 5 * HOUR }),
    newDomainOrder(seller, { purchaseDate: T0 - 5 * HOUR }),
    newDomainOrder(seller, {
      purchaseDate: T0 - 6 * HOUR,
      pii: {},
      items: [
        {
          orderItemId: 'none-01',
          asin: 'B0NOPII001',
          sellerSku: null,
          title: null,
          quantity: 1,
          itemPrice: null,
        },
      ],
    }),
    newDomainOrder(seller, { purchaseDate: T0 - 7 * HOUR, marketplaceId: 'A2EUQ1WTGCTBG2' }),
  ];
}

export async function startOrdersApiWorld(dialect: DatabaseDialect): Promise<OrdersApiWorld> {
  const h = await startAppHarness(dialect);
  const orgA = await seedOrganization(h);
  const orgB = await seedOrganization(h, 'Other Seller');
  const owner = await seedAccount(h, 'owner', orgA);
  const operator = await seedAccount(h, 'operator', orgA);
  const sessions = {
    owner: await firstSignIn(h, owner),
    operator: await firstSignIn(h, operator),
    viewer: await firstSignIn(h, await seedAccount(h, 'viewer', orgA)),
    support: await firstSignIn(h, await seedAccount(h, 'support', null)),
  };
  const ordersA = await seedOrders(h, orgA, orgAOrders);
  const purged = nth(ordersA, 8);
  await h
    .db()
    .transaction()
    .execute((trx) => purgePii(trx, [orderRowId(orgA, purged.amazonOrderId)], Date.now()));
  return {
    h,
    orgA,
    ownerId: owner.id,
    operatorId: operator.id,
    sessions,
    ordersA,
    otherCode: nth(ordersA, 4),
    withoutPii: nth(ordersA, 7),
    purged,
    foreign: nth(await seedOrders(h, orgB), 0),
  };
}

/** The calls and checks of the suites, bound to a world's server. */
export function callsOf(world: () => OrdersApiWorld) {
  const get = (session: SignedInSession, path: string) => world().h.call('GET', path, { session });
  const post = (session: SignedInSession, path: string, body: unknown) =>
    world().h.call('POST', path, { session, body });
  return {
    get,
    post,
    reveal: (session: SignedInSession, orderId: string, body: unknown) =>
      post(session, `/api/orders/${orderId}/reveal`, body),
    idsOf: (reply: Reply) =>
      (reply.body.orders as { amazonOrderId: string }[]).map((o) => o.amazonOrderId),
    /** The audit entries written for one request. */
    auditOf: (reply: Reply) =>
      world()
        .h.db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('request_id', '=', reply.requestId)
        .execute(),
    /** An error answer: exactly its status, its code and the request id. */
    expectCode: (reply: Reply, status: number, code: string) => {
      expect({ status: reply.status, body: reply.body }).toEqual({
        status,
        body: { code, requestId: reply.requestId },
      });
    },
  };
}
