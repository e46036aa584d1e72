import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { usagePlanOf, type ApiName } from '@spapi/spapi-models';
import { authenticate } from './auth.js';
import { SimHttpError, spapiError } from './errors.js';
import type { Caller } from './grants.js';
import type { Region } from './regions.js';
import type { SimState } from './state.js';
import { sendSpapiResponse } from './respond.js';

export interface OperationContext {
  req: Request;
  state: SimState;
  caller: Caller;
  /** Sim clock, milliseconds. */
  now: number;
  region: Region;
}

export interface OperationResult {
  status: number;
  body: unknown;
}

export interface OperationDef {
  /** The model's operationId. */
  operationId: string;
  api: ApiName;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. `/orders/v0/orders/:orderId/address`. */
  path: string;
  /** Accepts a Restricted Data Token (which unlocks PII). */
  restricted?: boolean;
  handler: (ctx: OperationContext) => OperationResult | Promise<OperationResult>;
}

/** Answers a request from the model's static sandbox cases (sandbox mode only). */
export type SandboxResponder = (def: OperationDef, req: Request) => OperationResult;

export interface MountOptions {
  state: SimState;
  region: Region;
  sandbox: SandboxResponder | undefined;
}

export function defineOperation(def: OperationDef): OperationDef {
  return def;
}

/**
 * The name an operation is metered and counted under: its operationId, qualified by the API
 * when two mounted APIs share one (Orders v0 and 2026-01-01 both have `getOrder`, and Amazon
 * meters them separately).
 */
export function operationKey(def: OperationDef, all: readonly OperationDef[]): string {
  const shared = all.some((other) => other !== def && other.operationId === def.operationId);
  return shared ? `${def.api}.${def.operationId}` : def.operationId;
}

const QUOTA_EXCEEDED = spapiError(
  429,
  'QuotaExceeded',
  'You exceeded your quota for the requested resource.',
);

const jsonParser: RequestHandler = express.json({ limit: '1mb' });

/** Parses a JSON body after the caller is known, so a bad body is a metered 400, not a 403. */
async function parseJsonBody(req: Request, res: Response): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    jsonParser(req, res, (err?: unknown) => {
      if (err) reject(spapiError(400, 'InvalidInput', 'The request body is not valid JSON.'));
      else resolve();
    });
  });
}

/**
 * Registers operations on a router. Each call goes through: count → auth → rate limit →
 * faults → JSON body → sandbox or handler → response (see DESIGN.md).
 */
export function mountOperations(
  router: Router,
  defs: readonly OperationDef[],
  options: MountOptions,
): void {
  for (const def of defs) {
    const basePlan = usagePlanOf(def.api, def.operationId);
    const key = operationKey(def, defs);
    router[def.method](def.path, (req: Request, res: Response) => {
      void runOperation(def, key, basePlan, req, res, options);
    });
  }
}

async function runOperation(
  def: OperationDef,
  key: string,
  basePlan: { rate: number; burst: number },
  req: Request,
  res: Response,
  { state, region, sandbox }: MountOptions,
): Promise<void> {
  state.countCall(key);
  let rateLimit: number | undefined;
  const reply = (result: OperationResult, truncate = false): void => {
    state.countResponse(key, result.status);
    sendSpapiResponse(res, result, rateLimit, truncate);
  };
  try {
    const caller = authenticate(state, {
      token: req.header('x-amz-access-token'),
      method: req.method,
      path: req.path,
      region,
      restricted: def.restricted === true,
    });
    const plan = state.rateLimiter.effectivePlan(caller.sellingPartnerId, key, basePlan);
    if (
      !state.rateLimiter.tryTake(
        caller.sellingPartnerId,
        caller.application.clientId,
        key,
        basePlan,
      )
    ) {
      throw QUOTA_EXCEEDED;
    }
    rateLimit = plan.rate;
    const fault = state.faults.decide(key);
    let truncate = false;
    if (fault) {
      switch (fault.kind) {
        case 'http500':
          throw spapiError(
            500,
            'InternalFailure',
            'We encountered an internal error. Please try again.',
          );
        case 'http503':
          throw spapiError(
            503,
            'ServiceUnavailable',
            'Service is temporarily unavailable. Please try again.',
          );
        case 'throttle':
          throw QUOTA_EXCEEDED;
        case 'reset':
          state.countResponse(key, 0);
          req.socket.destroy();
          return;
        case 'truncate':
          truncate = true;
          break;
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0));
          break;
      }
    }
    await parseJsonBody(req, res);
    const ctx: OperationContext = { req, state, caller, now: state.clock.now(), region };
    const result = sandbox ? sandbox(def, req) : await def.handler(ctx);
    reply(result, truncate);
  } catch (error: unknown) {
    if (error instanceof SimHttpError) {
      reply({ status: error.status, body: { errors: error.errors } });
      return;
    }
    reply({
      status: 500,
      body: {
        errors: [
          {
            code: 'InternalFailure',
            message: 'We encountered an internal error. Please try again.',
          },
        ],
      },
    });
  }
}
