import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_ROLES } from './roles.js';
import { SUBJECT_ACTIONS, SUBJECT_NAMES } from './subjects.js';
import { PERMISSION_MATRIX } from './testing/permission-matrix.js';
import {
  matrixCells,
  matrixMismatches,
  policyAllows,
  renderMatrixMarkdown,
} from './testing/matrix-check.js';

describe('permission matrix', () => {
  it('matches the policy in every cell', () => {
    expect(matrixMismatches(PERMISSION_MATRIX)).toEqual([]);
  });

  it('detects a wrong cell (the check itself is not vacuous)', () => {
    const [first] = PERMISSION_MATRIX;
    expect(first).toBeDefined();
    const flipped = { ...first!, allowed: ALL_ROLES.filter((r) => !first!.allowed.includes(r)) };
    expect(matrixMismatches([flipped])).toHaveLength(ALL_ROLES.length);
  });

  it('names each capability once', () => {
    const capabilities = PERMISSION_MATRIX.map((row) => row.capability);
    expect(new Set(capabilities).size).toBe(capabilities.length);
  });

  it.each(ALL_ROLES)('gives %s at least one capability', (role) => {
    expect(PERMISSION_MATRIX.some((row) => policyAllows(row, role))).toBe(true);
  });

  it('covers every subject and every action the vocabulary declares', () => {
    for (const subject of SUBJECT_NAMES) {
      const actions: readonly string[] = SUBJECT_ACTIONS[subject];
      for (const action of actions) {
        const covered = PERMISSION_MATRIX.some((r) => r.subject === subject && r.action === action);
        expect(covered, `${action} ${subject}`).toBe(true);
      }
    }
  });

  it('is what the README shows under "Access control"', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.split(/^## Access control$/m)[1];
    expect(section, 'README section "## Access control"').toBeDefined();
    const expectedRows = matrixCells(PERMISSION_MATRIX).map((cells) => cells.join('|'));
    const shownRows = tableRows(section ?? '', 'Capability');
    expect(shownRows).toEqual(expectedRows);
    expect(renderMatrixMarkdown(PERMISSION_MATRIX).split('\n')).toHaveLength(
      expectedRows.length + 1,
    );
  });
});

/** The rows of the first Markdown table whose header starts with `firstHeader`, cells trimmed. */
function tableRows(markdown: string, firstHeader: string): string[] {
  const lines = markdown.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => new RegExp(`^\\|\\s*${firstHeader}\\s*\\|`).test(line));
  if (start < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells.join('|'));
  }
  return rows;
}
