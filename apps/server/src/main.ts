// The server process: configuration from the environment, then start. A configuration problem
// is printed (messages never contain values) and ends the process with exit code 2.
import { ConfigError, loadConfig } from './config/index.js';
import { start } from './server.js';

try {
  const server = await start(loadConfig(process.env));
  process.stdout.write(`Server listening on ${server.url}\n`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error: unknown) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
