/**
 * Reading orders over HTTP: the list (plain facts only), one order with its lines, the exact
 * postal-code search, and the lookup the route guard uses to scope an order id to the caller's
 * organization. Every response goes through the access projection (`pickPermitted`, `read`) and
 * then its contract, so a PII field can reach a response only if both the policy and the
 * contract let it (neither does).
 */
import {
  AppError,
  ErrorCode,
  orderDetailSchema,
  orderListResponseSchema,
  type OrderDetailView,
  type OrderListQueryParsed,
  type OrderListResponse,
  type OrderSearchBody,
} from '@spapi/shared';
import type { Kysely } from 'kysely';
import {
  authorize,
  defineAbilityFor,
  pickPermitted,
  type AppAbility,
  type Principal,
} from '../access/index.js';
import {
  AuditAction,
  failureEntry,
  type AuditEntryInput,
  type AuditTrail,
} from '../audit/index.js';
import type { PiiVault } from '../pii-vault/index.js';
import type { Database } from '../storage/index.js';
import { searchByPostalCode } from './order-pii.service.js';
import { toStoreQuery } from './order.schema.js';
import { getOrder, listOrders, type OrderPage } from './order.repository.js';
import { toView } from './order-view.js';

export interface OrderReadDeps {
  readonly db: Kysely<Database>;
  readonly vault: PiiVault;
  readonly audit: Pick<AuditTrail, 'record' | 'withAudit'>;
}

export interface RequestInfo {
  readonly requestId: string | null;
}

/** The caller's organization; staff have none and never reach seller orders. */
export function sellerOrganizationOf(principal: Principal): string {
  if (principal.organizationId === null) throw new AppError(ErrorCode.FORBIDDEN);
  return principal.organizationId;
}

function project(ability: AppAbility, page: OrderPage): OrderListResponse {
  return toView(orderListResponseSchema, {
    orders: page.orders.map((order) => pickPermitted(ability, 'read', 'Order', order)),
    nextCursor: page.nextCursor,
  });
}

export function createOrderReadService(deps: OrderReadDeps) {
  const { db, vault, audit } = deps;
  return {
    /** The guard's view of an order id: the order's organization if the caller's has it. */
    async scopeOf(
      principal: Principal,
      amazonOrderId: string,
    ): Promise<{ organizationId: string } | undefined> {
      if (principal.organizationId === null) return undefined;
      const page = await listOrders(db, principal.organizationId, { amazonOrderId, limit: 1 });
      const order = page.orders[0];
      return order === undefined ? undefined : { organizationId: order.organizationId };
    },

    /** A page of the caller's organization's orders, newest purchase first. */
    async list(principal: Principal, query: OrderListQueryParsed): Promise<OrderListResponse> {
      const organizationId = sellerOrganizationOf(principal);
      const ability = defineAbilityFor(principal);
      authorize(ability, 'read', 'Order', { organizationId });
      return project(ability, await listOrders(db, organizationId, toStoreQuery(query)));
    },

    /**
     * Orders whose postal code is exactly `body.postalCode` (blind index). A match confirms a
     * buyer's postal code, so this is a reveal of `postalCode`: permission checked, and audited
     * as `pii.reveal` (`use: postal-code-search`, the match count; never the code).
     */
    async searchByPostalCode(
      principal: Principal,
      body: OrderSearchBody,
      request: RequestInfo,
    ): Promise<OrderListResponse> {
      const organizationId = sellerOrganizationOf(principal);
      const ability = defineAbilityFor(principal);
      authorize(ability, 'reveal', 'Order', { organizationId }, 'postalCode');
      const { postalCode, ...filters } = body;
      const entry = {
        actor: { kind: 'user', id: principal.userId },
        action: AuditAction.PII_REVEAL,
        organizationId,
        outcome: 'success',
        requestId: request.requestId,
        details: { use: 'postal-code-search', fields: ['postalCode'] },
      } satisfies AuditEntryInput;
      let page: OrderPage;
      try {
        page = await searchByPostalCode(
          vault,
          db,
          organizationId,
          postalCode,
          toStoreQuery(filters),
        );
      } catch (error) {
        await audit.record(failureEntry(entry, error));
        throw error;
      }
      // No entry, no answer: the matches are returned only once the search is on record.
      await audit.record({ ...entry, details: { ...entry.details, matches: page.orders.length } });
      return project(ability, page);
    },

    /** One order with its lines, plain facts only. */
    async detail(principal: Principal, amazonOrderId: string): Promise<OrderDetailView> {
      const organizationId = sellerOrganizationOf(principal);
      const ability = defineAbilityFor(principal);
      const order = await getOrder(db, organizationId, amazonOrderId);
      if (order === null) throw new AppError(ErrorCode.NOT_FOUND);
      authorize(ability, 'read', 'Order', order);
      return toView(orderDetailSchema, pickPermitted(ability, 'read', 'Order', order));
    },
  };
}

export type OrderReadService = ReturnType<typeof createOrderReadService>;
