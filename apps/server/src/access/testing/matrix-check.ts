/** Evaluates and renders the permission matrix. */
import { tagSubject } from '../authorize.js';
import { defineAbilityFor } from '../define-ability.js';
import { ALL_ROLES, type Role } from '../roles.js';
import type { MatrixRow } from './permission-matrix.js';
import { PRINCIPALS } from './principals.js';
import { SCOPE_LABELS, fixtureFor } from './subject-fixtures.js';

/** What the policy answers for one cell. */
export function policyAllows(row: MatrixRow, role: Role): boolean {
  const principal = PRINCIPALS[role];
  const ability = defineAbilityFor(principal);
  const attributes = fixtureFor(row.subject, row.scope, principal);
  const target = attributes === undefined ? row.subject : tagSubject(row.subject, attributes);
  return ability.can(row.action, target, row.field);
}

/** Every cell where the policy disagrees with the matrix, as readable lines. */
export function matrixMismatches(rows: readonly MatrixRow[]): string[] {
  const mismatches: string[] = [];
  for (const row of rows) {
    for (const role of ALL_ROLES) {
      const expected = row.allowed.includes(role);
      if (policyAllows(row, role) !== expected) {
        mismatches.push(
          `${role}: ${describeCheck(row)} should be ${expected ? 'allowed' : 'denied'}`,
        );
      }
    }
  }
  return mismatches;
}

export function describeCheck(row: MatrixRow): string {
  const field = row.field === undefined ? '' : `.${row.field}`;
  return `${row.action} ${row.subject}${field} (${SCOPE_LABELS[row.scope]})`;
}

export const MATRIX_HEADER = ['Capability', 'Check', ...ALL_ROLES] as const;

/** The matrix as table cells (header first): what the README shows. */
export function matrixCells(rows: readonly MatrixRow[]): string[][] {
  return [
    [...MATRIX_HEADER],
    ...rows.map((row) => [
      row.capability,
      `\`${describeCheck(row)}\``,
      ...ALL_ROLES.map((role) => (row.allowed.includes(role) ? '✓' : '—')),
    ]),
  ];
}

export function renderMatrixMarkdown(rows: readonly MatrixRow[]): string {
  const [header = [], ...body] = matrixCells(rows);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}
