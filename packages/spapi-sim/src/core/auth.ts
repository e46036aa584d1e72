import { accessDenied, spapiError } from './errors.js';
import type { Caller } from './grants.js';
import type { Region } from './regions.js';
import { findCoveringResource } from './restricted-data.js';
import type { SimState } from './state.js';

export interface AuthRequest {
  token: string | undefined;
  method: string;
  path: string;
  region: Region;
  /** Operations that accept (and for PII need) a Restricted Data Token. */
  restricted: boolean;
}

const INVALID = 'The access token you provided is revoked, malformed or invalid.';
const EXPIRED = 'The access token you provided has expired.';

/**
 * Checks `x-amz-access-token` the way the SP-API does and returns the caller, or throws the
 * 403 Amazon would send: missing token, unknown or revoked token, expired token, a token for
 * another region, an RDT on an operation or path it does not cover, a grantless token on a
 * seller operation.
 */
export function authenticate(state: SimState, request: AuthRequest): Caller {
  const { token } = request;
  if (!token) {
    throw spapiError(403, 'MissingAuthenticationToken', 'Access to requested resource is denied.');
  }
  const now = state.clock.now();
  const rdt = state.restrictedDataTokens.get(token);
  if (rdt) {
    if (rdt.expiresAt <= now) throw accessDenied(EXPIRED);
    if (rdt.region !== request.region || !request.restricted) throw accessDenied('');
    const coveringResource = findCoveringResource(rdt.resources, request.method, request.path);
    if (!coveringResource) throw accessDenied('');
    const application = state.applications.get(rdt.clientId);
    if (!application) throw accessDenied(INVALID);
    return {
      kind: 'rdt',
      application,
      sellingPartnerId: rdt.sellingPartnerId,
      region: rdt.region,
      rdt,
      coveringResource,
    };
  }
  const grant = state.accessTokens.get(token);
  if (!grant) throw accessDenied(INVALID);
  if (grant.expiresAt <= now) throw accessDenied(EXPIRED);
  if (grant.sellingPartnerId === null || grant.region === null) throw accessDenied('');
  if (grant.region !== request.region) throw accessDenied('');
  const application = state.applications.get(grant.clientId);
  if (!application) throw accessDenied(INVALID);
  return {
    kind: 'access',
    application,
    sellingPartnerId: grant.sellingPartnerId,
    region: grant.region,
  };
}
