import type { SellerConfig } from '../../src/config.js';
import { pick, runCase, type CaseContext } from './conformance-runner.js';
import { US, daysBefore, reports } from './conformance-requests.js';
import { ALL_ORDERS } from './reports-client.js';
import { SELLER_NA } from './sim-harness.js';

/** A createReport body over the last 30 days in the US, plus `extra`. */
export function reportSpec(now: number, extra: Record<string, unknown> = {}): unknown {
  return {
    reportType: ALL_ORDERS,
    marketplaceIds: [US],
    dataStartTime: daysBefore(now, 30),
    ...extra,
  };
}

/**
 * Creates a report over HTTP, lets it finish on the sim clock and returns its ids (each call
 * checked like any conformance case).
 */
export async function finishedReport(
  ctx: CaseContext,
  reportType: string,
  seller: SellerConfig = SELLER_NA,
): Promise<{ reportId: string; documentId: string }> {
  const asSeller = { region: seller.region, token: () => ctx.h.accessToken({ seller }) };
  const marketplaceIds = seller.marketplaceIds.slice(0, 1);
  const created = await runCase(ctx, {
    name: `create ${reportType}`,
    request: () => reports.createReport(reportSpec(ctx.h.now(), { reportType, marketplaceIds })),
    status: 202,
    ...asSeller,
  });
  const reportId = String(pick(created.body, 'reportId'));
  ctx.h.state.clock.advance(10_000);
  const report = await runCase(ctx, {
    name: `poll ${reportType}`,
    request: () => reports.getReport(reportId),
    status: 200,
    ...asSeller,
  });
  return { reportId, documentId: String(pick(report.body, 'reportDocumentId')) };
}
