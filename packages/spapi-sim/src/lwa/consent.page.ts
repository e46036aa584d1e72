import type { SimSeller } from '../core/grants.js';
import type { Region } from '../core/regions.js';
import type { ConsentFailure, ConsentRequest } from './consent.validation.js';
import { html, type SafeHtml } from './html.js';

export const CONSENT_CSS_PATH = '/apps/authorize/consent.css';
export const CONFIRM_PATH = '/apps/authorize/confirm';

const REGION_LABELS: Record<Region, string> = {
  na: 'North America',
  eu: 'Europe',
  fe: 'Far East',
};

/** What a seller is told each restricted role reveals (from Amazon's role descriptions). */
const RESTRICTED_ROLE_TEXT: Record<string, { title: string; detail: string }> = {
  DirectToConsumerShipping: {
    title: 'Direct-to-Consumer Shipping',
    detail: 'buyer name, shipping address and phone number, to ship orders to your customers',
  },
  TaxInvoicing: {
    title: 'Tax Invoicing',
    detail: 'buyer name, billing address and tax registration details, to issue tax invoices',
  },
  TaxRemittance: {
    title: 'Tax Remittance',
    detail: 'buyer tax information, to calculate and remit taxes',
  },
};

export const CONSENT_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 "Amazon Ember",Arial,sans-serif;color:#0f1111;background:#f2f4f8}
header{background:#232f3e;color:#fff;padding:12px 24px;display:flex;gap:12px;align-items:baseline}
header .brand{font-weight:700;font-size:18px}
header .region{color:#ccc;font-size:13px}
main{max-width:640px;margin:32px auto;background:#fff;border:1px solid #d5d9d9;border-radius:8px;padding:24px 32px}
h1{font-size:22px;margin:0 0 8px}
ul{padding-left:20px}
.restricted{display:inline-block;font-size:12px;font-weight:700;color:#b12704;border:1px solid #b12704;border-radius:4px;padding:0 4px;margin-right:6px}
.beta{background:#fff4e5;border:1px solid #f0c36d;border-radius:4px;padding:8px 12px}
label{display:block;font-weight:700;margin:16px 0 4px}
select{width:100%;padding:6px;font-size:15px}
.actions{display:flex;gap:12px;margin-top:24px}
button{font-size:15px;padding:8px 20px;border-radius:20px;border:1px solid #888c8c;background:#fff;cursor:pointer}
button.primary{background:#ffd814;border-color:#fcd200}
.error-code{font-family:monospace;font-weight:700}
footer{text-align:center;color:#565959;font-size:12px;margin-bottom:24px}
`;

function layout(title: string, region: Region, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <link rel="stylesheet" href="${CONSENT_CSS_PATH}" />
      </head>
      <body>
        <header>
          <span class="brand">amazon seller central</span
          ><span class="region">${REGION_LABELS[region]}</span>
        </header>
        <main>${body}</main>
        <footer>Simulated Seller Central (spapi-sim). Not affiliated with Amazon.</footer>
      </body>
    </html> `.value;
}

function roleItems(roles: readonly string[]): SafeHtml[] {
  return roles.map((role) => {
    const text = RESTRICTED_ROLE_TEXT[role];
    const title = text?.title ?? role;
    const detail = text?.detail ?? 'restricted data covered by this role';
    return html`<li>
      <span class="restricted">Restricted</span><strong>${title}</strong>: ${detail}
    </li>`;
  });
}

function hidden(name: string, value: string | undefined): SafeHtml {
  return value === undefined
    ? html``
    : html`<input type="hidden" name="${name}" value="${value}" />`;
}

/** The consent screen: what the app asks for, which selling account, Authorize or Cancel. */
export function renderConsentPage(
  request: ConsentRequest,
  sellers: readonly SimSeller[],
  region: Region,
): string {
  const { application } = request;
  const options = sellers.map(
    (seller) =>
      html`<option value="${seller.sellingPartnerId}">
        ${seller.name} (${seller.sellingPartnerId})
      </option>`,
  );
  const restricted =
    application.restrictedRoles.length === 0
      ? html``
      : html`<p>
            It also asks for these restricted roles, which give access to personally identifiable
            information:
          </p>
          <ul>
            ${roleItems(application.restrictedRoles)}
          </ul>`;
  const beta = request.beta
    ? html`<p class="beta">You are authorizing a draft (beta) version of this application.</p>`
    : html``;
  const body = html`<h1>Authorize ${application.name}</h1>
    ${beta}
    <p>
      <strong>${application.name}</strong> is requesting access to data in your selling account
      through the Selling Partner API.
    </p>
    <p>
      It will be able to read the data covered by the roles its developer registered, such as
      orders, reports and listings.
    </p>
    ${restricted}
    <p>
      After you authorize, you will be sent to
      <strong>${new URL(request.redirectUri).host}</strong>.
    </p>
    <form method="post" action="${CONFIRM_PATH}">
      ${hidden('application_id', application.applicationId)} ${hidden('state', request.state)}
      ${hidden('redirect_uri', request.requestedRedirectUri)}
      ${hidden('version', request.beta ? 'beta' : undefined)}
      <label for="selling_partner_id">Selling account</label>
      <select id="selling_partner_id" name="selling_partner_id" required>
        ${options}
      </select>
      <div class="actions">
        <button type="submit" class="primary" name="decision" value="authorize">Authorize</button>
        <button type="submit" name="decision" value="cancel" formnovalidate>Cancel</button>
      </div>
    </form>`;
  return layout(`Authorize ${application.name} | Seller Central`, region, body);
}

export function renderErrorPage(failure: ConsentFailure, region: Region): string {
  const code =
    failure.code === undefined
      ? html``
      : html`<p>Error code: <span class="error-code">${failure.code}</span></p>`;
  const body = html`<h1>We're sorry</h1>
    <p>An error occurred when authorizing this application.</p>
    <p>${failure.message}</p>
    ${code}`;
  return layout('Authorization error | Seller Central', region, body);
}
