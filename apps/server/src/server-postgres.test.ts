/**
 * The demo server started on PostgreSQL instead of SQLite: `DATABASE_URL` points at the test
 * database and `DATABASE_SCHEMA` at a schema the storage harness creates empty and drops
 * afterwards, so start-up itself must run the migrations there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forDialect, retryingSchemaDrops, TEST_POSTGRES_URL } from '../test/storage-harness.js';
import { loadConfig } from './config/index.js';
import { CaptureTransport } from './logging/capture.transport.js';
import { createLogger } from './logging/index.js';
import { start, type RunningServer } from './server.js';
import { MIGRATIONS } from './storage/index.js';

interface Reply {
  readonly status: number;
  readonly body: string;
}

function send(server: RunningServer, method: string, path: string, json?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      json === undefined ? {} : { 'content-type': 'application/json' };
    const options = { method, headers, ca: server.certificate, servername: 'localhost' };
    const req = request(`${server.url}${path}`, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

describe('server start-up on PostgreSQL', () => {
  forDialect(
    'postgres',
    (t) => {
      // Nested, so the server stops before the harness drops the schema.
      describe('demo mode with DATABASE_URL and a fresh DATABASE_SCHEMA', () => {
        let dir: string;
        let schema: string;
        let server: RunningServer;

        beforeAll(async () => {
          dir = mkdtempSync(join(tmpdir(), 'server-start-pg-'));
          schema = t.handle().location;
          const config = loadConfig({
            SERVER_MODE: 'demo',
            PORT: '0',
            DATA_DIR: dir,
            DEMO_DATA: 'false',
            DATABASE_URL: TEST_POSTGRES_URL,
            DATABASE_SCHEMA: schema,
            DATABASE_POOL_MAX: '2',
          });
          expect(config.database).toMatchObject({ kind: 'postgres', schema });
          const logger = createLogger({ transports: [new CaptureTransport()] });
          server = await retryingSchemaDrops(() => start(config, { logger, env: {} }));
        }, 30_000);
        afterAll(async () => {
          await server.stop();
          rmSync(dir, { recursive: true, force: true });
        });

        it('answers the health check over HTTPS', async () => {
          const res = await send(server, 'GET', '/healthz');
          expect(res.status).toBe(200);
          expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
        });

        it('ran every migration in the configured schema', async () => {
          expect(server.database).toMatchObject({ dialect: 'postgres', schema });
          const { rows } = await sql<{
            name: string;
          }>`select name from ${sql.table(`${schema}.kysely_migration`)} order by name`.execute(
            server.database.db,
          );
          expect(rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
          const tables = await server.database.db.introspection.getTables();
          const ours = tables.filter((table) => table.schema === schema).map((table) => table.name);
          expect(ours).toEqual(expect.arrayContaining(['audit_entries', 'sessions', 'users']));
        });

        it('writes to that schema: a refused sign-in is audited there', async () => {
          const res = await send(server, 'POST', '/api/auth/sign-in', {
            email: 'nobody@example.test',
            password: 'not-a-real-password-1',
          });
          expect(res.status).toBe(401);
          const { rows } = await sql<{
            action: string;
            outcome: string;
          }>`select action, outcome from ${sql.table(`${schema}.audit_entries`)}`.execute(t.db());
          expect(rows).toContainEqual({ action: 'auth.sign-in', outcome: 'failure' });
        });
      });
    },
    { migrate: false },
  );
});
