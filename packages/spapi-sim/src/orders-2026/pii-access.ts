import type { SimApplication } from '../core/grants.js';
import { ROLES_FOR_DATA_ELEMENT, holdsAnyRole } from '../core/restricted-data.js';

/**
 * Which restricted roles unlock which PII in Orders 2026-01-01. No Restricted Data Token is
 * involved in this version: the application's roles decide ("You do not need a Restricted
 * Data Token to access PII with the Orders API v2026-01-01"). The role table is the one the
 * Tokens API uses for the same data (core/restricted-data.ts):
 * - buyer (BUYER): Direct-to-Consumer Shipping, Tax Invoicing or Tax Remittance;
 * - full delivery address (RECIPIENT) and gift messages: Direct-to-Consumer Shipping.
 *
 * Without the role Amazon does not refuse the call: it answers 200 and leaves the restricted
 * data out (the serializer decides the exact shape, see data/serialize-2026.ts). A client
 * therefore cannot tell "role missing" from "no data" by status code; it has to look at the
 * body.
 */
export interface PiiAccess {
  buyerAllowed: boolean;
  recipientAllowed: boolean;
}

export function piiAccessOf(application: SimApplication): PiiAccess {
  const roles = application.restrictedRoles;
  return {
    buyerAllowed: holdsAnyRole(roles, ROLES_FOR_DATA_ELEMENT.buyerInfo),
    recipientAllowed: holdsAnyRole(roles, ROLES_FOR_DATA_ELEMENT.shippingAddress),
  };
}
