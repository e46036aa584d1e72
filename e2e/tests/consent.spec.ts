import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import {
  generateApplicationCredentials,
  startSimulator,
  type RunningSimulator,
} from '@spapi/spapi-sim';

// The Grant-model consent journey a seller goes through, against the simulator's Seller
// Central page in a real Chromium: authorize, receive the redirect, exchange the code once.

let sim: RunningSimulator;
let receiver: Server;
let redirectUri: string;
const app = { ...generateApplicationCredentials(), name: 'Parcel Desk (e2e)' };

test.beforeAll(async () => {
  receiver = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>received</p>');
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  redirectUri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/amazon/callback`;
  sim = await startSimulator({
    applications: [
      { ...app, redirectUris: [redirectUri], restrictedRoles: ['DirectToConsumerShipping'] },
    ],
    sellers: [
      {
        sellingPartnerId: 'A1E2ESELLERNA',
        name: 'E2E Outdoor Supply',
        region: 'na',
        marketplaceIds: ['ATVPDKIKX0DER'],
        orderCount: 5,
      },
    ],
  });
});

test.afterAll(async () => {
  await sim.stop();
  receiver.close();
});

async function exchange(code: string): Promise<Response> {
  return fetch(`${sim.urls.lwa}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });
}

test('a seller authorizes the app; the code is exchanged once and refused the second time', async ({
  page,
}) => {
  const state = 'st-e2e-1234567890';
  const consent = new URL('/apps/authorize/consent', sim.urls.sellerCentral.na);
  consent.search = new URLSearchParams({
    application_id: app.applicationId,
    state,
    redirect_uri: redirectUri,
  }).toString();

  await page.goto(consent.toString());
  await expect(page.getByText(app.name).first()).toBeVisible();
  await page.getByLabel('Selling account').selectOption('A1E2ESELLERNA');
  await page.screenshot({ path: 'artifacts/screenshots/consent.png', fullPage: true });
  await Promise.all([
    page.waitForURL(`${redirectUri}?**`),
    page.getByRole('button', { name: 'Authorize' }).click(),
  ]);

  const landed = new URL(page.url());
  expect(landed.searchParams.get('state')).toBe(state);
  expect(landed.searchParams.get('selling_partner_id')).toBe('A1E2ESELLERNA');
  const code = landed.searchParams.get('spapi_oauth_code');
  expect(code).toBeTruthy();

  const first = await exchange(code!);
  expect(first.status).toBe(200);
  const tokens = (await first.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
  };
  expect(tokens.access_token.startsWith('Atza|')).toBe(true);
  expect(tokens.refresh_token.startsWith('Atzr|')).toBe(true);
  expect(tokens.expires_in).toBe(3600);

  const second = await exchange(code!);
  expect(second.status).toBe(400);
  expect(((await second.json()) as { error: string }).error).toBe('invalid_grant');
});

test('a draft application without version=beta shows MD1000', async ({ page }) => {
  const draft = { ...generateApplicationCredentials(), name: 'Draft App' };
  const draftSim = await startSimulator({
    applications: [{ ...draft, status: 'draft', redirectUris: [redirectUri] }],
    sellers: [
      {
        sellingPartnerId: 'A1E2EDRAFTNA',
        name: 'Draft Seller',
        region: 'na',
        marketplaceIds: ['ATVPDKIKX0DER'],
        orderCount: 0,
      },
    ],
  });
  try {
    const consent = new URL('/apps/authorize/consent', draftSim.urls.sellerCentral.na);
    consent.search = new URLSearchParams({
      application_id: draft.applicationId,
      state: 'x1',
    }).toString();
    await page.goto(consent.toString());
    await expect(page.getByText('MD1000')).toBeVisible();
  } finally {
    await draftSim.stop();
  }
});
