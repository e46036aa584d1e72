import type { ServerOptions } from 'node:https';

/** PEM certificate (chain, leaf first) and private key, and the lowest version to accept. */
export interface TlsMaterial {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** Default and floor `TLSv1.2`; nothing older can be expressed. */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3' | undefined;
}

/** TLS 1.3 suites, named explicitly: Node caps the server at TLS 1.2 if `ciphers` lists none. */
export const TLS13_CIPHERSUITES = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
] as const;

/** TLS 1.2: forward secrecy (ECDHE) and AEAD only (Mozilla "intermediate" without DHE). */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
] as const;

/**
 * Options for `https.createServer`: TLS 1.2 minimum (or 1.3), TLS 1.3 preferred, the cipher
 * lists above in our order. Works with ECDSA and RSA certificates. Returns a fresh object: add
 * server options (timeouts) to it, but never `secureProtocol`, `secureOptions` or `ciphers`.
 */
export function tlsOptions(material: TlsMaterial): ServerOptions {
  return {
    cert: material.cert,
    key: material.key,
    minVersion: material.minVersion ?? 'TLSv1.2',
    ciphers: [...TLS13_CIPHERSUITES, ...TLS12_CIPHERS].join(':'),
    honorCipherOrder: true,
  };
}
