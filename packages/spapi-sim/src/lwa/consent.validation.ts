import { z } from 'zod';
import type { SimApplication, SimSeller } from '../core/grants.js';
import type { Region } from '../core/regions.js';
import type { SimState } from '../core/state.js';

/**
 * The parameters of Seller Central's authorization URI, shared by the consent page (query)
 * and the confirm form (body), so the POST re-validates everything the GET checked.
 * Repeated parameters arrive as arrays and fail here.
 */
const ConsentParamsSchema = z.object({
  application_id: z.string().max(256).optional(),
  state: z.string().max(2048).optional(),
  redirect_uri: z.string().max(2048).optional(),
  version: z.string().max(32).optional(),
});

const ConfirmFieldsSchema = z.object({
  selling_partner_id: z.string().max(64).optional(),
  decision: z.enum(['authorize', 'cancel']),
});

/**
 * Error pages. `MD1000`, `MD5101` and `MD5110` are Amazon's documented authorization error
 * codes (developer-docs.amazon.com/sp-api/docs/authorization-errors). Amazon documents no
 * code for an unknown application, a missing `state` or a malformed request; those pages
 * carry no code.
 */
export const CONSENT_FAILURES = {
  MD1000: {
    code: 'MD1000',
    message: 'This application is in draft state and can only be authorized with version=beta.',
  },
  MD5101: {
    code: 'MD5101',
    message: 'The redirect URI does not match any redirect URI registered for this application.',
  },
  MD5110: { code: 'MD5110', message: 'The redirect URI must not contain a fragment.' },
  unknownApplication: {
    code: undefined,
    message: 'We could not find the application you are trying to authorize.',
  },
  missingState: {
    code: undefined,
    message: 'The authorization request is missing the state parameter.',
  },
  malformed: { code: undefined, message: 'The authorization request is not valid.' },
  noSellerInRegion: {
    code: undefined,
    message: 'There is no selling account in this region to authorize the application for.',
  },
  unknownSeller: {
    code: undefined,
    message: 'The selected selling account is not available in this region.',
  },
} as const;

export type ConsentFailure = (typeof CONSENT_FAILURES)[keyof typeof CONSENT_FAILURES];

export interface ConsentRequest {
  application: SimApplication;
  state: string;
  /** Where Amazon will send the seller back: the given redirect_uri, else the first registered. */
  redirectUri: string;
  /** The redirect_uri parameter exactly as given, if any (bound to the code). */
  requestedRedirectUri: string | undefined;
  beta: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; failure: ConsentFailure };

const fail = (failure: ConsentFailure): { ok: false; failure: ConsentFailure } => ({
  ok: false,
  failure,
});

function checkRedirect(application: SimApplication, given: string | undefined): Checked<string> {
  if (given === undefined || given === '') {
    const first = application.redirectUris[0];
    return first === undefined || !URL.canParse(first)
      ? fail(CONSENT_FAILURES.MD5101)
      : { ok: true, value: first };
  }
  if (given.includes('#')) return fail(CONSENT_FAILURES.MD5110);
  if (!application.redirectUris.includes(given) || !URL.canParse(given))
    return fail(CONSENT_FAILURES.MD5101);
  return { ok: true, value: given };
}

/** Validates the authorization URI's parameters in the order the checks matter to a seller. */
export function checkConsentParams(state: SimState, input: unknown): Checked<ConsentRequest> {
  const parsed = ConsentParamsSchema.safeParse(input ?? {});
  if (!parsed.success) return fail(CONSENT_FAILURES.malformed);
  const params = parsed.data;
  const application = params.application_id
    ? state.applicationById(params.application_id)
    : undefined;
  if (!application) return fail(CONSENT_FAILURES.unknownApplication);
  const beta = params.version === 'beta';
  if (application.status === 'draft' && !beta) return fail(CONSENT_FAILURES.MD1000);
  const redirect = checkRedirect(application, params.redirect_uri);
  if (!redirect.ok) return redirect;
  if (params.state === undefined || params.state === '') return fail(CONSENT_FAILURES.missingState);
  const requestedRedirectUri = params.redirect_uri === '' ? undefined : params.redirect_uri;
  return {
    ok: true,
    value: {
      application,
      state: params.state,
      redirectUri: redirect.value,
      requestedRedirectUri,
      beta,
    },
  };
}

export function sellersInRegion(state: SimState, region: Region): SimSeller[] {
  return [...state.sellers.values()].filter((seller) => seller.region === region);
}

export interface ConfirmRequest extends ConsentRequest {
  decision: 'authorize' | 'cancel';
  /** Present when the decision is `authorize`. */
  seller: SimSeller | undefined;
}

/** Re-validates a submitted consent form: app, redirect URI, state, and a seller of this region. */
export function checkConfirmForm(
  state: SimState,
  region: Region,
  input: unknown,
): Checked<ConfirmRequest> {
  const consent = checkConsentParams(state, input);
  if (!consent.ok) return consent;
  const fields = ConfirmFieldsSchema.safeParse(input ?? {});
  if (!fields.success) return fail(CONSENT_FAILURES.malformed);
  const { decision, selling_partner_id: sellerId } = fields.data;
  if (decision === 'cancel')
    return { ok: true, value: { ...consent.value, decision, seller: undefined } };
  const seller = sellerId === undefined ? undefined : state.sellers.get(sellerId);
  if (seller?.region !== region) return fail(CONSENT_FAILURES.unknownSeller);
  return { ok: true, value: { ...consent.value, decision, seller } };
}
