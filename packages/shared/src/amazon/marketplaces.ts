/**
 * SP-API regions and the marketplaces the product serves in each (Amazon's published marketplace
 * ids). The server validates a connection's marketplaces against this list; the portal names
 * them. The first marketplace of a region is the default for a new connection.
 */
export const AMAZON_REGIONS = ['na', 'eu', 'fe'] as const;
export type AmazonRegion = (typeof AMAZON_REGIONS)[number];

export interface Marketplace {
  readonly id: string;
  readonly region: AmazonRegion;
  readonly countryCode: string;
  readonly name: string;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'ATVPDKIKX0DER', region: 'na', countryCode: 'US', name: 'Amazon.com' },
  { id: 'A2EUQ1WTGCTBG2', region: 'na', countryCode: 'CA', name: 'Amazon.ca' },
  { id: 'A1AM78C64UM0Y8', region: 'na', countryCode: 'MX', name: 'Amazon.com.mx' },
  { id: 'A1F83G8C2ARO7P', region: 'eu', countryCode: 'GB', name: 'Amazon.co.uk' },
  { id: 'A1PA6795UKMFR9', region: 'eu', countryCode: 'DE', name: 'Amazon.de' },
  { id: 'A13V1IB3VIYZZH', region: 'eu', countryCode: 'FR', name: 'Amazon.fr' },
  { id: 'A1VC38T7YXB528', region: 'fe', countryCode: 'JP', name: 'Amazon.co.jp' },
  { id: 'A39IBJ37TRP1C6', region: 'fe', countryCode: 'AU', name: 'Amazon.com.au' },
];

export function marketplacesOf(region: AmazonRegion): readonly Marketplace[] {
  return MARKETPLACES.filter((marketplace) => marketplace.region === region);
}

export function isMarketplaceOf(region: AmazonRegion, id: string): boolean {
  return MARKETPLACES.some((marketplace) => marketplace.id === id && marketplace.region === region);
}
