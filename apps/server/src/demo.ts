// `npm start`: the demo. Starts the simulated Amazon (LWA, Seller Central consent and the SP-API
// for every region, with a demo application and two demo sellers) and the server in demo mode
// (embedded SQLite, self-signed HTTPS) pointed at it. No Amazon credentials are involved.
import { demoConfig, startSimulator } from '@spapi/spapi-sim';
import { ConfigError, loadConfig, simulatorEnv } from './config/index.js';
import { createPasswordHasher } from './crypto/index.js';
import { seedDemoAccounts, type DemoAccount } from './demo-accounts.js';
import { start } from './server.js';

const port = process.env.PORT ?? '8443';
const publicUrl = process.env.PUBLIC_URL ?? `https://localhost:${port}`;
const sim = await startSimulator(demoConfig(`${publicUrl}/api/amazon/callback`));
const app = sim.config.applications[0];

let server: Awaited<ReturnType<typeof start>>;
try {
  server = await start(
    loadConfig({
      ...process.env,
      SERVER_MODE: 'demo',
      PORT: port,
      ...(app === undefined ? {} : simulatorEnv(sim.urls, app)),
      // The simulator's made-up secret, handed to the demo server's env secrets provider.
      SECRET_LWA_CLIENT_SECRET: app?.clientSecret,
    }),
  );
} catch (error: unknown) {
  await sim.stop();
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

// First start on an empty database: demo accounts, printed here once (never logged).
let accounts: DemoAccount[] | null = null;
if (server.config.demoData) {
  const hasher = createPasswordHasher({ production: false });
  try {
    accounts = await seedDemoAccounts({
      db: server.database.db,
      audit: server.services.audit,
      hasher,
    });
  } finally {
    await hasher.close();
  }
}

const lines = [
  '',
  'Demo running (synthetic data only):',
  `  Server (HTTPS, self-signed)  ${server.url}   health: ${server.url}/healthz`,
  `  Simulated Login with Amazon  ${sim.urls.lwa}/auth/o2/token`,
  ...Object.entries(sim.urls.sellerCentral).map(
    ([r, u]) => `  Simulated Seller Central (${r}) ${u}/apps/authorize/consent`,
  ),
  ...Object.entries(sim.urls.spapi).map(([r, u]) => `  Simulated SP-API (${r})       ${u}`),
  `  Simulator control API        ${sim.urls.control ?? '(off)'}/_sim/state`,
  '',
  `  API description (OpenAPI)    ${server.url}/api/openapi.json`,
  '',
  'Seeded sellers A1DEMOSELLERNA (US, CA) and A2DEMOSELLEREU (DE, UK) can be connected through',
  'the simulated consent page and synced (POST /api/amazon/authorize, then POST /api/sync/:id).',
  ...(accounts === null
    ? ['Demo accounts: created at the first start (their passwords were printed then).']
    : [
        'Demo accounts (shown this once; TOTP is enrolled at the first sign-in):',
        ...accounts.map((a) => `  ${a.role.padEnd(15)} ${a.email.padEnd(36)} ${a.password}`),
      ]),
  '',
  'The portal arrives with the portal issue; POST /api/auth/sign-in works now. Press Ctrl+C to stop.',
];
process.stdout.write(`${lines.join('\n')}\n`);
const stop = (): void => {
  void Promise.all([server.stop(), sim.stop()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
