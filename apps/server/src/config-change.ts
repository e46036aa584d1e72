/**
 * Configuration changes are audited (DPP "Logging: admin actions"). The configuration comes from
 * the environment at start-up, so a change shows up as a start whose configuration differs from
 * the last one recorded: each start compares a digest per section of the log-safe view
 * (`describeConfig`) with the last `config.change` entry and records a new entry naming the
 * sections that changed. Digests only: no value reaches the trail. Credentials that the view
 * leaves out (a database password, a webhook token) are not seen here; their rotation is the
 * secrets provider's.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AuditAction, type AuditTrail, type StoredAuditEntry } from './audit/index.js';
import { describeConfig, type ServerConfig } from './config/index.js';
import type { Database } from './storage/index.js';

const DIGEST_CHARS = 16;

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, DIGEST_CHARS);
}

/**
 * `digest.section` for every top-level section of the log-safe configuration view (digest
 * first: `secrets:…` would read as a credential to the PII masker that guards the trail).
 */
export function configurationDigests(config: ServerConfig): string[] {
  return Object.entries(describeConfig(config))
    .map(([section, value]) => `${digest(value)}.${section}`)
    .sort();
}

function parseDigest(entry: string): [section: string, digest: string] {
  const dot = entry.indexOf('.');
  return [entry.slice(dot + 1), entry.slice(0, dot)];
}

function sectionsOf(entry: { details_json: string } | undefined): Map<string, string> {
  if (entry === undefined) return new Map();
  const details = JSON.parse(entry.details_json) as { sections?: unknown };
  const sections = Array.isArray(details.sections) ? details.sections : [];
  return new Map(sections.filter((s): s is string => typeof s === 'string').map(parseDigest));
}

/**
 * Records `config.change` when this start's configuration differs from the last recorded one
 * (or none was recorded yet); returns the entry, or undefined when nothing changed.
 */
export async function recordConfigurationChange(
  db: Kysely<Database>,
  audit: Pick<AuditTrail, 'record'>,
  config: ServerConfig,
): Promise<StoredAuditEntry | undefined> {
  const last = await db
    .selectFrom('audit_entries')
    .select('details_json')
    .where('action', '=', AuditAction.CONFIG_CHANGE)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const previous = sectionsOf(last);
  const current = configurationDigests(config);
  const changed = current
    .map(parseDigest)
    .filter(([section, value]) => previous.get(section) !== value)
    .map(([section]) => section)
    .sort();
  if (last !== undefined && changed.length === 0) return undefined;
  return audit.record({
    actor: { kind: 'system', id: null },
    action: AuditAction.CONFIG_CHANGE,
    outcome: 'success',
    organizationId: null,
    target: { type: 'configuration', id: 'server' },
    reasonCode: last === undefined ? 'FIRST_START' : null,
    requestId: null,
    details: { mode: config.mode, changed, sections: current },
  });
}
