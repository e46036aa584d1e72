/**
 * Carriers and tracking-number shapes per country, for the PACKAGES dataset. Tracking numbers
 * are derived from (order id, shipment index), so the same package always has the same number.
 */
import { createRng, type Prng } from './prng.js';

interface Carrier {
  carrier: string;
  shippingService: string;
  tracking: (rng: Prng) => string;
}

const UPPER = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

const CARRIERS: Readonly<Record<string, readonly Carrier[]>> = {
  US: [
    {
      carrier: 'USPS',
      shippingService: 'USPS Ground Advantage',
      tracking: (r) => `9400${r.digits(18)}`,
    },
    {
      carrier: 'UPS',
      shippingService: 'UPS Ground',
      tracking: (r) => `1Z${r.chars(6, UPPER)}${r.digits(10)}`,
    },
    { carrier: 'FedEx', shippingService: 'FedEx Home Delivery', tracking: (r) => r.digits(12) },
  ],
  CA: [
    { carrier: 'Canada Post', shippingService: 'Expedited Parcel', tracking: (r) => r.digits(16) },
  ],
  MX: [
    { carrier: 'Estafeta', shippingService: 'Estafeta Terrestre', tracking: (r) => r.digits(22) },
  ],
  GB: [
    {
      carrier: 'Royal Mail',
      shippingService: 'Royal Mail Tracked 48',
      tracking: (r) => `${r.chars(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${r.digits(9)}GB`,
    },
  ],
  DE: [{ carrier: 'DHL', shippingService: 'DHL Paket', tracking: (r) => `00340${r.digits(15)}` }],
  FR: [
    {
      carrier: 'Colissimo',
      shippingService: 'Colissimo Domicile',
      tracking: (r) => `6A${r.digits(11)}`,
    },
  ],
  JP: [{ carrier: 'Yamato Transport', shippingService: '宅急便', tracking: (r) => r.digits(12) }],
  AU: [
    {
      carrier: 'Australia Post',
      shippingService: 'Parcel Post',
      tracking: (r) => `33${r.chars(3, UPPER)}${r.digits(18)}`,
    },
  ],
};

export interface PackageLabel {
  carrier: string;
  shippingService: string;
  trackingNumber: string;
}

export function packageLabel(
  orderId: string,
  shipmentIndex: number,
  countryCode: string,
): PackageLabel {
  const rng = createRng(`package:${orderId}:${shipmentIndex}`);
  const choice = rng.pick(CARRIERS[countryCode] ?? CARRIERS.US ?? []);
  return {
    carrier: choice.carrier,
    shippingService: choice.shippingService,
    trackingNumber: choice.tracking(rng),
  };
}
