import { describe, expect, it } from 'vitest';
import {
  orderListQuerySchema,
  orderSummarySchema,
  revealRequestSchema,
  revealReferenceSchema,
} from './orders.js';

describe('orders contracts', () => {
  it('parses a list query from query-string text, and refuses anything else', () => {
    expect(
      orderListQuerySchema.parse({
        status: 'Shipped,Unshipped',
        purchasedFrom: '1700000000000',
        purchasedBefore: '1800000000000',
        limit: '25',
      }),
    ).toEqual({
      status: ['Shipped', 'Unshipped'],
      purchasedFrom: 1_700_000_000_000,
      purchasedBefore: 1_800_000_000_000,
      limit: 25,
    });
    for (const query of [
      { limit: '0' },
      { limit: ['1', '2'] },
      { status: 'Shipped,' },
      { purchasedFrom: '5', purchasedBefore: '5' },
      { postalCode: 'QX9 7ZK' },
    ]) {
      expect(orderListQuerySchema.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });

  it('a summary has no PII field: a row carrying one is refused', () => {
    const summary = {
      amazonOrderId: '113-0000001-0000001',
      organizationId: '0b7c3d1e-8f7a-4c2b-9d3e-5f6a7b8c9d0e',
      marketplaceId: 'ATVPDKIKX0DER',
      orderStatus: 'Shipped',
      purchaseDate: 1,
      lastUpdateDate: 2,
      fulfillmentChannel: 'MFN',
      shipServiceLevel: null,
      latestShipDate: null,
      shippedAt: null,
      orderTotal: null,
      shippingCountryCode: 'US',
      piiState: 'present',
      piiPurgeAfter: null,
    };
    expect(orderSummarySchema.safeParse(summary).success).toBe(true);
    expect(orderSummarySchema.safeParse({ ...summary, buyerName: 'Ann Example' }).success).toBe(
      false,
    );
  });

  it('a reveal needs a reason code; other needs a reference', () => {
    expect(revealRequestSchema.safeParse({ fields: ['phone'], reason: 'customs' }).success).toBe(
      true,
    );
    expect(revealRequestSchema.safeParse({ fields: ['phone'] }).success).toBe(false);
    expect(revealRequestSchema.safeParse({ fields: ['phone'], reason: 'other' }).success).toBe(
      false,
    );
    expect(
      revealRequestSchema.safeParse({ fields: ['phone', 'phone'], reason: 'returns' }).success,
    ).toBe(false);
  });

  it('a reference cannot carry a sentence, an email, a phone or a long number', () => {
    for (const ok of ['TICKET-4417', 'RMA-2211', 'CUST:2026-0001', 'zd.88812']) {
      expect(revealReferenceSchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of [
      'for Ann Example',
      'ann@example.com',
      '+12065550199',
      '2065550199',
      'ORDER-1234567',
      '',
      'x'.repeat(33),
      '-leading',
    ]) {
      expect(revealReferenceSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
