/**
 * Ports the identity use cases depend on. Implementations are wired by the composition root
 * (STYLE.md rule 6); tests pass fakes.
 */
import type { AuditAction, AuditTargetType } from '../audit/audit-actions.js';
import type { AuditActorKind, AuditOutcome } from '../storage/index.js';

/** Milliseconds since the epoch. Injected so timeouts and TOTP steps are testable. */
export type Clock = () => number;

/**
 * One audit fact. Ids and codes only — never an email, a password, a code or a token.
 * Mirrors the `audit_entries` columns the audit module fills in (seq, hashes, time are its own).
 */
export interface AuditEntry {
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly organizationId: string | null;
  readonly targetType: AuditTargetType | null;
  readonly targetId: string | null;
  /** An error code on failure or denial. */
  readonly reasonCode: string | null;
  readonly requestId: string | null;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** The audit trail. If `record` throws, the action it records fails (DPP "Logging"). */
export interface AuditSink {
  record(entry: AuditEntry): Promise<void>;
}

export const MailTemplate = {
  INVITATION: 'invitation',
  PASSWORD_RESET: 'password-reset',
} as const;
export type MailTemplate = (typeof MailTemplate)[keyof typeof MailTemplate];

export interface MailMessage {
  readonly to: string;
  readonly template: MailTemplate;
  /** Template parameters (the single-use link). Sealed at rest by the outbox adapter. */
  readonly params: Readonly<Record<string, string>>;
}

export interface MailPort {
  send(message: MailMessage): Promise<void>;
}

/**
 * Seals small secrets at rest (the TOTP secret) with the current key, and opens them with the
 * key they name. `associatedData` binds a ciphertext to its row and column.
 */
export interface SecretSealer {
  seal(plaintext: string, associatedData: string): { ciphertext: Uint8Array; keyId: string };
  open(ciphertext: Uint8Array, keyId: string, associatedData: string): string;
}

/** Request context the use cases pass on to the audit trail. */
export interface RequestContext {
  readonly requestId: string | null;
  readonly ip: string;
}
