/**
 * `user create` (seller roles, in an organization) and `staff create` (our staff, no
 * organization). The account is created `invited`; the identity module's invitation use case
 * puts a single-use link in the mail outbox (sealed). Nothing secret is printed: the id only.
 */
import { z } from 'zod';
import { SELLER_ROLES, STAFF_ROLES } from '../../access/index.js';
import type { UserRole } from '../../storage/index.js';
import {
  notFound,
  oneOf,
  requiredId,
  requiredString,
  UsageError,
  type Command,
  type CommandRun,
} from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { CliExit, writeLine } from '../cli-io.js';

const emailSchema = z.email().max(254);

/** Trimmed and lower-cased, as the identity module stores and looks emails up. */
function emailOption(values: CommandRun['values']): string {
  const parsed = emailSchema.safeParse(requiredString(values, 'email').toLowerCase());
  if (!parsed.success) throw new UsageError('--email is not an email address');
  return parsed.data;
}

async function createInvitedUser(
  context: CliContext,
  email: string,
  role: UserRole,
  organizationId: string | null,
): Promise<string> {
  const identity = await context.identity();
  return identity.services.team.invite(
    { kind: 'cli' },
    { organizationId, email, role },
    { requestId: context.requestId, ip: '127.0.0.1' },
  );
}

export const userCreate: Command = {
  name: 'user create',
  synopsis: `--org <id> --email <email> --role <${SELLER_ROLES.join('|')}>`,
  options: { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
  check: (values) => {
    requiredId(values, 'org');
    emailOption(values);
    oneOf(values, 'role', SELLER_ROLES);
  },
  run: async ({ context, values, stdout }) => {
    const organizationId = requiredId(values, 'org');
    const org = await context.db
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', organizationId)
      .executeTakeFirst();
    if (org === undefined) throw notFound();
    const role = oneOf(values, 'role', SELLER_ROLES);
    const id = await createInvitedUser(context, emailOption(values), role, org.id);
    writeLine(
      stdout,
      `user ${id} created (invited, role ${role}); invitation queued in the outbox`,
    );
    return CliExit.OK;
  },
};

export const staffCreate: Command = {
  name: 'staff create',
  synopsis: `--email <email> --role <${STAFF_ROLES.join('|')}>`,
  options: { email: { type: 'string' }, role: { type: 'string' } },
  check: (values) => {
    emailOption(values);
    oneOf(values, 'role', STAFF_ROLES);
  },
  run: async ({ context, values, stdout }) => {
    const role = oneOf(values, 'role', STAFF_ROLES);
    const id = await createInvitedUser(context, emailOption(values), role, null);
    writeLine(
      stdout,
      `staff user ${id} created (invited, role ${role}); invitation queued in the outbox`,
    );
    return CliExit.OK;
  },
};
