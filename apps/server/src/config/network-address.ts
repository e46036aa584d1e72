import { isIP } from 'node:net';

/** `URL.hostname` keeps IPv6 brackets; `net.isIP` wants them off. */
function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * True for names and addresses that only reach this machine (or no machine): `localhost`,
 * `*.localhost`, 127.0.0.0/8, `::1`, the unspecified addresses and IPv4-mapped loopback.
 * Expects the normalized form `URL.hostname` gives (`[::1]`, not `[0:0:0:0:0:0:0:1]`).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = bare(hostname.toLowerCase()).replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.') || host === '0.0.0.0';
  if (isIP(host) === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
    if (mapped !== undefined) return isLoopbackHost(mapped);
    return host === '::1' || host === '::';
  }
  return false;
}

/** True when `value` is a hostname (RFC 1123 labels) or an IPv4/IPv6 address. */
export function isHostOrAddress(value: string): boolean {
  if (isIP(bare(value)) !== 0) return true;
  return /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(
    value,
  );
}

/** True for an IP address or an IPv4/IPv6 CIDR block (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
