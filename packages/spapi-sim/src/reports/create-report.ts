import { z } from 'zod';
import { invalidInput } from '../core/errors.js';
import type { OperationContext, OperationResult } from '../core/operation.js';
import { checkMarketplaces, parseDateTime } from '../core/query.js';
import { DAY_MS } from '../data/time.js';
import { reportTypeDef, SUPPORTED_REPORT_TYPES } from './report-types.js';

/** The model's `CreateReportSpecification` (unknown properties are ignored, as in Swagger 2.0). */
const CreateReportSpecificationSchema = z.object({
  reportType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  reportOptions: z.record(z.string(), z.string()).optional(),
});

/**
 * When `dataStartTime` is absent the model says "the default is now", which for an order
 * report is an empty window; the simulator reads the last 30 days instead, the span Amazon's
 * order reports cover by default. `dataEndTime` defaults to now, as documented.
 */
export const DEFAULT_DATA_WINDOW_MS = 30 * DAY_MS;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** `POST /reports/2021-06-30/reports` → 202 `{ reportId }`. */
export function createReport({
  req,
  state,
  caller,
  now,
  region,
}: OperationContext): OperationResult {
  const parsed = CreateReportSpecificationSchema.safeParse(req.body);
  if (!parsed.success) throw invalidInput('Invalid input', describeIssues(parsed.error));
  const spec = parsed.data;
  const def = reportTypeDef(spec.reportType);
  if (!def) {
    throw invalidInput(
      'Invalid input',
      `Report type ${spec.reportType} is not supported by the simulator. Supported: ${SUPPORTED_REPORT_TYPES.join(', ')}`,
    );
  }
  const marketplaceIds = [...new Set(spec.marketplaceIds)];
  checkMarketplaces('marketplaceIds', marketplaceIds, region);
  const end = spec.dataEndTime === undefined ? now : parseDateTime('dataEndTime', spec.dataEndTime);
  const start =
    spec.dataStartTime === undefined
      ? end - DEFAULT_DATA_WINDOW_MS
      : parseDateTime('dataStartTime', spec.dataStartTime);
  if (start > now || end > now) {
    throw invalidInput('Invalid input', 'dataStartTime and dataEndTime must not be in the future.');
  }
  if (start > end)
    throw invalidInput('Invalid input', 'dataStartTime must not be after dataEndTime.');

  const seller = caller.sellingPartnerId;
  const window = {
    sellingPartnerId: seller,
    marketplaceIds,
    dataStartTime: start,
    dataEndTime: end,
  };
  const report = state.reports.create(
    {
      ...window,
      region,
      reportType: spec.reportType,
      reportOptions: spec.reportOptions,
      restricted: def.restricted,
      render: (at) => def.render(state, window, at),
    },
    now,
  );
  return { status: 202, body: { reportId: report.reportId } };
}
