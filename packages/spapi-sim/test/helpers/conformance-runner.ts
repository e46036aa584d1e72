import { beforeAll, expect } from 'vitest';
import {
  createModelValidator,
  queryFromSearchParams,
  usagePlanOf,
  type ApiName,
  type ModelValidator,
  type ValidationIssue,
} from '@spapi/spapi-models';
import type { Region } from '../../src/core/regions.js';
import type { SpapiReply, SpapiRequest } from './sim-client.js';
import { undeclaredProperties } from './conformance-undeclared.js';
import { useSimHarness, type SimHarness } from './sim-harness.js';
import { addFixtureOrders, type OrderFixtures } from './sim-orders.js';

/**
 * Data-driven conformance checks: a case names a request, the token to send and the status
 * (and error code) the simulator must answer with; the runner then holds the answer to
 * Amazon's models:
 * - the body satisfies the model's schema for that status (any status the model does not
 *   document fails);
 * - a request the simulator accepted (2xx) satisfies the model, description rules included;
 * - a request marked `forbiddenBy` breaks that rule according to the oracle too, so the table
 *   proves the simulator refuses what the model forbids;
 * - the body carries no property the model declares nowhere (conformance-undeclared.ts);
 * - `x-amzn-RequestId` and a JSON content type are always sent, `x-amzn-RateLimit-Limit`
 *   (the usage plan's rate) on 2xx, 400 and 404 only.
 */
export interface CaseContext {
  h: SimHarness;
  /** When present, every answered case is recorded in it. */
  coverage?: OperationCoverage;
}

/** A context with the fixture orders of sim-orders.ts. */
export interface FixtureCaseContext extends CaseContext {
  orders: OrderFixtures;
  /** The simulator clock when the fixture orders were added. */
  now: number;
}

/**
 * The context a table of cases runs in, for the enclosing describe block: a harness started
 * before the cases and stopped after them, with the fixture orders added to it.
 */
export function useFixtureCaseContext(
  extra: Pick<CaseContext, 'coverage'> = {},
): FixtureCaseContext {
  const ctx = { h: useSimHarness(), ...extra } as FixtureCaseContext;
  beforeAll(() => {
    ctx.orders = addFixtureOrders(ctx.h);
    ctx.now = ctx.h.now();
  });
  return ctx;
}

/** Which statuses each operation answered in a run of cases. */
export class OperationCoverage {
  readonly #statuses = new Map<string, Set<number>>();

  record(request: SpapiRequest, reply: SpapiReply): void {
    const statuses = this.#statuses.get(request.operationId) ?? new Set<number>();
    statuses.add(reply.status);
    this.#statuses.set(request.operationId, statuses);
  }

  /** The operations that were not seen answering both a 2xx and a 4xx. */
  missingSuccessOrError(operationIds: readonly string[]): string[] {
    return operationIds.filter((id) => {
      const seen = [...(this.#statuses.get(id) ?? [])];
      return !seen.some((s) => s >= 200 && s < 300) || !seen.some((s) => s >= 400 && s < 500);
    });
  }
}

export interface ConformanceCase<C extends CaseContext> {
  name: string;
  request: (ctx: C) => SpapiRequest | Promise<SpapiRequest>;
  /** The region's listener to call; default the NA seller's. */
  region?: Region;
  /** The token to send; default an access token of the shipping app for the NA seller. */
  token?: (ctx: C) => string | undefined | Promise<string | undefined>;
  status: number;
  /** `errors[0].code` of an error answer. */
  code?: string;
  /** The model rule (keyword or description-rule id) the request breaks. */
  forbiddenBy?: string;
  /** Checks beyond the schema (what the data must or must not contain). */
  check?: (body: unknown, ctx: C) => void;
}

export function describeIssues(issues: readonly ValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.at} [${issue.rule}] ${issue.message}`);
}

const responses = createModelValidator();

/** Schema violations of a response body, as readable lines. */
export function responseViolations(request: SpapiRequest, reply: SpapiReply): string[] {
  const result = responses.validateResponse(
    request.api,
    request.operationId,
    reply.status,
    reply.body,
  );
  return describeIssues(result.errors);
}

/** Asserts a reply's body is what the model documents for the operation and that status. */
export function expectConforms(
  api: ApiName,
  operationId: string,
  reply: Pick<SpapiReply, 'status' | 'body'>,
): void {
  const issues = responses.validateResponse(api, operationId, reply.status, reply.body).errors;
  expect(issues, JSON.stringify(issues)).toEqual([]);
}

/** One oracle with description rules per simulator, reading the simulator's clock. */
const requestOracles = new WeakMap<SimHarness, ModelValidator>();

/** The model (schema and description rules) as an oracle for requests, on the sim clock. */
export function requestOracle(h: SimHarness): ModelValidator {
  const found = requestOracles.get(h);
  if (found) return found;
  const oracle = createModelValidator({ descriptionRules: true, now: () => new Date(h.now()) });
  requestOracles.set(h, oracle);
  return oracle;
}

/** What the model and its descriptions say about the request as it went over the wire. */
export function requestIssues(
  h: SimHarness,
  request: SpapiRequest,
  reply: SpapiReply,
): ValidationIssue[] {
  return requestOracle(h).validateRequest(request.api, request.operationId, {
    path: request.path,
    query: queryFromSearchParams(reply.url.searchParams),
    body: request.body,
  }).errors;
}

const RATE_LIMITED_STATUSES = (status: number): boolean =>
  (status >= 200 && status < 300) || status === 400 || status === 404;

export function expectAmazonHeaders(request: SpapiRequest, reply: SpapiReply): void {
  expect(reply.headers.get('x-amzn-requestid')).toMatch(/\S/);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json\b/);
  const rate = reply.headers.get('x-amzn-ratelimit-limit');
  if (RATE_LIMITED_STATUSES(reply.status)) {
    // Printed like a Java double (`0.0167`, `1.0`): compare the number.
    expect(rate).toMatch(/^\d+(\.\d+)?$/);
    expect(Number(rate)).toBe(usagePlanOf(request.api, request.operationId).rate);
  } else {
    expect(rate).toBeNull();
  }
}

/** The `code`s of an SP-API error body. */
export function errorCodes(body: unknown): string[] {
  const errors = pick(body, 'errors');
  return Array.isArray(errors) ? errors.map((error) => String(pick(error, 'code'))) : [];
}

/** Walks a JSON value by property names and array indexes; undefined where the path ends. */
export function pick(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** `pick` for a list: [] unless the value there is an array. */
export function pickList(value: unknown, ...keys: (string | number)[]): unknown[] {
  const found = pick(value, ...keys);
  return Array.isArray(found) ? (found as unknown[]) : [];
}

export async function runCase<C extends CaseContext>(
  ctx: C,
  c: ConformanceCase<C>,
): Promise<SpapiReply> {
  ctx.h.resetQuotas();
  const token = c.token ? await c.token(ctx) : ctx.h.accessToken();
  const request = await c.request(ctx);
  const reply = await ctx.h.call(request, token, c.region);
  ctx.coverage?.record(request, reply);
  const shown = JSON.stringify(reply.body ?? null).slice(0, 600);
  expect(reply.status, `${c.name}: ${reply.url.pathname}${reply.url.search} → ${shown}`).toBe(
    c.status,
  );
  expect(responseViolations(request, reply), `${c.name}: response schema`).toEqual([]);
  expect(
    undeclaredProperties(request.api, request.operationId, reply.status, reply.body),
    `${c.name}: properties the model does not declare`,
  ).toEqual([]);
  expectAmazonHeaders(request, reply);
  const issues = requestIssues(ctx.h, request, reply);
  if (reply.status >= 200 && reply.status < 300) {
    expect(describeIssues(issues), `${c.name}: accepted request breaks the model`).toEqual([]);
  }
  if (c.forbiddenBy !== undefined) {
    expect(
      issues.map((issue) => issue.rule),
      `${c.name}: the oracle should flag ${c.forbiddenBy}`,
    ).toContain(c.forbiddenBy);
  }
  if (c.code !== undefined) expect(errorCodes(reply.body)[0], c.name).toBe(c.code);
  c.check?.(reply.body, ctx);
  return reply;
}

/** A request the simulator must refuse with 400 `InvalidInput` (and, when named, the model too). */
export function invalidInput<C extends CaseContext>(
  name: string,
  request: ConformanceCase<C>['request'],
  forbiddenBy?: string,
): ConformanceCase<C> {
  const base: ConformanceCase<C> = { name, request, status: 400, code: 'InvalidInput' };
  return forbiddenBy === undefined ? base : { ...base, forbiddenBy };
}
