/**
 * What each endpoint reads from a request: its body and path-parameter schemas. The fuzz and
 * canary suites walk the app's route inventory and look every route up here; a route missing
 * from this table fails them, so a new endpoint cannot skip either.
 */
import type { z } from 'zod';
import {
  deviceIdParamsSchema,
  deviceRefreshBodySchema,
  deviceTokenBodySchema,
  inviteBodySchema,
  passwordChangeBodySchema,
  passwordResetRequestBodySchema,
  recoveryBodySchema,
  roleChangeBodySchema,
  signInBodySchema,
  tokenWithPasswordBodySchema,
  totpBodySchema,
  userIdParamsSchema,
} from '../src/identity/auth.schema.js';
import {
  authorizeBodySchema,
  callbackQuerySchema,
  connectionIdParamsSchema,
  connectionUpdateBodySchema,
} from '../src/connections/connection.schema.js';
import {
  orderIdParamsSchema,
  orderListQuerySchema,
  orderSearchBodySchema,
  revealRequestSchema,
} from '../src/orders/order.schema.js';

import {
  reportIdParamsSchema,
  reportListQuerySchema,
  reportRequestBodySchema,
  reportRevealBodySchema,
} from '../src/reports/index.js';
import { retentionQuerySchema } from '../src/retention/index.js';
import { syncConnectionParamsSchema, syncRunsQuerySchema } from '../src/sync/sync.schema.js';

export interface RouteInput {
  readonly body?: z.ZodType;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** Ends the caller's session (sign-out): callers use a throw-away session or none. */
  readonly endsSession?: true;
}

const NONE: RouteInput = {};

export const ROUTE_INPUTS: Readonly<Record<string, RouteInput>> = {
  'get /healthz': NONE,
  'post /api/auth/sign-in': { body: signInBodySchema },
  'post /api/auth/mfa/enroll': NONE,
  'post /api/auth/mfa/verify': { body: totpBodySchema },
  'post /api/auth/recovery': { body: recoveryBodySchema },
  'post /api/auth/sign-out': { endsSession: true },
  'post /api/auth/sign-out-everywhere': { endsSession: true },
  'get /api/auth/session': NONE,
  'get /api/auth/csrf': NONE,
  'post /api/auth/invitations/accept': { body: tokenWithPasswordBodySchema },
  'post /api/auth/password-reset/request': { body: passwordResetRequestBodySchema },
  'post /api/auth/password-reset/complete': { body: tokenWithPasswordBodySchema },
  'post /api/devices/token': { body: deviceTokenBodySchema },
  'post /api/devices/refresh': { body: deviceRefreshBodySchema },
  'delete /api/devices/:id': { params: deviceIdParamsSchema },
  'get /api/me': NONE,
  'post /api/me/password': { body: passwordChangeBodySchema },
  'post /api/me/recovery-codes': { body: totpBodySchema },
  'get /api/me/devices': NONE,
  'get /api/users': NONE,
  'post /api/users': { body: inviteBodySchema },
  'patch /api/users/:userId': { params: userIdParamsSchema, body: roleChangeBodySchema },
  'delete /api/users/:userId': { params: userIdParamsSchema },
  'get /api/amazon/connections': NONE,
  'post /api/amazon/authorize': { body: authorizeBodySchema },
  'get /api/amazon/callback': { query: callbackQuerySchema },
  'patch /api/amazon/connections/:connectionId': {
    params: connectionIdParamsSchema,
    body: connectionUpdateBodySchema,
  },
  'delete /api/amazon/connections/:connectionId': { params: connectionIdParamsSchema },
  'get /api/orders': { query: orderListQuerySchema },
  'post /api/orders/search': { body: orderSearchBodySchema },
  'get /api/orders/:orderId': { params: orderIdParamsSchema },
  'post /api/orders/:orderId/reveal': { params: orderIdParamsSchema, body: revealRequestSchema },
  'get /api/openapi.json': NONE,
  'get /api/sync': NONE,
  'get /api/sync/runs': { query: syncRunsQuerySchema },
  'post /api/sync/:connectionId': { params: syncConnectionParamsSchema },
  'get /api/sync/events': NONE,
  'get /api/retention': { query: retentionQuerySchema },
  'post /api/reports': { body: reportRequestBodySchema },
  'get /api/reports': { query: reportListQuerySchema },
  'get /api/reports/:reportId': { params: reportIdParamsSchema },
  'post /api/reports/:reportId/reveal': {
    params: reportIdParamsSchema,
    body: reportRevealBodySchema,
  },
};

export function routeInputOf(method: string, path: string): RouteInput {
  const input = ROUTE_INPUTS[`${method} ${path}`];
  if (input === undefined) {
    throw new Error(`${method.toUpperCase()} ${path} is not in test/route-inputs.ts: add it`);
  }
  return input;
}
