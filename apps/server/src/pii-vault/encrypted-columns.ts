/**
 * Where encrypted values live. Every column that holds field ciphertexts is registered once, in
 * the composition root, by the feature that owns its table (order sync registers the order
 * columns, seller authorization its refresh-token column). The vault refuses to encrypt into an
 * unregistered column, so re-encryption and key retirement, which scan exactly the registered
 * columns, can never miss a reference.
 */
import { PiiVaultError } from './pii-vault-error.js';

/** Where one encrypted value sits: bound into its associated data. */
export interface FieldRef {
  /** The table, as named in SQL (`orders`). */
  readonly table: string;
  /** The ciphertext column, as named in SQL (`buyer_name_ciphertext`). */
  readonly column: string;
  /** The value of the row's primary key (its `idColumn`). */
  readonly rowId: string;
}

/** A registered column of field ciphertexts. */
export interface EncryptedColumn {
  readonly table: string;
  /** The ciphertext column (bytea / blob, nullable). */
  readonly column: string;
  /** The column beside it holding the data key id (`keyIdOf(ciphertext)`); index it. */
  readonly keyIdColumn: string;
  /** Text primary key; its value is `FieldRef.rowId`. Default `id`. */
  readonly idColumn?: string;
  /** The seller organization of the row. Default `organization_id`. */
  readonly organizationColumn?: string;
}

/** A registered column with every default applied. */
export type ResolvedColumn = Required<EncryptedColumn>;

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
const MAX_ROW_ID = 256;
const MAX_ORGANIZATION_ID = 128;

export function columnName(column: Pick<EncryptedColumn, 'table' | 'column'>): string {
  return `${column.table}.${column.column}`;
}

function identifier(value: unknown): string {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw new PiiVaultError('INVALID_INPUT', 'SQL identifiers are lower-case snake_case');
  }
  return value;
}

export function assertOrganizationId(organizationId: unknown): asserts organizationId is string {
  if (
    typeof organizationId !== 'string' ||
    organizationId.length === 0 ||
    organizationId.length > MAX_ORGANIZATION_ID
  ) {
    throw new PiiVaultError('INVALID_INPUT', 'organization id');
  }
}

export function assertRowId(rowId: unknown): asserts rowId is string {
  if (typeof rowId !== 'string' || rowId.length === 0 || rowId.length > MAX_ROW_ID) {
    throw new PiiVaultError('INVALID_INPUT', 'row id');
  }
}

export interface EncryptedColumnRegistry {
  /** Registers columns; a column registered twice or a malformed identifier throws. */
  register(...columns: readonly EncryptedColumn[]): void;
  /** Every registered column, in registration order. */
  columns(): readonly ResolvedColumn[];
  /** The registered column of a field reference; `UNREGISTERED_COLUMN` otherwise. */
  resolve(field: Pick<FieldRef, 'table' | 'column'>): ResolvedColumn;
}

export function createEncryptedColumnRegistry(
  initial: readonly EncryptedColumn[] = [],
): EncryptedColumnRegistry {
  const byName = new Map<string, ResolvedColumn>();
  const registry: EncryptedColumnRegistry = {
    register: (...columns) => {
      for (const column of columns) {
        const resolved: ResolvedColumn = {
          table: identifier(column.table),
          column: identifier(column.column),
          keyIdColumn: identifier(column.keyIdColumn),
          idColumn: identifier(column.idColumn ?? 'id'),
          organizationColumn: identifier(column.organizationColumn ?? 'organization_id'),
        };
        const name = columnName(resolved);
        if (byName.has(name)) throw new PiiVaultError('INVALID_INPUT', 'column registered twice');
        byName.set(name, Object.freeze(resolved));
      }
    },
    columns: () => [...byName.values()],
    resolve: (field) => {
      const found = byName.get(columnName(field));
      if (found === undefined) throw new PiiVaultError('UNREGISTERED_COLUMN');
      return found;
    },
  };
  registry.register(...initial);
  return registry;
}
