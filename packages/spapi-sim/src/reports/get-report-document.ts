import { accessDenied, invalidInput, notFound } from '../core/errors.js';
import type { Caller } from '../core/grants.js';
import type { OperationContext, OperationResult } from '../core/operation.js';
import { modelQuery } from '../core/query.js';
import { presignDocumentUrl } from './document-url.js';

const DOCUMENT_ID = /^[A-Za-z0-9._-]{1,200}$/;

/**
 * A restricted report's document needs an RDT whose resources name this exact path. The
 * operation wrapper already checked that some resource of the RDT covers the request, but
 * coverage lets a literal `{reportDocumentId}` stand for any id; Amazon refuses generic paths
 * for report documents, so only a resource with the specific path counts.
 */
function hasSpecificGrant(caller: Caller, method: string, path: string): boolean {
  if (caller.kind !== 'rdt' || !caller.rdt) return false;
  return caller.rdt.resources.some(
    (r) => r.method.toUpperCase() === method.toUpperCase() && r.path === path,
  );
}

/**
 * `GET /reports/2021-06-30/documents/{reportDocumentId}` → `{ reportDocumentId, url,
 * compressionAlgorithm? }`. The url is presigned for five minutes (simulator clock) and is
 * served by this listener; see document.routes.ts.
 */
export function getReportDocument({ req, state, caller, now }: OperationContext): OperationResult {
  const reportDocumentId = String(req.params.reportDocumentId);
  if (!DOCUMENT_ID.test(reportDocumentId)) {
    throw invalidInput('Invalid input', `Invalid reportDocumentId: ${reportDocumentId}`);
  }
  const contentEncodingHeader =
    modelQuery.boolean(req.query, 'enableContentEncodingUrlHeader') ?? false;
  const document = state.reports.document(caller.sellingPartnerId, reportDocumentId);
  if (!document) throw notFound(`Report document ${reportDocumentId} was not found.`);
  if (document.restricted && !hasSpecificGrant(caller, req.method, req.path)) {
    throw accessDenied(
      caller.kind === 'rdt'
        ? 'The Restricted Data Token does not name this report document.'
        : 'This report contains restricted data: call getReportDocument with a Restricted Data Token for this document path.',
    );
  }
  const gzip = document.compressionAlgorithm === 'GZIP';
  const url = presignDocumentUrl({
    key: state.reports.urlSigningKey,
    origin: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    reportDocumentId,
    now,
    contentEncoding: gzip && contentEncodingHeader ? 'gzip' : 'identity',
  });
  return {
    status: 200,
    body: gzip
      ? { reportDocumentId, url, compressionAlgorithm: 'GZIP' }
      : { reportDocumentId, url },
  };
}
