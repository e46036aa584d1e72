import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { LwaError, lwaError, type LwaErrorBody } from '../core/errors.js';
import type { SimApplication } from '../core/grants.js';
import type { SimState } from '../core/state.js';
import {
  authenticateClient,
  exchangeAuthorizationCode,
  issueGrantlessToken,
  refreshAccessToken,
  type TokenResponse,
} from './token.grants.js';
import {
  AuthorizationCodeParams,
  ClientCredentialsParams,
  GrantTypeParams,
  RefreshTokenParams,
  bodyRecord,
  parseTokenParams,
  type ClientInput,
} from './token.params.js';

export const TOKEN_PATH = '/auth/o2/token';

const BODY_LIMIT = '16kb';

type Grant<I> = (state: SimState, application: SimApplication, input: I) => TokenResponse;

/** Reads a grant's parameters, authenticates the client, then runs the grant. */
function runGrant<I extends ClientInput>(
  state: SimState,
  body: Record<string, unknown>,
  params: z.ZodType<I>,
  grant: Grant<I>,
): TokenResponse {
  const input = parseTokenParams(params, body);
  return grant(state, authenticateClient(state, input.client_id, input.client_secret), input);
}

/** Runs one token request: grant type, its parameters, client authentication, the grant. */
export function issueToken(state: SimState, rawBody: unknown): TokenResponse {
  const body = bodyRecord(rawBody);
  const { grant_type: grantType } = parseTokenParams(GrantTypeParams, body);
  switch (grantType) {
    case 'authorization_code':
      return runGrant(state, body, AuthorizationCodeParams, exchangeAuthorizationCode);
    case 'refresh_token':
      return runGrant(state, body, RefreshTokenParams, refreshAccessToken);
    case 'client_credentials':
      return runGrant(state, body, ClientCredentialsParams, issueGrantlessToken);
    default:
      throw lwaError(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server',
      );
  }
}

/** Token responses and token errors are never cached (RFC 6749 §5.1). */
function sendJson(res: Response, status: number, body: TokenResponse | LwaErrorBody): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.status(status).json(body);
}

/** Maps anything thrown on the token route to LWA's error body; never echoes input. */
function tokenErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof LwaError) {
    sendJson(res, err.status, err.body);
    return;
  }
  const status =
    typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser: malformed JSON, unsupported charset, body too large.
    sendJson(res, 400, {
      error: 'invalid_request',
      error_description: 'The request body could not be read.',
    });
    return;
  }
  sendJson(res, 500, {
    error: 'server_error',
    error_description: 'The server encountered an unexpected error.',
  });
}

/**
 * Login with Amazon's token endpoint. Amazon documents the body as form-encoded; LWA also
 * accepts a JSON object (many SP-API clients send one), so both parse to the same
 * parameters. Client credentials are read from the body only.
 */
export function createLwaRouter(state: SimState): Router {
  const router = express.Router();
  router.post(
    TOKEN_PATH,
    express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 }),
    express.json({ limit: BODY_LIMIT, strict: true }),
    (req: Request, res: Response) => {
      sendJson(res, 200, issueToken(state, req.body));
    },
  );
  router.use(TOKEN_PATH, tokenErrorHandler);
  return router;
}
