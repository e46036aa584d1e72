// Transport security: server TLS options, demo certificate, production certificate files.
export { tlsOptions, TLS12_CIPHERS, TLS13_CIPHERSUITES, type TlsMaterial } from './tls-options.js';
export {
  ensureSelfSignedCertificate,
  type SelfSignedCertificate,
} from './self-signed-certificate.js';
export { loadCertificateFiles, type CertificateFiles } from './certificate-files.js';
export { TlsConfigError, TlsErrorCode } from './tls-error.js';
