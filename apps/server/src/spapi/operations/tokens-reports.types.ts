/** Tokens 2021-03-01 and Reports 2021-06-30, with the model's names. */

export const RDT_DATA_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] as const;
export type RdtDataElement = (typeof RDT_DATA_ELEMENTS)[number];

export interface RestrictedResource {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** A specific path or a generic one (`/orders/v0/orders/{orderId}`). No trailing slash. */
  path: string;
  /** Only for getOrders, getOrder and getOrderItems. */
  dataElements?: readonly RdtDataElement[];
}

export interface CreateRestrictedDataTokenRequest {
  /** 1–50 resources. */
  restrictedResources: readonly RestrictedResource[];
  targetApplication?: string;
}

/** Holds a token: never log it. */
export interface CreateRestrictedDataTokenResponse {
  restrictedDataToken?: string;
  expiresIn?: number;
}

export const PROCESSING_STATUSES = [
  'CANCELLED',
  'DONE',
  'FATAL',
  'IN_PROGRESS',
  'IN_QUEUE',
] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

export interface CreateReportSpecification {
  reportType: string;
  marketplaceIds: readonly string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportOptions?: Readonly<Record<string, string>>;
}

export interface CreateReportResponse {
  reportId: string;
}

export interface Report {
  reportId: string;
  reportType: string;
  createdTime: string;
  processingStatus: ProcessingStatus;
  marketplaceIds?: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportScheduleId?: string;
  processingStartTime?: string;
  processingEndTime?: string;
  reportDocumentId?: string;
}

export interface GetReportsQuery {
  reportTypes?: readonly string[];
  processingStatuses?: readonly ProcessingStatus[];
  marketplaceIds?: readonly string[];
  pageSize?: number;
  createdSince?: string;
  createdUntil?: string;
  nextToken?: string;
}

export interface GetReportsResponse {
  reports: Report[];
  nextToken?: string;
}

/** A presigned download URL (valid about 5 minutes): treat it as a secret. */
export interface ReportDocument {
  reportDocumentId: string;
  url: string;
  compressionAlgorithm?: 'GZIP';
}

export interface GetReportDocumentQuery {
  enableContentEncodingUrlHeader?: boolean;
}
