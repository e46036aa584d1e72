/**
 * The contract of an audit entry as feature code hands it over. Everything in it is an id, a
 * code, a count or a flag: there is no free-text field, and a value that looks like anything
 * else is refused (an email, a name with spaces, a token). The shared masker then runs over the
 * parsed entry as a last guard: if it would change anything, the entry is refused, because a
 * masked audit entry would hide a bug that leaks PII into the trail.
 */
import { AppError, createMasker } from '@spapi/shared';
import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../storage/index.js';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, AuditTargetType } from './audit-actions.js';
import { BUYER_PSEUDONYM } from './buyer-pseudonym.js';

/** Opaque identifiers: UUIDs, Amazon order/seller ids, key ids, hashes. No spaces, no `@`. */
export const auditIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
/** An error or reason code, e.g. `INVALID_CREDENTIALS`, `ROLE_MISSING`. */
export const auditCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/);

const MAX_DETAILS = 16;
const MAX_LIST = 50;
const detailKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/);
const detailValue = z.union([
  auditIdSchema,
  z.number().int(),
  z.boolean(),
  z.null(),
  z.array(auditIdSchema).max(MAX_LIST),
]);
export type AuditDetailValue = z.infer<typeof detailValue>;

const masker = createMasker();

const detailsSchema = z
  .record(detailKey, detailValue)
  .refine((details) => Object.keys(details).length <= MAX_DETAILS, 'too many details')
  .refine(
    (details) => Object.keys(details).every((key) => !masker.isSensitiveKey(key)),
    // Also refuses `buyer…` keys: a buyer appears only as a `buyer` target (a keyed pseudonym).
    'a details key names personal data',
  );

export const auditEntrySchema = z
  .strictObject({
    /** Staff are users too (role support / platform-admin): kind `user` with their user id. */
    actor: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.enum(['user', 'device']), id: auditIdSchema }),
      z.strictObject({ kind: z.enum(['system', 'cli']), id: auditIdSchema.nullable() }),
    ]),
    action: z.enum(AUDIT_ACTIONS),
    /** The tenant; `null` for platform-level events. */
    organizationId: auditIdSchema.nullable(),
    target: z
      .strictObject({ type: z.enum(AUDIT_TARGET_TYPES), id: auditIdSchema })
      .refine(
        (target) => target.type !== AuditTargetType.BUYER || BUYER_PSEUDONYM.test(target.id),
        'a buyer target must be a keyed pseudonym (buyerPseudonym)',
      )
      .nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    /** Required for `failure` and `denied`: the error code. */
    reasonCode: auditCodeSchema.nullable(),
    requestId: auditIdSchema.nullable(),
    details: detailsSchema,
  })
  .refine((entry) => entry.outcome === 'success' || entry.reasonCode !== null, {
    message: 'a failure or denial needs a reason code',
    path: ['reasonCode'],
  });

/** What callers pass: optional fields may be left out. */
export type AuditEntryInput = Omit<
  z.input<typeof auditEntrySchema>,
  'organizationId' | 'target' | 'reasonCode' | 'requestId' | 'details'
> &
  Partial<
    Pick<
      z.input<typeof auditEntrySchema>,
      'organizationId' | 'target' | 'reasonCode' | 'requestId' | 'details'
    >
  >;
export type AuditEntry = z.output<typeof auditEntrySchema>;

/**
 * Parses an entry or throws `AppError(INTERNAL)`: a bad audit entry is a bug in the caller, and
 * the action it describes must not go ahead unaudited. The error names paths, never values.
 */
export function parseAuditEntry(input: AuditEntryInput): AuditEntry {
  const parsed = auditEntrySchema.safeParse({
    organizationId: null,
    target: null,
    reasonCode: null,
    requestId: null,
    details: {},
    ...input,
  });
  if (!parsed.success) {
    throw new AppError('INTERNAL', {
      operational: false,
      message: 'invalid audit entry',
      details: {
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          code: issue.code,
        })),
      },
    });
  }
  if (JSON.stringify(masker.mask(parsed.data)) !== JSON.stringify(parsed.data)) {
    throw new AppError('INTERNAL', {
      operational: false,
      message: 'audit entry holds a value the PII masker flags',
    });
  }
  return parsed.data;
}
