import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { demoConfig, type SimConfigInput } from './config.js';
import { startSimulator } from './simulator.js';

const USAGE = `spapi-sim — a local simulator of Login with Amazon, Seller Central consent and the SP-API

  spapi-sim --config <file.json>   start with a configuration file (see README)
  spapi-sim --demo                 start the demo world (fresh credentials, printed once)

Options:
  --port <n>         first port (listeners use n, n+1, …); default: free ports
  --control          enable the /_sim control API
  --sandbox          answer from the models' static sandbox cases
  --time-scale <x>   speed up rate-limit refill x times
  --redirect-uri <u> (demo) the OAuth redirect URI to register
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      control: { type: 'boolean', default: false },
      sandbox: { type: 'boolean', default: false },
      'time-scale': { type: 'string' },
      'redirect-uri': { type: 'string', default: 'https://localhost:8443/api/amazon/callback' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  let config: SimConfigInput;
  if (values.config) config = JSON.parse(readFileSync(values.config, 'utf8')) as SimConfigInput;
  else if (values.demo) config = demoConfig(values['redirect-uri']);
  else fail('Give --config <file> or --demo.');

  if (values.port !== undefined) config = { ...config, basePort: Number(values.port) };
  if (values.control) config = { ...config, controlApi: true };
  if (values.sandbox) config = { ...config, sandbox: true };
  if (values['time-scale'] !== undefined)
    config = { ...config, timeScale: Number(values['time-scale']) };

  const sim = await startSimulator(config);
  const summary = {
    urls: sim.urls,
    applications: sim.config.applications.map((a) => ({
      name: a.name,
      applicationId: a.applicationId,
      clientId: a.clientId,
      // The simulator's own made-up secret, shown so the server can be pointed at it.
      clientSecret: values.demo ? a.clientSecret : '(from your config file)',
    })),
    sellers: sim.config.sellers.map((s) => ({
      sellingPartnerId: s.sellingPartnerId,
      region: s.region,
    })),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  const stop = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : 'failed to start');
});
