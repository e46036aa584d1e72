import { beforeAll, describe, it } from 'vitest';
import type { SellerConfig } from '../../src/config.js';
import { runCase, type CaseContext } from '../helpers/conformance-runner.js';
import { ALL_INCLUDED_DATA, orders2026, v0 } from '../helpers/conformance-requests.js';
import {
  SELLER_EU,
  SELLER_FE,
  SELLER_NA,
  useSimHarness,
  type SimHarness,
} from '../helpers/sim-harness.js';
import { addFixtureOrders } from '../helpers/sim-orders.js';

/**
 * Every order the generator makes, in every region, served by every per-order operation with
 * all of its restricted data unlocked (v0 with an RDT for the generic paths, 2026-01-01 with
 * every includedData value and the role), and by the same operations without PII: every body
 * must satisfy the model. This reaches serializer branches the hand-written cases do not
 * (business orders, canceled orders, multi-item orders, other locales and currencies).
 */
const V0_OPERATIONS = {
  getOrder: { path: '', dataElements: ['buyerInfo', 'shippingAddress'] },
  getOrderBuyerInfo: { path: '/buyerInfo' },
  getOrderAddress: { path: '/address' },
  getOrderItems: { path: '/orderItems', dataElements: ['buyerInfo'] },
  getOrderItemsBuyerInfo: { path: '/orderItems/buyerInfo' },
} as const;

function genericResources(): { method: string; path: string; dataElements?: string[] }[] {
  return Object.values(V0_OPERATIONS).map((op) => ({
    method: 'GET',
    path: `/orders/v0/orders/{orderId}${op.path}`,
    ...('dataElements' in op ? { dataElements: [...op.dataElements] } : {}),
  }));
}

async function sweepSeller(h: SimHarness, seller: SellerConfig): Promise<void> {
  const ctx: CaseContext = { h };
  const tokens = {
    plain: h.accessToken({ seller }),
    rdt: await h.restrictedDataToken(genericResources(), { seller }),
  };
  const orders = h.state.orders.list(seller.sellingPartnerId, h.now());
  for (const { amazonOrderId } of orders) {
    for (const operationId of Object.keys(V0_OPERATIONS)) {
      for (const token of [tokens.plain, tokens.rdt]) {
        await runCase(ctx, {
          name: `${seller.region} ${operationId} ${amazonOrderId}`,
          request: () => v0.perOrder(operationId, amazonOrderId),
          token: () => token,
          region: seller.region,
          status: 200,
        });
      }
    }
    await runCase(ctx, {
      name: `${seller.region} 2026 getOrder ${amazonOrderId}`,
      request: () => orders2026.getOrder(amazonOrderId, { includedData: ALL_INCLUDED_DATA }),
      token: () => tokens.plain,
      region: seller.region,
      status: 200,
    });
  }
}

describe('every simulated order conforms to the model in every operation', () => {
  const h = useSimHarness({
    sellers: [
      { ...SELLER_NA, orderCount: 60 },
      { ...SELLER_EU, orderCount: 40 },
      { ...SELLER_FE, orderCount: 40 },
    ],
  });
  beforeAll(() => {
    addFixtureOrders(h);
  });

  it.each([SELLER_NA, SELLER_EU, SELLER_FE].map((seller) => ({ seller, region: seller.region })))(
    'sweeps the orders of the $region seller',
    async ({ seller }) => {
      await sweepSeller(h, seller);
    },
    60_000,
  );
});
