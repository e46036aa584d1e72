import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { SimConfig } from './config.js';
import { REGIONS, type Region } from './core/regions.js';
import { mountOperations, type OperationDef } from './core/operation.js';
import type { SimState } from './core/state.js';
import { createLwaRouter } from './lwa/token.routes.js';
import { createConsentRouter } from './lwa/consent.routes.js';
import { ordersV0Operations } from './orders-v0/index.js';
import { tokensOperations } from './tokens/index.js';
import { orders2026Operations } from './orders-2026/index.js';
import { reportsOperations, createDocumentRouter } from './reports/index.js';
import { createSandboxResponder } from './sandbox/index.js';
import { createControlRouter } from './control/control.routes.js';

export const SPAPI_OPERATIONS: readonly OperationDef[] = [
  ...ordersV0Operations,
  ...tokensOperations,
  ...orders2026Operations,
  ...reportsOperations,
];

/** Every response carries `x-amzn-RequestId`, as Amazon's do. */
function requestId(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('x-amzn-RequestId', randomUUID());
  next();
}

function baseApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestId);
  return app;
}

function notFoundJson(_req: Request, res: Response): void {
  res.status(404).json({ errors: [{ code: 'NotFound', message: 'Resource not found.' }] });
}

function malformedJson(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  res
    .status(400)
    .json({ errors: [{ code: 'InvalidInput', message: 'The request body is not valid JSON.' }] });
}

export function createSpapiApp(state: SimState, region: Region, config: SimConfig): Express {
  const app = baseApp();
  app.use(createDocumentRouter(state));
  // Paths match exactly, as on Amazon: no case folding, and a trailing slash is another path.
  // JSON bodies are parsed per operation, after authentication (see core/operation.ts).
  const router = express.Router({ caseSensitive: true, strict: true });
  mountOperations(router, SPAPI_OPERATIONS, {
    state,
    region,
    sandbox: config.sandbox ? createSandboxResponder() : undefined,
  });
  app.use(router);
  app.use(notFoundJson);
  app.use(malformedJson);
  return app;
}

export function createLwaApp(state: SimState): Express {
  const app = baseApp();
  app.use(createLwaRouter(state));
  return app;
}

export function createSellerCentralApp(state: SimState, region: Region): Express {
  const app = baseApp();
  app.use(createConsentRouter(state, region));
  return app;
}

export function createControlApp(state: SimState): Express {
  const app = baseApp();
  app.use(express.json({ limit: '1mb' }));
  app.use('/_sim', createControlRouter(state));
  app.use(notFoundJson);
  app.use(malformedJson);
  return app;
}

export interface Listener {
  server: Server;
  url: string;
}

export async function listen(app: Express, host: string, port: number): Promise<Listener> {
  const server = createServer(app);
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { server, url: `http://${shownHost}:${address.port}` };
}

export async function close(listener: Listener): Promise<void> {
  listener.server.closeAllConnections();
  await new Promise<void>((resolve) =>
    listener.server.close(() => {
      resolve();
    }),
  );
}

export const LISTENER_NAMES = [
  'lwa',
  ...REGIONS.map((r) => `sellerCentral.${r}`),
  ...REGIONS.map((r) => `spapi.${r}`),
  'control',
] as const;
