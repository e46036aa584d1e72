/**
 * The RDT service: Restricted Data Tokens only when a restricted field is needed and only for a
 * permitted actor. Three purposes:
 * - `order-sync`: a sync job configured to fetch PII gets the generic getOrders token of its
 *   connection (one per hour of bulk sync, not one per order);
 * - `pii-reveal`: a user with `reveal Order.<field>` on each requested field gets a token for
 *   that order's paths;
 * - `report-document`: a report job configured for restricted reports, or a user with
 *   `reveal Report.document`, gets a token for one document's specific path.
 * Anything else is refused before Amazon is called. Every request is audited (`rdt.request`):
 * success, failure, and denial by us or by Amazon (an application without the restricted role).
 * Tokens live only in the in-memory cache and in the opaque `RestrictedDataToken` handle.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import {
  checkSubject,
  defineAbilityFor,
  type AccessCheck,
  type Principal,
} from '../access/index.js';
import { AuditTargetType, type AuditTrail } from '../audit/index.js';
import type { Logger } from '../logging/index.js';
import { isSpapiError, systemClock, type Clock, type SpapiClient } from '../spapi/index.js';
import { rdtAuditEntry, reasonCodeOf, type RdtAuditContext } from './rdt-audit.js';
import { createRdtCache, DEFAULT_RENEWAL_MARGIN_MS } from './rdt-cache.js';
import {
  bulkOrdersResources,
  cacheKeyOf,
  orderRevealResources,
  RdtPurpose,
  reportDocumentResources,
  type OrderPiiField,
} from './rdt-resources.js';
import { RestrictedDataToken, type RdtConnection } from './restricted-data-token.js';

/** A background job that asks for PII: only when it is configured to. */
export interface RdtJob {
  /** The job's id (audited as the system actor's id). */
  readonly id: string;
  /** The job's configuration says it fetches PII (restricted report, buyer data on sync). */
  readonly fetchPii: boolean;
}

export interface OrderSyncRdtRequest {
  readonly connection: RdtConnection;
  readonly job: RdtJob;
}

export interface RevealRdtRequest {
  readonly principal: Principal;
  readonly connection: RdtConnection;
  readonly orderId: string;
  /** The PII fields the user asked to reveal; each needs `reveal Order.<field>`. */
  readonly fields: readonly OrderPiiField[];
  readonly requestId?: string | undefined;
}

export type ReportDocumentRdtRequest = {
  readonly connection: RdtConnection;
  readonly documentId: string;
  readonly requestId?: string | undefined;
} & (
  | { readonly job: RdtJob; readonly principal?: never }
  | { readonly principal: Principal; readonly job?: never }
);

export interface RdtService {
  /** The generic getOrders token (buyerInfo, shippingAddress) for a PII-fetching sync job. */
  forOrderSync(request: OrderSyncRdtRequest): Promise<RestrictedDataToken>;
  /** A token for one order's paths, for a user allowed to reveal every requested field. */
  forOrderReveal(request: RevealRdtRequest): Promise<RestrictedDataToken>;
  /** A token for `/reports/2021-06-30/documents/{documentId}`. */
  forReportDocument(request: ReportDocumentRdtRequest): Promise<RestrictedDataToken>;
  /** Amazon refused this token on a restricted call: drop it so the next request renews. */
  invalidate(token: RestrictedDataToken): void;
  /** Forget every token of a connection (disconnect, re-authorization). */
  evictConnection(connectionId: string): void;
}

export interface RdtServiceOptions {
  readonly client: Pick<SpapiClient, 'call'>;
  readonly audit: Pick<AuditTrail, 'record'>;
  /** Expiry and renewal. Default: the system clock. */
  readonly clock?: Pick<Clock, 'now'>;
  /** Renew this long before Amazon's expiry. Default 5 minutes. */
  readonly renewalMarginMs?: number;
  readonly logger?: Logger | undefined;
}

const OPERATION = 'tokens20210301.createRestrictedDataToken';

/** Amazon's refusal of the resources themselves (400 InvalidInput "… not have access …"). */
const NO_ACCESS = /not have access/i;

/**
 * Why Amazon refused, when it is a denial rather than a failure: the application lacks the
 * restricted role (400 "… do not have access …") or the seller's grant is refused (401/403).
 */
function amazonDenial(error: unknown): string | null {
  if (!isSpapiError(error)) return null;
  if (error.httpStatus === 401 || error.httpStatus === 403) return ErrorCode.SPAPI_UNAUTHORIZED;
  if (error.httpStatus === 400 && NO_ACCESS.test(error.amazonMessage ?? '')) {
    return 'RDT_ROLE_MISSING';
  }
  return null;
}

function deniedByAmazon(error: unknown, reasonCode: string): AppError {
  const amznRequestId = isSpapiError(error) ? error.amznRequestId : null;
  return new AppError(ErrorCode.SPAPI_UNAUTHORIZED, {
    message: `Amazon refused the Restricted Data Token (${reasonCode})`,
    details: {
      ids: { operation: OPERATION, ...(amznRequestId === null ? {} : { amznRequestId }) },
    },
    cause: error,
  });
}

function incompleteResponse(): AppError {
  return new AppError(ErrorCode.SPAPI_ERROR, {
    message: 'createRestrictedDataToken answered without a token or expiry',
    details: { ids: { operation: OPERATION } },
  });
}

export function createRdtService(options: RdtServiceOptions): RdtService {
  const { client, audit, logger } = options;
  const clock = options.clock ?? systemClock;
  const cache = createRdtCache(clock, options.renewalMarginMs ?? DEFAULT_RENEWAL_MARGIN_MS);
  const keysByToken = new WeakMap<RestrictedDataToken, string>();

  /** One createRestrictedDataToken call, audited whatever happens. */
  async function issue(context: RdtAuditContext): Promise<RestrictedDataToken> {
    const { connection, resources } = context;
    const startedAt = clock.now();
    let token: string;
    let expiresIn: number;
    try {
      const response = await client.call(
        OPERATION,
        { body: { restrictedResources: resources } },
        {
          sellerId: connection.sellingPartnerId,
          region: connection.region,
          connectionId: connection.id,
        },
      );
      const { restrictedDataToken, expiresIn: seconds } = response.body;
      // Amazon's RDTs live an hour; anything unbounded or malformed is not used.
      if (
        typeof restrictedDataToken !== 'string' ||
        restrictedDataToken.length === 0 ||
        restrictedDataToken.length > 4096 ||
        typeof seconds !== 'number' ||
        !Number.isInteger(seconds) ||
        seconds <= 0 ||
        seconds > 3600
      ) {
        throw incompleteResponse();
      }
      token = restrictedDataToken;
      expiresIn = seconds;
    } catch (error) {
      const denial = amazonDenial(error);
      const outcome = denial === null ? 'failure' : 'denied';
      const reasonCode = denial ?? reasonCodeOf(error);
      await audit.record(rdtAuditEntry(context, { outcome, reasonCode }));
      logger?.warn('rdt.refused', {
        purpose: context.purpose,
        connectionId: connection.id,
        outcome,
        reasonCode,
      });
      throw denial === null ? error : deniedByAmazon(error, denial);
    }
    await audit.record(
      rdtAuditEntry(context, { outcome: 'success', source: 'issued', expiresInSeconds: expiresIn }),
    );
    logger?.info('rdt.issued', {
      purpose: context.purpose,
      connectionId: connection.id,
      resources: resources.length,
      expiresInSeconds: expiresIn,
    });
    return new RestrictedDataToken(token, connection, resources, startedAt + expiresIn * 1000);
  }

  /** Refuses before Amazon is called, with an audit entry. */
  async function refuse(context: RdtAuditContext, code: AccessDenialCode): Promise<never> {
    await audit.record(rdtAuditEntry(context, { outcome: 'denied', reasonCode: code }));
    logger?.warn('rdt.refused', {
      purpose: context.purpose,
      connectionId: context.connection.id,
      outcome: 'denied',
      reasonCode: code,
    });
    throw new AppError(code === ErrorCode.NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.FORBIDDEN, {
      message: 'Restricted Data Token refused',
    });
  }

  /**
   * The cached token for the context's resources, or a new one. A user's request is audited
   * even when the token comes from the cache (who received it matters); a job's reuse is not
   * (the issue was, and a sync reuses its token for every page).
   */
  async function obtain(context: RdtAuditContext): Promise<RestrictedDataToken> {
    const key = cacheKeyOf(context.connection.id, context.resources);
    const { token, source } = await cache.get(key, () => issue(context));
    keysByToken.set(token, key);
    if (source !== 'issued' && context.actor.kind === 'user') {
      await audit.record(rdtAuditEntry(context, { outcome: 'success', source }));
    }
    return token;
  }

  const jobActor = (job: RdtJob) => ({ kind: 'system', id: job.id }) as const;
  const userActor = (principal: Principal) => ({ kind: 'user', id: principal.userId }) as const;

  return {
    async forOrderSync({ connection, job }) {
      const context: RdtAuditContext = {
        actor: jobActor(job),
        purpose: RdtPurpose.ORDER_SYNC,
        connection,
        resources: bulkOrdersResources(),
        target: { type: AuditTargetType.SELLER_GRANT, id: connection.id },
      };
      if (!job.fetchPii) return refuse(context, 'PII_NOT_CONFIGURED');
      return obtain(context);
    },

    async forOrderReveal({ principal, connection, orderId, fields, requestId }) {
      const context: RdtAuditContext = {
        actor: userActor(principal),
        purpose: RdtPurpose.PII_REVEAL,
        connection,
        resources: orderRevealResources(orderId, fields),
        target: { type: AuditTargetType.ORDER, id: orderId },
        requestId,
        extra: { fields: [...new Set(fields)].sort() },
      };
      const ability = defineAbilityFor(principal);
      const order = { organizationId: connection.organizationId };
      for (const field of fields) {
        const check = checkSubject(ability, 'reveal', 'Order', order, field);
        if (!check.allowed) return refuse(context, check.code);
      }
      return obtain(context);
    },

    async forReportDocument(request) {
      const { connection, documentId, requestId } = request;
      const context: RdtAuditContext = {
        actor: request.job === undefined ? userActor(request.principal) : jobActor(request.job),
        purpose: RdtPurpose.REPORT_DOCUMENT,
        connection,
        resources: reportDocumentResources(documentId),
        target: { type: AuditTargetType.SELLER_GRANT, id: connection.id },
        requestId,
        extra: { documentId },
      };
      const check: AccessCheck =
        request.job === undefined
          ? checkSubject(
              defineAbilityFor(request.principal),
              'reveal',
              'Report',
              { organizationId: connection.organizationId },
              'document',
            )
          : request.job.fetchPii
            ? { allowed: true }
            : { allowed: false, code: ErrorCode.FORBIDDEN };
      if (!check.allowed) {
        return refuse(context, request.job === undefined ? check.code : 'PII_NOT_CONFIGURED');
      }
      return obtain(context);
    },

    invalidate(token) {
      const key = keysByToken.get(token);
      if (key !== undefined) cache.invalidate(key, token);
    },

    evictConnection(connectionId) {
      cache.evict(`${connectionId}\n`);
    },
  };
}

type AccessDenialCode =
  typeof ErrorCode.NOT_FOUND | typeof ErrorCode.FORBIDDEN | 'PII_NOT_CONFIGURED';
