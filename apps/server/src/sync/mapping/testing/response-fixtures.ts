/**
 * Response bodies for the mapping tests, shaped like the simulator's (and Amazon's) answers.
 * The PII values are obvious canaries: a test greps errors and logs for them.
 */

export const CANARY = {
  buyerName: 'Canary Buyer Zq7',
  buyerEmail: 'canary-zq7@marketplace.amazon.com',
  recipientName: 'Canary Recipient Zq7',
  line1: '7 Canary Lane Zq7',
  line2: 'Apt Zq7',
  city: 'Canaryville',
  state: 'WA',
  county: 'King',
  postalCode: '98007-7777',
  phone: '+1 206-555-0177',
  giftMessage: 'Happy birthday from canary Zq7',
} as const;

export function v0Order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AmazonOrderId: '111-1234567-7654321',
    SellerOrderId: '111-1234567-7654321',
    PurchaseDate: '2026-11-20T10:00:00Z',
    LastUpdateDate: '2026-11-21T12:30:00Z',
    OrderStatus: 'Unshipped',
    FulfillmentChannel: 'MFN',
    SalesChannel: 'Amazon.com',
    ShipServiceLevel: 'Std US D2D Dom',
    OrderTotal: { CurrencyCode: 'USD', Amount: '42.17' },
    MarketplaceId: 'ATVPDKIKX0DER',
    LatestShipDate: '2026-11-23T07:59:59Z',
    IsBusinessOrder: false,
    IsPrime: true,
    ShippingAddress: {
      City: CANARY.city,
      StateOrRegion: CANARY.state,
      PostalCode: CANARY.postalCode,
      CountryCode: 'US',
    },
    BuyerInfo: {},
    AutomatedShippingSettings: { HasAutomatedShippingSettings: false },
    ...overrides,
  };
}

/** The same order as an RDT with buyerInfo and shippingAddress shows it. */
export function v0OrderUnlocked(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return v0Order({
    ShippingAddress: {
      Name: CANARY.recipientName,
      AddressLine1: CANARY.line1,
      AddressLine2: CANARY.line2,
      City: CANARY.city,
      County: CANARY.county,
      StateOrRegion: CANARY.state,
      PostalCode: CANARY.postalCode,
      CountryCode: 'US',
      Phone: CANARY.phone,
      AddressType: 'Residential',
    },
    BuyerInfo: { BuyerEmail: CANARY.buyerEmail, BuyerName: CANARY.buyerName },
    ...overrides,
  });
}

export function v0Item(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ASIN: 'B0CANARY01',
    OrderItemId: '12345678901234',
    SellerSKU: 'SKU-CANARY-1',
    Title: 'Canary mug',
    QuantityOrdered: 2,
    QuantityShipped: 0,
    ItemPrice: { CurrencyCode: 'USD', Amount: '30.00' },
    BuyerInfo: {},
    ...overrides,
  };
}

export function order2026(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: '111-1234567-7654321',
    createdTime: '2026-11-20T10:00:00Z',
    lastUpdatedTime: '2026-11-21T12:30:00Z',
    programs: ['PRIME'],
    salesChannel: {
      channelName: 'AMAZON',
      marketplaceId: 'ATVPDKIKX0DER',
      marketplaceName: 'Amazon.com',
    },
    buyer: { buyerName: CANARY.buyerName, buyerEmail: CANARY.buyerEmail },
    recipient: {
      deliveryAddress: {
        name: CANARY.recipientName,
        addressLine1: CANARY.line1,
        addressLine2: CANARY.line2,
        city: CANARY.city,
        districtOrCounty: CANARY.county,
        stateOrRegion: CANARY.state,
        postalCode: CANARY.postalCode,
        countryCode: 'US',
        phone: CANARY.phone,
        addressType: 'RESIDENTIAL',
      },
    },
    proceeds: { grandTotal: { amount: '42.17', currencyCode: 'USD' } },
    fulfillment: {
      fulfillmentStatus: 'UNSHIPPED',
      fulfilledBy: 'MERCHANT',
      fulfillmentServiceLevel: 'STANDARD',
      shipByWindow: {
        earliestDateTime: '2026-11-21T08:00:00Z',
        latestDateTime: '2026-11-23T07:59:59Z',
      },
    },
    orderItems: [
      {
        orderItemId: '12345678901234',
        quantityOrdered: 3,
        product: {
          asin: 'B0CANARY01',
          title: 'Canary mug',
          sellerSku: 'SKU-CANARY-1',
          price: { unitPrice: { amount: '3.30', currencyCode: 'USD' } },
        },
        fulfillment: {
          quantityFulfilled: 0,
          quantityUnfulfilled: 3,
          packing: { giftOption: { giftMessage: CANARY.giftMessage, giftWrapLevel: 'CLASSIC' } },
        },
      },
    ],
    ...overrides,
  };
}

/** Every canary value, for "appears nowhere" assertions. */
export const CANARY_VALUES: readonly string[] = Object.values(CANARY);
