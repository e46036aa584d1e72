// `npm start`: the demo. Today it runs the simulated Amazon (LWA, Seller Central consent, SP-API
// for every region, control API) with a demo application and two demo sellers. The server and
// portal join here as their issues land.
import { demoConfig, startSimulator } from '@spapi/spapi-sim';

const sim = await startSimulator({
  ...demoConfig('https://localhost:8443/api/amazon/callback'),
  basePort: Number(process.env.SIM_PORT ?? 0),
});
const lines = [
  'Simulated Amazon is running (synthetic data only):',
  `  Login with Amazon      ${sim.urls.lwa}/auth/o2/token`,
  ...Object.entries(sim.urls.sellerCentral).map(
    ([r, u]) => `  Seller Central (${r})    ${u}/apps/authorize/consent`,
  ),
  ...Object.entries(sim.urls.spapi).map(([r, u]) => `  SP-API (${r})            ${u}`),
  `  Control API            ${sim.urls.control ?? '(off)'}/_sim/state`,
  '',
  `Try: ${sim.urls.sellerCentral.na}/apps/authorize/consent?application_id=${sim.config.applications[0]?.applicationId ?? ''}&state=demo-state`,
  'Press Ctrl+C to stop.',
];
process.stdout.write(`${lines.join('\n')}\n`);
const stop = (): void => {
  void sim.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
