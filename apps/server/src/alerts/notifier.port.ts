/**
 * Where alerts go: a channel decoupled from the app (DPP "Incidents"). Adapters: the webhook
 * (production) and the demo outbox. A notifier receives the alert row and builds its own
 * message from ids, codes and counts; it throws `NotifyError` with a code on failure.
 */
import type { Alert } from './alert.types.js';

export interface Notifier {
  /** `webhook`, `outbox`: shown next to the delivery state. */
  readonly channel: string;
  deliver(alert: Alert): Promise<void>;
}

/** A delivery failure as a code only (`HTTP_503`, `TIMEOUT`, `NETWORK`): never a URL or body. */
export class NotifyError extends Error {
  constructor(
    readonly code: string,
    /** Worth trying again later (5xx, 429, timeout, network). */
    readonly retryable: boolean,
  ) {
    super(`alert delivery failed: ${code}`);
    this.name = 'NotifyError';
  }
}

/** The error code to store for any failure; unknown errors become `ERROR`. */
export function notifyErrorCode(error: unknown): string {
  return error instanceof NotifyError && /^[A-Z][A-Z0-9_]{0,63}$/.test(error.code)
    ? error.code
    : 'ERROR';
}
