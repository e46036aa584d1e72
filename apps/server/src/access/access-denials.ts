/**
 * Denied access attempts of signed-in principals are written down (DPP "Logging: access
 * attempts"): an error middleware placed before the error handler sees the guard's decision
 * and hands it to a recorder (the audit trail, wired by the composition root) before the
 * denial is answered. Anonymous requests are not recorded here (no actor; the request log has
 * them). A recorder failure is reported and the denial still answered: refusing is the safe
 * outcome either way.
 */
import type { ErrorRequestHandler } from 'express';
import type { Principal } from './principal.js';
import { principalOf } from './request-principal.js';
import { accessDecisionOf, type DeniedCode } from './route-access.js';

export interface AccessDenial {
  readonly principal: Principal;
  /** The declared access of the route (`read Order`). */
  readonly access: string;
  readonly code: DeniedCode;
  readonly method: string;
  /** The route pattern (`/api/users/:userId`), never the URL with its ids. */
  readonly route: string;
  readonly requestId: string | null;
}

export type AccessDenialRecorder = (denial: AccessDenial) => Promise<void>;

export function recordAccessDenials(
  record: AccessDenialRecorder,
  onError: (error: unknown) => void,
): ErrorRequestHandler {
  return (err, req, res, next) => {
    const decision = accessDecisionOf(req);
    const principal = principalOf(req);
    if (decision === undefined || decision.outcome.allowed || principal === undefined) {
      next(err);
      return;
    }
    const requestId: unknown = res.locals.requestId;
    record({
      principal,
      access: decision.access,
      code: decision.outcome.code,
      method: req.method,
      route: decision.route,
      requestId: typeof requestId === 'string' ? requestId : null,
    })
      .catch(onError)
      .finally(() => {
        next(err);
      });
  };
}
