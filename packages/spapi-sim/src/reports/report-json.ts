import { isoSecondsWithOffset } from '../data/time.js';
import type { ReportView } from '../data/report-store.js';

/** The model's `Report`, as Amazon prints it (instants with `+00:00`, whole seconds). */
export interface ReportJson {
  reportId: string;
  reportType: string;
  marketplaceIds: string[];
  dataStartTime: string;
  dataEndTime: string;
  createdTime: string;
  processingStatus: ReportView['processingStatus'];
  processingStartTime?: string;
  processingEndTime?: string;
  reportDocumentId?: string;
}

export function toReportJson(view: ReportView): ReportJson {
  const out: ReportJson = {
    reportId: view.reportId,
    reportType: view.reportType,
    marketplaceIds: [...view.marketplaceIds],
    dataStartTime: isoSecondsWithOffset(view.dataStartTime),
    dataEndTime: isoSecondsWithOffset(view.dataEndTime),
    createdTime: isoSecondsWithOffset(view.createdTime),
    processingStatus: view.processingStatus,
  };
  if (view.processingStartTime !== undefined) {
    out.processingStartTime = isoSecondsWithOffset(view.processingStartTime);
  }
  if (view.processingEndTime !== undefined) {
    out.processingEndTime = isoSecondsWithOffset(view.processingEndTime);
  }
  if (view.reportDocumentId !== undefined) out.reportDocumentId = view.reportDocumentId;
  return out;
}
