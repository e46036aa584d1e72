/**
 * The session cookie: `__Host-sid`, HttpOnly, Secure, SameSite=Strict, Path=/, no Domain, no
 * Max-Age (a browser-session cookie; the server enforces the timeouts). Written by hand so the
 * attributes are exactly these.
 */
import type { Request, Response } from 'express';

export const SESSION_COOKIE = '__Host-sid';
const ATTRIBUTES = 'Path=/; Secure; HttpOnly; SameSite=Strict';
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

export function setSessionCookie(res: Response, token: string): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=${token}; ${ATTRIBUTES}`);
}

export function clearSessionCookie(res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`);
}

/** A token-shaped cookie value (`randomToken()` alphabet) from the Cookie header, if any. */
export function tokenCookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    return TOKEN.test(value) ? value : undefined;
  }
  return undefined;
}

/** The session token from the Cookie header, if well-formed. */
export function sessionTokenOf(req: Request): string | undefined {
  return tokenCookieOf(req, SESSION_COOKIE);
}

/** `Authorization: Bearer <token>` (device access tokens), if well-formed. */
export function bearerTokenOf(req: Request): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}
