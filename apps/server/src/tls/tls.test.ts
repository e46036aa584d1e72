import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCertificateFiles } from './certificate-files.js';
import {
  ensureSelfSignedCertificate,
  type SelfSignedCertificate,
} from './self-signed-certificate.js';
import { TLS12_CIPHERS, tlsOptions } from './tls-options.js';

let dataDir: string;
let certificate: SelfSignedCertificate;
let server: Server;
let port: number;
const clientErrors: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'spapi-tls-'));
  certificate = await ensureSelfSignedCertificate(dataDir);
  server = createServer(tlsOptions(certificate), (_req, res) => res.end('ok'));
  server.on('tlsClientError', (error: NodeJS.ErrnoException) => {
    clientErrors.push(`${error.code ?? ''} ${error.message}`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Handshake {
  readonly protocol: string | null;
  readonly cipher: string;
}

function handshake(options: ConnectionOptions, to = port): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: to, servername: 'localhost', ...options });
    socket.once('secureConnect', () => {
      resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name });
      socket.end();
    });
    socket.once('error', reject);
  });
}

const trusting = () => ({ ca: certificate.cert });

const TLS11_CLIENT: ConnectionOptions = {
  minVersion: 'TLSv1',
  maxVersion: 'TLSv1.1',
  ciphers: 'DEFAULT:@SECLEVEL=0', // let OpenSSL 3 offer TLS 1.1 at all
};

describe('tlsOptions on an https server', () => {
  it('refuses a TLS 1.1 client: the server rejects the protocol version', async () => {
    clientErrors.length = 0;
    const attempt = handshake({ ...trusting(), ...TLS11_CLIENT });
    await expect(attempt).rejects.toThrow(/protocol version|unsupported protocol/i);
    await expect.poll(() => clientErrors.join('\n')).toMatch(/unsupported protocol/i);
  });

  it('(control) the same TLS 1.1 client connects to a server that still allows TLS 1.1', async () => {
    const legacy = createServer({
      cert: certificate.cert,
      key: certificate.key,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    legacy.listen(0, '127.0.0.1');
    await once(legacy, 'listening');
    const legacyPort = (legacy.address() as AddressInfo).port;
    try {
      const result = await handshake({ ...trusting(), ...TLS11_CLIENT }, legacyPort);
      expect(result.protocol).toBe('TLSv1.1');
    } finally {
      legacy.close();
    }
  });

  it('accepts TLS 1.2 with an ECDHE AEAD cipher', async () => {
    const result = await handshake({ ...trusting(), minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(result.protocol).toBe('TLSv1.2');
    expect(TLS12_CIPHERS).toContain(result.cipher);
  });

  it('accepts TLS 1.3 and prefers it', async () => {
    expect((await handshake({ ...trusting(), minVersion: 'TLSv1.3' })).protocol).toBe('TLSv1.3');
    expect((await handshake(trusting())).protocol).toBe('TLSv1.3');
  });

  it('refuses TLS 1.2 clients offering only CBC or non-forward-secret ciphers', async () => {
    const attempt = handshake({
      ...trusting(),
      maxVersion: 'TLSv1.2',
      ciphers: 'AES128-SHA:AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA',
    });
    await expect(attempt).rejects.toThrow(/handshake failure|no shared cipher/i);
  });
});

describe('ensureSelfSignedCertificate', () => {
  it('is valid for localhost, 127.0.0.1 and ::1 (a verifying client accepts it)', async () => {
    const x509 = new X509Certificate(certificate.cert);
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.subjectAltName).toMatch(/IP Address:(::1|0:0:0:0:0:0:0:1)/);
    expect(x509.checkHost('localhost')).toBe('localhost');
    await expect(handshake({ ...trusting(), rejectUnauthorized: true })).resolves.toBeDefined();
  });

  it('stores the key with mode 0600 and reuses the certificate on the next call', async () => {
    expect(certificate.created).toBe(true);
    expect((await stat(certificate.keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'tls'))).mode & 0o777).toBe(0o700);
    const again = await ensureSelfSignedCertificate(dataDir);
    expect(again.created).toBe(false);
    expect(again.cert).toBe(certificate.cert);
    expect(again.key).toBe(certificate.key);
  });

  it('replaces a damaged pair', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spapi-tls-'));
    const first = await ensureSelfSignedCertificate(dir);
    await writeFile(first.keyFile, 'not a key');
    const second = await ensureSelfSignedCertificate(dir);
    expect(second.created).toBe(true);
    expect(second.cert).not.toBe(first.cert);
    expect((await stat(second.keyFile)).mode & 0o777).toBe(0o600);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('loadCertificateFiles', () => {
  it('loads a matching pair', async () => {
    const loaded = await loadCertificateFiles(certificate.certFile, certificate.keyFile);
    expect(loaded).toEqual({ cert: certificate.cert, key: certificate.key });
  });

  it('explains what is wrong, naming the file but not its contents', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spapi-tls-'));
    const other = await ensureSelfSignedCertificate(dir);
    const garbage = join(dir, 'garbage.pem');
    await writeFile(garbage, '-----BEGIN NOTHING-----');
    const missing = join(dir, 'missing.pem');

    await expect(loadCertificateFiles(missing, certificate.keyFile)).rejects.toMatchObject({
      code: 'TLS_FILE_NOT_FOUND',
      message: `TLS certificate file not found: ${missing}`,
    });
    await expect(loadCertificateFiles(garbage, certificate.keyFile)).rejects.toMatchObject({
      code: 'TLS_CERT_INVALID',
    });
    await expect(loadCertificateFiles(certificate.certFile, garbage)).rejects.toMatchObject({
      code: 'TLS_KEY_INVALID',
    });
    const mismatch = loadCertificateFiles(certificate.certFile, other.keyFile);
    await expect(mismatch).rejects.toMatchObject({ code: 'TLS_KEY_MISMATCH' });
    await expect(mismatch).rejects.not.toThrow(/PRIVATE KEY/);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('tlsOptions with minVersion TLSv1.3', () => {
  it('refuses TLS 1.2 clients', async () => {
    const strict = createServer(tlsOptions({ ...certificate, minVersion: 'TLSv1.3' }));
    strict.listen(0, '127.0.0.1');
    await once(strict, 'listening');
    const strictPort = (strict.address() as AddressInfo).port;
    try {
      const tls12 = handshake({ ...trusting(), maxVersion: 'TLSv1.2' }, strictPort);
      await expect(tls12).rejects.toThrow(/protocol version|unsupported protocol/i);
      expect((await handshake(trusting(), strictPort)).protocol).toBe('TLSv1.3');
    } finally {
      strict.close();
    }
  });
});
