import { invalidInput, type SimHttpError } from '../core/errors.js';
import type { SimApplication } from '../core/grants.js';
import { ROLES_FOR_DATA_ELEMENT, holdsAnyRole, type DataElement } from '../core/restricted-data.js';
import type { RequestedResource } from './rdt-request.js';
import { matchRestrictedOperation } from './restricted-operations.js';

/**
 * Amazon's answers when a resource cannot be granted, all `400 InvalidInput` (as observed on
 * the real endpoint; Amazon leaves `details` empty, the simulator says what went wrong):
 * - "Application do not have access to some or all requested resource": the path is not a
 *   restricted operation, or the application lacks the role for it;
 * - "Application does not have access to one or more requested data elements: [...]": a
 *   requested `dataElements` value needs a role the application does not hold;
 * - "Invalid or unsupported document ID found": a report document path that is generic or
 *   not a document of a restricted report.
 */
export const NO_ACCESS_TO_RESOURCE =
  'Application do not have access to some or all requested resource';
export const UNSUPPORTED_DOCUMENT = 'Invalid or unsupported document ID found';

export const noAccessToDataElements = (elements: readonly DataElement[]): string =>
  `Application does not have access to one or more requested data elements: [${elements.join(', ')}]`;

export interface ResourceCheckContext {
  /** Applications whose roles must cover the resource (the caller and any delegatee). */
  applications: readonly SimApplication[];
  /** Whether a report document id names a restricted report's document of this seller. */
  isRestrictedReportDocument: (documentId: string) => boolean;
}

/** Checks one requested resource; returns the error to send, if any. */
export function checkResource(
  resource: RequestedResource,
  context: ResourceCheckContext,
): SimHttpError | undefined {
  const label = `${resource.method} ${resource.path}`;
  const match = matchRestrictedOperation(resource.method, resource.path);
  if (!match) {
    return invalidInput(
      NO_ACCESS_TO_RESOURCE,
      `${label} is not the method and path of a restricted operation (for example GET /orders/v0/orders or GET /orders/v0/orders/{orderId}/address).`,
    );
  }
  const { operation, generic } = match;
  if (operation.operationId === 'getReportDocument') {
    const documentId = resource.path.replace(/\/$/, '').split('/').at(-1) ?? '';
    if (generic || !context.isRestrictedReportDocument(documentId)) {
      return invalidInput(
        UNSUPPORTED_DOCUMENT,
        'getReportDocument needs the specific path of a restricted report document.',
      );
    }
  }
  const elements = resource.dataElements ?? [];
  if (elements.length > 0 && !operation.acceptsDataElements) {
    return invalidInput(
      'Invalid Input',
      `dataElements apply only to getOrders, getOrder and getOrderItems, not to ${operation.operationId}.`,
    );
  }
  for (const application of context.applications) {
    const missing = elements.filter(
      (element) => !holdsAnyRole(application.restrictedRoles, ROLES_FOR_DATA_ELEMENT[element]),
    );
    if (missing.length > 0) {
      return invalidInput(noAccessToDataElements([...new Set(missing)]), '');
    }
    if (!holdsAnyRole(application.restrictedRoles, operation.roles)) {
      return invalidInput(
        NO_ACCESS_TO_RESOURCE,
        `${operation.operationId} needs one of the roles ${operation.roles.join(', ')}.`,
      );
    }
  }
  return undefined;
}
