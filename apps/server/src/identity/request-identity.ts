/**
 * What `authenticate` found out about a request, kept in a WeakMap beside it (like the access
 * module's principal), so no other middleware can forge it.
 */
import type { Request, Response } from 'express';
import { AppError, ErrorCode } from '@spapi/shared';
import type { RequestContext } from './identity.ports.js';
import type { ResolvedSession } from './session.service.js';

export type RequestIdentity =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'session'; readonly session: ResolvedSession; readonly token: string }
  | { readonly kind: 'device'; readonly deviceId: string };

const identities = new WeakMap<Request, RequestIdentity>();
const ANONYMOUS: RequestIdentity = { kind: 'anonymous' };

export function setRequestIdentity(req: Request, identity: RequestIdentity): void {
  identities.set(req, identity);
}

export function requestIdentityOf(req: Request): RequestIdentity {
  return identities.get(req) ?? ANONYMOUS;
}

/** The request's cookie session (pending or active), or UNAUTHENTICATED. */
export function requireSession(req: Request): { session: ResolvedSession; token: string } {
  const identity = requestIdentityOf(req);
  if (identity.kind !== 'session') throw new AppError(ErrorCode.UNAUTHENTICATED);
  return identity;
}

export function optionalSession(req: Request): ResolvedSession | undefined {
  const identity = requestIdentityOf(req);
  return identity.kind === 'session' ? identity.session : undefined;
}

export function contextOf(req: Request, res: Response): RequestContext {
  const requestId: unknown = res.locals.requestId;
  return {
    requestId: typeof requestId === 'string' ? requestId : null,
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
  };
}
