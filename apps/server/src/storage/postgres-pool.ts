import pg from 'pg';

export interface PostgresPoolOptions {
  readonly url: string;
  /** Lower-case identifier (validated by the configuration). */
  readonly schema: string;
  readonly max: number;
  /** Errors of idle clients (the pool drops the client and reconnects). Default: ignored. */
  readonly onError?: (error: Error) => void;
}

/** int8 (bigint) as a JS number: our epoch milliseconds and sequence numbers fit in 2^53. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError('int8 value outside the safe integer range');
  return value;
}

function typeParsers(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  return types;
}

/**
 * A pool whose connections all use `search_path=<schema>`: tables, migrations and the
 * append-only trigger function live in that schema. Type parsers are per pool, not global.
 */
export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new RangeError('schema must be a lower-case SQL identifier');
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    options: `-c search_path=${options.schema}`,
    application_name: 'spapi-server',
    types: typeParsers(),
  });
  pool.on('error', options.onError ?? (() => undefined));
  return pool;
}
