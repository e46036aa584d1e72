import { defineOperation, type OperationDef } from '../core/operation.js';
import { createReport } from './create-report.js';
import { getReportDocument } from './get-report-document.js';
import { getReport, getReports } from './get-reports.js';

export { createDocumentRouter } from './document.routes.js';

/**
 * Reports API 2021-06-30: create, poll, list, and fetch the document's presigned URL. Only
 * getReportDocument is restricted (it accepts an RDT, and needs one naming the document's
 * specific path when the report type is restricted).
 */
export const reportsOperations: OperationDef[] = [
  defineOperation({
    operationId: 'createReport',
    api: 'reports20210630',
    method: 'post',
    path: '/reports/2021-06-30/reports',
    handler: createReport,
  }),
  defineOperation({
    operationId: 'getReports',
    api: 'reports20210630',
    method: 'get',
    path: '/reports/2021-06-30/reports',
    handler: getReports,
  }),
  defineOperation({
    operationId: 'getReport',
    api: 'reports20210630',
    method: 'get',
    path: '/reports/2021-06-30/reports/:reportId',
    handler: getReport,
  }),
  defineOperation({
    operationId: 'getReportDocument',
    api: 'reports20210630',
    method: 'get',
    path: '/reports/2021-06-30/documents/:reportDocumentId',
    restricted: true,
    handler: getReportDocument,
  }),
];
