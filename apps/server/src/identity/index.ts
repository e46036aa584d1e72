// Identity: passwords, TOTP, sessions, CSRF, device tokens, invitations and password resets.
// See the "Authentication" section of apps/server/README.md.

export { createIdentity, type Identity, type IdentityOptions } from './identity.module.js';
export {
  MailTemplate,
  type AuditEntry,
  type AuditSink,
  type Clock,
  type MailMessage,
  type MailPort,
  type RequestContext,
  type SecretSealer,
} from './identity.ports.js';
export { DEFAULT_IDENTITY_POLICY, type IdentityPolicy } from './identity.policy.js';
export { createAeadSecretSealer, type SealingKey } from './secret-sealer.js';
export { createOutboxMailer, outboxAssociatedData } from './outbox-mail.adapter.js';
export { assertAcceptablePassword, passwordProblem } from './password-policy.js';
export { SESSION_COOKIE, tokenCookieOf } from './session-cookie.js';
export type { AuthenticatedPrincipal } from './authenticate.middleware.js';
