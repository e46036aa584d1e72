import { randomInt } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Region } from '../core/regions.js';
import { AUTH_CODE_TTL_MS, type SimState } from '../core/state.js';
import {
  CONFIRM_PATH,
  CONSENT_CSS,
  CONSENT_CSS_PATH,
  renderConsentPage,
  renderErrorPage,
} from './consent.page.js';
import {
  CONSENT_FAILURES,
  checkConfirmForm,
  checkConsentParams,
  sellersInRegion,
  type ConfirmRequest,
  type ConsentFailure,
} from './consent.validation.js';

export const CONSENT_PATH = '/apps/authorize/consent';

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CODE_LENGTH = 20;
/** An origin we can safely place in a CSP source list (scheme://host[:port], nothing else). */
const CSP_SAFE_ORIGIN = /^https?:\/\/[A-Za-z0-9.\-[\]:]+$/;

/** A `spapi_oauth_code` in the shape Amazon sends: 20 random alphanumerics. */
function newAuthCode(state: SimState): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i += 1)
      code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)] ?? '';
    if (!state.authCodes.has(code)) return code;
  }
}

/**
 * No script at all, styles only from our own stylesheet. `form-action` must also allow the
 * redirect URI's origin because browsers apply it to the redirect that follows the form POST.
 */
function sendPage(res: Response, status: number, page: string, formTarget?: string): void {
  const targetOrigin = formTarget === undefined ? undefined : new URL(formTarget).origin;
  const formAction =
    formTarget === undefined
      ? "'none'"
      : `'self'${targetOrigin !== undefined && CSP_SAFE_ORIGIN.test(targetOrigin) ? ` ${targetOrigin}` : ''}`;
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'self'; img-src 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
  );
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).type('html').send(page);
}

function sendError(res: Response, region: Region, failure: ConsentFailure): void {
  sendPage(res, 400, renderErrorPage(failure, region));
}

/** Appends parameters to the redirect URI, keeping any query it already has byte for byte. */
export function callbackUrl(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  const extra = new URLSearchParams(params).toString();
  url.search = url.search.length > 1 ? `${url.search.slice(1)}&${extra}` : extra;
  return url.toString();
}

function redirectBack(res: Response, location: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.redirect(302, location);
}

function confirm(state: SimState, region: Region, request: ConfirmRequest): string {
  if (request.decision === 'cancel' || request.seller === undefined) {
    // Decision (not documented by Amazon): a declined consent returns RFC 6749's access_denied.
    return callbackUrl(request.redirectUri, { error: 'access_denied', state: request.state });
  }
  const now = state.clock.now();
  // Expired codes answer exactly like unknown ones (invalid_grant), so they can go.
  for (const [key, grant] of state.authCodes)
    if (grant.expiresAt <= now) state.authCodes.delete(key);
  const code = newAuthCode(state);
  state.authCodes.set(code, {
    code,
    clientId: request.application.clientId,
    applicationId: request.application.applicationId,
    sellingPartnerId: request.seller.sellingPartnerId,
    region,
    redirectUri: request.requestedRedirectUri,
    expiresAt: now + AUTH_CODE_TTL_MS,
    used: false,
  });
  return callbackUrl(request.redirectUri, {
    state: request.state,
    selling_partner_id: request.seller.sellingPartnerId,
    spapi_oauth_code: code,
  });
}

/**
 * Seller Central's website-authorization workflow for one region: the consent page and the
 * form it posts. The signed-in seller of the real flow is replaced by a picker of this
 * region's simulated sellers.
 */
export function createConsentRouter(state: SimState, region: Region): Router {
  const router = express.Router();

  router.get(CONSENT_CSS_PATH, (_req: Request, res: Response) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css').send(CONSENT_CSS);
  });

  router.get(CONSENT_PATH, (req: Request, res: Response) => {
    const checked = checkConsentParams(state, req.query);
    if (!checked.ok) {
      sendError(res, region, checked.failure);
      return;
    }
    const sellers = sellersInRegion(state, region);
    if (sellers.length === 0) {
      sendError(res, region, CONSENT_FAILURES.noSellerInRegion);
      return;
    }
    sendPage(
      res,
      200,
      renderConsentPage(checked.value, sellers, region),
      checked.value.redirectUri,
    );
  });

  router.post(
    CONFIRM_PATH,
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }),
    (req: Request, res: Response) => {
      const checked = checkConfirmForm(state, region, req.body);
      if (!checked.ok) {
        sendError(res, region, checked.failure);
        return;
      }
      redirectBack(res, confirm(state, region, checked.value));
    },
  );

  router.use(CONFIRM_PATH, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    sendError(res, region, CONSENT_FAILURES.malformed);
  });

  return router;
}
