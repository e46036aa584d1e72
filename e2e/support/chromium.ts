import { existsSync } from 'node:fs';

/**
 * We drive Debian's Chromium: Playwright's own browser download is not possible on our
 * machines. CHROMIUM_PATH overrides the location.
 */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  };
}
