/**
 * The `user-agent` Amazon asks SP-API applications to send: application name and version, then
 * language and platform (`ParcelDesk/0.1.0 (Language=TypeScript; Platform=Node/20.19.0)`).
 */
import { readFileSync } from 'node:fs';

export const APPLICATION_NAME = 'ParcelDesk';

/** The server package's version (apps/server/package.json), read once. */
export function serverVersion(): string {
  const raw: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  );
  const version =
    typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
  return typeof version === 'string' && /^[0-9A-Za-z.+-]{1,40}$/.test(version) ? version : '0.0.0';
}

export function userAgent(version: string = serverVersion()): string {
  return `${APPLICATION_NAME}/${version} (Language=TypeScript; Platform=Node/${process.versions.node})`;
}
