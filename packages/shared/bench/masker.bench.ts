// Benchmark: PII masker throughput on log-record shapes. Prints and writes
// bench-results/shared-masker.json at the repository root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { maskPii } from '../src/index.js';

// Synthetic, built at run time so no credential-shaped literal sits in the source.
const SYNTHETIC_REFRESH_TOKEN = `Atzr|${'bench0'.repeat(8)}`;

const order = {
  AmazonOrderId: '113-1234567-7654321',
  OrderStatus: 'Unshipped',
  ShippingAddress: {
    Name: 'Jane Q. Example',
    AddressLine1: '123 Harbor Lane',
    City: 'Portland',
    PostalCode: '97201-1234',
    Phone: '+1 503-555-0142',
  },
  BuyerInfo: { BuyerEmail: 'x3k9q@marketplace.amazon.com', BuyerName: 'Jane Q. Example' },
};
const shapes = {
  'plain log record': {
    msg: 'sync page committed',
    requestId: '4f0c2a9e-7a51-4f5e-9d1e-0c8e1e0b6f11',
    sellerId: 'A1DEMOSELLERNA',
    orders: 100,
  },
  'record with an order': { msg: 'order upserted', order },
  'error with token in message': new Error(
    `refresh failed for ${SYNTHETIC_REFRESH_TOKEN} at +1 503-555-0142`,
  ),
  'free text with contact data':
    'Customer jane.example@example.com called from (503) 555-0142 about 123 Harbor Lane, Portland, OR 97201',
};

const results: Record<string, { opsPerSecond: number; microsPerOp: number }> = {};
for (const [name, value] of Object.entries(shapes)) {
  for (let i = 0; i < 2_000; i += 1) maskPii(value); // warm up
  const iterations = 20_000;
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) maskPii(value);
  const seconds = (performance.now() - started) / 1000;
  results[name] = {
    opsPerSecond: Math.round(iterations / seconds),
    microsPerOp: Number(((seconds / iterations) * 1e6).toFixed(2)),
  };
}
const report = { benchmark: 'shared PII masker', node: process.version, results };
const out = new URL('../../../bench-results/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('shared-masker.json', out), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
