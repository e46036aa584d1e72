import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_NAMES } from './env.schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

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

  it('documents every variable the server reads', () => {
    expect(ENV_NAMES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('documents no variable the server does not read', () => {
    const known = new Set<string>(ENV_NAMES);
    expect([...documented].filter((name) => name !== undefined && !known.has(name))).toEqual([]);
  });
});
