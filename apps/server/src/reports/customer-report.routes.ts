/**
 * `/api/reports/*`: customer-related (restricted) reports. Requesting and listing show plain
 * facts only (status, counts, deadline); the rows leave only through `POST /:reportId/reveal`,
 * with a reason, audited, `Cache-Control: no-store` and an `expiresAt`.
 */
import type { Request, Response } from 'express';
import { parseOrThrow } from '@spapi/shared';
import {
  abilityOf,
  createSecureRouter,
  pickPermitted,
  requirePrincipal,
  type SecureRouter,
} from '../access/index.js';
import {
  reportIdParamsSchema,
  reportListQuerySchema,
  reportRequestBodySchema,
  reportRevealBodySchema,
} from './customer-report.schema.js';
import type { CustomerReportService } from './customer-report.service.js';
import type { CustomerReportView } from './customer-report.types.js';

function requestIdOf(res: Response): string | null {
  const requestId: unknown = res.locals.requestId;
  return typeof requestId === 'string' ? requestId : null;
}

/** The plain fields this principal may read (the catalogue's `Report` read fields). */
function shown(req: Request, report: CustomerReportView): Partial<CustomerReportView> {
  return pickPermitted(abilityOf(req), 'read', 'Report', report);
}

/**
 * Mount at `/api/reports`. `onRequested` (optional) is called with a new report's id so the
 * composition root can drive it to completion (`service.runToCompletion`) off the request path.
 */
export function createCustomerReportRoutes(
  service: CustomerReportService,
  onRequested?: (reportId: string) => void,
): SecureRouter {
  const routes = createSecureRouter();
  const report = (req: Request) =>
    service.accessScope(parseOrThrow(reportIdParamsSchema, req.params).reportId);

  routes.post('/', { action: 'create', subject: 'Report' }, async (req, res) => {
    const body = parseOrThrow(reportRequestBodySchema, req.body);
    const created = await service.request(
      { principal: requirePrincipal(req) },
      { ...body, requestId: requestIdOf(res) },
    );
    onRequested?.(created.id);
    res.status(202).json(shown(req, created));
  });

  routes.get('/', { action: 'read', subject: 'Report' }, async (req, res) => {
    const { limit } = parseOrThrow(reportListQuerySchema, req.query);
    const reports = await service.list(requirePrincipal(req), limit);
    res.json({ reports: reports.map((r) => shown(req, r)) });
  });

  routes.get(
    '/:reportId',
    { action: 'read', subject: 'Report', resolve: report },
    async (req, res) => {
      const { reportId } = parseOrThrow(reportIdParamsSchema, req.params);
      res.json(shown(req, await service.get(requirePrincipal(req), reportId)));
    },
  );

  routes.post(
    '/:reportId/reveal',
    { action: 'reveal', subject: 'Report', resolve: report },
    async (req, res) => {
      const { reportId } = parseOrThrow(reportIdParamsSchema, req.params);
      const body = parseOrThrow(reportRevealBodySchema, req.body);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('pragma', 'no-cache');
      const revealed = await service.reveal(requirePrincipal(req), reportId, {
        ...body,
        requestId: requestIdOf(res),
      });
      res.json(revealed);
    },
  );

  return routes;
}
