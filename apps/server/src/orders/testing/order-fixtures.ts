/**
 * Test kit for the order store: a PII vault (as the vault's own suites build it) with the order
 * columns registered, a seller organization with a connection, and domain orders carrying
 * recognisable synthetic PII.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { T0 } from '../../../test/storage-fixtures.js';
import { createVaultKit, type VaultKit } from '../../pii-vault/testing/vault-fixtures.js';
import type { Database } from '../../storage/index.js';
import type { PiiVault } from '../../pii-vault/index.js';
import { ORDER_ENCRYPTED_COLUMNS } from '../order-columns.js';
import { upsertPage, type UpsertPageResult } from '../order-page.repository.js';
import { prepareOrderWrite, type PreparedOrder } from '../order-write.js';
import type { DomainOrder, OrderPii, SyncCheckpoint } from '../order.types.js';

export interface Seller {
  readonly organizationId: string;
  readonly connectionId: string;
}

export function createOrderVaultKit(db: Kysely<Database>): VaultKit {
  const kit = createVaultKit(db);
  kit.columns.register(...ORDER_ENCRYPTED_COLUMNS);
  return kit;
}

export async function newSeller(db: Kysely<Database>, kit: VaultKit): Promise<Seller> {
  const organizationId = await kit.organization();
  const connectionId = randomUUID();
  await db
    .insertInto('amazon_connections')
    .values({
      id: connectionId,
      organization_id: organizationId,
      selling_partner_id: `A${randomUUID().replaceAll('-', '').slice(0, 13).toUpperCase()}`,
      region: 'na',
      status: 'disconnected',
      connected_by: randomUUID(),
      connected_at: T0,
      updated_at: T0,
    })
    .execute();
  return { organizationId, connectionId };
}

export const MARKETPLACE = 'ATVPDKIKX0DER';

export const CANARY_PII: OrderPii = {
  buyerName: 'Canary Zebediah Quillfeather',
  buyerEmail: 'zq7canary@marketplace.amazon.example',
  recipientName: 'Canary Ottoline Marchbanks',
  shippingAddress: {
    lines: ['4417 Wrenfield Canaryway', 'Suite Kestrelmoor'],
    city: 'Fernhollow',
    stateOrRegion: 'WA',
    district: 'Thistledown County',
  },
  phone: '+1 206-555-0199',
  postalCode: 'QX9 7ZK',
  giftMessage: 'Happy birthday Ptolemaia, love Wystan',
  deliveryInstructions: 'Leave behind the blue heron statue',
  buyerTaxInformation: {
    companyLegalName: 'Quillfeather Canary Holdings',
    taxingRegion: 'WA',
    taxClassifications: [{ name: 'VATNumber', value: 'GB999000111' }],
  },
};

export const CANARY_ITEM_GIFT = 'Enjoy the lanterns, Euphrosyne';

let sequence = 0;

/** A shipped order with every PII attribute, purchased at `T0` unless told otherwise. */
export function newDomainOrder(seller: Seller, overrides: Partial<DomainOrder> = {}): DomainOrder {
  sequence += 1;
  const serial = String(sequence).padStart(7, '0');
  return {
    connectionId: seller.connectionId,
    amazonOrderId: `113-${serial}-${String(Math.floor(T0 / 1000) % 10_000_000).padStart(7, '0')}`,
    marketplaceId: MARKETPLACE,
    orderStatus: 'Shipped',
    purchaseDate: T0,
    lastUpdateDate: T0 + 3_600_000,
    fulfillmentChannel: 'MFN',
    shipServiceLevel: 'Std US D2D Dom',
    latestShipDate: T0 + 2 * 86_400_000,
    shippedAt: T0 + 86_400_000,
    orderTotal: { amount: '42.17', currencyCode: 'USD' },
    shippingCountryCode: 'US',
    isPrime: true,
    isBusiness: false,
    items: [
      {
        orderItemId: `${serial}01`,
        asin: 'B0CANARY01',
        sellerSku: 'LANTERN-BLUE',
        title: 'Paper lantern, blue',
        quantity: 2,
        itemPrice: { amount: '30.00', currencyCode: 'USD' },
        giftMessage: CANARY_ITEM_GIFT,
      },
      {
        orderItemId: `${serial}02`,
        asin: 'B0CANARY02',
        sellerSku: null,
        title: null,
        quantity: 1,
        itemPrice: null,
        giftMessage: null,
      },
    ],
    pii: CANARY_PII,
    ...overrides,
  };
}

/** Every plaintext of the canary PII, for scans. */
export function canaryTexts(): string[] {
  const p = CANARY_PII;
  return [
    p.buyerName ?? '',
    p.buyerEmail ?? '',
    p.recipientName ?? '',
    'Wrenfield Canaryway',
    'Kestrelmoor',
    'Fernhollow',
    'Thistledown',
    p.phone ?? '',
    '206-555-0199',
    p.postalCode ?? '',
    'QX97ZK',
    'Ptolemaia',
    'Heron statue',
    'Quillfeather',
    'GB999000111',
    'Euphrosyne',
  ];
}

/**
 * Stores one page of orders as the sync does: PII sealed outside any transaction, then the page
 * (and its checkpoint, when given) in one transaction at `now`.
 */
export async function storeOrders(
  db: Kysely<Database>,
  vault: PiiVault,
  organizationId: string,
  orders: readonly DomainOrder[],
  options: { readonly now: number; readonly checkpoint?: SyncCheckpoint | null },
): Promise<UpsertPageResult> {
  const prepared: PreparedOrder[] = [];
  for (const order of orders) {
    prepared.push(await prepareOrderWrite(vault, organizationId, order));
  }
  return db
    .transaction()
    .execute((trx) => upsertPage(trx, prepared, options.checkpoint ?? null, options.now));
}
