/**
 * The order operations that need the PII vault besides writing: exact search through blind
 * indexes, and decrypting the PII fields a permitted caller asked for. Vault calls run outside
 * any transaction. Authorization, the reason and the audit entry of a reveal are the caller's
 * (the HTTP use case); this decrypts exactly the fields it is given and nothing else.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PiiVault } from '../pii-vault/index.js';
import type { Database } from '../storage/index.js';
import { ORDER_PII_ATTRIBUTES, itemGiftField, orderField } from './order-columns.js';
import {
  listOrders,
  readPiiCells,
  type OrderListQuery,
  type OrderPage,
} from './order.repository.js';
import type { OrderPii, OrderPiiField, RevealedPii } from './order.types.js';

const nullableText = z.string().nullable();
const JSON_SCHEMAS = {
  shippingAddress: z.object({
    lines: z.array(z.string()),
    city: nullableText,
    stateOrRegion: nullableText,
    district: nullableText,
  }),
  buyerTaxInformation: z.object({
    companyLegalName: nullableText,
    taxingRegion: nullableText,
    taxClassifications: z.array(z.object({ name: z.string(), value: z.string() })),
  }),
} as const;

/**
 * A structured attribute from its decrypted JSON. Neither JSON.parse's error (it quotes the
 * start of its input) nor zod's (it may describe values) may carry buyer data into a log: a
 * malformed cell is one fixed error.
 */
function parseStored<T>(schema: z.ZodType<T>, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(ErrorCode.INTERNAL, {
      message: 'a stored PII attribute is malformed',
      operational: false,
    });
  }
  return parsed.data;
}

function decode(field: OrderPiiField, text: string | null): OrderPii[OrderPiiField] {
  if (text === null) return null;
  switch (field) {
    case 'shippingAddress':
      return parseStored(JSON_SCHEMAS.shippingAddress, text);
    case 'buyerTaxInformation':
      return parseStored(JSON_SCHEMAS.buyerTaxInformation, text);
    default:
      return text;
  }
}

/**
 * Decrypts only `fields` of one order (addressed by its Amazon order id within the
 * organization). Null when the organization has no such order. A purged order yields nulls.
 */
export async function revealFields(
  vault: PiiVault,
  db: Kysely<Database>,
  organizationId: string,
  amazonOrderId: string,
  fields: readonly OrderPiiField[],
): Promise<RevealedPii | null> {
  const wanted = [...new Set(fields)].filter((f) => Object.hasOwn(ORDER_PII_ATTRIBUTES, f));
  const stored = await readPiiCells(
    db,
    organizationId,
    amazonOrderId,
    wanted.includes('giftMessage'),
  );
  if (stored === null) return null;
  const revealed: RevealedPii = {};
  for (const field of wanted) {
    const stem = ORDER_PII_ATTRIBUTES[field].stem;
    const text = await vault.decryptField(
      organizationId,
      orderField(stem, stored.id),
      stored.cells[stem] ?? null,
    );
    Object.assign(revealed, { [field]: decode(field, text) });
  }
  if (wanted.includes('giftMessage')) {
    revealed.itemGiftMessages = [];
    for (const gift of stored.itemGifts) {
      revealed.itemGiftMessages.push({
        orderItemId: gift.orderItemId,
        giftMessage: await vault.decryptField(
          organizationId,
          itemGiftField(gift.id),
          gift.ciphertext,
        ),
      });
    }
  }
  return revealed;
}

/**
 * Orders whose postal code equals `postalCode` after normalisation (NFKC, upper case, spaces
 * and dashes removed), through the blind index; plain fields only. An empty code finds nothing.
 */
export async function searchByPostalCode(
  vault: PiiVault,
  db: Kysely<Database>,
  organizationId: string,
  postalCode: string,
  query: OrderListQuery = {},
): Promise<OrderPage> {
  const index = await vault.blindIndex(organizationId, 'postal-code', postalCode);
  if (index === null) return { orders: [], nextCursor: null };
  return listOrders(db, organizationId, query, { postalCodeBidx: index, heldAt: Date.now() });
}

/** Orders whose buyer name equals `buyerName` (case, width and spacing folded). */
export async function searchByBuyerName(
  vault: PiiVault,
  db: Kysely<Database>,
  organizationId: string,
  buyerName: string,
  query: OrderListQuery = {},
): Promise<OrderPage> {
  const index = await vault.blindIndex(organizationId, 'person-name', buyerName);
  if (index === null) return { orders: [], nextCursor: null };
  return listOrders(db, organizationId, query, { buyerNameBidx: index, heldAt: Date.now() });
}
