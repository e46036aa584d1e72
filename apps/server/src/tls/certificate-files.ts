import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TlsConfigError, TlsErrorCode } from './tls-error.js';

export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

const errorCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new TlsConfigError(TlsErrorCode.FILE_NOT_FOUND, `TLS ${what} file not found: ${file}`);
    }
    throw new TlsConfigError(
      TlsErrorCode.FILE_UNREADABLE,
      `TLS ${what} file cannot be read (check permissions): ${file}`,
    );
  }
}

function parseCertificate(pem: string, file: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new TlsConfigError(
      TlsErrorCode.CERT_INVALID,
      `TLS certificate file is not a PEM X.509 certificate: ${file}`,
    );
  }
}

function parseKey(pem: string, file: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new TlsConfigError(
      TlsErrorCode.KEY_INVALID,
      `TLS key file is not an unencrypted PEM private key: ${file}`,
    );
  }
}

/** Throws unless the leaf certificate is valid now and `key` is its private key. */
export function checkCertificate(
  cert: string,
  key: string,
  files: { certFile: string; keyFile: string },
  now = new Date(),
): X509Certificate {
  const x509 = parseCertificate(cert, files.certFile);
  const privateKey = parseKey(key, files.keyFile);
  if (new Date(x509.validFrom) > now) {
    throw new TlsConfigError(
      TlsErrorCode.CERT_NOT_YET_VALID,
      `TLS certificate is not valid before ${x509.validFrom}: ${files.certFile}`,
    );
  }
  if (new Date(x509.validTo) <= now) {
    throw new TlsConfigError(
      TlsErrorCode.CERT_EXPIRED,
      `TLS certificate expired on ${x509.validTo}: ${files.certFile}`,
    );
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new TlsConfigError(
      TlsErrorCode.KEY_MISMATCH,
      `TLS key ${files.keyFile} does not belong to certificate ${files.certFile}`,
    );
  }
  return x509;
}

/**
 * Reads a real certificate (chain, leaf first) and its private key, as production requires.
 * Fails at start-up with a {@link TlsConfigError} naming the file and the problem: missing,
 * unreadable, not PEM, passphrase-protected key, expired or not yet valid, or key mismatch.
 */
export async function loadCertificateFiles(
  certFile: string,
  keyFile: string,
): Promise<CertificateFiles> {
  const [cert, key] = await Promise.all([
    readPem(certFile, 'certificate'),
    readPem(keyFile, 'key'),
  ]);
  checkCertificate(cert, key, { certFile, keyFile });
  return { cert, key };
}
