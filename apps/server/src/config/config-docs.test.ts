import { readdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../secrets/env.adapter.js';
import { ENV_NAMES } from './env.schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const SRC = new URL('../', import.meta.url);

/**
 * Lookups whose variable name is not in the source text, and the table the names come from.
 * A new `env[expression]` elsewhere fails the test until its names are listed here too.
 */
const NAME_TABLES: Readonly<Record<string, readonly string[]>> = {
  'config/parse-env.ts': ENV_NAMES,
  'secrets/env.adapter.ts': Object.values(ENV_VARIABLES),
};

/** `env.X`, `env?.X`, `process.env.X`, `env['X']` (any quotes). */
const DIRECT_READ =
  /\benv(?:\?\.|\.)([A-Z][A-Z0-9_]*)\b|\benv(?:\?\.)?\[\s*(['"`])([A-Z][A-Z0-9_]*)\2\s*\]/g;
/** `const { X, Y: y, Z = 'z' } = process.env` (or `= env`, `= options.env`). */
const DESTRUCTURED_READ = /\{([^{}]*)\}\s*=\s*(?:[\w$]+\.)*env\b/g;
/** `env[expression]`: a name the text does not show. */
const COMPUTED_READ = /\benv(?:\?\.)?\[(?!\s*(['"`])[A-Z][A-Z0-9_]*\1\s*\])/;

/** Variable names a source text reads from an environment object. Names only, never values. */
function envReads(text: string): string[] {
  const names = [...text.matchAll(DIRECT_READ)].map((m) => m[1] ?? m[3] ?? '');
  for (const [, fields = ''] of text.matchAll(DESTRUCTURED_READ)) {
    for (const field of fields.split(',')) names.push(field.split(/[:=]/)[0]?.trim() ?? '');
  }
  return names.filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
}

/** The server's own source files under src/ (tests and test helpers excluded), `/`-separated. */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split(sep).join('/'))
    .filter((path) => /\.(ts|js|mjs|cjs)$/.test(path))
    .filter((path) => !/\.test(-kit)?\.ts$/.test(path) && !path.split('/').includes('testing'))
    .sort();
}

const source = sourceFiles().map((path) => ({
  path,
  text: readFileSync(new URL(path, SRC), 'utf8'),
}));

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start === -1) return '';
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('apps/server/README.md "Configuration"', () => {
  const documented = new Set(
    [...section('Configuration').matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]),
  );

  const read = new Set<string>([
    ...Object.values(NAME_TABLES).flat(),
    ...source.flatMap(({ text }) => envReads(text)),
  ]);

  it('documents every variable the server reads: schema, secrets provider and source', () => {
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });

  it('documents no variable the server does not read', () => {
    expect([...documented].filter((name) => name !== undefined && !read.has(name))).toEqual([]);
  });

  it('reads names it cannot see only where they come from a listed table', () => {
    const computed = source.filter(({ text }) => COMPUTED_READ.test(text)).map(({ path }) => path);
    expect(computed).toEqual(Object.keys(NAME_TABLES).sort());
  });
});

describe('the source scan', () => {
  it('finds every form of a read, and nothing else', () => {
    const text = [
      'const a = process.env.ALPHA ?? env?.BETA;',
      "const b = options.env['GAMMA'] + env[`DELTA`];",
      "const { EPSILON, ZETA: zeta, ETA = 'x' } = process.env;",
      'const c = config.env.lower; const d = environment.THETA; env[name];',
    ].join('\n');
    expect(envReads(text).sort()).toEqual(
      ['ALPHA', 'BETA', 'DELTA', 'EPSILON', 'ETA', 'GAMMA', 'ZETA'].sort(),
    );
    expect(COMPUTED_READ.test('env[name]')).toBe(true);
    expect(COMPUTED_READ.test("env['GAMMA']")).toBe(false);
  });

  it('covers the server source and skips tests', () => {
    const paths = source.map(({ path }) => path);
    expect(paths).toContain('config/build-config.ts');
    expect(paths).toContain('secrets/key-file.adapter.ts');
    expect(paths.filter((path) => path.endsWith('.test.ts'))).toEqual([]);
  });
});
