/**
 * The configuration variables that point the server at a running simulator's listeners (the
 * demo and the whole-server tests): LWA, each region's Seller Central and SP-API, and the
 * simulated application's ids. Its client secret goes to the secrets provider, not here.
 */
import type { AmazonRegion } from './config.types.js';

export interface SimulatorEndpoints {
  readonly lwa: string;
  readonly sellerCentral: Readonly<Record<AmazonRegion, string>>;
  readonly spapi: Readonly<Record<AmazonRegion, string>>;
}

export function simulatorEnv(
  urls: SimulatorEndpoints,
  application: { readonly clientId: string; readonly applicationId: string },
): Record<string, string> {
  return {
    LWA_BASE_URL: urls.lwa,
    SELLER_CENTRAL_URL_NA: urls.sellerCentral.na,
    SELLER_CENTRAL_URL_EU: urls.sellerCentral.eu,
    SELLER_CENTRAL_URL_FE: urls.sellerCentral.fe,
    SPAPI_BASE_URL_NA: urls.spapi.na,
    SPAPI_BASE_URL_EU: urls.spapi.eu,
    SPAPI_BASE_URL_FE: urls.spapi.fe,
    LWA_CLIENT_ID: application.clientId,
    SPAPI_APPLICATION_ID: application.applicationId,
  };
}
