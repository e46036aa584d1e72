/**
 * `audit verify`: the function the admin CLI calls. Prints a human summary to `out` and returns
 * the process exit code: 0 clean, 1 tampering found, 2 the check could not run. With `against`
 * (a saved export), the trail is also compared with it; an unreadable or invalid export is a 2.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import { compareWithExport, type ExportComparison } from './audit-export-compare.js';
import {
  AuditExportFileError,
  readAuditExport,
  type ParsedAuditExport,
} from './audit-export-reader.js';
import type { AuditPublicKey } from './signing-key.provider.js';
import { verifyAuditTrail, type AuditVerification } from './verify-audit-trail.js';

export const AUDIT_VERIFY_EXIT = { OK: 0, TAMPERED: 1, ERROR: 2 } as const;

export interface AuditVerifyCommand {
  readonly db: Kysely<Database>;
  readonly publicKeys: readonly AuditPublicKey[];
  /** Receives whole lines without the newline (e.g. `(line) => process.stdout.write(line + '\n')`). */
  readonly out: (line: string) => void;
  /** Path of a saved `audit export` to compare the trail with. */
  readonly against?: string;
}

interface Finding {
  readonly kind: string;
  readonly seq: number;
  readonly message: string;
}

function findingLines(findings: readonly Finding[], omitted: number): string[] {
  const lines = findings.map(
    (finding) =>
      `  ${finding.kind.padEnd(26)} seq ${String(finding.seq).padEnd(8)} ${finding.message}`,
  );
  if (omitted > 0) lines.push(`  … and ${omitted} more`);
  return lines;
}

export function summarise(result: AuditVerification): string[] {
  const head = `audit trail: ${result.entries} entries (last seq ${result.lastSeq ?? 'none'}), ${result.checkpoints} checkpoints (last ${result.lastCheckpointSeq ?? 'none'})`;
  if (result.ok) return [head, 'OK: chain intact, every checkpoint signature valid'];
  const total = result.findings.length + result.omittedFindings;
  return [
    head,
    `TAMPERED: ${total} finding(s)`,
    ...findingLines(result.findings, result.omittedFindings),
  ];
}

export function summariseComparison(result: ExportComparison, file: string): string[] {
  const head = `export ${file} (taken ${result.exportedAt}): ${result.entries} entries (last seq ${result.lastSeq ?? 'none'}), ${result.checkpoints} checkpoints`;
  if (result.ok) {
    return [head, 'OK: every exported entry and checkpoint is in the trail, unchanged'];
  }
  const total = result.findings.length + result.omittedFindings;
  return [
    head,
    `TAMPERED: ${total} finding(s) against the export`,
    ...findingLines(result.findings, result.omittedFindings),
  ];
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : 'unknown';
}

export async function runAuditVerify({
  db,
  publicKeys,
  out,
  against,
}: AuditVerifyCommand): Promise<number> {
  let exported: ParsedAuditExport | undefined;
  if (against !== undefined) {
    try {
      exported = await readAuditExport(against);
    } catch (error) {
      const reason = error instanceof AuditExportFileError ? error.message : 'unreadable';
      out(`audit verify could not run: export ${against}: ${reason}`);
      return AUDIT_VERIFY_EXIT.ERROR;
    }
  }
  let result: AuditVerification;
  let comparison: ExportComparison | undefined;
  try {
    result = await verifyAuditTrail(db, publicKeys);
    if (exported !== undefined) comparison = await compareWithExport(db, exported, publicKeys);
  } catch (error) {
    out(`audit verify could not run (error code ${errorCode(error)})`);
    return AUDIT_VERIFY_EXIT.ERROR;
  }
  for (const line of summarise(result)) out(line);
  if (comparison !== undefined && against !== undefined) {
    for (const line of summariseComparison(comparison, against)) out(line);
  }
  const ok = result.ok && (comparison?.ok ?? true);
  return ok ? AUDIT_VERIFY_EXIT.OK : AUDIT_VERIFY_EXIT.TAMPERED;
}
