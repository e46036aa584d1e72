/**
 * Every endpoint's input, fuzzed with fast-check over HTTPS against the whole server: bodies
 * and path parameters that its schema refuses (near misses of the right shape, any JSON, text
 * that is not JSON, other content types) must be answered 4xx with a known code and the request
 * id — never 5xx — and must leave every table as it was.
 *
 * The caller is a signed-in owner with a valid CSRF token, so requests reach the schema rather
 * than stopping at authentication; routes that end the caller's session are fuzzed anonymously.
 */
import { randomUUID } from 'node:crypto';
import { isErrorCode } from '@spapi/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { InventoryEntry } from '../src/access/index.js';
import { fillPath } from '../src/access/testing/route-cases.js';
import {
  closeSeedHasher,
  firstSignIn,
  seedAccount,
  seedOrders,
  seedOrganization,
  startAppHarness,
  type AppHarness,
  type Reply,
  type SignedInSession,
} from './app-harness.js';
import { routeInputOf } from './route-inputs.js';
import { DIALECTS, forDialect } from './storage-harness.js';

const RUNS = 20;

/** Columns a read may legitimately write (the idle-timeout clock of the caller's session). */
const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sessions: ['last_seen_at'],
};

const json = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

/** Every row of every table, as one string: equal before and after means nothing was written. */
async function snapshot(h: AppHarness): Promise<string> {
  const { database } = h.server.config;
  const schema = database.kind === 'postgres' ? database.schema : undefined;
  // Postgres lists the tables of every schema; this server's are in its own.
  const tables = (await h.db().introspection.getTables()).filter(
    (t) => schema === undefined || t.schema === schema,
  );
  if (!tables.some((t) => t.name === 'users')) throw new Error('snapshot found no tables');
  const parts: string[] = [];
  for (const table of tables.map((t) => t.name).sort()) {
    const rows: Record<string, unknown>[] = await h
      .db()
      .selectFrom(table as 'users')
      .selectAll()
      .execute();
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    const stable = rows
      .map((row) => json(Object.entries(row).filter(([key]) => !volatile.includes(key))))
      .sort();
    parts.push(`${table}: ${json(stable)}`);
  }
  return parts.join('\n');
}

/** Keys of a zod object schema (strict objects), for near-miss bodies. */
function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape === undefined ? [] : Object.keys(shape);
}

const anyValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Bodies the schema refuses: right keys with wrong values, extra keys, any JSON at all. */
function badBodies(schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = keysOf(schema);
  const nearMiss =
    keys.length === 0
      ? fc.dictionary(fc.string({ maxLength: 20 }), anyValue)
      : fc.record(Object.fromEntries(keys.map((key) => [key, anyValue])), {
          requiredKeys: [],
        });
  const withExtra = nearMiss.chain((body) =>
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 20 }), anyValue)
      .map(([key, value]) => (typeof body === 'object' ? { ...body, [key]: value } : body)),
  );
  return fc
    .oneof(nearMiss, withExtra, fc.jsonValue({ maxDepth: 3 }))
    .filter((body) => !schema.safeParse(body).success);
}

/** Path parameter values the schema refuses (never empty: an empty segment is another route). */
function badParam(schema: z.ZodType, name: string): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.uuid().map((id) => `${id}x`),
      fc.constantFrom('..', '%00', '0', "1' OR '1'='1", 'null', '<script>'),
    )
    .filter((value) => value.trim() !== '' && value !== '.' && value !== '..')
    .filter((value) => !schema.safeParse({ [name]: value }).success);
}

function expectRefused(reply: Reply, label: string): void {
  expect(reply.status, `${label}: ${reply.text}`).toBeGreaterThanOrEqual(400);
  expect(reply.status, `${label}: ${reply.text}`).toBeLessThan(500);
  expect(Object.keys(reply.body).sort(), label).toEqual(['code', 'requestId']);
  expect(isErrorCode(reply.body.code), label).toBe(true);
  expect(reply.body.requestId, label).toBe(reply.requestId);
}

describe('every endpoint input, fuzzed over HTTPS: 4xx with a code, nothing written', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let h: AppHarness;
      let owner: SignedInSession;
      let inventory: readonly InventoryEntry[];
      /** Real records in the owner's organization, per path parameter name. */
      const existing: Record<string, string> = {};

      beforeAll(async () => {
        h = await startAppHarness(dialect);
        const org = await seedOrganization(h);
        owner = await firstSignIn(h, await seedAccount(h, 'owner', org));
        existing.userId = (await seedAccount(h, 'operator', org)).id;
        existing.id = randomUUID(); // a device of the colleague
        await h
          .db()
          .insertInto('devices')
          .values({
            id: existing.id,
            user_id: existing.userId,
            label: 'Packing desk',
            refresh_token_hash: randomUUID(),
            refresh_expires_at: Date.now() + 3_600_000,
            created_at: Date.now(),
          })
          .execute();
        existing.connectionId = randomUUID();
        await h
          .db()
          .insertInto('amazon_connections')
          .values({
            id: existing.connectionId,
            organization_id: org,
            selling_partner_id: 'A1FUZZSELLER',
            region: 'na',
            status: 'active',
            refresh_token_ciphertext: new Uint8Array(48),
            refresh_token_key_id: 'test-key',
            connected_by: existing.userId,
            connected_at: Date.now(),
            updated_at: Date.now(),
          })
          .execute();
        const [order] = await seedOrders(h, org);
        existing.orderId = order?.amazonOrderId ?? '';
        existing.reportId = randomUUID();
        await h
          .db()
          .insertInto('customer_reports')
          .values({
            id: existing.reportId,
            organization_id: org,
            connection_id: existing.connectionId,
            report_type: 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
            marketplace_ids_json: '["ATVPDKIKX0DER"]',
            status: 'cancelled',
            requested_by: existing.userId,
            requested_at: Date.now(),
            updated_at: Date.now(),
            completed_at: Date.now(),
            pii_state: 'none',
            pii_anchor_at: Date.now(),
            pii_purge_after: Date.now() + 30 * 86_400_000,
          })
          .execute();
        inventory = h.server.routes;
      }, 60_000);
      afterAll(() => h.close());

      /** Valid path parameters (a real colleague), so only the part under test is wrong. */
      const validParams = (entry: InventoryEntry): Record<string, string> =>
        Object.fromEntries(
          [...entry.path.matchAll(/:(\w+)/g)].map(([, name = '']) => {
            const value = existing[name];
            if (value === undefined) throw new Error(`no record for :${name}: add one`);
            return [name, value];
          }),
        );

      const send = (entry: InventoryEntry, path: string, extra: object) => {
        const input = routeInputOf(entry.method, entry.path);
        return h.call(entry.method.toUpperCase(), path, {
          ...(input.endsSession ? {} : { session: owner }),
          ...extra,
        });
      };

      it('knows the input of every route', () => {
        for (const entry of inventory)
          expect(() => routeInputOf(entry.method, entry.path)).not.toThrow();
      });

      it('refuses bad bodies', async () => {
        for (const entry of inventory) {
          const { body } = routeInputOf(entry.method, entry.path);
          if (body === undefined) continue;
          const path = fillPath(entry.path, validParams(entry));
          const before = await snapshot(h);
          await fc.assert(
            fc.asyncProperty(badBodies(body), async (value) => {
              expectRefused(
                await send(entry, path, { body: value }),
                `${entry.method} ${entry.path}`,
              );
            }),
            { numRuns: RUNS },
          );
          await fc.assert(
            fc.asyncProperty(
              fc.string({ maxLength: 200 }).filter((text) => {
                try {
                  JSON.parse(text);
                  return false;
                } catch {
                  return true;
                }
              }),
              fc.constantFrom(
                'application/json',
                'text/plain',
                'application/x-www-form-urlencoded',
              ),
              async (text, contentType) => {
                expectRefused(
                  await send(entry, path, { rawBody: text, contentType }),
                  `${entry.method} ${entry.path} raw`,
                );
              },
            ),
            { numRuns: RUNS },
          );
          expect(await snapshot(h), `${entry.method} ${entry.path} wrote`).toBe(before);
        }
      }, 300_000);

      it('refuses bad path parameters', async () => {
        for (const entry of inventory) {
          const { params, body } = routeInputOf(entry.method, entry.path);
          if (params === undefined) continue;
          const names = [...entry.path.matchAll(/:(\w+)/g)].map(([, name]) => name ?? '');
          const before = await snapshot(h);
          for (const name of names) {
            await fc.assert(
              fc.asyncProperty(badParam(params, name), async (value) => {
                const path = fillPath(entry.path, { ...validParams(entry), [name]: value });
                const reply = await send(entry, path, body === undefined ? {} : { body: {} });
                expectRefused(reply, `${entry.method} ${entry.path} ${name}`);
              }),
              { numRuns: RUNS },
            );
          }
          expect(await snapshot(h), `${entry.method} ${entry.path} wrote`).toBe(before);
        }
      }, 300_000);

      it('refuses bad query strings', async () => {
        for (const entry of inventory) {
          const { query } = routeInputOf(entry.method, entry.path);
          if (query === undefined) continue;
          const before = await snapshot(h);
          const key = fc.oneof(
            fc.constantFrom(...keysOf(query)),
            fc.string({ minLength: 1, maxLength: 12 }),
          );
          await fc.assert(
            fc.asyncProperty(
              fc
                .dictionary(key, fc.string({ maxLength: 80 }))
                // `error=…` is the consent-cancel form of the callback: another valid input.
                .filter((q) => !('error' in q) && !query.safeParse(q).success),
              async (q) => {
                const path = `${entry.path}?${new URLSearchParams(q).toString()}`;
                expectRefused(await send(entry, path, {}), `${entry.method} ${entry.path} query`);
              },
            ),
            { numRuns: RUNS },
          );
          expect(await snapshot(h), `${entry.method} ${entry.path} wrote`).toBe(before);
        }
      }, 300_000);

      it('routes without input ignore whatever is sent, and never fail', async () => {
        for (const entry of inventory) {
          const input = routeInputOf(entry.method, entry.path);
          if (input.body !== undefined || input.params !== undefined) continue;
          if (input.query !== undefined) continue;
          await fc.assert(
            fc.asyncProperty(
              fc.dictionary(
                fc.string({ minLength: 1, maxLength: 10 }),
                fc.string({ maxLength: 20 }),
              ),
              fc.jsonValue({ maxDepth: 2 }),
              async (query, value) => {
                const search = new URLSearchParams(query).toString();
                const path = `${entry.path}${search === '' ? '' : `?${search}`}`;
                const hasBody = entry.method !== 'get';
                const reply = await send(entry, path, hasBody ? { body: value } : {});
                expect(reply.status, `${entry.method} ${path}`).toBeLessThan(500);
              },
            ),
            { numRuns: 5 },
          );
        }
      }, 300_000);
    });
  }
});
