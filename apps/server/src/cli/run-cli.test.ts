import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createDatabase, type DatabaseHandle } from '../storage/index.js';
import { runCli } from './run-cli.js';

interface Captured {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const EMAIL = 'Ops.Lead@Example.test';

describe('parcel-admin (SQLite, demo mode)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const outputs: string[] = [];

  async function cli(...argv: string[]): Promise<Captured> {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      env,
      stdout: { write: (chunk: string) => (out += chunk) },
      stderr: { write: (chunk: string) => (err += chunk) },
    });
    outputs.push(out, err);
    return { code, out, err };
  }

  async function withDatabase<T>(use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
    const handle = createDatabase(loadConfig(env).database);
    try {
      return await use(handle);
    } finally {
      await handle.close();
    }
  }

  const idIn = (text: string, noun: string): string => {
    const match = new RegExp(`${noun} ([0-9a-f-]{36}) created`).exec(text);
    if (match?.[1] === undefined) throw new Error(`no ${noun} id in output`);
    return match[1];
  };

  let orgId = '';
  let userId = '';

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'parcel-admin-'));
    env = { SERVER_MODE: 'demo', DATA_DIR: dataDir };
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints usage with exit code 2 for an unknown command or a bad option', async () => {
    const unknown = await cli('users', 'destroy');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Usage:');
    expect(unknown.err).toContain('parcel-admin org create --name <name>');

    const badRole = await cli(
      'user',
      'create',
      '--org',
      'x',
      '--email',
      'a@b.test',
      '--role',
      'god',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('--role must be one of owner, operator, viewer');

    const extra = await cli('org', 'create', '--name', 'A', '--bogus', 'secret-value-123');
    expect(extra.code).toBe(2);
    expect(extra.err).not.toContain('secret-value-123');
  });

  it('creates an organization and invites a user through the mail outbox', async () => {
    const org = await cli('org', 'create', '--name', 'Acme Parcels');
    expect(org.code).toBe(0);
    orgId = idIn(org.out, 'organization');

    const user = await cli('user', 'create', '--org', orgId, '--email', EMAIL, '--role', 'owner');
    expect(user.code, user.err).toBe(0);
    userId = idIn(user.out, 'user');
    expect(user.out).not.toContain('@');
    expect(user.out).not.toMatch(/token|#/);

    const again = await cli('user', 'create', '--org', orgId, '--email', EMAIL, '--role', 'viewer');
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('CONFLICT') as string });
    const missingOrg = await cli(
      'user',
      'create',
      '--org',
      'nope',
      '--email',
      'x@y.test',
      '--role',
      'viewer',
    );
    expect(missingOrg.code).toBe(1);
    expect(missingOrg.err).toContain('NOT_FOUND');

    const staff = await cli('staff', 'create', '--email', 'help@ours.test', '--role', 'support');
    expect(staff.code).toBe(0);

    const mail = await withDatabase(({ db }) =>
      db.selectFrom('outbox_mail').select(['template', 'recipient']).execute(),
    );
    expect(mail).toEqual([
      { template: 'invitation', recipient: EMAIL.toLowerCase() },
      { template: 'invitation', recipient: 'help@ours.test' },
    ]);
  });

  it('exports an access review with the users, roles, status and MFA state', async () => {
    const json = await cli('access-review', 'export', '--org', orgId, '--format', 'json');
    expect(json.code).toBe(0);
    const review = JSON.parse(json.out) as { users: Record<string, unknown>[] };
    expect(review.users).toEqual([
      expect.objectContaining({
        userId,
        organizationId: orgId,
        email: EMAIL.toLowerCase(),
        role: 'owner',
        status: 'invited',
        lastSignInAt: null,
        mfaEnrolled: false,
      }),
    ]);

    const csv = await cli('access-review', 'export');
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\r\n');
    expect(lines[0]).toBe(
      'userId,organizationId,email,role,status,lastSignInAt,mfaEnrolled,locked,createdAt',
    );
    expect(lines).toHaveLength(3);
    expect(csv.out).toContain(`${userId},${orgId},${EMAIL.toLowerCase()},owner,invited,,false`);
  });

  it('revokes sessions and devices, and resets MFA', async () => {
    const now = Date.now();
    await withDatabase(async ({ db }) => {
      await db
        .insertInto('sessions')
        .values(
          [1, 2].map((n) => ({
            id_hash: `hash-${String(n)}`,
            user_id: userId,
            created_at: now,
            last_seen_at: now,
            absolute_expires_at: now + 3_600_000,
            mfa_verified_at: now,
            revoked_at: null,
            revoke_reason: null,
          })),
        )
        .execute();
      await db
        .insertInto('devices')
        .values({
          id: 'device-1',
          user_id: userId,
          label: 'laptop',
          refresh_token_hash: 'r1',
          refresh_expires_at: now + 3_600_000,
          created_at: now,
        })
        .execute();
    });

    const sessions = await cli('sessions', 'revoke', '--user', userId);
    expect(sessions.code, sessions.err).toBe(0);
    expect(sessions.out).toContain('2 session(s) revoked');

    const unknownDevice = await cli('devices', 'revoke', '--user', userId, '--device', 'other');
    expect(unknownDevice.code).toBe(1);
    const devices = await cli('devices', 'revoke', '--user', userId, '--device', 'device-1');
    expect(devices.out).toContain('1 device(s) revoked');

    const mfa = await cli('mfa', 'reset', '--user', userId);
    expect(mfa.code).toBe(0);
    expect(mfa.out).toContain('MFA reset');

    const open = await withDatabase(({ db }) =>
      db.selectFrom('sessions').select('id_hash').where('revoked_at', 'is', null).execute(),
    );
    expect(open).toEqual([]);
  });

  it('rotates a key, lists alerts, checkpoints and verifies a clean trail', async () => {
    const rotated = await cli('keys', 'rotate', '--name', 'auditSigningKey');
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toMatch(/^key auditSigningKey rotated: current version \S+\n$/);

    const alerts = await cli('alerts', 'list', '--open');
    expect(alerts).toMatchObject({ code: 0, out: '0 alert(s)\n' });

    const checkpoint = await cli('audit', 'checkpoint');
    expect(checkpoint.out).toMatch(/^checkpoint at seq \d+ signed with key \S+\n$/);

    const verify = await cli('audit', 'verify');
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain('OK: chain intact');

    const entries = await withDatabase(({ db }) =>
      db.selectFrom('audit_entries').select(['action', 'actor_kind', 'outcome']).execute(),
    );
    expect(new Set(entries.map((entry) => entry.actor_kind))).toEqual(new Set(['cli']));
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'organization.create',
        'user.create',
        'user.invite',
        'access-review.export',
        'session.revoke-all',
        'device.revoke',
        'mfa.reset',
        'key.rotate',
        'audit.verify',
      ]),
    );
  });

  it('exports the trail to a 0600 file, records it, and verifies the trail against it', async () => {
    const exportDir = join(dataDir, 'exports');
    mkdirSync(exportDir);
    const file = join(exportDir, 'audit-export.jsonl');
    const missing = await cli('audit', 'export');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--out is required');

    const exported = await cli('audit', 'export', '--out', file);
    expect(exported.code, exported.err).toBe(0);
    const [line, ...rest] = exported.out.split('\n');
    expect(rest).toEqual(['']);
    expect(line).toMatch(
      /^audit export: \d+ entries \(last seq \d+\), \d+ checkpoints, \d+ public key\(s\) written to /,
    );
    expect(line?.endsWith(` written to ${file}`)).toBe(true);
    expect(exported.out).not.toMatch(/[0-9a-f]{64}|cli-|\{/); // counts and the path only
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      record: 'header',
      type: 'spapi-audit-export',
    });
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ record: 'end' });

    const again = await cli('audit', 'export', '--out', file);
    expect(again.code).toBe(1);
    expect(again.err).toContain('(EEXIST)');

    const verify = await cli('audit', 'verify', '--against', file);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain('OK: chain intact');
    expect(verify.out).toContain('OK: every exported entry and checkpoint is in the trail');

    const forged = join(exportDir, 'forged.jsonl');
    writeFileSync(
      forged,
      lines
        .map((line) => {
          const record = JSON.parse(line) as { record: string; signature?: string };
          if (record.record !== 'checkpoint' || record.signature === undefined) return line;
          const bytes = Buffer.from(record.signature, 'base64');
          bytes[0] = (bytes[0] ?? 0) ^ 1;
          return JSON.stringify({ ...record, signature: bytes.toString('base64') });
        })
        .join('\n') + '\n',
    );
    const tampered = await cli('audit', 'verify', '--against', forged);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/export-bad-signature/);

    const garbage = join(exportDir, 'garbage.jsonl');
    writeFileSync(garbage, 'not an export\n');
    const invalid = await cli('audit', 'verify', '--against', garbage);
    expect(invalid.code).toBe(2);
    expect(invalid.out).toBe(
      `audit verify could not run: export ${garbage}: line 1: not a JSON object\n`,
    );

    const entries = await withDatabase(({ db }) =>
      db
        .selectFrom('audit_entries')
        .select(['action', 'outcome', 'reason_code', 'details_json'])
        .where('action', 'in', ['audit.export', 'audit.verify'])
        .orderBy('seq')
        .execute(),
    );
    expect(entries.map((e) => [e.action, e.outcome, e.reason_code])).toEqual([
      ['audit.verify', 'success', null], // the earlier plain verify
      ['audit.export', 'success', null],
      ['audit.export', 'failure', 'EEXIST'],
      ['audit.verify', 'success', null],
      ['audit.verify', 'failure', 'AUDIT_TAMPERED'],
    ]);
    expect(JSON.parse(entries[1]?.details_json ?? '')).toMatchObject({
      entries: expect.any(Number) as number,
      checkpoints: expect.any(Number) as number,
    });
    expect(JSON.parse(entries[3]?.details_json ?? '')).toEqual({ againstExport: true });
  });

  it('never prints a secret', () => {
    const document = JSON.parse(readFileSync(join(dataDir, 'demo-secrets.json'), 'utf8')) as {
      secrets: Record<string, { value: string }[]>;
    };
    const secrets = Object.values(document.secrets).flatMap((versions) =>
      versions.map((version) => version.value),
    );
    expect(secrets.length).toBeGreaterThan(0);
    const printed = outputs.join('\n');
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(printed).not.toMatch(/token=|\$argon2/);
  });
});
