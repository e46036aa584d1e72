import type { SimApplication } from '../../src/core/grants.js';

/**
 * A browser and an LWA client, as far as the tests need them: open Seller Central's consent
 * page, submit its form, and call the token endpoint (`h.sellerCentral(region)`, `h.lwa()`).
 */

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

export function clientOf(app: Pick<SimApplication, 'clientId' | 'clientSecret'>): {
  client_id: string;
  client_secret: string;
} {
  return { client_id: app.clientId, client_secret: app.clientSecret };
}
