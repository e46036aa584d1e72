import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barePhone,
  city,
  distinctivePostalCode,
  email,
  fiveDigitPostalCode,
  freeformAddressLine,
  giftMessage,
  leaks,
  personName,
  phone,
  streetLine,
} from '../testing/index.js';
import { maskPii, maskString } from './masker.js';

/** Shapes from Amazon's models (spapi-models/ordersV0.json, orders_2026-01-01.json). */
const v0Order = (pii: Record<string, string>) => ({
  AmazonOrderId: '902-3159896-1390916',
  PurchaseDate: '2026-01-01T10:00:00Z',
  OrderStatus: 'Unshipped',
  MarketplaceId: 'ATVPDKIKX0DER',
  OrderTotal: { CurrencyCode: 'USD', Amount: '25.99' },
  ShippingAddress: {
    Name: pii.name,
    AddressLine1: pii.line1,
    AddressLine2: pii.line2,
    City: pii.city,
    StateOrRegion: 'MI',
    PostalCode: pii.postalCode,
    CountryCode: 'US',
    Phone: pii.phone,
    AddressType: 'Residential',
    ExtendedFields: {
      StreetName: pii.line1,
      GeoCoordinates: { Latitude: 37.4, Longitude: -122.1 },
    },
  },
  BuyerInfo: {
    BuyerEmail: pii.email,
    BuyerName: pii.name,
    BuyerTaxInfo: { CompanyLegalName: pii.company },
    PurchaseOrderNumber: '1234567890123',
  },
});

const v0ItemsBuyerInfo = (pii: Record<string, string>) => ({
  payload: {
    AmazonOrderId: '902-3159896-1390916',
    OrderItems: [
      {
        OrderItemId: '68828574383266',
        ASIN: 'B07XJ8C8F5',
        BuyerInfo: { GiftMessageText: pii.gift },
      },
      { OrderItemId: '68828574383267', GiftMessageText: pii.gift, GiftWrapLevel: 'Classic' },
    ],
  },
});

const order2026 = (pii: Record<string, string>) => ({
  orderId: '503-1234567-7654321',
  createdTime: '2026-02-03T04:05:06Z',
  salesChannel: {
    channelName: 'AMAZON',
    marketplaceId: 'A1VC38T7YXB528',
    marketplaceName: 'Amazon.co.jp',
  },
  buyer: { buyerName: pii.name, buyerEmail: pii.email, buyerCompanyName: pii.company },
  recipient: {
    deliveryAddress: {
      name: pii.name,
      companyName: pii.company,
      addressLine1: pii.line1,
      addressLine2: pii.line2,
      city: pii.city,
      districtOrCounty: pii.city,
      postalCode: pii.postalCode,
      countryCode: 'JP',
      phone: pii.phone,
      addressType: 'RESIDENTIAL',
    },
    deliveryPreference: {
      addressInstruction: `Leave with ${pii.name}`,
      dropOffLocation: pii.line2,
    },
  },
  tax: {
    taxRegistrations: [
      { entityType: 'BUYER', legalName: pii.company, taxRegistrationNumber: 'DE123456789' },
    ],
  },
  orderItems: [
    {
      orderItemId: '25012345678901',
      product: { asin: 'B08C1W5N87', sellerSku: 'ECHO-DOT-4-JP-CHARCOAL', title: 'Echo Dot' },
      fulfillment: { packing: { giftOption: { giftMessage: pii.gift, giftWrapLevel: 'Classic' } } },
    },
  ],
});

const SAFE_VALUES = [
  '902-3159896-1390916',
  '503-1234567-7654321',
  '2026-01-01T10:00:00Z',
  '2026-02-03T04:05:06Z',
  'ATVPDKIKX0DER',
  'A1VC38T7YXB528',
  'B07XJ8C8F5',
  'B08C1W5N87',
  '68828574383266',
  'ECHO-DOT-4-JP-CHARCOAL',
  '25.99',
];

const piiRecord = fc.record({
  name: personName,
  company: fc.constantFrom('Acme GmbH', 'Doe Consulting LLC', '山田商事株式会社'),
  line1: fc.oneof(streetLine, freeformAddressLine),
  line2: freeformAddressLine,
  city,
  postalCode: fc.oneof(fiveDigitPostalCode, distinctivePostalCode),
  phone: fc.oneof(phone, barePhone),
  email,
  gift: giftMessage,
});

/** How a payload reaches a logger: as an object, as JSON text, inside an HTTP client error. */
const asLogged = (payload: object, style: number): unknown => {
  const json = JSON.stringify(payload);
  const error = Object.assign(new Error('Request failed with status code 400'), {
    response: { status: 400, data: payload },
  });
  return [payload, json, `SP-API response body: ${json}`, error, { body: json }][style];
};

describe('Amazon payloads', () => {
  it.each([
    ['v0 getOrders (RDT)', (p: Record<string, string>) => ({ payload: { Orders: [v0Order(p)] } })],
    ['v0 getOrderItemsBuyerInfo', v0ItemsBuyerInfo],
    [
      '2026-01-01 searchOrders (BUYER,RECIPIENT)',
      (p: Record<string, string>) => ({ orders: [order2026(p)] }),
    ],
  ])('%s: no buyer value survives, ids and amounts do', (_what, build) => {
    fc.assert(
      fc.property(piiRecord, fc.integer({ min: 0, max: 4 }), (pii, style) => {
        const payload = build(pii);
        const masked = maskPii(asLogged(payload, style));
        const output = JSON.stringify(masked);
        for (const value of Object.values(pii)) expect(leaks(masked, value), value).toBe(false);
        for (const value of SAFE_VALUES) {
          if (JSON.stringify(payload).includes(value)) expect(output).toContain(value);
        }
      }),
    );
  });

  it("masks Amazon's own v0 example the way a reviewer expects", () => {
    const example = {
      payload: {
        AmazonOrderId: '902-3159896-1390916',
        ShippingAddress: {
          Name: 'MFNIntegrationTestMerchant',
          AddressLine1: '2201 WESTLAKE AVE',
          City: 'SEATTLE',
          StateOrRegion: 'WA',
          PostalCode: '98121-2778',
          CountryCode: 'US',
          Phone: '+1 480-386-0930 ext. 73824',
          AddressType: 'Commercial',
        },
      },
    };
    expect(maskPii(example)).toEqual({
      payload: {
        AmazonOrderId: '902-3159896-1390916',
        ShippingAddress: '[REDACTED:address]',
      },
    });
    expect(maskPii(example.payload.ShippingAddress)).toEqual({
      Name: '[REDACTED:name]',
      AddressLine1: '[REDACTED:address]',
      City: '[REDACTED:address]',
      StateOrRegion: '[REDACTED:address]',
      PostalCode: '[REDACTED:postal-code]',
      CountryCode: 'US',
      Phone: '[REDACTED:phone]',
      AddressType: 'Commercial',
    });
  });

  it('masks LWA and RDT token exchanges', () => {
    const lwa = {
      access_token: 'Atza|IwEBIJr8',
      refresh_token: 'Atzr|IwEBIA2x',
      token_type: 'bearer',
      expires_in: 3600,
    };
    expect(maskPii(lwa)).toEqual({
      access_token: '[REDACTED:token]',
      refresh_token: '[REDACTED:token]',
      token_type: 'bearer',
      expires_in: 3600,
    });
    expect(maskPii({ restrictedDataToken: 'Atz.sprdt|IQEB', expiresIn: 3600 })).toEqual({
      restrictedDataToken: '[REDACTED:token]',
      expiresIn: 3600,
    });
    const form =
      'grant_type=authorization_code&code=ANMEWbpQkUHECPDq7fFk&redirect_uri=https%3A%2F%2Fapp.example%2Fcb' +
      `&client_id=amzn1.application-oa2-client.abc&client_secret=amzn1.oa2-cs.v1.${'f'.repeat(64)}`;
    expect(maskString(form)).toBe(
      'grant_type=authorization_code&code=[REDACTED:code]&redirect_uri=https%3A%2F%2Fapp.example%2Fcb' +
        '&client_id=amzn1.application-oa2-client.abc&client_secret=[REDACTED:secret]',
    );
    const callback = new URL(
      'https://app.example/cb?state=s1&selling_partner_id=A1DEMOSELLERNA&spapi_oauth_code=ANMEWbpQkUHECPDq7fFk',
    );
    expect(maskPii(callback)).toBe(
      'https://app.example/cb?state=s1&selling_partner_id=A1DEMOSELLERNA&spapi_oauth_code=[REDACTED:secret]',
    );
  });

  it('keeps SP-API error bodies useful', () => {
    const body = {
      errors: [
        { code: 'InvalidInput', message: 'Invalid CreatedAfter', details: 'x-amzn-RequestId 1' },
      ],
    };
    expect(maskPii(body)).toEqual(body);
    const headers = {
      'x-amzn-RequestId': '4b6f1c3a-1111-2222-3333-444455556666',
      'x-amzn-RateLimit-Limit': '0.0167',
    };
    expect(maskPii(headers)).toEqual(headers);
  });
});
