/**
 * Background re-encryption after a rotation: rewrites the field ciphertexts an organization still
 * holds under rotated-out key versions to the current version of the same chain. One call does
 * one bounded batch and returns a cursor; the caller persists the cursor (any JSON store) and
 * calls again until it is null. Safe to interrupt, repeat or run twice at once:
 * - rows are found by their key id column, so a finished row is never selected again;
 * - each row is replaced only if it still holds the ciphertext that was read (compare-and-set),
 *   so a value written meanwhile is never overwritten;
 * - a value that does not open (tampered, moved, key destroyed) is reported and left as it is.
 * When a run reports nothing left, `retireUnreferencedKeys` erases the old versions.
 */
import type { Kysely } from 'kysely';
import { wipe } from '../crypto/index.js';
import type { Database } from '../storage/index.js';
import { listKeys } from './data-key.repository.js';
import { replaceCell, selectCellsByKeys, type EncryptedCell } from './encrypted-column.queries.js';
import {
  columnName,
  type EncryptedColumnRegistry,
  type FieldRef,
  type ResolvedColumn,
} from './encrypted-columns.js';
import { parseFieldCiphertext } from './field-ciphertext.js';
import { openField, sealField } from './field-sealing.js';
import { staleFieldKeys } from './key-lifecycle.js';
import type { KeyRef, KeyStore } from './key-store.js';
import { isPiiVaultError, PiiVaultError } from './pii-vault-error.js';

/** Where the next batch starts: a registered column (`table.column`) and the last row done. */
export interface ReencryptCursor {
  readonly column: string;
  readonly afterRowId: string | null;
}

export interface ReencryptOptions {
  /** From the previous batch; omit to start. */
  readonly cursor?: ReencryptCursor | null;
  /** Rows per batch (default 200). */
  readonly limit?: number;
  /** A subset of the registered columns (default: all of them). */
  readonly columns?: readonly Pick<FieldRef, 'table' | 'column'>[];
}

export interface ReencryptBatchResult {
  /** Rows read in this batch. */
  readonly scanned: number;
  /** Rows rewritten under the current key version. */
  readonly rewritten: number;
  /** Rows that changed meanwhile (nothing to do) or had a key id but no ciphertext. */
  readonly skipped: number;
  /** Values that did not open (tampered, moved, key destroyed): left as they are; alert. */
  readonly unreadable: readonly FieldRef[];
  /** Null: no rows left under rotated-out keys in the chosen columns. */
  readonly cursor: ReencryptCursor | null;
}

export interface ReencryptDeps {
  readonly db: Kysely<Database>;
  readonly store: KeyStore;
  readonly columns: EncryptedColumnRegistry;
}

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 10_000;
/** Failures that mean "this value does not open", as opposed to the database being down. */
const UNREADABLE = new Set([
  'INVALID_CIPHERTEXT',
  'DECRYPT_FAILED',
  'KEY_NOT_FOUND',
  'KEY_DESTROYED',
  'KEY_RETIRED',
  'KEY_UNWRAP_FAILED',
]);

function chosenColumns(
  columns: EncryptedColumnRegistry,
  subset: ReencryptOptions['columns'],
): readonly ResolvedColumn[] {
  return subset === undefined ? columns.columns() : subset.map((c) => columns.resolve(c));
}

function startIndex(columns: readonly ResolvedColumn[], cursor: ReencryptCursor | null): number {
  if (cursor === null) return 0;
  const index = columns.findIndex((c) => columnName(c) === cursor.column);
  if (index < 0) throw new PiiVaultError('INVALID_INPUT', 'cursor names an unknown column');
  return index;
}

export async function reencryptBatch(
  deps: ReencryptDeps,
  organizationId: string,
  options: ReencryptOptions = {},
): Promise<ReencryptBatchResult> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new PiiVaultError('INVALID_INPUT', 'batch limit');
  }
  const columns = chosenColumns(deps.columns, options.columns);
  const stale = staleFieldKeys(await listKeys(deps.db, organizationId)).map((row) => row.id);
  const result = { scanned: 0, rewritten: 0, skipped: 0, unreadable: [] as FieldRef[] };
  if (stale.length === 0) return { ...result, cursor: null };

  const targets = new Map<string, KeyRef>(); // scope → current key, read fresh once per batch
  const rewriter = cellRewriter(deps, organizationId, targets);
  let index = startIndex(columns, options.cursor ?? null);
  let after = options.cursor?.afterRowId ?? null;
  let budget = limit;
  for (let column = columns[index]; column !== undefined && budget > 0; column = columns[index]) {
    const cells = await selectCellsByKeys(deps.db, column, organizationId, stale, after, budget);
    for (const cell of cells) {
      const outcome = await rewriter(column, cell);
      if (outcome === 'unreadable') {
        result.unreadable.push({ table: column.table, column: column.column, rowId: cell.rowId });
      } else {
        result[outcome] += 1;
      }
    }
    result.scanned += cells.length;
    const last = cells.at(-1);
    if (cells.length < budget || last === undefined) {
      index += 1;
      after = null;
    } else {
      after = last.rowId;
    }
    budget -= cells.length;
  }
  const next = columns[index];
  const cursor = next === undefined ? null : { column: columnName(next), afterRowId: after };
  return { ...result, cursor };
}

type CellOutcome = 'rewritten' | 'skipped' | 'unreadable';

function cellRewriter(
  deps: ReencryptDeps,
  organizationId: string,
  targets: Map<string, KeyRef>,
): (column: ResolvedColumn, cell: EncryptedCell) => Promise<CellOutcome> {
  const { db, store } = deps;
  const currentFor = async (scope: string): Promise<KeyRef> => {
    const known = targets.get(scope);
    if (known !== undefined) return known;
    const ref = await store.current(
      { organizationId, purpose: 'pii-field', scope },
      { fresh: true },
    );
    targets.set(scope, ref);
    return ref;
  };

  return async (column, cell) => {
    if (cell.ciphertext === null) return 'skipped';
    const ciphertext = cell.ciphertext;
    const field: FieldRef = { table: column.table, column: column.column, rowId: cell.rowId };
    let opened: { plaintext: Uint8Array; scope: string };
    try {
      const parsed = parseFieldCiphertext(ciphertext);
      opened = await store.withKey(
        parsed.keyId,
        { organizationId, purpose: 'pii-field' },
        (key, meta) => {
          if (meta.version !== parsed.version) throw new PiiVaultError('DECRYPT_FAILED');
          return { plaintext: openField(key, organizationId, field, parsed), scope: meta.scope };
        },
      );
    } catch (error) {
      if (isPiiVaultError(error) && UNREADABLE.has(error.code)) return 'unreadable';
      throw error;
    }
    try {
      const target = await currentFor(opened.scope);
      const next = await store.withKey(target.id, { organizationId, purpose: 'pii-field' }, (key) =>
        sealField(
          key,
          { keyId: target.id, version: target.version },
          organizationId,
          field,
          opened.plaintext,
        ),
      );
      const replaced = await replaceCell(
        db,
        column,
        organizationId,
        { ...cell, ciphertext },
        { ciphertext: next, keyId: target.id },
      );
      return replaced ? 'rewritten' : 'skipped';
    } finally {
      wipe(opened.plaintext);
    }
  };
}
