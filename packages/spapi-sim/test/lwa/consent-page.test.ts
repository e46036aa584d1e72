import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/lwa/html.js';
import { consentUrl, hiddenFields, submitConsent } from '../helpers/lwa-client.js';
import { useSimHarness } from '../helpers/sim-harness.js';
import { DRAFT_APP, LWA_WORLD, PUBLISHED_APP, SELLER_EU, SELLER_NA } from './lwa-fixtures.js';

// A fresh simulator per test, so no test sees the codes and tokens of another.
const h = useSimHarness({ ...LWA_WORLD, lifetime: 'each' });

async function open(
  params: Record<string, string>,
  region: 'na' | 'eu' | 'fe' = 'na',
): Promise<{ res: Response; page: string }> {
  const res = await fetch(consentUrl(h.sellerCentral(region), params), { redirect: 'manual' });
  return { res, page: await res.text() };
}

const published = { application_id: PUBLISHED_APP.applicationId, state: 'abc' };

describe('consent page', () => {
  it('shows the app, its restricted roles, a labelled seller picker of this region and the buttons', async () => {
    const { res, page } = await open(published);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page).toContain('Authorize Parcel Desk &lt;Test&gt;');
    expect(page).toContain('Direct-to-Consumer Shipping');
    expect(page).toContain('Restricted');
    expect(page).toMatch(/<label for="selling_partner_id">Selling account<\/label>/);
    expect(page).toMatch(/<select id="selling_partner_id" name="selling_partner_id"/);
    expect(page).toContain(`value="${SELLER_NA.sellingPartnerId}"`);
    expect(page).not.toContain(SELLER_EU.sellingPartnerId);
    expect(page).toMatch(/<button[^>]*>Authorize<\/button>/);
    expect(page).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(page).toContain('<form method="post" action="/apps/authorize/confirm">');
    expect(page).not.toMatch(/<script|style=|<style/i);
  });

  it('sends a strict CSP with no script and form-action limited to itself and the redirect origin', async () => {
    const { res } = await open(published);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("form-action 'self' https://app.example.test");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const css = await fetch(`${h.sellerCentral('na')}/apps/authorize/consent.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('escapes a hostile state everywhere and round-trips it to the callback unchanged', async () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror=alert('x')>&amp;`;
    const { res, page } = await open({ ...published, state: hostile });
    expect(res.status).toBe(200);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&quot;&gt;&lt;script&gt;');
    const fields = hiddenFields(page);
    expect(fields.state).toBe(hostile);
    const confirm = await submitConsent(h.sellerCentral('na'), {
      ...fields,
      selling_partner_id: SELLER_NA.sellingPartnerId,
      decision: 'authorize',
    });
    expect(new URL(confirm.headers.get('location') ?? '').searchParams.get('state')).toBe(hostile);
  });

  it('says no seller is available when the region has none', async () => {
    const { res, page } = await open(published, 'fe');
    expect(res.status).toBe(400);
    expect(page).toContain('no selling account in this region');
  });
});

describe('consent errors', () => {
  it('MD1000 for a draft app without version=beta; the beta version authorizes', async () => {
    const draft = { application_id: DRAFT_APP.applicationId, state: 's' };
    const { res, page } = await open(draft);
    expect(res.status).toBe(400);
    expect(page).toContain('MD1000');
    const beta = await open({ ...draft, version: 'beta' });
    expect(beta.res.status).toBe(200);
    expect(hiddenFields(beta.page).version).toBe('beta');
    const noBetaPost = await submitConsent(h.sellerCentral('na'), {
      ...hiddenFields(beta.page),
      version: '',
      selling_partner_id: SELLER_NA.sellingPartnerId,
      decision: 'authorize',
    });
    expect(noBetaPost.status).toBe(400);
    expect(await noBetaPost.text()).toContain('MD1000');
  });

  it('MD5101 for a redirect_uri that is not registered, and MD5110 for one with a fragment', async () => {
    const wrong = await open({ ...published, redirect_uri: 'https://evil.example.test/callback' });
    expect(wrong.res.status).toBe(400);
    expect(wrong.page).toContain('MD5101');
    expect(wrong.page).not.toContain('evil.example.test');
    const fragment = await open({
      ...published,
      redirect_uri: `${PUBLISHED_APP.redirectUris[1] ?? ''}#x`,
    });
    expect(fragment.page).toContain('MD5110');
  });

  it('refuses an unknown application, a missing state and repeated parameters', async () => {
    const unknown = await open({ application_id: 'amzn1.sp.solution.nope', state: 's' });
    expect(unknown.res.status).toBe(400);
    expect(unknown.page).toContain('could not find the application');
    const noState = await open({ application_id: PUBLISHED_APP.applicationId });
    expect(noState.page).toContain('missing the state parameter');
    const repeated = await fetch(`${consentUrl(h.sellerCentral('na'), published)}&state=again`);
    expect(repeated.status).toBe(400);
    expect(await repeated.text()).toContain('not valid');
  });

  it('re-validates the form: tampered redirect_uri or a seller of another region is refused', async () => {
    const fields = hiddenFields((await open(published)).page);
    const tampered = await submitConsent(h.sellerCentral('na'), {
      ...fields,
      redirect_uri: 'https://evil.example.test/cb',
      selling_partner_id: SELLER_NA.sellingPartnerId,
      decision: 'authorize',
    });
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('location')).toBeNull();
    const otherRegion = await submitConsent(h.sellerCentral('na'), {
      ...fields,
      selling_partner_id: SELLER_EU.sellingPartnerId,
      decision: 'authorize',
    });
    expect(otherRegion.status).toBe(400);
    expect(h.state.authCodes.size).toBe(0);
  });

  it('Cancel sends the seller back with error=access_denied and no code', async () => {
    const fields = hiddenFields((await open(published)).page);
    const res = await submitConsent(h.sellerCentral('na'), { ...fields, decision: 'cancel' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('abc');
    expect(location.searchParams.get('spapi_oauth_code')).toBeNull();
    expect(h.state.authCodes.size).toBe(0);
  });
});

describe('html builder', () => {
  it('escapes every interpolated string', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;',
    );
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${[inner]}${7}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b>7</p>',
    );
  });
});
