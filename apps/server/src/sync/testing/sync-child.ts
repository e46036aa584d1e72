/**
 * The child process of the kill -9 test: opens the database and the demo secrets file it is
 * given, builds the sync stack as the server does, and syncs one connection, printing each
 * progress event as a JSON line on stdout. The parent kills it at random points and starts it
 * again; each start resumes from the last committed checkpoint.
 *
 * Environment: SYNC_CHILD_DATABASE (a DatabaseConfig as JSON), SYNC_CHILD_DATA_DIR (the demo
 * secrets), SYNC_CHILD_SIM_URLS (the simulator's URLs as JSON), SYNC_CHILD_CONNECTION,
 * SYNC_CHILD_ORGANIZATION, SYNC_CHILD_TIME_SCALE.
 */
import { ready } from '../../crypto/index.js';
import { createEnvSecretsProvider } from '../../secrets/index.js';
import { scaledClock } from '../../spapi/index.js';
import type { SimUrls } from '../../spapi/testing/sim-world.js';
import type { DatabaseConfig } from '../../config/index.js';
import { createDatabase } from '../../storage/index.js';
import { buildSyncStack } from './sync-stack.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

await ready();
const database = createDatabase(JSON.parse(required('SYNC_CHILD_DATABASE')) as DatabaseConfig);
const stack = buildSyncStack({
  db: database.db,
  secrets: createEnvSecretsProvider({
    mode: 'demo',
    env: {},
    dataDir: required('SYNC_CHILD_DATA_DIR'),
  }),
  urls: JSON.parse(required('SYNC_CHILD_SIM_URLS')) as SimUrls,
  rateClock: scaledClock(Number(required('SYNC_CHILD_TIME_SCALE'))),
});
stack.events.subscribe(required('SYNC_CHILD_ORGANIZATION'), (event) => {
  process.stdout.write(`${JSON.stringify({ type: event.type })}\n`);
});
const outcome = await stack.engine.run(required('SYNC_CHILD_CONNECTION'), 'schedule');
process.stdout.write(`${JSON.stringify({ type: 'outcome', status: outcome.status })}\n`);
await stack.close();
await database.close();
