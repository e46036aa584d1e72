/**
 * The demo channel: the `alerts` table is the outbox. Delivering marks the row notified; the
 * portal and `admin alerts list` show the table. Nothing leaves the machine, which is why
 * production requires the webhook instead.
 */
import type { Notifier } from './notifier.port.js';

export function createOutboxNotifier(): Notifier {
  return { channel: 'outbox', deliver: () => Promise.resolve() };
}
