import { redacted } from './redaction-marker.js';
import { keepPrefix, rule, type TextRule } from './text-rule.js';

/**
 * Secrets and emails: distinctive shapes, matched anywhere in any string, before anything
 * else so that no later rule can split them.
 */

/** Base64/base64url/percent-encoded token characters. */
const TOKEN_CHARS = String.raw`[A-Za-z0-9\-_+/=%.~]`;

/**
 * LWA access (`Atza|`), refresh (`Atzr|`) and restricted data tokens (`Atz.sprdt|`), also
 * URL-encoded (`Atza%7C…`). The label tells which kind leaked, not its value.
 */
const LWA_TOKEN = rule(
  'lwa-token',
  new RegExp(String.raw`Atz[A-Za-z.]{0,16}(?:\||%7[Cc])${TOKEN_CHARS}+`, 'g'),
  { rewrite: (match) => redacted(lwaKind(match[0])), needles: ['Atz'] },
);

function lwaKind(token: string): string {
  if (token.startsWith('Atza')) return 'lwa-access-token';
  if (token.startsWith('Atzr')) return 'lwa-refresh-token';
  if (token.startsWith('Atz.sprdt')) return 'rdt';
  return 'lwa-token';
}

/** LWA client secret: `amzn1.oa2-cs.v1.<hex>`. The client id (`amzn1.application-oa2-client.`) is not secret. */
const LWA_CLIENT_SECRET = rule('lwa-client-secret', /amzn1\.oa2-cs\.[A-Za-z0-9.]+/g, {
  needles: ['amzn1.oa2-cs'],
});

/** AWS access key ids (long-term `AKIA`, temporary `ASIA`). */
const AWS_ACCESS_KEY = rule(
  'aws-key',
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  { needles: ['AKIA', 'ASIA'] },
);

/** JWT/JWS/JWE: a base64url JSON header always starts `eyJ` (`{"`), then 2–4 more segments. */
const JWT = rule(
  'jwt',
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){0,3}/g,
  { needles: ['eyJ'] },
);

/** `scheme://user:password@host`: the user info goes, scheme and host stay. */
const URL_CREDENTIALS = rule(
  'credentials',
  /(?<pre>(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/)[^\s/@:]{0,256}:[^\s/@]{1,256}(?=@)/g,
  { rewrite: keepPrefix, needles: ['://'] },
);

/**
 * `Bearer <token>` (16+ token characters, so prose like "bearer of" survives) and
 * `Basic <base64>` (must contain a digit, `+`, `/` or `=`, so "Basic authentication" survives).
 */
const BEARER = rule(
  'token',
  new RegExp(String.raw`(?<pre>(?<![\p{L}\p{N}_])[Bb]earer[ \t]+)${TOKEN_CHARS}{16,}`, 'gu'),
  { rewrite: keepPrefix, needles: ['earer'] },
);
const BASIC = rule(
  'credentials',
  /(?<pre>(?<![\p{L}\p{N}_])Basic[ \t]+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}/gu,
  { rewrite: keepPrefix, needles: ['Basic'] },
);

/**
 * The OS user name in home-directory paths (`/Users/jane`, `C:\Users\Jane Doe`, `/home/jane`):
 * desktop crash stacks carry it, and it is often the seller's real name.
 */
const HOME_DIRECTORY_USER = rule(
  'user',
  /(?<=[\\/]{1,2}(?:Users|home)[\\/]{1,2})[^\\/\r\n:*?"<>|]{1,64}/gu,
  { needles: ['Users', 'home'] },
);

/**
 * Emails, including URL-encoded `%40`. The local part takes the RFC 5322 atext characters
 * except `=`, `?`, `&` and `/`, which in logs are query-string and path structure far more
 * often than part of an address (`?to=jane@x.com` keeps `?to=`). An address that really uses
 * them keeps the part before that character; the rest, with the domain, is masked. The
 * top-level label must start with a letter, so `pkg@1.2.3` (a version) is not an address.
 */
const EMAIL_LOCAL = String.raw`[\p{L}\p{N}!#$%'*+^_\u0060{|}~.\-]`;
const EMAIL = rule(
  'email',
  new RegExp(
    String.raw`(?<!${EMAIL_LOCAL})(?:${EMAIL_LOCAL}+|(?<=[=?&/]))(?:@|%40)[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}[\p{L}\p{N}\-]*`,
    'gu',
  ),
  { needles: ['@', '%40'] },
);

/** In order: URL credentials before emails (`user:pw@host` is not an email). */
export const SECRET_RULES: readonly TextRule[] = [
  LWA_TOKEN,
  LWA_CLIENT_SECRET,
  AWS_ACCESS_KEY,
  JWT,
  URL_CREDENTIALS,
  BEARER,
  BASIC,
  HOME_DIRECTORY_USER,
];

export const EMAIL_RULES: readonly TextRule[] = [EMAIL];
