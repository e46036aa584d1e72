/** `/api/reports` in the OpenAPI description: one `register` call per route. */
import type { OpenApiRegistry } from '../http/openapi-registry.js';
import {
  reportIdParamsSchema,
  reportListQuerySchema,
  reportListResponseSchema,
  reportRequestBodySchema,
  reportRevealBodySchema,
  reportRevealResponseSchema,
  reportViewSchema,
} from './customer-report.schema.js';

const tag = 'Customer reports';

export function registerCustomerReportOpenApi(registry: OpenApiRegistry): void {
  registry.register({
    method: 'post',
    path: '/api/reports',
    tag,
    summary: 'Request the Unshipped Orders report (restricted, buyer PII) of a connection',
    description:
      'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING for the connection’s marketplaces (or the ' +
      'ones given). The server polls it, fetches the document with a Restricted Data Token and ' +
      'keeps it encrypted for 30 days after the request. Audited (data.export).',
    body: reportRequestBodySchema,
    responses: { 202: { description: 'The report, in queue', body: reportViewSchema } },
    errors: ['NEEDS_REAUTHORIZATION', 'SPAPI_THROTTLED', 'SPAPI_UNAVAILABLE', 'SPAPI_ERROR'],
  });
  registry.register({
    method: 'get',
    path: '/api/reports',
    tag,
    summary: 'List the organization’s customer reports (plain facts, never PII)',
    query: reportListQuerySchema,
    responses: { 200: { description: 'Newest request first', body: reportListResponseSchema } },
  });
  registry.register({
    method: 'get',
    path: '/api/reports/:reportId',
    tag,
    summary: 'One report’s status (plain facts, never PII)',
    params: reportIdParamsSchema,
    responses: { 200: { description: 'The report', body: reportViewSchema } },
  });
  registry.register({
    method: 'post',
    path: '/api/reports/:reportId/reveal',
    tag,
    summary: 'Reveal the report’s rows (buyer PII) for fulfilment',
    description:
      'Needs reveal Report.document and a reason code (reason other needs a reference). Audited ' +
      'as pii.reveal (reason, reference, row counts; never values). Show the rows until ' +
      'expiresAt, then hide them. 410 RETENTION_EXPIRED: retention deleted the document; 409 ' +
      'CONFLICT: the report holds none (not done, cancelled or failed).',
    params: reportIdParamsSchema,
    body: reportRevealBodySchema,
    responses: {
      200: {
        description: 'The rows, until expiresAt',
        body: reportRevealResponseSchema,
        headers: { 'Cache-Control': 'no-store' },
      },
    },
    errors: ['RETENTION_EXPIRED', 'CONFLICT'],
  });
}
