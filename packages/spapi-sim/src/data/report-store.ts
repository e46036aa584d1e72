import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * Reports and report documents, per seller. Processing follows the simulator clock and
 * nothing else, so a report's history is a pure function of when it was created:
 *
 *   created ──(QUEUE_MS)──▶ IN_PROGRESS ──(PROCESSING_MS)──▶ DONE, or CANCELLED when empty
 *
 * The content is rendered once, as of `processingEndTime`, the first time anyone looks at the
 * report after that instant; it does not depend on when it was looked at.
 */
export const REPORT_QUEUE_MS = 2_000;
export const REPORT_PROCESSING_MS = 3_000;
/** Documents at least this large are stored gzip-compressed (`compressionAlgorithm: GZIP`). */
export const GZIP_THRESHOLD_BYTES = 1024;

export const PROCESSING_STATUSES = [
  'CANCELLED',
  'DONE',
  'FATAL',
  'IN_PROGRESS',
  'IN_QUEUE',
] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

/** Renders a report's flat file as of an instant; null when there is no data to return. */
export type ReportRenderer = (at: number) => string | null;

export interface NewReport {
  sellingPartnerId: string;
  /** Region of the endpoint the report was created on (part of the document id). */
  region: string;
  reportType: string;
  marketplaceIds: string[];
  dataStartTime: number;
  dataEndTime: number;
  reportOptions: Record<string, string> | undefined;
  /** Restricted report types need an RDT for their document. */
  restricted: boolean;
  render: ReportRenderer;
}

export interface SimReportDocument {
  reportDocumentId: string;
  sellingPartnerId: string;
  reportId: string;
  reportType: string;
  restricted: boolean;
  /** The stored object: gzip bytes when `compressionAlgorithm` is GZIP, else UTF-8 text. */
  body: Buffer;
  compressionAlgorithm: 'GZIP' | undefined;
}

interface ReportFacts extends Omit<NewReport, 'render'> {
  reportId: string;
  createdTime: number;
}

interface ReportRecord {
  facts: ReportFacts;
  render: ReportRenderer;
  /** undefined until rendered; null when rendering found no data. */
  document: SimReportDocument | null | undefined;
}

/** A report as seen at one instant. */
export interface ReportView extends ReportFacts {
  processingStatus: ProcessingStatus;
  processingStartTime: number | undefined;
  processingEndTime: number | undefined;
  reportDocumentId: string | undefined;
}

const FIRST_REPORT_ID = 50_000_000_000;

export class ReportStore {
  readonly #reports = new Map<string, Map<string, ReportRecord>>();
  readonly #documents = new Map<string, SimReportDocument>();
  #created = 0;
  /** Signs presigned download URLs; never leaves this process. */
  readonly urlSigningKey: Buffer = randomBytes(32);

  create(input: NewReport, now: number): ReportView {
    this.#created += 1;
    const reportId = String(FIRST_REPORT_ID + this.#created);
    const { render, ...given } = input;
    const record: ReportRecord = {
      facts: { ...given, reportId, createdTime: now },
      render,
      document: undefined,
    };
    let reports = this.#reports.get(input.sellingPartnerId);
    if (!reports) {
      reports = new Map();
      this.#reports.set(input.sellingPartnerId, reports);
    }
    reports.set(reportId, record);
    return this.#view(record, now);
  }

  get(sellingPartnerId: string, reportId: string, now: number): ReportView | undefined {
    const record = this.#reports.get(sellingPartnerId)?.get(reportId);
    return record && record.facts.createdTime <= now ? this.#view(record, now) : undefined;
  }

  /** The seller's reports at `now`, newest first. */
  list(sellingPartnerId: string, now: number): ReportView[] {
    const records = [...(this.#reports.get(sellingPartnerId)?.values() ?? [])];
    return records
      .filter((r) => r.facts.createdTime <= now)
      .map((r) => this.#view(r, now))
      .sort((a, b) => b.createdTime - a.createdTime || Number(b.reportId) - Number(a.reportId));
  }

  /** A document of this seller, or undefined (unknown, or another seller's). */
  document(sellingPartnerId: string, reportDocumentId: string): SimReportDocument | undefined {
    const doc = this.#documents.get(reportDocumentId);
    return doc?.sellingPartnerId === sellingPartnerId ? doc : undefined;
  }

  /** For the download endpoint, which authorizes by URL signature instead of by seller. */
  documentForDownload(reportDocumentId: string): SimReportDocument | undefined {
    return this.#documents.get(reportDocumentId);
  }

  #view(record: ReportRecord, now: number): ReportView {
    const { facts } = record;
    const startedAt = facts.createdTime + REPORT_QUEUE_MS;
    const endedAt = startedAt + REPORT_PROCESSING_MS;
    const base = { ...facts, reportDocumentId: undefined, processingEndTime: undefined };
    if (now < startedAt) {
      return { ...base, processingStatus: 'IN_QUEUE', processingStartTime: undefined };
    }
    if (now < endedAt) {
      return { ...base, processingStatus: 'IN_PROGRESS', processingStartTime: startedAt };
    }
    const document = this.#materialize(record, endedAt);
    return {
      ...facts,
      processingStatus: document ? 'DONE' : 'CANCELLED',
      processingStartTime: startedAt,
      processingEndTime: endedAt,
      reportDocumentId: document?.reportDocumentId,
    };
  }

  #materialize(record: ReportRecord, at: number): SimReportDocument | null {
    if (record.document !== undefined) return record.document;
    const text = record.render(at);
    if (text === null) {
      record.document = null;
      return null;
    }
    const raw = Buffer.from(text, 'utf8');
    const gzip = raw.length >= GZIP_THRESHOLD_BYTES;
    const document: SimReportDocument = {
      reportDocumentId: documentIdFor(record.facts),
      sellingPartnerId: record.facts.sellingPartnerId,
      reportId: record.facts.reportId,
      reportType: record.facts.reportType,
      restricted: record.facts.restricted,
      body: gzip ? gzipSync(raw) : raw,
      compressionAlgorithm: gzip ? 'GZIP' : undefined,
    };
    record.document = document;
    this.#documents.set(document.reportDocumentId, document);
    return document;
  }
}

/** Amazon-style document id, derived from the report so that runs are reproducible. */
function documentIdFor(record: ReportFacts): string {
  const hex = createHash('sha256')
    .update(`${record.sellingPartnerId}:${record.reportId}:${record.createdTime}`)
    .digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `amzn1.spdoc.1.4.${record.region}.${uuid}.T${hex.slice(32, 46).toUpperCase()}`;
}
