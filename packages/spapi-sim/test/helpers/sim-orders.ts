import { DAY_MS } from '../../src/data/time.js';
import { SELLER_EU, SELLER_NA, type SimHarness } from './sim-harness.js';

/** Orders with known properties, added next to the generated ones. */
export interface OrderFixtures {
  /** MFN, Unshipped, one gift-wrapped item with a gift message: every kind of PII is served. */
  mfnGift: string;
  /** AFN, Shipped: address without phone. */
  afnShipped: string;
  /** MFN, Pending: no address, no buyer data, no pricing. */
  pending: string;
  /** An order of the EU seller: unknown to the NA seller. */
  otherSellers: string;
  /** Well-formed, but no seller has it. */
  unknown: string;
}

export const GIFT_MESSAGE = 'Happy birthday, from the harness';

export function addFixtureOrders(h: SimHarness): OrderFixtures {
  const { orders } = h.state;
  const purchaseDate = h.now() - 2 * DAY_MS;
  const seller = SELLER_NA.sellingPartnerId;
  const mfnGift = orders.add(seller, {
    purchaseDate,
    marketplaceId: 'ATVPDKIKX0DER',
    fulfillmentChannel: 'MFN',
    status: 'Unshipped',
    items: [{ giftMessageText: GIFT_MESSAGE, giftWrapLevel: 'Classic' }],
  });
  const afnShipped = orders.add(seller, {
    purchaseDate,
    marketplaceId: 'ATVPDKIKX0DER',
    fulfillmentChannel: 'AFN',
    status: 'Shipped',
  });
  const pending = orders.add(seller, {
    purchaseDate,
    marketplaceId: 'ATVPDKIKX0DER',
    fulfillmentChannel: 'MFN',
    status: 'Pending',
  });
  const otherSellers = orders.add(SELLER_EU.sellingPartnerId, {
    purchaseDate,
    status: 'Unshipped',
  });
  return {
    mfnGift: mfnGift.amazonOrderId,
    afnShipped: afnShipped.amazonOrderId,
    pending: pending.amazonOrderId,
    otherSellers: otherSellers.amazonOrderId,
    unknown: '111-0000000-0000000',
  };
}
