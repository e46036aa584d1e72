/**
 * The `rdt.request` audit entries: who asked, for what purpose, on which connection, for which
 * paths and data elements. Ids only: never the token, never PII.
 */
import { isAppError } from '@spapi/shared';
import type { AuditTargetType } from '../audit/index.js';
import { AuditAction, type AuditEntryInput } from '../audit/index.js';
import type { RestrictedResource } from '../spapi/index.js';
import type { RdtSource } from './rdt-cache.js';
import { auditDataElementsOf, auditPathOf, type RdtPurpose } from './rdt-resources.js';
import type { RdtConnection } from './restricted-data-token.js';

/** Who asks: a system job (sync, report download) or a signed-in user. */
export type RdtAuditActor =
  { readonly kind: 'system'; readonly id: string } | { readonly kind: 'user'; readonly id: string };

export interface RdtAuditContext {
  readonly actor: RdtAuditActor;
  readonly purpose: RdtPurpose;
  readonly connection: RdtConnection;
  readonly resources: readonly RestrictedResource[];
  readonly target: { readonly type: AuditTargetType; readonly id: string };
  readonly requestId?: string | undefined;
  /** Extra ids for the entry (order ids, a document id, the fields asked for). */
  readonly extra?: Readonly<Record<string, string | readonly string[]>>;
}

/** The outcome of one request, as the entry states it. */
export type RdtAuditOutcome =
  | { readonly outcome: 'success'; readonly source: RdtSource; readonly expiresInSeconds?: number }
  | { readonly outcome: 'failure' | 'denied'; readonly reasonCode: string };

export function rdtAuditEntry(context: RdtAuditContext, result: RdtAuditOutcome): AuditEntryInput {
  const { connection, resources } = context;
  const extra = Object.fromEntries(
    Object.entries(context.extra ?? {}).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : [...value],
    ]),
  );
  const details: Record<string, string | number | string[]> = {
    purpose: context.purpose,
    connectionId: connection.id,
    sellingPartnerId: connection.sellingPartnerId,
    region: connection.region,
    paths: resources.map(auditPathOf),
    dataElements: auditDataElementsOf(resources),
    ...extra,
  };
  if (result.outcome === 'success') {
    details.source = result.source;
    if (result.expiresInSeconds !== undefined) details.expiresInSeconds = result.expiresInSeconds;
  }
  return {
    actor: context.actor,
    action: AuditAction.RDT_REQUEST,
    organizationId: connection.organizationId,
    target: context.target,
    outcome: result.outcome,
    ...(result.outcome === 'success' ? {} : { reasonCode: result.reasonCode }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
    details,
  };
}

/** An error's code for the entry: the AppError code, else INTERNAL. */
export function reasonCodeOf(error: unknown): string {
  return isAppError(error) ? error.code : 'INTERNAL';
}
