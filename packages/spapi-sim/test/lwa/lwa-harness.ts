import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { SimApplication, SimSeller } from '../../src/core/grants.js';
import { REGIONS, type Region } from '../../src/core/regions.js';
import { SimState } from '../../src/core/state.js';
import { createConsentRouter } from '../../src/lwa/consent.routes.js';
import { createLwaRouter } from '../../src/lwa/token.routes.js';

/**
 * The LWA and Seller Central listeners on loopback, port 0, over a SimState built here. The
 * Express setup mirrors `baseApp()` in src/server.ts (simple query parser, no x-powered-by).
 * We mount the routers directly rather than call startSimulator so these tests do not depend
 * on the SP-API route modules.
 */
export const PUBLISHED_APP: SimApplication = {
  applicationId: 'amzn1.sp.solution.11111111-aaaa-bbbb-cccc-000000000001',
  clientId: 'amzn1.application-oa2-client.published0001',
  clientSecret: 'amzn1.oa2-cs.v1.published-secret-0000000000000001',
  name: 'Parcel Desk <Test>',
  status: 'published',
  redirectUris: ['https://app.example.test/callback?source=sc', 'https://app.example.test/other'],
  restrictedRoles: ['DirectToConsumerShipping'],
};

export const DRAFT_APP: SimApplication = {
  applicationId: 'amzn1.sp.solution.11111111-aaaa-bbbb-cccc-000000000002',
  clientId: 'amzn1.application-oa2-client.draft0000002',
  clientSecret: 'amzn1.oa2-cs.v1.draft-secret-000000000000000002',
  name: 'Draft Tool',
  status: 'draft',
  redirectUris: ['https://draft.example.test/cb'],
  restrictedRoles: [],
};

export const OTHER_APP: SimApplication = {
  applicationId: 'amzn1.sp.solution.11111111-aaaa-bbbb-cccc-000000000003',
  clientId: 'amzn1.application-oa2-client.other00000003',
  clientSecret: 'amzn1.oa2-cs.v1.other-secret-000000000000000003',
  name: 'Another App',
  status: 'published',
  redirectUris: ['https://other.example.test/cb'],
  restrictedRoles: [],
};

export const SELLER_NA: SimSeller = {
  sellingPartnerId: 'A1TESTSELLERNA',
  name: 'Harbor & Pine Goods',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

export const SELLER_EU: SimSeller = {
  sellingPartnerId: 'A2TESTSELLEREU',
  name: 'Nordlicht Haushalt',
  region: 'eu',
  marketplaceIds: ['A1PA6795UKMFR9'],
};

export interface LwaHarness {
  state: SimState;
  lwaUrl: string;
  sellerCentral: Record<Region, string>;
  stop(): Promise<void>;
}

function baseApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  return app;
}

async function listen(app: Express): Promise<{ server: Server; url: string }> {
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

export async function startLwaHarness(): Promise<LwaHarness> {
  const state = new SimState({
    applications: [PUBLISHED_APP, DRAFT_APP, OTHER_APP].map((app) => ({ ...app })),
    sellers: [SELLER_NA, SELLER_EU].map((seller) => ({ ...seller })),
    timeScale: 1,
    faults: {
      seed: 1,
      http500: 0,
      http503: 0,
      throttle: 0,
      reset: 0,
      truncate: 0,
      slow: 0,
      slowMs: 0,
    },
    rngFromSeed: () => Math.random,
  });
  const servers: Server[] = [];
  const lwaApp = baseApp();
  lwaApp.use(createLwaRouter(state));
  const lwa = await listen(lwaApp);
  servers.push(lwa.server);
  const sellerCentral = {} as Record<Region, string>;
  for (const region of REGIONS) {
    const app = baseApp();
    app.use(createConsentRouter(state, region));
    const sc = await listen(app);
    servers.push(sc.server);
    sellerCentral[region] = sc.url;
  }
  return {
    state,
    lwaUrl: lwa.url,
    sellerCentral,
    stop: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => {
                resolve();
              });
            }),
        ),
      );
    },
  };
}

/** Seller Central's authorization URI with the given parameters. */
export function consentUrl(base: string, params: Record<string, string>): string {
  return `${base}/apps/authorize/consent?${new URLSearchParams(params).toString()}`;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
};

/** The hidden fields of the consent form, decoded as a browser would. */
export function hiddenFields(page: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of page.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g,
  )) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) {
      fields[name] = value.replace(
        /&(?:amp|lt|gt|quot|#39|#96);/g,
        (entity) => ENTITIES[entity] ?? entity,
      );
    }
  }
  return fields;
}

/** Posts the consent form as the browser would after the seller picks an account. */
export async function submitConsent(
  base: string,
  fields: Record<string, string>,
): Promise<Response> {
  return fetch(`${base}/apps/authorize/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Opens the consent page, picks `sellerId` and presses Authorize; returns the callback URL. */
export async function authorize(
  base: string,
  params: Record<string, string>,
  sellerId: string,
): Promise<URL> {
  const page = await fetch(consentUrl(base, params));
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const fields = hiddenFields(await page.text());
  const res = await submitConsent(base, {
    ...fields,
    selling_partner_id: sellerId,
    decision: 'authorize',
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || location === null) throw new Error(`confirm answered ${res.status}`);
  return new URL(location);
}

export interface TokenResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

/** `POST /auth/o2/token`, form-encoded unless `json` is set. */
export async function requestToken(
  lwaUrl: string,
  params: Record<string, string>,
  options: { json?: boolean } = {},
): Promise<TokenResult> {
  const res = await fetch(`${lwaUrl}/auth/o2/token`, {
    method: 'POST',
    headers: {
      'content-type': options.json ? 'application/json' : 'application/x-www-form-urlencoded',
    },
    body: options.json ? JSON.stringify(params) : new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(text) as Record<string, unknown>,
    text,
  };
}

export function clientOf(app: SimApplication): { client_id: string; client_secret: string } {
  return { client_id: app.clientId, client_secret: app.clientSecret };
}
