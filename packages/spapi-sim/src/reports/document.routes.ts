import express, { type Request, type Response, type Router } from 'express';
import type { SimState } from '../core/state.js';
import { DOCUMENTS_PATH, verifyDownload } from './document-url.js';

function s3Error(res: Response, status: number, code: string, message: string): void {
  const requestId = String(res.getHeader('x-amzn-RequestId') ?? '');
  res
    .status(status)
    .type('application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
    );
}

/**
 * Serves report documents at their presigned URLs, on the same listener as the SP-API (the
 * stand-in for Amazon's S3 bucket). Errors are S3's XML, not SP-API JSON.
 */
export function createDocumentRouter(state: SimState): Router {
  const router = express.Router();
  router.get(`${DOCUMENTS_PATH}/:reportDocumentId`, (req: Request, res: Response) => {
    const reportDocumentId = String(req.params.reportDocumentId);
    const check = verifyDownload(
      state.reports.urlSigningKey,
      reportDocumentId,
      req.query,
      state.clock.now(),
    );
    if (!check.ok) {
      s3Error(res, 403, check.code, check.message);
      return;
    }
    const document = state.reports.documentForDownload(reportDocumentId);
    if (!document) {
      s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'text/plain; charset=UTF-8');
    res.setHeader(
      'content-encoding',
      document.compressionAlgorithm === 'GZIP' ? check.contentEncoding : 'identity',
    );
    res.setHeader('content-length', String(document.body.length));
    res.end(document.body);
  });
  return router;
}
