import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH } from '../storage/index.js';
import type { StoredAuditEntry } from './audit-chain.js';
import { auditLogOptionsSchema, createAuditLog } from './audit-log.sink.js';

const entry: StoredAuditEntry = {
  seq: 1,
  at: Date.UTC(2030, 0, 15),
  prev_hash: AUDIT_GENESIS_HASH,
  hash: 'a'.repeat(64),
  actor_kind: 'user',
  actor_id: 'f5b0c7de-0000-4000-8000-000000000001',
  organization_id: null,
  action: 'pii.reveal',
  target_type: 'order',
  target_id: '113-1234567-7654321',
  outcome: 'success',
  reason_code: null,
  request_id: null,
  details_json: '{}',
};

describe('audit JSON-lines log', () => {
  it('keeps 400 days by default', () => {
    expect(auditLogOptionsSchema.parse({ dir: '/x' }).maxFiles).toBe('400d');
  });

  it('writes one masked JSON line per entry to its own rotated file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audit-log-'));
    try {
      const log = createAuditLog({ file: { dir } });
      log.write(entry);
      log.write({ ...entry, seq: 2, target_id: 'jane@example.com' }); // masked as a last guard
      await log.close();
      const files = (await readdir(dir)).filter((name) => name.endsWith('.log'));
      expect(files).toHaveLength(1); // named after the day written (UTC), not the entry's time
      expect(files[0]).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.log$/);
      const lines = (await readFile(join(dir, files[0]!), 'utf8')).trim().split('\n');
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
        { time: '2030-01-15T00:00:00.000Z', type: 'audit', ...entry },
        expect.objectContaining({ seq: 2, target_id: '[REDACTED:email]' }),
      ]);
      expect(log.stats()).toEqual({ written: 2, errors: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
