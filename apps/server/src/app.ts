import express, { type Express } from 'express';
import { errorHandler, notFound } from './http/error-handler.js';
import { requestId } from './http/request-id.js';
import { requestLogger, type Logger } from './logging/index.js';

export interface AppDeps {
  logger: Logger;
}

/** Builds the server's Express app. Routes and security middleware join with the security issue. */
export function createApp({ logger }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId);
  app.use(requestLogger(logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
