// Benchmark: PII vault field encryption and decryption throughput (XChaCha20-Poly1305 with
// associated data, keys cached), blind-index hashing, the bare cipher for comparison, and the
// cold path (every call loads and unwraps its data key from the database). Prints and writes
// bench-results/server-field-encryption.json at the repository root.
//
//   npx tsx apps/server/test/bench/field-encryption.bench.ts
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAuditTrail, createInMemorySigningKeyProvider } from '../../src/audit/index.js';
import { aeadDecrypt, aeadEncrypt, generateKey, ready } from '../../src/crypto/index.js';
import {
  createEncryptedColumnRegistry,
  createPiiVault,
  type FieldRef,
  type PiiVault,
} from '../../src/pii-vault/index.js';
import { createEnvSecretsProvider } from '../../src/secrets/index.js';
import { createDatabase, migrateToLatest } from '../../src/storage/index.js';

interface Result {
  readonly opsPerSecond: number;
  readonly microsPerOp: number;
  readonly plaintextMBPerSecond?: number;
}

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const COLD_ITERATIONS = Number(process.env.BENCH_COLD_ITERATIONS ?? 500);
const NAME = 'Jane Q. Example';
const ADDRESS = '123 Harbor Lane, Apt 4B, Portland, OR 97201-1234, US';
const DOCUMENT = 'x'.repeat(4096);

async function measure(
  iterations: number,
  bytesPerOp: number,
  op: (i: number) => unknown,
): Promise<Result> {
  for (let i = 0; i < Math.min(2000, iterations); i += 1) await op(i); // warm up
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) await op(i);
  const seconds = (performance.now() - started) / 1000;
  const result = {
    opsPerSecond: Math.round(iterations / seconds),
    microsPerOp: Number(((seconds / iterations) * 1e6).toFixed(2)),
  };
  return bytesPerOp === 0
    ? result
    : {
        ...result,
        plaintextMBPerSecond: Number(((iterations * bytesPerOp) / seconds / 1e6).toFixed(1)),
      };
}

await ready();
const dir = mkdtempSync(join(tmpdir(), 'spapi-bench-'));
const database = createDatabase({ kind: 'sqlite', path: join(dir, 'bench.sqlite') });
await migrateToLatest(database);
const organizations = [randomUUID(), randomUUID()];
for (const id of organizations) {
  await database.db
    .insertInto('organizations')
    .values({ id, name: 'Bench', created_at: Date.now(), updated_at: Date.now() })
    .execute();
}
const audit = createAuditTrail({
  db: database.db,
  signingKeys: createInMemorySigningKeyProvider(),
  checkpointEvery: 0,
});
const secrets = createEnvSecretsProvider({ mode: 'demo', env: {} });
const columns = createEncryptedColumnRegistry([
  { table: 'orders', column: 'buyer_name_ciphertext', keyIdColumn: 'buyer_name_key_id' },
]);
const vaultWith = (maxKeys: number): PiiVault =>
  createPiiVault({ db: database.db, secrets, audit, columns, cache: { maxKeys } });
const vault = vaultWith(1000);
const org = organizations[0] ?? '';
const field = (i: number): FieldRef => ({
  table: 'orders',
  column: 'buyer_name_ciphertext',
  rowId: `113-0000000-${String(i % 10_000).padStart(7, '0')}`,
});

const results: Record<string, Result> = {};
await measure(ITERATIONS, 0, (i) => vault.encryptField(org, field(i), ADDRESS)); // JIT warm-up
for (const [label, text] of [
  ['name (15 B)', NAME],
  ['address (53 B)', ADDRESS],
  ['document (4 KiB)', DOCUMENT],
] as const) {
  const bytes = Buffer.byteLength(text);
  results[`encryptField ${label}`] = await measure(ITERATIONS, bytes, (i) =>
    vault.encryptField(org, field(i), text),
  );
  const sealed = await Promise.all(
    Array.from({ length: 100 }, (_, i) => vault.encryptField(org, field(i), text)),
  );
  results[`decryptField ${label}`] = await measure(ITERATIONS, bytes, (i) =>
    vault.decryptField(org, field(i % 100), sealed[i % 100] ?? null),
  );
}
results['blindIndex postal code'] = await measure(ITERATIONS, 0, () =>
  vault.blindIndex(org, 'postal-code', '97201-1234'),
);
const key = generateKey();
const envelope = aeadEncrypt(key, ADDRESS, 'orders.shipping_address:113-0000000-0000001');
results['bare aeadEncrypt address (53 B)'] = await measure(ITERATIONS, 53, () =>
  aeadEncrypt(key, ADDRESS, 'orders.shipping_address:113-0000000-0000001'),
);
results['bare aeadDecrypt address (53 B)'] = await measure(ITERATIONS, 53, () =>
  aeadDecrypt(key, envelope, 'orders.shipping_address:113-0000000-0000001'),
);
// Cold: a one-key cache and two organizations taking turns, so every call loads its data key
// from the database and unwraps it with the master key.
const cold = vaultWith(1);
const coldSealed = await Promise.all(
  organizations.map((id) => cold.encryptField(id, field(1), NAME)),
);
results['decryptField cold (key load + unwrap)'] = await measure(COLD_ITERATIONS, 0, (i) =>
  cold.decryptField(organizations[i % 2] ?? '', field(1), coldSealed[i % 2] ?? null),
);

vault.close();
cold.close();
secrets.close();
await database.close();
rmSync(dir, { recursive: true, force: true });

const report = {
  benchmark: 'server PII vault field encryption',
  node: process.version,
  iterations: ITERATIONS,
  results,
};
const out = new URL('../../../../bench-results/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('server-field-encryption.json', out), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
