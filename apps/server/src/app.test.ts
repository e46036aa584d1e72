import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningServer } from './server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await start({ port: 0 });
});
afterAll(async () => {
  await server.stop();
});

describe('server skeleton', () => {
  it('answers its health check with a request id', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers unknown routes with a code and the request id, nothing else', async () => {
    const res = await fetch(`${server.url}/nope?email=someone@example.com`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ code: 'NOT_FOUND', requestId: res.headers.get('x-request-id') });
  });
});
