/**
 * The access review: every account with its role, status, last sign-in and MFA state. Emails
 * are included: they are our users' account identifiers (the reviewer must recognise people),
 * not buyer PII. Nothing else personal, and no secret or hash.
 */
import type { Kysely } from 'kysely';
import { createUserRepository } from '../../identity/user.repository.js';
import type { Database } from '../../storage/index.js';

export interface AccessReviewRow {
  readonly userId: string;
  readonly organizationId: string | null;
  readonly email: string;
  readonly role: string;
  readonly status: string;
  /** ISO 8601 or null. */
  readonly lastSignInAt: string | null;
  readonly mfaEnrolled: boolean;
  readonly locked: boolean;
  readonly createdAt: string;
}

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

export async function accessReview(
  db: Kysely<Database>,
  now: number,
  organizationId?: string,
): Promise<AccessReviewRow[]> {
  const accounts = await createUserRepository(db).listAccounts(
    organizationId === undefined ? 'all' : { organizationId },
  );
  return accounts.map((account) => ({
    userId: account.id,
    organizationId: account.organizationId,
    email: account.email,
    role: account.role,
    status: account.status,
    lastSignInAt: iso(account.lastSignInAt),
    mfaEnrolled: account.mfaEnrolledAt !== null,
    locked: account.lockedUntil !== null && account.lockedUntil > now,
    createdAt: iso(account.createdAt) ?? '',
  }));
}

const COLUMNS = [
  'userId',
  'organizationId',
  'email',
  'role',
  'status',
  'lastSignInAt',
  'mfaEnrolled',
  'locked',
  'createdAt',
] as const satisfies readonly (keyof AccessReviewRow)[];

/** RFC 4180 quoting; a leading `= + - @` is prefixed with `'` so spreadsheets do not run it. */
function csvCell(value: string | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly AccessReviewRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(rows: readonly AccessReviewRow[], generatedAt: number): string {
  return `${JSON.stringify({ generatedAt: new Date(generatedAt).toISOString(), users: rows }, null, 2)}\n`;
}
