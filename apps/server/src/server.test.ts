import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/index.js';
import { CaptureTransport } from './logging/capture.transport.js';
import { createLogger } from './logging/index.js';
import { start, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
const capture = new CaptureTransport();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'server-start-'));
  const config = loadConfig({ SERVER_MODE: 'demo', PORT: '0', DATA_DIR: dir, DEMO_DATA: 'false' });
  server = await start(config, { logger: createLogger({ transports: [capture] }), env: {} });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function send(method: string, path: string, json?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      json === undefined ? {} : { 'content-type': 'application/json' };
    const options = { method, headers, ca: server.certificate, servername: 'localhost' };
    const req = request(`${server.url}${path}`, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

const get = (path: string): Promise<Reply> => send('GET', path);

describe('server start-up', () => {
  it('serves HTTPS with its certificate, migrated storage and a health check', async () => {
    expect(server.url.startsWith('https://')).toBe(true);
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
    const tables = await server.database.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('audit_entries');
  });

  it('answers unknown routes with a code and the request id, and logs no query values', async () => {
    const res = await get('/nope?email=jane.canary@example.com&token=Atza|canarytokenvalue123');
    expect(res.status).toBe(404);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toEqual({ code: 'NOT_FOUND', requestId: res.headers['x-request-id'] });
    const lines = capture.lines().join('\n');
    expect(lines).toContain('server started');
    expect(lines).not.toContain('jane.canary');
    expect(lines).not.toContain('canarytokenvalue123');
  });

  it('audits a refused sign-in, answers with a code only, and logs neither email nor password', async () => {
    const res = await send('POST', '/api/auth/sign-in', {
      email: 'canary.buyer@example.com',
      password: 'Canary-Password-Value-42',
    });
    expect(res.status).toBe(401);
    expect(Object.keys(JSON.parse(res.body) as object).sort()).toEqual(['code', 'requestId']);
    const entries = await server.database.db.selectFrom('audit_entries').selectAll().execute();
    expect(entries.some((e) => e.action === 'auth.sign-in' && e.outcome === 'failure')).toBe(true);
    const everything = JSON.stringify(entries) + capture.lines().join('\n');
    expect(everything).not.toContain('canary.buyer');
    expect(everything).not.toContain('Canary-Password-Value-42');
  });

  it('refuses a protected route without a session', async () => {
    const res = await get('/api/auth/session');
    expect([401, 403]).toContain(res.status);
  });
});
