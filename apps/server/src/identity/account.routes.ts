/**
 * `/api/me/*`: the signed-in user's own account — profile, password change, new recovery
 * codes, their desktop devices. Password and recovery-code changes need the browser session
 * (the device token of a desktop cannot change how the account signs in).
 */
import type { Request } from 'express';
import { AppError, ErrorCode, parseOrThrow } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import type { AccountService } from './account.service.js';
import { passwordChangeBodySchema, totpBodySchema } from './auth.schema.js';
import type { DeviceService } from './device.service.js';
import type { MfaService } from './mfa.service.js';
import { contextOf, requestIdentityOf } from './request-identity.js';
import { setSessionCookie } from './session-cookie.js';
import type { SessionService } from './session.service.js';

export interface AccountRoutesDeps {
  readonly account: AccountService;
  readonly mfa: MfaService;
  readonly devices: DeviceService;
  readonly sessions: SessionService;
}

function browserSession(req: Request) {
  const identity = requestIdentityOf(req);
  if (identity.kind !== 'session') {
    throw new AppError(ErrorCode.FORBIDDEN, { message: 'a browser session is required' });
  }
  return identity.session;
}

/** Mount at `/api/me`. */
export function createAccountRoutes(deps: AccountRoutesDeps): SecureRouter {
  const routes = createSecureRouter();

  routes.get('/', 'authenticated', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(await deps.account.profile(requirePrincipal(req).userId));
  });

  routes.post('/password', 'authenticated', async (req, res) => {
    const body = parseOrThrow(passwordChangeBodySchema, req.body);
    const session = browserSession(req);
    const token = await deps.account.changePassword(session, body, contextOf(req, res));
    setSessionCookie(res, token);
    res.setHeader('cache-control', 'no-store');
    res.json({ csrfToken: deps.sessions.csrfTokenFor(token) });
  });

  routes.post('/recovery-codes', 'authenticated', async (req, res) => {
    const { code } = parseOrThrow(totpBodySchema, req.body);
    const session = browserSession(req);
    const codes = await deps.mfa.regenerateRecoveryCodes(session, code, contextOf(req, res));
    res.setHeader('cache-control', 'no-store');
    res.json({ recoveryCodes: codes });
  });

  routes.get('/devices', { action: 'read', subject: 'Device', scope: 'self' }, async (req, res) => {
    res.json({ devices: await deps.devices.listForUser(requirePrincipal(req).userId) });
  });

  return routes;
}
