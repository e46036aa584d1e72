// `parcel-admin` / `npm run admin -w @spapi/server -- <command>`: see run-cli.ts and the
// "Admin CLI" section of apps/server/README.md.
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
