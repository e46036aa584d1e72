/**
 * `audit verify`: the function the admin CLI calls. Prints a human summary to `out` and returns
 * the process exit code: 0 clean, 1 tampering found, 2 the check could not run.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import type { AuditPublicKey } from './signing-key.provider.js';
import { verifyAuditTrail, type AuditVerification } from './verify-audit-trail.js';

export const AUDIT_VERIFY_EXIT = { OK: 0, TAMPERED: 1, ERROR: 2 } as const;

export interface AuditVerifyCommand {
  readonly db: Kysely<Database>;
  readonly publicKeys: readonly AuditPublicKey[];
  /** Receives whole lines without the newline (e.g. `(line) => process.stdout.write(line + '\n')`). */
  readonly out: (line: string) => void;
}

export function summarise(result: AuditVerification): string[] {
  const head = `audit trail: ${result.entries} entries (last seq ${result.lastSeq ?? 'none'}), ${result.checkpoints} checkpoints (last ${result.lastCheckpointSeq ?? 'none'})`;
  if (result.ok) return [head, 'OK: chain intact, every checkpoint signature valid'];
  const total = result.findings.length + result.omittedFindings;
  const lines = [head, `TAMPERED: ${total} finding(s)`];
  for (const finding of result.findings) {
    lines.push(
      `  ${finding.kind.padEnd(19)} seq ${String(finding.seq).padEnd(8)} ${finding.message}`,
    );
  }
  if (result.omittedFindings > 0) lines.push(`  … and ${result.omittedFindings} more`);
  return lines;
}

export async function runAuditVerify({ db, publicKeys, out }: AuditVerifyCommand): Promise<number> {
  let result: AuditVerification;
  try {
    result = await verifyAuditTrail(db, publicKeys);
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String(error.code)
        : 'unknown';
    out(`audit verify could not run (error code ${code})`);
    return AUDIT_VERIFY_EXIT.ERROR;
  }
  for (const line of summarise(result)) out(line);
  return result.ok ? AUDIT_VERIFY_EXIT.OK : AUDIT_VERIFY_EXIT.TAMPERED;
}
