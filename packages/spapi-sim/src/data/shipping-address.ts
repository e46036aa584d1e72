import type { SimAddress, SimOrderView } from './order.types.js';
import { phoneAvailable } from './restricted-data-rules.js';

/** The address fields Amazon serves without restricted access. */
type NonRestricted = 'city' | 'stateOrRegion' | 'postalCode' | 'countryCode';

/**
 * The part of an order's shipping address a caller sees, shared by the Orders v0 and
 * 2026-01-01 serializers (which only rename the keys). Fields come in the order both APIs
 * print them.
 *
 * Without restricted access only the non-restricted fields remain: city, state or region,
 * postal code, country code (v0's model names Name, AddressLine1-3, Phone, AddressType and
 * ExtendedFields as the restricted part; Amazon answers the same for 2026 RECIPIENT without
 * the role). With it, the full address, where the company name appears only on commercial
 * addresses of business orders and the phone follows `phoneAvailable`.
 */
export type VisibleAddress = Pick<SimAddress, NonRestricted> &
  Partial<Omit<SimAddress, NonRestricted>> & { companyName?: string };

export function visibleShippingAddress(view: SimOrderView, full: boolean): VisibleAddress {
  const a = view.shippingAddress;
  if (!full) {
    return {
      city: a.city,
      stateOrRegion: a.stateOrRegion,
      postalCode: a.postalCode,
      countryCode: a.countryCode,
    };
  }
  const business = view.isBusinessOrder && a.addressType === 'Commercial';
  return {
    name: a.name,
    ...(business && view.buyer.companyName ? { companyName: view.buyer.companyName } : {}),
    addressLine1: a.addressLine1,
    ...(a.addressLine2 === undefined ? {} : { addressLine2: a.addressLine2 }),
    city: a.city,
    ...(a.county === undefined ? {} : { county: a.county }),
    stateOrRegion: a.stateOrRegion,
    postalCode: a.postalCode,
    countryCode: a.countryCode,
    ...(phoneAvailable(view) ? { phone: a.phone } : {}),
    addressType: a.addressType,
  };
}
