/** SP-API regions and the marketplaces each one serves. */
export const REGIONS = ['na', 'eu', 'fe'] as const;
export type Region = (typeof REGIONS)[number];

export interface MarketplaceInfo {
  id: string;
  region: Region;
  countryCode: string;
  currencyCode: string;
  salesChannel: string;
}

export const MARKETPLACES = {
  ATVPDKIKX0DER: {
    id: 'ATVPDKIKX0DER',
    region: 'na',
    countryCode: 'US',
    currencyCode: 'USD',
    salesChannel: 'Amazon.com',
  },
  A2EUQ1WTGCTBG2: {
    id: 'A2EUQ1WTGCTBG2',
    region: 'na',
    countryCode: 'CA',
    currencyCode: 'CAD',
    salesChannel: 'Amazon.ca',
  },
  A1AM78C64UM0Y8: {
    id: 'A1AM78C64UM0Y8',
    region: 'na',
    countryCode: 'MX',
    currencyCode: 'MXN',
    salesChannel: 'Amazon.com.mx',
  },
  A1F83G8C2ARO7P: {
    id: 'A1F83G8C2ARO7P',
    region: 'eu',
    countryCode: 'GB',
    currencyCode: 'GBP',
    salesChannel: 'Amazon.co.uk',
  },
  A1PA6795UKMFR9: {
    id: 'A1PA6795UKMFR9',
    region: 'eu',
    countryCode: 'DE',
    currencyCode: 'EUR',
    salesChannel: 'Amazon.de',
  },
  A13V1IB3VIYZZH: {
    id: 'A13V1IB3VIYZZH',
    region: 'eu',
    countryCode: 'FR',
    currencyCode: 'EUR',
    salesChannel: 'Amazon.fr',
  },
  A1VC38T7YXB528: {
    id: 'A1VC38T7YXB528',
    region: 'fe',
    countryCode: 'JP',
    currencyCode: 'JPY',
    salesChannel: 'Amazon.co.jp',
  },
  A39IBJ37TRP1C6: {
    id: 'A39IBJ37TRP1C6',
    region: 'fe',
    countryCode: 'AU',
    currencyCode: 'AUD',
    salesChannel: 'Amazon.com.au',
  },
} as const satisfies Record<string, MarketplaceInfo>;

export type MarketplaceId = keyof typeof MARKETPLACES;

export function marketplaceInfo(id: string): MarketplaceInfo | undefined {
  return (MARKETPLACES as Record<string, MarketplaceInfo>)[id];
}
