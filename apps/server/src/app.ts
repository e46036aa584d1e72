import express, { type Express } from 'express';
import { errorHandler, notFound } from './http/error-handler.js';
import { requestId } from './http/request-id.js';

/** Builds the server's Express app. Security middleware and routes join with the security issue. */
export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
