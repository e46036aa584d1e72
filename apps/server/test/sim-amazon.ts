/**
 * The whole server against the simulator (demo world): the configuration variables that point
 * the server at the simulator's listeners, and the seller's side of the consent page.
 */
import type { RunningSimulator } from '@spapi/spapi-sim';
import { simulatorEnv } from '../src/config/index.js';
import type { AppHarnessOptions } from './app-harness.js';

/** `startAppHarness` options for a server talking to `sim` (its first application). */
export function simAmazonOptions(
  sim: RunningSimulator,
  env: Readonly<Record<string, string>> = {},
): AppHarnessOptions {
  const app = sim.config.applications[0];
  if (app === undefined) throw new Error('the simulator has no application');
  return {
    env: {
      ...simulatorEnv(sim.urls, app),
      // Syncs only when a test asks (no schedule, no sync on connect), unless it says otherwise.
      SYNC_INTERVAL_MINUTES: '0',
      ...env,
    },
    secretsEnv: { SECRET_LWA_CLIENT_SECRET: app.clientSecret },
  };
}

/** The consent page's form: hidden fields, plus the seller the user picks and the decision. */
export async function submitConsent(
  consentUrl: string,
  sellingPartnerId: string,
  decision: 'authorize' | 'cancel',
): Promise<URL> {
  const page = await (await fetch(consentUrl)).text();
  const fields = new URLSearchParams();
  for (const [, name = '', value = ''] of page.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
  )) {
    fields.set(name, value.replaceAll('&amp;', '&'));
  }
  fields.set('selling_partner_id', sellingPartnerId);
  fields.set('decision', decision);
  const action = new URL('/apps/authorize/confirm', consentUrl);
  const reply = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  const location = reply.headers.get('location');
  if (location === null)
    throw new Error(`consent answered ${String(reply.status)} without a redirect`);
  return new URL(location);
}
