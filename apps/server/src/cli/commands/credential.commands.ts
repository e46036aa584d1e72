/**
 * Ending a user's access: `mfa reset`, `sessions revoke`, `devices revoke`. Sessions go through
 * the identity module's use case; MFA reset and device revocation have no admin use case there
 * yet, so they run here, each change in one transaction with its audit entry.
 */
import type { Transaction } from 'kysely';
import { AuditAction, AuditTargetType } from '../../audit/index.js';
import type { Database } from '../../storage/index.js';
import { CLI_ACTOR } from '../cli-audit.js';
import { idOption, notFound, requiredId, type Command } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { CliExit, writeLine } from '../cli-io.js';

const REASON = 'admin';

async function findUser(context: CliContext, id: string) {
  const user = await context.db
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (user === undefined) throw notFound();
  return { id: user.id, organizationId: user.organization_id };
}

async function revokeSessions(trx: Transaction<Database>, userId: string, now: number) {
  const result = await trx
    .updateTable('sessions')
    .set({ revoked_at: now, revoke_reason: REASON })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const mfaReset: Command = {
  name: 'mfa reset',
  synopsis: '--user <id>',
  options: { user: { type: 'string' } },
  check: (values) => void requiredId(values, 'user'),
  run: async ({ context, values, stdout }) => {
    const user = await findUser(context, requiredId(values, 'user'));
    const now = context.clock();
    const sessions = await context.audit.withAuditedTransaction(
      {
        actor: CLI_ACTOR,
        action: AuditAction.MFA_RESET,
        organizationId: user.organizationId,
        target: { type: AuditTargetType.USER, id: user.id },
        outcome: 'success',
        requestId: context.requestId,
      },
      async (trx) => {
        await trx
          .updateTable('users')
          .set({
            mfa_secret_ciphertext: null,
            mfa_secret_key_id: null,
            mfa_enrolled_at: null,
            mfa_last_used_step: null,
            failed_mfa_count: 0,
            updated_at: now,
          })
          .where('id', '=', user.id)
          .execute();
        await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
        // A reset follows a lost or stolen factor: sessions made with it end too.
        return revokeSessions(trx, user.id, now);
      },
    );
    writeLine(
      stdout,
      `user ${user.id}: MFA reset (enrolment due at next sign-in), ${String(sessions)} session(s) revoked`,
    );
    return CliExit.OK;
  },
};

export const sessionsRevoke: Command = {
  name: 'sessions revoke',
  synopsis: '--user <id>',
  options: { user: { type: 'string' } },
  check: (values) => void requiredId(values, 'user'),
  run: async ({ context, values, stdout }) => {
    const user = await findUser(context, requiredId(values, 'user'));
    const identity = await context.identity();
    const count = await identity.services.sessions.revokeAllForUser(
      user.id,
      REASON,
      { userId: null, organizationId: user.organizationId },
      { requestId: context.requestId, ip: '127.0.0.1' },
    );
    writeLine(stdout, `user ${user.id}: ${String(count)} session(s) revoked`);
    return CliExit.OK;
  },
};

export const devicesRevoke: Command = {
  name: 'devices revoke',
  synopsis: '--user <id> [--device <id>]',
  options: { user: { type: 'string' }, device: { type: 'string' } },
  check: (values) => {
    requiredId(values, 'user');
    idOption(values, 'device');
  },
  run: async ({ context, values, stdout }) => {
    const user = await findUser(context, requiredId(values, 'user'));
    const deviceId = idOption(values, 'device');
    const now = context.clock();
    const count = await context.audit.withAuditedTransaction(
      {
        actor: CLI_ACTOR,
        action: AuditAction.DEVICE_REVOKE,
        organizationId: user.organizationId,
        target:
          deviceId === undefined
            ? { type: AuditTargetType.USER, id: user.id }
            : { type: AuditTargetType.DEVICE, id: deviceId },
        outcome: 'success',
        reasonCode: 'ADMIN',
        requestId: context.requestId,
      },
      async (trx) => {
        let query = trx
          .updateTable('devices')
          .set({ revoked_at: now, revoke_reason: REASON })
          .where('user_id', '=', user.id)
          .where('revoked_at', 'is', null);
        if (deviceId !== undefined) {
          const device = await trx
            .selectFrom('devices')
            .select('id')
            .where('id', '=', deviceId)
            .where('user_id', '=', user.id)
            .executeTakeFirst();
          if (device === undefined) throw notFound();
          query = query.where('id', '=', deviceId);
        }
        return Number((await query.executeTakeFirst()).numUpdatedRows);
      },
    );
    writeLine(stdout, `user ${user.id}: ${String(count)} device(s) revoked`);
    return CliExit.OK;
  },
};
