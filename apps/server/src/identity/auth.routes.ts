/**
 * `/api/auth/*`: sign-in (password → MFA enrolment or verification → active session), recovery
 * codes, sign-out, the session probe and its CSRF token, invitations and password resets.
 * Routers validate, call a use case and answer; errors go to the one error handler.
 */
import type { Response } from 'express';
import { parseOrThrow } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import type { AccountTokenService } from './account-token.service.js';
import {
  passwordResetRequestBodySchema,
  recoveryBodySchema,
  signInBodySchema,
  tokenWithPasswordBodySchema,
  totpBodySchema,
} from './auth.schema.js';
import type { MfaService } from './mfa.service.js';
import { contextOf, optionalSession, requireSession } from './request-identity.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import type { SessionService } from './session.service.js';
import type { SignInService } from './sign-in.service.js';

export interface AuthRoutesDeps {
  readonly signIn: SignInService;
  readonly mfa: MfaService;
  readonly sessions: SessionService;
  readonly accountTokens: AccountTokenService;
}

function startSession(res: Response, sessions: SessionService, token: string): string {
  setSessionCookie(res, token);
  res.setHeader('cache-control', 'no-store');
  return sessions.csrfTokenFor(token);
}

/** Mount at `/api/auth`. */
export function createAuthRoutes(deps: AuthRoutesDeps): SecureRouter {
  const { sessions } = deps;
  const routes = createSecureRouter();

  routes.post('/sign-in', 'public', async (req, res) => {
    const body = parseOrThrow(signInBodySchema, req.body);
    const result = await deps.signIn.signIn(body, optionalSession(req), contextOf(req, res));
    const csrfToken = startSession(res, sessions, result.sessionToken);
    res.json({ next: result.next, csrfToken });
  });

  routes.post('/mfa/enroll', 'public', async (req, res) => {
    const { session } = requireSession(req);
    const enrollment = await deps.mfa.beginEnrollment(session, contextOf(req, res));
    res.setHeader('cache-control', 'no-store');
    res.json(enrollment);
  });

  routes.post('/mfa/verify', 'public', async (req, res) => {
    const { code } = parseOrThrow(totpBodySchema, req.body);
    const { session } = requireSession(req);
    const result = await deps.mfa.verifyTotp(session, code, contextOf(req, res));
    const csrfToken = startSession(res, sessions, result.sessionToken);
    res.json({
      csrfToken,
      ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}),
    });
  });

  routes.post('/recovery', 'public', async (req, res) => {
    const { code } = parseOrThrow(recoveryBodySchema, req.body);
    const { session } = requireSession(req);
    const result = await deps.mfa.useRecoveryCode(session, code, contextOf(req, res));
    const csrfToken = startSession(res, sessions, result.sessionToken);
    res.json({ csrfToken, remainingRecoveryCodes: result.remaining });
  });

  routes.post('/sign-out', 'public', async (req, res) => {
    const session = optionalSession(req);
    if (session !== undefined) {
      const actor = { userId: session.userId, organizationId: null };
      await sessions.revoke(session, 'sign-out', actor, contextOf(req, res));
    }
    clearSessionCookie(res);
    res.status(204).end();
  });

  routes.post('/sign-out-everywhere', 'authenticated', async (req, res) => {
    const principal = requirePrincipal(req);
    const actor = { userId: principal.userId, organizationId: principal.organizationId };
    await sessions.revokeAllForUser(principal.userId, 'sign-out-all', actor, contextOf(req, res));
    clearSessionCookie(res);
    res.status(204).end();
  });

  routes.get('/session', 'public', (req, res) => {
    const { session } = requireSession(req);
    const principal = session.state === 'active' ? requirePrincipal(req) : undefined;
    res.setHeader('cache-control', 'no-store');
    res.json({
      state: session.state,
      userId: session.userId,
      ...(principal ? { role: principal.role, organizationId: principal.organizationId } : {}),
    });
  });

  routes.get('/csrf', 'public', (req, res) => {
    const { token } = requireSession(req);
    res.setHeader('cache-control', 'no-store');
    res.json({ csrfToken: sessions.csrfTokenFor(token) });
  });

  routes.post('/invitations/accept', 'public', async (req, res) => {
    const { token, password } = parseOrThrow(tokenWithPasswordBodySchema, req.body);
    await deps.accountTokens.acceptInvitation(token, password, contextOf(req, res));
    res.status(204).end();
  });

  routes.post('/password-reset/request', 'public', async (req, res) => {
    const { email } = parseOrThrow(passwordResetRequestBodySchema, req.body);
    await deps.accountTokens.requestPasswordReset(email, contextOf(req, res));
    res.status(202).end();
  });

  routes.post('/password-reset/complete', 'public', async (req, res) => {
    const { token, password } = parseOrThrow(tokenWithPasswordBodySchema, req.body);
    await deps.accountTokens.completePasswordReset(token, password, contextOf(req, res));
    res.status(204).end();
  });

  return routes;
}
