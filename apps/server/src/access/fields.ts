/**
 * Field classification for every subject that carries buyer PII or a secret, or that has a
 * field-level rule (a test checks every field a rule names is listed here). The policy grants
 * `read` on the `plain` fields only (an allow-list: a field added here as `pii` or `secret` is
 * hidden from every reader at once), `reveal` on the `pii` fields to the roles that may see
 * them, and nothing at all on `secret` fields: secrets never leave the server through a
 * response.
 *
 * Subjects without an entry carry neither (sync jobs, retention runs, audit entries and scrubbed
 * crash reports hold ids, counts and codes only); their rules have no field list.
 */

export const FieldClass = {
  PLAIN: 'plain',
  /** Amazon Restricted Data about a buyer. */
  PII: 'pii',
  /** Credentials and key material: never in any response. */
  SECRET: 'secret',
} as const;
export type FieldClass = (typeof FieldClass)[keyof typeof FieldClass];

const { PLAIN, PII, SECRET } = FieldClass;

export const FIELD_CATALOG = {
  Order: {
    amazonOrderId: PLAIN,
    organizationId: PLAIN,
    marketplaceId: PLAIN,
    orderStatus: PLAIN,
    purchaseDate: PLAIN,
    lastUpdateDate: PLAIN,
    fulfillmentChannel: PLAIN,
    shipServiceLevel: PLAIN,
    latestShipDate: PLAIN,
    shippedAt: PLAIN,
    orderTotal: PLAIN,
    /** Line items: ASIN, SKU, title, quantity, price. Per-item gift text is `giftMessage`. */
    items: PLAIN,
    shippingCountryCode: PLAIN,
    /** `present` | `purged`, and when the retention job will purge it. */
    piiState: PLAIN,
    piiPurgeAfter: PLAIN,
    buyerName: PII,
    buyerEmail: PII,
    buyerTaxInformation: PII,
    recipientName: PII,
    shippingAddress: PII,
    phone: PII,
    postalCode: PII,
    giftMessage: PII,
    deliveryInstructions: PII,
  },
  Report: {
    id: PLAIN,
    organizationId: PLAIN,
    connectionId: PLAIN,
    reportType: PLAIN,
    marketplaceIds: PLAIN,
    status: PLAIN,
    /** Why it failed, as a code (`RESTRICTED_ROLE_MISSING`, `REPORT_TIMEOUT`, …). */
    failureCode: PLAIN,
    orderCount: PLAIN,
    /** `none` | `present` | `purged`: whether the encrypted document is still held. */
    piiState: PLAIN,
    requestedAt: PLAIN,
    completedAt: PLAIN,
    rowCount: PLAIN,
    piiPurgeAfter: PLAIN,
    /** The decrypted rows of a customer report: buyer names, addresses, phones. */
    document: PII,
  },
  AmazonConnection: {
    id: PLAIN,
    organizationId: PLAIN,
    sellingPartnerId: PLAIN,
    region: PLAIN,
    marketplaceIds: PLAIN,
    status: PLAIN,
    ordersApiVersion: PLAIN,
    connectedAt: PLAIN,
    lastTokenRefreshAt: PLAIN,
    refreshToken: SECRET,
  },
  User: {
    id: PLAIN,
    organizationId: PLAIN,
    email: PLAIN,
    role: PLAIN,
    status: PLAIN,
    mfaEnrolledAt: PLAIN,
    lastSignInAt: PLAIN,
    createdAt: PLAIN,
    passwordHash: SECRET,
    mfaSecret: SECRET,
    recoveryCodes: SECRET,
  },
  Organization: {
    id: PLAIN,
    name: PLAIN,
    status: PLAIN,
    createdAt: PLAIN,
    updatedAt: PLAIN,
  },
  Alert: {
    id: PLAIN,
    organizationId: PLAIN,
    rule: PLAIN,
    severity: PLAIN,
    userId: PLAIN,
    createdAt: PLAIN,
    notifiedAt: PLAIN,
    acknowledgedAt: PLAIN,
  },
  LogBundleRequest: {
    id: PLAIN,
    organizationId: PLAIN,
    targetUserId: PLAIN,
    deviceId: PLAIN,
    requestedBy: PLAIN,
    requestedAt: PLAIN,
    status: PLAIN,
    bundleId: PLAIN,
    uploadedAt: PLAIN,
  },
  Key: {
    id: PLAIN,
    purpose: PLAIN,
    version: PLAIN,
    status: PLAIN,
    createdAt: PLAIN,
    rotatedAt: PLAIN,
    retiredAt: PLAIN,
    material: SECRET,
  },
} as const satisfies Record<string, Record<string, FieldClass>>;

export type CataloguedSubject = keyof typeof FIELD_CATALOG;
/** Field names of a subject (of each subject, for a union). */
export type FieldOf<S extends CataloguedSubject> = S extends CataloguedSubject
  ? keyof (typeof FIELD_CATALOG)[S] & string
  : never;

/** The fields of `subject` in class `fieldClass`, as a fresh array (CASL wants a mutable one). */
export function fieldsOf<S extends CataloguedSubject>(
  subject: S,
  fieldClass: FieldClass,
): FieldOf<S>[] {
  const catalog: Record<string, FieldClass> = FIELD_CATALOG[subject];
  return Object.keys(catalog).filter((field) => catalog[field] === fieldClass) as FieldOf<S>[];
}

export function allFieldsOf<S extends CataloguedSubject>(subject: S): FieldOf<S>[] {
  return Object.keys(FIELD_CATALOG[subject]) as FieldOf<S>[];
}

export function isCataloguedSubject(subject: string): subject is CataloguedSubject {
  return Object.hasOwn(FIELD_CATALOG, subject);
}

/** Buyer PII fields of an order: what `reveal` shows and nothing else does. */
export const ORDER_PII_FIELDS: readonly FieldOf<'Order'>[] = fieldsOf('Order', PII);

/** Names some fields of `subject`, checked against the catalog at compile time. */
export function someFieldsOf<S extends CataloguedSubject>(
  _subject: S,
  ...fields: FieldOf<S>[]
): FieldOf<S>[] {
  return fields;
}
