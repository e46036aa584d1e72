/**
 * Key-based masking: a property whose key names PII or a secret loses its whole value,
 * whatever the value looks like. Keys are compared normalised (lower case, without `-`, `_`,
 * `.` and spaces), so `BuyerName`, `buyer_name` and `buyer-name` are one key, and so are
 * `x-amz-access-token` and `xAmzAccessToken`.
 *
 * Bias: when a key might be personal, mask it. An over-masked log line costs a little
 * debugging; a leaked address costs the Restricted Data approval.
 */

function words(list: string): readonly string[] {
  return list.split(/\s+/).filter((word) => word !== '');
}

/** Exact keys by label; the label is also what the redaction marker says. */
const EXACT_KEYS = {
  name: words(`
    name fullname firstname lastname middlename givenname familyname surname nickname
    displayname username legalname companyname
  `),
  email: words('email mail emailaddress'),
  phone: words('phone tel telephone mobile cell fax phonenumber'),
  address: words(`
    address street streetname streetnumber streetaddress housenumber line1 line2 line3
    city town county district districtorcounty municipality neighborhood neighbourhood
    complement stateorregion geocoordinates latitude longitude addressinstruction
    addressinstructions dropofflocation deliverypreference deliverypreferences
    deliveryinstructions shipto billto
  `),
  'postal-code': words('zip plz postalcode postcode zipcode'),
  'buyer-info': words(`
    buyer customer recipient purchaseordernumber customizedurl regulatedinformation
  `),
  'tax-info': words('taxid vatnumber taxinfo taxregistrationattributes'),
  secret: words('password passwd pwd pass secret auth rdt sid jwt'),
} as const;

/** Suffix and prefix rules, tried in order after the exact keys. */
const PATTERN_KEYS: readonly (readonly [RegExp, string])[] = [
  [/tokens?$/, 'token'],
  [
    /(?:secret|password|passwd|passphrase|apikey|privatekey|secretkey|signingkey|encryptionkey|credential|cookie|authorization|sessionid|otp|mfacode|oauthcode|authcode|authorizationcode|recoverycode|backupcode|xamzsignature)s?$/,
    'secret',
  ],
  [/(?:email|emailaddress)$/, 'email'],
  [/(?:phone|phonenumber|telephone|mobilenumber|faxnumber)$/, 'phone'],
  [/(?:postalcode|zipcode|postcode)$/, 'postal-code'],
  [/giftmessage/, 'gift-message'],
  [/^(?:buyertax|taxregistration)/, 'tax-info'],
];

/** Keys ending in `name` / `address` that name things, not people or places. */
const NOT_PERSONAL = new Set(
  words(`
  hostname filename pathname basename dirname channelname marketplacename eventname servicename
  operationname tablename rolename keyname classname functionname methodname typename fieldname
  appname applicationname productname itemname bucketname queuename metricname tagname brandname
  modelname routename paramname parametername headername cookiename scopename permissionname
  providername regionname envname environmentname platformname osname browsername modulename
  packagename jobname taskname stepname actionname errorname algorithmname loggername
  processname threadname columnname indexname schemaname databasename dbname servername
  domainname currencyname languagename localename reportname ipaddress remoteaddress
  localaddress macaddress serveraddress bindaddress listenaddress hostaddress socketaddress
  proxyaddress baseaddress
`),
);

const PERSONAL_SUFFIXES: readonly (readonly [RegExp, string])[] = [
  [/^addressline\d*$|address$/, 'address'],
  [/name$/, 'name'],
  [/^(?:buyer|recipient)/, 'buyer-info'],
];

/**
 * `code` is an error code in most records (`AppError.code`, Amazon's `errors[].code`) but the
 * OAuth authorization code in a callback query. Values shaped like error codes are kept:
 * SCREAMING_SNAKE up to 16 characters or with an underscore, lower snake/dotted words,
 * PascalCase words, or a number. Anything else (an LWA code is ~20 random mixed-case
 * characters with digits) is masked.
 */
const ERROR_CODE_SHAPE =
  /^(?:[A-Z][A-Z0-9]{0,15}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z]+(?:[._][a-z]+)*|(?:[A-Z][a-z]+)+|\d{1,6})$/;
const GUARDED_CODE_KEY = 'code';
const MAX_KEY_LENGTH = 128;

export interface SensitiveKey {
  readonly label: string;
  /** True when this particular value may stay (null, or an error-shaped `code`). */
  readonly keeps: (value: unknown) => boolean;
}

export type KeyClassifier = (key: string) => SensitiveKey | undefined;

export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.-]/g, '');
}

const keepsAbsent = (value: unknown): boolean => value === null || value === undefined;

const keepsErrorCode = (value: unknown): boolean =>
  keepsAbsent(value) ||
  typeof value === 'number' ||
  (typeof value === 'string' && value.length <= 64 && ERROR_CODE_SHAPE.test(value));

function buildExactTable(extraKeys: readonly string[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const [label, keys] of Object.entries(EXACT_KEYS)) {
    for (const key of keys) table.set(key, label);
  }
  for (const key of extraKeys) table.set(normalizeKey(key), 'custom');
  return table;
}

function labelOf(normalized: string, exact: ReadonlyMap<string, string>): string | undefined {
  const exactLabel = exact.get(normalized);
  if (exactLabel !== undefined) return exactLabel;
  for (const [pattern, label] of PATTERN_KEYS) if (pattern.test(normalized)) return label;
  if (NOT_PERSONAL.has(normalized)) return undefined;
  for (const [pattern, label] of PERSONAL_SUFFIXES) if (pattern.test(normalized)) return label;
  return undefined;
}

/** Identifier-like keys repeat in every log line; their verdicts are memoised (bounded). */
const CACHEABLE_KEY = /^[A-Za-z_$][\w$.-]{0,63}$/;
const CACHE_LIMIT = 4096;

/** Builds the key rules; `extraKeys` are exact names (normalised like the built-in ones). */
export function createKeyClassifier(extraKeys: readonly string[] = []): KeyClassifier {
  const exact = buildExactTable(extraKeys);
  const cache = new Map<string, SensitiveKey | null>();

  function classifyUncached(key: string): SensitiveKey | undefined {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
    const normalized = normalizeKey(key);
    if (normalized === GUARDED_CODE_KEY && !exact.has(normalized)) {
      return { label: 'code', keeps: keepsErrorCode };
    }
    const label = labelOf(normalized, exact);
    return label === undefined ? undefined : { label, keeps: keepsAbsent };
  }

  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const verdict = classifyUncached(key);
    if (CACHEABLE_KEY.test(key)) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, verdict ?? null);
    }
    return verdict;
  };
}
