import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

const CANARY_TOKEN = `Atzr|IwEBI${'r0tat3d'.repeat(15)}`;
const CANARY_EMAIL = 'rotated.canary@example.com';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spapi-rotate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file transport rotation', () => {
  it('rotates by size into numbered files, each line masked and complete', async () => {
    const logger = createLogger({
      file: { dir, maxSize: '1k', maxFiles: 100, zippedArchive: false },
    });
    for (let i = 0; i < 60; i += 1) {
      logger.info(`refresh ${CANARY_TOKEN}`, { seq: i, BuyerEmail: CANARY_EMAIL });
    }
    await logger.close();

    const files = (await readdir(dir)).filter((name) => /^app-[\d-]+\.log(\.\d+)?$/.test(name));
    expect(files.length).toBeGreaterThan(3);
    const lines = (await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8'))))
      .join('')
      .split('\n')
      .filter(Boolean);
    const seqs = lines.map((line) => (JSON.parse(line) as { fields: { seq: number } }).fields.seq);
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const text = lines.join('\n');
    expect(text).not.toContain(CANARY_TOKEN);
    expect(text).not.toContain('IwEBI');
    expect(text).not.toContain(CANARY_EMAIL);
  });
});
