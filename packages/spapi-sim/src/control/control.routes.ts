import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { FaultConfigSchema } from '../core/faults.js';
import type { SimState } from '../core/state.js';
import { ControlConflict, NewOrderSchema, addOrderFromControl } from './control-orders.js';

const AdvanceSchema = z
  .object({
    seconds: z
      .number()
      .positive()
      .max(400 * 24 * 3600),
  })
  .strict();
const TimeScaleSchema = z.object({ timeScale: z.number().positive().max(1_000_000) }).strict();
const RateSchema = z
  .object({
    operationId: z.string().min(1).default('*'),
    rate: z.number().positive().max(10_000),
    burst: z.number().int().positive().max(100_000),
  })
  .strict();
const RevokeSchema = z.object({ clientId: z.string().min(1) }).strict();

class ControlInputError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super('invalid control input');
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ControlInputError(
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

function sellerOr404(state: SimState, req: Request, res: Response): string | undefined {
  const id = String(req.params.sellerId);
  if (state.sellers.has(id)) return id;
  res.status(404).json({ error: 'unknown seller' });
  return undefined;
}

/** The control API for tests and the demo. Mounted only when `controlApi` is on. */
export function createControlRouter(state: SimState): Router {
  const router = express.Router();

  router.get('/state', (_req, res) => {
    res.json({
      now: new Date(state.clock.now()).toISOString(),
      clockOffsetSeconds: state.clock.offsetMs / 1000,
      timeScale: state.rateLimiter.timeScale,
      faults: state.faults.config,
      sellers: [...state.sellers.values()].map((s) => ({
        ...s,
        orders: state.orders.count(s.sellingPartnerId, state.clock.now()),
      })),
    });
  });

  router.post('/clock/advance', (req, res) => {
    const { seconds } = parse(AdvanceSchema, req.body);
    state.clock.advance(seconds * 1000);
    res.json({ now: new Date(state.clock.now()).toISOString() });
  });

  router.put('/time-scale', (req, res) => {
    const { timeScale } = parse(TimeScaleSchema, req.body);
    state.rateLimiter.setTimeScale(timeScale);
    res.json({ timeScale });
  });

  router.put('/sellers/:sellerId/rates', (req, res) => {
    const sellerId = sellerOr404(state, req, res);
    if (!sellerId) return;
    const { operationId, rate, burst } = parse(RateSchema, req.body);
    state.rateLimiter.setOverride(sellerId, operationId, { rate, burst });
    res.json({ sellerId, operationId, rate, burst });
  });

  router.delete('/sellers/:sellerId/rates/:operationId', (req, res) => {
    const sellerId = sellerOr404(state, req, res);
    if (!sellerId) return;
    state.rateLimiter.setOverride(sellerId, req.params.operationId, null);
    res.status(204).end();
  });

  router.put('/faults', (req, res) => {
    const faults = parse(FaultConfigSchema, req.body);
    state.faults.configure(faults);
    res.json(faults);
  });

  router.get('/calls', (_req, res) => {
    res.json({
      calls: Object.fromEntries(state.callCounts),
      responses: Object.fromEntries(state.responseCounts),
    });
  });

  router.post('/calls/reset', (_req, res) => {
    state.callCounts.clear();
    state.responseCounts.clear();
    res.status(204).end();
  });

  router.post('/sellers/:sellerId/orders', (req, res) => {
    const sellerId = sellerOr404(state, req, res);
    if (!sellerId) return;
    const input = parse(NewOrderSchema, req.body);
    res.status(201).json(addOrderFromControl(state, sellerId, input));
  });

  router.post('/sellers/:sellerId/revoke', (req, res) => {
    const sellerId = sellerOr404(state, req, res);
    if (!sellerId) return;
    const { clientId } = parse(RevokeSchema, req.body);
    res.json({ revokedRefreshTokens: state.revokeSellerAuthorization(sellerId, clientId) });
  });

  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof ControlInputError) {
      res.status(400).json({ error: 'invalid input', issues: err.issues });
      return;
    }
    if (err instanceof ControlConflict) {
      res.status(409).json({ error: err.message });
      return;
    }
    next(err);
  });
  return router;
}
