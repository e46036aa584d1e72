/**
 * Loads the caller: a device bearer token, or the `__Host-sid` session cookie. Only a session
 * whose MFA step is done (or a valid device token) becomes a principal (`bindPrincipal`, and
 * `res.locals.principal` for handlers); a pending-MFA session is visible to the MFA routes
 * only. An expired or revoked cookie is cleared and the request continues unauthenticated (so
 * sign-in still works); a bad bearer token is refused outright.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { bindPrincipal, toPrincipal, type Principal } from '../access/index.js';
import { declareMiddleware } from '../access/index.js';
import type { DeviceService } from './device.service.js';
import { contextOf, setRequestIdentity } from './request-identity.js';
import { bearerTokenOf, clearSessionCookie, sessionTokenOf } from './session-cookie.js';
import { sessionRef, type SessionService } from './session.service.js';
import type { UserRepository } from './user.repository.js';

export interface AuthenticateDeps {
  readonly sessions: SessionService;
  readonly devices: DeviceService;
  readonly users: UserRepository;
}

/** `res.locals.principal`: the access principal plus how it was established. */
export type AuthenticatedPrincipal = Principal & {
  readonly mfa: true;
  /** A non-secret session reference, or the device id for bearer tokens. */
  readonly sessionId: string;
  readonly via: 'session' | 'device';
};

function bind(
  req: Request,
  res: Response,
  principal: Principal,
  sessionId: string,
  via: 'session' | 'device',
) {
  bindPrincipal(req, principal);
  const locals: AuthenticatedPrincipal = { ...principal, mfa: true, sessionId, via };
  res.locals.principal = locals;
}

export function createAuthenticate(deps: AuthenticateDeps): RequestHandler {
  const run = async (req: Request, res: Response): Promise<void> => {
    const bearer = bearerTokenOf(req);
    if (bearer !== undefined) {
      const { principal, deviceId } = await deps.devices.authenticate(bearer);
      setRequestIdentity(req, { kind: 'device', deviceId });
      bind(req, res, principal, deviceId, 'device');
      return;
    }
    const token = sessionTokenOf(req);
    if (token === undefined) return;
    const lookup = await deps.sessions.resolve(token, contextOf(req, res));
    if (!lookup.ok) {
      clearSessionCookie(res);
      return;
    }
    const { session } = lookup;
    setRequestIdentity(req, { kind: 'session', session, token });
    if (session.state !== 'active') return;
    const user = await deps.users.findById(session.userId);
    if (user?.status !== 'active' || user.mfaEnrolledAt === null) return;
    const principal = toPrincipal({
      userId: user.id,
      role: user.role,
      organizationId: user.organizationId,
    });
    bind(req, res, principal, sessionRef(session.idHash), 'session');
  };
  return declareMiddleware((req: Request, res: Response, next: NextFunction) => {
    run(req, res).then(() => {
      next();
    }, next);
  });
}
