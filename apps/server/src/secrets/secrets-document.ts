/**
 * The JSON document the `env` (demo file) and `key-file` adapters keep: every secret with all
 * its versions, oldest first. In the key file it is only ever stored encrypted.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SECRET_NAMES, type SecretName } from './secret-catalog.js';
import type { StoredVersion } from './secrets.port.js';

const versionSchema = z.strictObject({
  id: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
  value: z.string().min(1).max(10_000),
});

export const secretsDocumentSchema = z.strictObject({
  format: z.literal('spapi-secrets/v1'),
  secrets: z.partialRecord(
    z.enum(SECRET_NAMES as [SecretName, ...SecretName[]]),
    z.array(versionSchema),
  ),
});

export type SecretsDocument = z.infer<typeof secretsDocumentSchema>;

export function emptyDocument(): SecretsDocument {
  return { format: 'spapi-secrets/v1', secrets: {} };
}

export function documentVersions(doc: SecretsDocument, name: SecretName): readonly StoredVersion[] {
  return doc.secrets[name] ?? [];
}

/** A new version id: sortable by time, unique. */
export function newVersionId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
}

/** A copy of `doc` with `value` appended as the current version of `name`. */
export function withVersion(
  doc: SecretsDocument,
  name: SecretName,
  value: string,
  now: Date,
): { document: SecretsDocument; version: StoredVersion } {
  const version = { id: newVersionId(now), createdAt: now.toISOString(), value };
  const document = {
    ...doc,
    secrets: { ...doc.secrets, [name]: [...documentVersions(doc, name), version] },
  };
  return { document, version };
}
