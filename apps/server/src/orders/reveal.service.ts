/**
 * Reveal for fulfilment: a permitted user asks for some PII fields of one order, with a reason.
 *
 * - **Permission per field:** `reveal Order.<field>` in the order's organization, checked before
 *   anything is decrypted. A field the caller may not reveal fails the whole request (FORBIDDEN),
 *   recorded as a denied `pii.reveal`. (Viewers and staff never get here: the route's guard
 *   refuses them with 403 and an `access.deny` entry.)
 * - **From our encrypted store, no Amazon call:** the sync stored the PII sealed by the vault;
 *   only the asked fields are decrypted. No RDT is requested (see the README, "Orders API").
 * - **Audited, no entry no answer:** `pii.reveal` with the actor, the order (target), the field
 *   names, the reason code, the optional reference and the expiry — never a value. A failed
 *   reveal (purged order, no PII held) is recorded as a failure with its code.
 * - **Time-limited:** the answer carries `expiresAt` (now + {@link REVEAL_TTL_MS}); the route
 *   sends it with `Cache-Control: no-store`. Clients hide the values at `expiresAt`.
 * - **Purged:** an order whose PII retention removed answers RETENTION_EXPIRED (410); one that
 *   never held PII answers CONFLICT (409). Never empty values that look like an answer.
 */
import {
  AppError,
  ErrorCode,
  revealResponseSchema,
  type RevealRequest,
  type RevealResponse,
} from '@spapi/shared';
import type { Kysely } from 'kysely';
import { checkSubject, defineAbilityFor, type Principal } from '../access/index.js';
import {
  AuditAction,
  AuditTargetType,
  type AuditEntryInput,
  type AuditTrail,
} from '../audit/index.js';
import { isPiiVaultError, PiiVaultErrorCode, type PiiVault } from '../pii-vault/index.js';
import type { Database } from '../storage/index.js';
import { revealFields } from './order-pii.service.js';
import { listOrders } from './order.repository.js';
import { sellerOrganizationOf, type RequestInfo } from './order-read.service.js';
import { toView } from './order-view.js';

/** How long a client may show revealed values. */
export const REVEAL_TTL_MS = 2 * 60_000;

export interface RevealDeps {
  readonly db: Kysely<Database>;
  readonly vault: PiiVault;
  readonly audit: Pick<AuditTrail, 'record' | 'withAudit'>;
  /** Epoch milliseconds; injectable for tests. */
  readonly clock?: () => number;
  readonly ttlMs?: number;
}

export function createRevealService(deps: RevealDeps) {
  const { db, vault, audit } = deps;
  const clock = deps.clock ?? Date.now;
  const ttlMs = deps.ttlMs ?? REVEAL_TTL_MS;

  async function decrypt(organizationId: string, amazonOrderId: string, request: RevealRequest) {
    const [order] = (await listOrders(db, organizationId, { amazonOrderId, limit: 1 })).orders;
    if (order === undefined) throw new AppError(ErrorCode.NOT_FOUND);
    // Past its deadline the PII is as good as purged, whether or not the job has run yet.
    const expired = order.piiPurgeAfter !== null && order.piiPurgeAfter <= clock();
    if (order.piiState === 'purged' || expired) throw new AppError(ErrorCode.RETENTION_EXPIRED);
    if (order.piiState === 'none') throw new AppError(ErrorCode.CONFLICT);
    try {
      const pii = await revealFields(vault, db, organizationId, amazonOrderId, request.fields);
      if (pii === null) throw new AppError(ErrorCode.NOT_FOUND);
      return pii;
    } catch (error) {
      // Retention shredded the period's key between the state check and the decryption.
      if (isPiiVaultError(error) && error.code === PiiVaultErrorCode.KEY_DESTROYED) {
        throw new AppError(ErrorCode.RETENTION_EXPIRED);
      }
      throw error;
    }
  }

  return {
    async reveal(
      principal: Principal,
      amazonOrderId: string,
      request: RevealRequest,
      info: RequestInfo,
    ): Promise<RevealResponse> {
      const organizationId = sellerOrganizationOf(principal);
      const revealedAt = clock();
      const expiresAt = revealedAt + ttlMs;
      const entry = {
        actor: { kind: 'user', id: principal.userId },
        action: AuditAction.PII_REVEAL,
        organizationId,
        target: { type: AuditTargetType.ORDER, id: amazonOrderId },
        outcome: 'success',
        requestId: info.requestId,
        details: {
          fields: [...request.fields],
          reason: request.reason,
          ...(request.reference === undefined ? {} : { reference: request.reference }),
          expiresAt,
        },
      } satisfies AuditEntryInput;
      const ability = defineAbilityFor(principal);
      for (const field of request.fields) {
        const decision = checkSubject(ability, 'reveal', 'Order', { organizationId }, field);
        if (!decision.allowed) {
          await audit.record({ ...entry, outcome: 'denied', reasonCode: decision.code });
          throw new AppError(decision.code);
        }
      }
      const pii = await audit.withAudit(entry, () =>
        decrypt(organizationId, amazonOrderId, request),
      );
      return toView(revealResponseSchema, { amazonOrderId, pii, revealedAt, expiresAt });
    },
  };
}

export type RevealService = ReturnType<typeof createRevealService>;
