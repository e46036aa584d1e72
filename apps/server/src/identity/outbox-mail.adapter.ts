/**
 * {@link MailPort} that writes to `outbox_mail`: the demo portal shows these rows; in
 * production a sender drains them. Subject and parameters (single-use links) are sealed.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import type { Clock, MailPort, SecretSealer } from './identity.ports.js';

const SUBJECTS = {
  invitation: 'You are invited',
  'password-reset': 'Reset your password',
} as const;

export function outboxAssociatedData(id: string): string {
  return `outbox_mail.payload:${id}`;
}

export function createOutboxMailer(
  db: Kysely<Database>,
  sealer: SecretSealer,
  clock: Clock,
): MailPort {
  return {
    async send({ to, template, params }) {
      const id = randomUUID();
      const now = clock();
      const payload = JSON.stringify({ subject: SUBJECTS[template], params });
      const sealed = sealer.seal(payload, outboxAssociatedData(id));
      await db
        .insertInto('outbox_mail')
        .values({
          id,
          template,
          recipient: to,
          payload_ciphertext: sealed.ciphertext,
          payload_key_id: sealed.keyId,
          created_at: now,
          next_attempt_at: now,
        })
        .execute();
    },
  };
}
