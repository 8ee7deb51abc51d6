/**
 * Secret-named keys: `DB_PASSWORD`, `apiKey`, `client-secret`, `PGPASSWORD`. What a name says is
 * the key grammar's to decide (key-grammar.ts); `password_policy`, `token_column`, `secret_arn` and
 * `DB_PASSWORD_FILE` hold no secret because their last word says what the value really is.
 */
import type { Detector, DetectorContext, DetectorMatch } from '../types.js';
import { namesAlgorithm } from './algorithm-names.js';
import { isCartToken, isFernetKey, isSampleJwt, isSshPublicKey, isUnsignedJwt } from './formats/structure.js';
import { type ShapedSecret, isEnvName, namesAuthPair, namesConnection, namesEnvPassword, namesFernet, namesPassword, namesForeignPassword, namesKeyVendor, namesLogon, namesLooseKey, namesLooseSecret, namesPepper, namesSecret, namesShapedSecret, namesSystemForm, namesTokenOrKey, namesWebhook, isVendorKeyName, keyWords } from './key-grammar.js';
import { isDefaultCredential } from './placeholder-grammar.js';
import { urlPasswordDetector } from './connection-strings.js';
import { EMAIL_ADDRESS } from './formats/define.js';
import { logonStringPassword } from './cli-passwords.js';
import { COSMOS_EMULATOR_KEY, DOCUMENTED_SAS_SIGNATURES, EMULATOR_ACCOUNT_KEY, holdsCountingRun, isBasicWithoutSecret, isPlaceholder, namesAState, saysHowHandled } from './placeholders.js';
import { detectTokensUnderKey, mayNameToken } from './tokens.js';
import { csvSecretCells } from './csv-rows.js';
import { countsEveryOther, isFilledToken } from './filled-tokens.js';
import { isCapitalPhrase, isCodeShaped } from './code-shapes.js';
import { isTextbookPassword, looksLikeWord, madeByPerson, namesPasswordCase } from './person-made.js';

const cache = new Map<string, boolean>();
const pairCache = new Map<string, boolean>();

function cached(map: Map<string, boolean>, key: string, test: (key: string) => boolean): boolean {
  let hit = map.get(key);
  if (hit === undefined) {
    hit = test(key);
    if (map.size < 10_000) map.set(key, hit);
  }
  return hit;
}

export function isSecretKeyName(key: string): boolean {
  return cached(cache, key, namesSecret);
}

/**
 * The name a `value` is read under when its object only wraps it: the object's own key, when that may name a secret (mayNameSecret)
 * (`"password": {"type": "SecureString", "value": "…"}`, Azure Data Factory's and Synapse's linked services, red team 162;
 * `"db_password": {"sensitive": true, "type": "string", "value": "…"}`, Terraform's outputs). Undefined otherwise.
 */
export function wrappingSecretName(key: string | undefined, object: unknown): string | undefined {
  return key === 'value' && typeof object === 'string' && mayNameSecret(object) ? object : undefined;
}

const foreignCache = new Map<string, boolean>();

/** A name whose secret word is "password" in another language (namesForeignPassword): one look per name. */
export function isForeignPasswordName(key: string): boolean {
  return cached(foreignCache, key, namesForeignPassword);
}

const gateCache = new Map<string, boolean>();

/**
 * A key under which secret-key-name may find something, whatever the value's siblings: a secret's
 * name, a user and password pair's, a bare Fernet key's, a bare `auth`'s or `access`'s, a token
 * format's (`discord`, `sfdc_session`), a Teradata logon string's (`TD_LOGON`), a connection's (`ORACLE_CONN`).
 * The context gate asks it of nearly every value: one look per key name.
 */
export function mayNameSecret(key: string): boolean {
  return cached(gateCache, key, (k) => namesCredentialFirmly(k) || namesBareCredential(k) || namesSecretList(k) || isLooseKeyName(k) || namesLogon(k) || namesConnection(k));
}

/** A secret's name, a user and password pair's, a bare Fernet key's or a token vendor's: not only a loose `auth` or `access`. */
function namesCredentialFirmly(key: string): boolean {
  return isSecretKeyName(key) || isAuthPairKeyName(key) || namesFernet(key) || mayNameToken(key);
}

/**
 * The shortest value secret-key-name takes under a key that names a credential only loosely (`auth`,
 * `access`: see namesBareCredential and readsLikeAuthToken). Every model of a v12 manifest has
 * `"access": "protected"` twice: without this floor each went through the detectors (density +2.8 %).
 */
export const BARE_TOKEN_MIN = 16;

/** Whether secret-key-name may find something in a value of (at most) `length` characters under `key`. */
export function mayHoldSecretUnder(key: string, length: number): boolean {
  return mayNameSecret(key) && (length >= BARE_TOKEN_MIN || !cached(bareOnlyCache, key, namesOnlyBareCredential));
}

const systemFormCache = new Map<string, boolean>();

/**
 * What a name of a password for a system (`PASSWORD_SMTP`, `pwd_ldap`: namesSystemForm) holds when it is no password but
 * a setting of that system's (red team 108): a URL, a host with or without its port, a path, a config file, a name in
 * capitals (`COMPUTE_WH`, `AWS_SECRETS_MANAGER`, `TRANSFORMING`), a port set (`Port=587`), a version pinned (`Redis@6.2`),
 * a method of signing in (`scram-sha-256`), a lower-case word (`auth`, `localhost`). Only shapes a password seldom has: red
 * team 109 lost `Admin@123`, `Summer:2024`, `WELCOME_2024`, `P4ss_w0rd_Xy`, `Kq8w3nz7x2pd.dQ` to wider ones.
 */
const SYSTEM_SETTING = new RegExp(
  [
    '://',
    // a host as hosts are written, in lower case, three labels or more, or two and a port (`Summer2024.io` is a password)
    '^[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){1,7}\\.[a-z]{2,24}(?::\\d{1,5})?$',
    '^[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,7}:\\d{1,5}$',
    // a path from its root, home or here; a config file's name
    '^(?:/|~/|\\./|[A-Za-z]:\\\\)',
    '^[a-z0-9_.-]{1,64}\\.(?:conf|cfg|ini|ya?ml|json|toml|pem|crt|env)$',
    // a name in capitals without digits (`COMPUTE_WH`, `AWS_SECRETS_MANAGER`; not `WELCOME_2024`), a port set, a version pinned
    '^[A-Z]{2,32}(?:_[A-Z]{1,32}){0,8}$',
    '^[A-Za-z]{2,32}=\\d{1,6}$',
    '^[A-Za-z][A-Za-z-]{0,31}@\\d{1,4}\\.\\d{1,4}(?:\\.\\d{1,4})?$',
    '^[a-z]{1,32}$',
  ].join('|'),
);
const SIGN_IN_METHOD = /^(?:scram-sha-(?:256|1)|cram-md5|md5|trust|peer|ident|gssapi|sspi|kerberos|radius|cert|pam|ntlm|x?oauth2?|rds_iam|iam)$/i;

function isSystemSetting(v: string): boolean {
  return v.length <= 256 && (SYSTEM_SETTING.test(v) || SIGN_IN_METHOD.test(v));
}

/** A password's word before a system's outside an environment variable's name (`password_mysql`): secret-key-name reads its value when it reads as a generated password. */
export function isSystemPasswordKey(key: string): boolean {
  return !isEnvName(key) && cached(systemFormCache, key, namesSystemForm);
}

/** A key that names a credential only loosely (see namesCredentialFirmly), or a list of them (namesSecretList: its tokens are 16 characters or more). */
function namesOnlyBareCredential(key: string): boolean {
  return (namesBareCredential(key) || namesSecretList(key) || isLooseKeyName(key)) && !namesCredentialFirmly(key);
}

const shapedCache = new Map<string, ShapedSecret | null>();

/** The kind of secret a name holds only in a shape (namesShapedSecret): one look per name. */
function shapedSecretOf(key: string): ShapedSecret | undefined {
  let kind = shapedCache.get(key);
  if (kind === undefined) {
    kind = namesShapedSecret(key) ?? null;
    if (shapedCache.size < 10_000) shapedCache.set(key, kind);
  }
  return kind ?? undefined;
}

/** The fewest base64 characters of a keytab: its header and one entry's principal, type and key (a real one holds hundreds). */
const KEYTAB_MIN = 48;

/** The shortest value of each shape that readsLikeShapedSecret takes. */
const SHAPED_MIN: Readonly<Record<ShapedSecret, number>> = { password: 8, token: 20, session: 20, 'session-cookie': 16, cookie: 16, code: 8, seed: 16, salt: 16, keytab: KEYTAB_MIN, 'secret-id': 16 };

/** Whether secret-key-name may find something under a name that holds a secret only in a shape, in a value of (at most) `length` characters. */
export function mayHoldShapedSecret(key: string, length: number): boolean {
  const kind = shapedSecretOf(key);
  return kind !== undefined && length >= SHAPED_MIN[kind];
}

/**
 * Whether a value under a name of the `kind` (namesShapedSecret) is the secret it may name:
 * - a password, under a word that is "word" in another language: a password's shape (readsLikeEntrySecret) whose words,
 *   if it is made of words, a symbol other than `_`, `-` or `.` joins (`Harborharbor87$`; not `Fatturato_2024`, `Covid19`,
 *   `Benvenuto!`);
 * - under `pass`, a token of 20 characters or more (readsLikeLooseKey: not a test's path, a version or a digest) with a
 *   generator's run in it (RANDOM_RUN): a password of words and dashes (`Tr0ub4dor-9xK2-prod`) is a person's, and under
 *   `pass` alone as likely a fixture's value as a credential;
 * - a session's id: 20 to 128 letters and digits, two or more of each, not words; not a warehouse's: Snowflake's digits, a UUID
 *   (dbt's, Databricks', a query's), a Spark application's or a Trino query's id (`_`), BigQuery's base64 of its
 *   protobuf (`Cg…`), hex digits (a digest); under a web framework's cookie name (`PHPSESSID`) hex digits too;
 * - recovery codes: groups of four or more letters and digits, eight or more in all, two or more of each (`a1b2c-3d4e5`);
 * - a one-time password's seed: base32 (`JBSWY3DPEHPK3PXP`) with two digits or more, or a token;
 * - a keyed salt: a token (readsLikeAuthToken), not a test's (`unit-test-salt`);
 * - a keytab: the file in base64 (readsLikeKeytab);
 * - a Vault AppRole's secret_id: see readsLikeSecretId.
 */
function readsLikeShapedSecret(kind: ShapedSecret, v: string, key: string): boolean {
  switch (kind) {
    case 'password':
      return readsLikeEntrySecret(v) && (!isMostlyWords(v) || /[^A-Za-z0-9_.-]/.test(v));
    case 'token':
      return readsLikeLooseKey(v, key) && RANDOM_RUN.test(v);
    case 'session':
    case 'session-cookie':
      return readsLikeSessionId(v, kind === 'session-cookie');
    case 'cookie':
      return false; // read pair by pair (sessionCookieValues)
    case 'code':
      return v.length <= 64 && RECOVERY_CODE.test(v) && countOf(v, /\d/g) >= 2 && countOf(v, /[A-Za-z]/g) >= 2 && !DATE_IN_VALUE.test(v) && !isMostlyWords(v);
    case 'seed':
      return (BASE32_SEED.test(v) && countOf(v, /[2-7]/g) >= 2) || readsLikeAuthToken(v);
    case 'salt':
      return readsLikeAuthToken(v);
    case 'keytab':
      return readsLikeKeytab(v);
    case 'secret-id':
      return readsLikeSecretId(v);
  }
}

const UUID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID, whole. */
export function isUuid(v: string): boolean {
  return UUID_VALUE.test(v);
}

/**
 * A Vault AppRole's secret_id: a UUID, as Vault generates one, or a token's shape (one given with `custom-secret-id`); a
 * path, a URL or a word is where it is kept or what it is called.
 */
export function readsLikeSecretId(v: string): boolean {
  return isUuid(v) || readsLikeAuthToken(v);
}

const BASE64_VALUE = new RegExp(`^[A-Za-z0-9+/]{${KEYTAB_MIN},16384}={0,2}$`);

/**
 * A Kerberos keytab in base64: the file's first byte is 5, its second the format's version, 1 or 2 (MIT's and Heimdal's
 * `BQI…`), then its entries; what else a keytab's name holds is a path, a principal or a setting.
 */
function readsLikeKeytab(v: string): boolean {
  if (v.length % 4 !== 0 || !BASE64_VALUE.test(v)) return false;
  const head = Buffer.from(v.slice(0, 4), 'base64');
  return head[0] === 5 && (head[1] === 1 || head[1] === 2);
}

const RECOVERY_CODE = /^[A-Za-z0-9]{4,32}(?:[- ][A-Za-z0-9]{4,32}){0,7}$/;
const BASE32_SEED = /^(?:[A-Z2-7]{16,128}|[a-z2-7]{16,128})={0,6}$/;

function countOf(v: string, pattern: RegExp): number {
  return v.match(pattern)?.length ?? 0;
}

/** A ULID (a 48-bit time in Crockford's base32, then 80 random bits) or a CUID (`c`, then a time, a counter and a fingerprint): an application's row id. */
const SORTABLE_ID = /^(?:[0-7][0-9A-HJKMNP-TV-Z]{25}|c[a-z0-9]{24})$/;

/** A session's id that a web server made (see readsLikeShapedSecret); `hex`: hex digits are one too. */
function readsLikeSessionId(v: string, hex: boolean): boolean {
  if (v.length < 16 || v.length > 128 || !/^[A-Za-z0-9]+$/.test(v) || v.startsWith('Cg')) return false;
  if (/^[0-9a-f]+$/i.test(v)) return hex && v.length >= 16 && /\d/.test(v) && /[a-f]/i.test(v);
  return v.length >= 20 && countOf(v, /\d/g) >= 2 && countOf(v, /[A-Za-z]/g) >= 2 && !isMostlyWords(v);
}

/** A cookie's name that holds a session: `session`, `sid`, Express's `connect.sid`, Rails' `_myapp_session`, Django's `sessionid`, `remember_token`, ASP.NET's. */
const SESSION_COOKIE_NAME = /^(?:session|sess|sid|connect\.sid|[\w.-]{0,64}_session|[\w.-]{0,64}sess(?:ion)?_?id|remember_(?:user_)?token|auth_token|\.aspxauth|\.aspnetcore\.(?:session|cookies))$/i;

/** The values in a cookie's `name=value; …` list whose name holds a session or a secret, in a session's or a token's shape: their places in `value`. */
function sessionCookieValues(value: string): { start: number; end: number; name: string }[] {
  const out: { start: number; end: number; name: string }[] = [];
  if (value.length > 8192) return out;
  const pair = /(?:^|;)\s{0,8}([^=;\s]{1,128})=("?)([^;"\s]{1,4096})\2/g;
  for (let m = pair.exec(value); m !== null; m = pair.exec(value)) {
    const name = m[1]!;
    const v = m[3]!;
    if (!SESSION_COOKIE_NAME.test(name) && !isSecretKeyName(name)) continue;
    if (!readsLikeUrlToken(v) || !isRealSecretValue(v, name)) continue;
    const start = m.index + m[0].length - v.length - m[2]!.length;
    out.push({ start, end: start + v.length, name });
  }
  return out;
}

const looseKeyCache = new Map<string, boolean>();

/** A service's key that the vendor lists do not know (`FIVETRAN_KEY`; namesLooseKey): one look per name. */
export function isLooseKeyName(key: string): boolean {
  return cached(looseKeyCache, key, namesLooseKey);
}

/** An Azure storage account's key as its portal shows it: 64 bytes in base64, 88 characters that end `==`. */
const STORAGE_ACCOUNT_KEY = /^[A-Za-z0-9+/]{86}==$/;

/** A vendor's object id (Stripe's `cus_NffrFeUfNV2Hib`, `pi_3MtwBwLkdIwHu7ix28a3tqPa`): a lower-case word and `_` before the body. */
const PREFIXED_ID = /^[a-z]{2,8}_[A-Za-z0-9]{8,40}$/;

/**
 * The value of a key of a service no list knows (isLooseKeyName) that is its secret: a token's shape of 20 characters
 * or more without a `/` or a `.` (no path, no host, no version), not a vendor's object id; 32 hex digits or more only
 * under an environment variable's name (`CENSUS_KEY`, Adzuna's key): under a model's `store_key`, `invoice_key`, a
 * dimension's key, hex digits are dbt_utils.generate_surrogate_key's md5 (red team 74). Under an environment variable's
 * name, an Azure storage account's key too, though base64 holds a `/` (ADLS_KEY, red team 80): see STORAGE_ACCOUNT_KEY.
 * Not padded base64 under any other name (red team 114's `masking_policy_key`): a dimension's `session_key` is as often
 * `to_base64(md5(…))` (dbt-ga4's keys, red team 116).
 */
export function readsLikeLooseKey(value: string, key: string): boolean {
  if (isEnvName(key) && STORAGE_ACCOUNT_KEY.test(value) && readsLikeToken(value)) return true;
  if (value.length < 20 || !readsLikeKeyFlagValue(value) || PREFIXED_ID.test(value)) return false;
  return !/^[0-9a-f]+$/i.test(value) || (value.length >= 32 && isEnvName(key));
}

/**
 * A secret's name in the plural (`api_keys`, `tokens`, `passwords`, `accessTokens`): over a list, each
 * element is one (`api_keys: [old, new]` while a key rotates). A name this general also lists other
 * things (`tokens: [tok_a, tok_b]` of a lexer, `secrets: [DB_PASSWORD]` that a job reads), so an
 * element counts only in a token's shape (readsLikeAuthToken).
 */
export function namesSecretList(key: string): boolean {
  const n = key.length;
  return n > 2 && n <= 128 && (key.charCodeAt(n - 1) | 32) === 115 && (key.charCodeAt(n - 2) | 32) !== 115 && isSecretKeyName(key.slice(0, -1));
}

/** `keys`: a list of a vendor's keys under its name (`{sendgrid: {keys: [old, new]}}`), read with that name as a bare `key` is (see isChildKey). */
export function isChildKeyList(key: string): boolean {
  return key.length === 4 && (key.charCodeAt(3) | 32) === 115 && isChildKey(key.slice(0, 3));
}

const bareOnlyCache = new Map<string, boolean>();

/**
 * `key` or `api`, in either case: a name that says nothing alone (a join's key, a cache's, an
 * endpoint) but under a vendor's name is that vendor's key (`{sendgrid: {key: …}}`, `{mailgun:
 * {api: …}}`; see DetectorContext.parent). Compared in place, no string made: asked of every value
 * the detectors may read.
 */
/**
 * DetectorContext.parent of a cell of a unit test's `dict` rows (`rows: [{token: …}]`): the object is a row, its keys
 * are a table's columns. Fixture data holds `token`, `authorization` and `key` columns of ids and codes (a checkout's
 * token, a payment's authorization code: red team 66, dbt_shopify's seeds): such a column's cell is a secret in a
 * token's shape only, as a CSV row's is; a password column's whatever it reads but a textbook password (red team 115:
 * `hunter2`, `P@ssw0rd`, `letmein`, `Summer2024!` in a fixture's rows are its test data; see isTextbookPassword).
 */
export const ROW_CELL = '\u0000row';

/**
 * A `<thing>_key` column of a model's data: a dimension's surrogate or natural key (`session_key`, `account_key`,
 * `page_view_key`, dbt-ga4's `client_key` of `to_base64(md5(…))`), whose values are ids, not a credential's key (`api_key`,
 * `secret_key`, `private_key`, `storage_account_key`: a word of a credential before `key`). Asked where a value is data —
 * a fixture's rows, a literal selected as a column, a column's documented sample — not of a config's key (red team 116).
 */
export function isDataKeyColumn(name: string): boolean {
  const words = keyWords(name).map((w) => w.toLowerCase());
  if (words.length < 2 || words[words.length - 1] !== 'key' || isVendorKeyName(name)) return false;
  return words.slice(0, -1).every((w) => !CREDENTIAL_KEY_WORDS.has(w));
}

/** Words that make a `…_key` a credential's: what it opens, signs or encrypts, or whose key it is. */
const CREDENTIAL_KEY_WORDS = new Set([
  'api', 'apikey', 'secret', 'access', 'private', 'priv', 'signing', 'sign', 'signature', 'encryption', 'encrypt', 'crypto', 'master',
  'auth', 'app', 'application', 'consumer', 'storage', 'license', 'licence', 'ssh', 'pgp', 'gpg', 'rsa', 'hmac', 'jwt', 'aes',
  'kms', 'service', 'write', 'read', 'publishable', 'deploy', 'webhook', 'bot', 'admin', 'server', 'developer', 'dev', 'partner',
  'integration', 'subscription', 'ingest', 'ingestion', 'product', 'shared', 'sas', 'cipher', 'decryption', 'data',
]);

/** Whether a cell of fixture rows under a secret-named column (or a value assigned to such a name in a cell) is a secret (see ROW_CELL). */
export function isSecretCell(text: string, column: string): boolean {
  const v = text.trim();
  if (!isRealSecretValue(text, column)) return false;
  if (namesPassword(column)) return !isTextbookPassword(v) && !namesPasswordCase(v);
  if (isDataKeyColumn(column)) return false;
  // 32 or 40 hex digits are a digest's or an id's in data (a Shopify order's `token`), unless a password's column; not 64 or
  // 128, as `openssl rand -hex 32` makes a webhook's, an HMAC's or a JWT's secret (review 161: a sha256 of a fixture's
  // token is reported, red team 158's decoy)
  if (/^(?:[0-9a-f]{32}|[0-9a-f]{40})$/i.test(v)) return false;
  // (a wallet's private key: 0x and 64 hex; a `client_secret` a person chose, both cases and a digit or a symbol)
  return readsLikeAuthToken(v) || /^0x[0-9a-f]{32,256}$/i.test(v) || readsLikeBarePassword(v);
}

export function isChildKey(key: string): boolean {
  if (key.length !== 3) return false;
  const a = key.charCodeAt(0) | 32;
  const b = key.charCodeAt(1) | 32;
  const c = key.charCodeAt(2) | 32;
  return (a === 107 && b === 101 && c === 121) || (a === 97 && b === 112 && c === 105);
}

/**
 * A list entry's name and its value, the way environment and property lists are written: ECS's and Kubernetes'
 * `[{name: DB_PASSWORD, value: …}]`, a JDBC or Spark source's `connection_properties: [{name: password, value: …}]`,
 * an HTTP client's `headers: [{key: api_key, value: …}]`. Their value is read under the entry's name when that
 * names a secret (entryNameOf); both walks look only at entries of a list, and at the nearest name before its value,
 * else the first after it.
 */
export const ENTRY_NAME = 1;
export const ENTRY_VALUE = 2;

/**
 * ENTRY_NAME for `name` or `key`, ENTRY_VALUE for `value` (lower case or capitalized) and for `default_value`: a dbt
 * function's argument (`arguments: [{name: api_key, data_type: string, default_value: …}]`, red team 96), else 0.
 */
export function entryKeyKind(key: string): number {
  if (key === 'name' || key === 'Name' || key === 'key' || key === 'Key') return ENTRY_NAME;
  return key === 'value' || key === 'Value' || key === 'default_value' ? ENTRY_VALUE : 0;
}

/** Whether a key of `length` characters may be one entryKeyKind knows: the streamed walk asks it of no other (a ref's `package`). */
export function mayBeEntryKey(length: number): boolean {
  return length <= 5 || length === 13;
}

/**
 * A list entry's value read under its name is a secret only in a secret's shape: a token's, or a password's of 8
 * or more characters mixing lower-case letters and digits with capitals or symbols, not words unless a symbol is in
 * it, or of 10 or more with both cases and a password's symbol, and no date. (assignments.ts's readsLikeQuotedProse
 * is the same test with fewer symbols, `!#$%&*?@^~`.) Such
 * lists map names to settings as often: `[{name: password, value: drop}]` is a masking policy, `{name: api_key,
 * value: X-API-Key}` a header's name, `{Name: PASSWORD, Value: USE_SECRETS_MANAGER}` a switch (red team 52).
 */
export function readsLikeEntrySecret(value: string): boolean {
  if (readsLikeAuthToken(value)) return true;
  if (value.length < 8 || value.length > 256 || /\s/.test(value) || DATE_IN_VALUE.test(value)) return false;
  // (a symbol makes a password of words too: `Falcon#meadow29`; without one, words are a name)
  const symbol = /[^A-Za-z0-9]/.test(value);
  if (/[a-z]/.test(value) && /\d/.test(value) && (symbol || /[A-Z]/.test(value)) && (symbol || !isMostlyWords(value))) return true;
  // no digit: both cases and a password's symbol, ten characters or more, as a generator without digits makes (`abcdefgh!Xyz`,
  // red team 114; a switch or a header's name has none of those symbols)
  return value.length >= 10 && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[!#$%&*?@^~]/.test(value) && !(isMostlyWords(value) && madeByPerson(value));
}

/** A date in a value (`2024-11-03T04:00:00Z`, `run_2024_11_03`): a time a thing was done, not a secret's body. */
export const DATE_IN_VALUE = /(?:19|20)\d\d([-_/.])[01]\d\1[0-3]\d/;

/** A date and a time of day (`scheduled__2024-11-03T04:00:00+00:00`, `run_2024_11_03T04_00_00_backfill`): an Airflow run's id, a timestamp. */
export const TIMESTAMP_IN_VALUE = /(?:19|20)\d\d([-_/.])[01]\d\1[0-3]\d[T ][0-2]\d[:_][0-5]\d/;

/** The name a list entry's value is read under: its name, when that is a secret's (`DB_PASSWORD`, `password`). */
export function entryNameOf(name: string): string | undefined {
  return name.length <= 128 && isSecretKeyName(name) ? name : undefined;
}

const vendorCache = new Map<string, boolean>();

/** Whether a bare `key` or `api` under `parent` is a vendor's key (namesKeyVendor): one look per parent name. */
function isVendorParent(parent: string): boolean {
  return cached(vendorCache, parent, namesKeyVendor);
}

/** The shortest value secret-key-name takes under a vendor's bare `key` or `api` (readsLikeVendorKey takes none shorter). */
const VENDOR_KEY_MIN = 16;

/** Whether secret-key-name may find something under a bare `key` or `api` in an object under `parent`, in a value of (at most) `length` characters. */
export function mayHoldKeyUnder(parent: string | undefined, length: number): boolean {
  return parent !== undefined && length >= VENDOR_KEY_MIN && isVendorParent(parent);
}

/** Hex digits in dashed groups, 32 or more in all: Mailgun's `<32 hex>-<8 hex>-<8 hex>`, a UUID-shaped key. */
const HEX_GROUPS = /^[0-9a-f]{8,64}(?:-[0-9a-f]{4,64}){1,4}$/i;

/**
 * A vendor key's shape under a name as short as `key` or `api`, which an endpoint (`api:
 * https://api.eu.mailgun.net`), a setting or a column name also goes under: a token
 * (readsLikeAuthToken), or 32 or more hex digits in dashed groups with digits and letters.
 */
function readsLikeVendorKey(value: string): boolean {
  if (value.length < VENDOR_KEY_MIN || value.length > 256) return false;
  if (HEX_GROUPS.test(value)) return value.length - (value.split('-').length - 1) >= 32 && /\d/.test(value) && /[a-f]/i.test(value);
  return readsLikeAuthToken(value);
}

/** `auth`, `http_auth`, `credentials`: a key whose array holds a user and a password (`auth: [svc, …]`). */
export function isAuthPairKeyName(key: string): boolean {
  return cached(pairCache, key, namesAuthPair);
}

/**
 * Public halves, certificates and keys made to be published: `ssh-ed25519 AAAA…` (its base64 alone:
 * isSshPublicKey), `-----BEGIN PUBLIC KEY-----`, an age recipient, Stripe's publishable `pk_live_…`, Mapbox's
 * public `pk.eyJ…` tokens and PostHog's project key `phc_…`, Datadog's browser client token `pub` and 32 hex digits (RUM and browser logs' `clientToken`)
 * (all embedded in web pages by design; their secret siblings are `sk_…`, `sk.eyJ…`, `phx_…` and the API and application keys).
 */
const PUBLIC_MATERIAL = /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d{3}|sk-ssh-ed25519@openssh\.com) AAAA|^-----BEGIN (?:[A-Z]+ )?(?:PUBLIC KEY|CERTIFICATE)-----|^age1[a-z0-9]{50,70}$|^pk_(?:live|test)_[A-Za-z0-9]{10,247}$|^pk\.eyJ[A-Za-z0-9_-]{10,1024}\.[A-Za-z0-9_-]{10,256}$|^phc_[A-Za-z0-9]{32,64}$|^pub[0-9a-f]{32}$/;

/** Two to eight runs of capitals joined by underscores (see isMarkerPhrase). */
const CONSTANT_NAME = /^[A-Z]{2,24}(?:_[A-Z]{2,24}){1,7}$/;

/**
 * Words in capitals that mark where a value is kept or that it is not there (`SEE_VAULT`, `REDACTED_BY_SCRUBBER`,
 * `SET_IN_CI`): every part a word, one of them such a marker.
 */
function isMarkerPhrase(v: string): boolean {
  const parts = v.toLowerCase().split('_');
  return parts.some((p) => VALUE_MARKERS.has(p)) && parts.every((p) => VALUE_MARKERS.has(p) || LINKING_WORDS.has(p) || looksLikeWord(p));
}

/** What a marker says of a value: hidden, kept elsewhere, set elsewhere, not there yet (see isMarkerPhrase). */
const VALUE_MARKERS = new Set([
  'redacted', 'scrubbed', 'scrubber', 'masked', 'hidden', 'removed', 'omitted', 'vault', 'keyvault', 'secrets', 'manager', 'sops', 'kms', 'ssm',
  'env', 'environment', 'ci', 'runtime', 'injected', 'provided', 'managed', 'rotated', 'placeholder', 'todo', 'tbd', 'unset', 'dummy', 'fake',
  'sample', 'example', 'see', 'ask', 'use', 'set', 'change', 'fill', 'replace', 'none', 'not', 'demo', 'test', 'sandbox', 'your',
]);
/** Short words a marker's phrase joins its words with, and the names of what it stands for (`DEMO_KEY`, NASA's API's demo key). */
const LINKING_WORDS = new Set([
  'by', 'in', 'at', 'of', 'to', 'on', 'me', 'the', 'for', 'via', 'per', 'is', 'it', 'an', 'a', 'from', 'and', 'or',
  'key', 'api', 'pw', 'pwd', 'pass', 'token', 'secret', 'password',
]);

/**
 * A value encrypted at rest, where a secret's value would go: an Ansible Vault blob
 * (`$ANSIBLE_VAULT;1.1;AES256` and hex lines), a SOPS value (`ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`),
 * hiera-eyaml's `ENC[PKCS7,…]`, HashiCorp Vault transit's `vault:v1:…`, a Fernet token (`gAAAAAB…`: its version byte 0x80
 * and a timestamp, then the IV, the ciphertext and the HMAC, 73 bytes or more; what a model writes after encrypting a
 * secret with Python's cryptography, red team 96), an AWS KMS ciphertext blob (`AQICAH…`: its version and the key's
 * header bytes, then the data key's and the value's ciphertext; red team 99), Jasypt's and Spring's `ENC(<base64>)` (red team
 * 141). Without its key the ciphertext tells
 * nothing; the key lives elsewhere (a KMS, a vault password file; a Fernet key, which namesFernet reads, is one).
 */
const CIPHERTEXT = /^(?:\$ANSIBLE_VAULT;1\.[12];AES256(?:;[A-Za-z0-9_-]{1,64})?\r?\n[0-9a-f\r\n ]{32,8192}$|ENC\[(?:AES256_GCM,data:[A-Za-z0-9+/=]{0,4096},iv:[A-Za-z0-9+/=]{16,64},tag:[A-Za-z0-9+/=]{16,64},type:[a-z]{1,8}|PKCS7,[A-Za-z0-9+/=\s]{16,8192})\]$|vault:v\d{1,4}:[A-Za-z0-9+/]{16,8192}={0,2}$|gAAAAA[A-Za-z0-9_-]{92,8192}={0,2}$|AQICAH[A-Za-z0-9+/]{60,8192}={0,2}$|ENC\([A-Za-z0-9+/]{22,8192}={0,2}\)$)/;

/**
 * A one-way password hash (bcrypt, argon2, sha-crypt, yescrypt, Apache's apr1, passlib's and Django's
 * pbkdf2, Django's legacy salted `sha1$salt$hex` and `md5$salt$hex`): what a system stores instead of a password. The
 * digests are read by their alphabet and a range of lengths, not one length a hash function gives (a pbkdf2_sha1's
 * digest is shorter than a pbkdf2_sha256's; a verifier pasted a character short is no password either: red team 105). It cannot be used to sign in, only attacked
 * offline, so under `password:` it is no leaked credential. PostgreSQL's SCRAM verifier
 * (`SCRAM-SHA-256$4096:salt$StoredKey:ServerKey`, what `ALTER ROLE … PASSWORD` takes pre-hashed) is
 * one too; its `md5…` form is not here: md5 authentication accepts the hash itself. So are
 * Werkzeug's (`pbkdf2:sha256:600000$salt$hex`, `scrypt:32768:8:1$salt$hex`: what Flask apps,
 * Superset's and Airflow's user tables store), MySQL's `mysql_native_password` (`*` and 40 hex
 * digits: SHA-1 twice; the handshake proves the inner SHA-1, which the stored hash does not give),
 * LDAP's `{SSHA}…`, `{SHA}…` (salted or plain SHA digests), and SQL Server's `0x0200…`
 * (a salt and SHA-512). Spring Security writes the scheme first (`{bcrypt}$2a$10$…`): the hash
 * after it is judged; `{noop}…` is a password in clear.
 */
const PASSWORD_HASH =
  /^(?:\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$v=\d{1,3}\$m=\d{1,8},t=\d{1,4},p=\d{1,3}\$[A-Za-z0-9+/]{8,128}\$[A-Za-z0-9+/]{16,256}|\$[156y]\$(?:rounds=\d{1,9}\$|[./A-Za-z0-9]{1,8}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}|\$apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\$pbkdf2(?:-sha(?:1|256|512))?\$\d{1,7}\$[./A-Za-z0-9+]{8,128}\$[./A-Za-z0-9+]{16,256}|pbkdf2_sha(?:1|256)\$\d{1,7}\$[A-Za-z0-9]{8,64}\$[A-Za-z0-9+/]{27,88}={0,2}|(?:sha1\$[A-Za-z0-9]{0,64}\$[0-9a-f]{40}|md5\$[A-Za-z0-9]{0,64}\$[0-9a-f]{32})|SCRAM-SHA-256\$\d{1,7}:[A-Za-z0-9+/]{4,128}={0,2}\$[A-Za-z0-9+/]{40,88}={0,2}:[A-Za-z0-9+/]{40,88}={0,2}|(?:pbkdf2:sha(?:1|256|512)(?::\d{1,7})?|scrypt:\d{1,8}:\d{1,3}:\d{1,3})\$[A-Za-z0-9./+]{1,64}\$[0-9a-f]{40,256}|\*[0-9A-F]{40}|\{S?SHA(?:256|384|512)?\}[A-Za-z0-9+/]{27,128}={0,2}|0x0(?:100[0-9A-Fa-f]{48}|100[0-9A-Fa-f]{88}|200[0-9A-Fa-f]{136}))$/;
/** Spring Security's `{id}` before a hash it names (`{bcrypt}$2a$10$…`); not `{noop}`, a password in clear. */
const SCHEME_BEFORE_HASH = /^\{(?:bcrypt|argon2|pbkdf2|scrypt|sha256|MD5|SHA-1|SHA-256|ldap)\}/i;

function isPasswordHash(v: string): boolean {
  return PASSWORD_HASH.test(v) || (SCHEME_BEFORE_HASH.test(v) && PASSWORD_HASH.test(v.slice(v.indexOf('}') + 1)));
}

/**
 * An HTTP authentication challenge (RFC 9110 `WWW-Authenticate`: `Basic realm="api"`, `Digest
 * realm="…", nonce="…"`): a scheme and its parameters, the realm first, which say how to sign in
 * and carry no credential. Under `Authorization` it is a challenge pasted in the wrong header.
 */
const AUTH_CHALLENGE = /^[A-Za-z][A-Za-z0-9_-]{0,31}[ \t]{1,4}realm[ \t]{0,4}=/i;

/**
 * A secrets manager's path (`secret/data/dbt/prod`): lower-case words joined by slashes, no key in it; with the field of
 * the entry it reads after a `#` (`secret/data/analytics/snowflake#password`, as Vault KV references and helmfile's vals
 * write one: red team 104), an address still.
 */
const SECRET_PATH = /^[a-z0-9_.-]{1,64}(?:\/[a-z0-9_.-]{1,64}){2,16}(?:#[a-z_][a-z0-9_.-]{0,63})?$/;

/** A URL whose user part has a password, or a setting whose name says secret: what makes a connection string secret. */
const URL_PASSWORD = /:\/\/[^\s/@:]{0,256}:[^\s@]{1,256}@/;
/**
 * A DSN without a scheme that opens with `user:password@` (gosnowflake's `user:pw@account/db?…`, Go
 * MySQL's `user:pw@tcp(…)`) or `user/password@` (Oracle's `etl/pw@//host:1521/service`).
 */
const SCHEMELESS_USERINFO = /^([^\s:/@]{1,128})(?::(?!\/\/)([^\s@]{1,256})|\/([^\s/@]{1,256}))@[A-Za-z0-9[/]/;
/**
 * The password of a DSN without a scheme that opens with user info (SCHEMELESS_USERINFO) at `start`: where it is, and
 * what; undefined when it is the user's default one (`scott/tiger`), null when the value opens with no such user info.
 */
function schemelessPassword(value: string, start: number): { password: string; at: number } | undefined | null {
  const userinfo = SCHEMELESS_USERINFO.exec(value.slice(start));
  if (!userinfo) return null;
  const password = userinfo[2] ?? userinfo[3]!;
  return isDefaultCredential(userinfo[1]!, password) ? undefined : { password, at: start + userinfo[1]!.length + 1 };
}

// (not `authenticator=`, `Authentication=`, `authSource=`, `AuthMech=`, `sslkey=`, `keyfile=`: how to sign in, or where a key file is;
// nor a setting named for a file or a path whose value is one, `private_key_file=/secrets/rsa_key.p8`, `credentials_path=sa.json`:
// red team 151's Snowflake DSN, a path's start or a file's name with its extension. Any other value under such a name stays
// a credential, `token_file=Hq7…`, `api_key_path=Hk4w/mP2x+R7==`: reviews 153, 155, 156)
const SECRET_SETTING =
  /(?:pass|pwd|secret|token|(?<!ssl)key(?!store|file|space|path)|sig|credential|auth(?![_-]?(?:enticator|entication|mech|method|source|type|mode|flow)))[\w.-]{0,32}(?:(?<![_.-](?:file|path))\s{0,4}=|\s{0,4}=(?![ \t]{0,4}["']?(?:[/~$%{]|\.{1,2}\/|[A-Za-z]:[\\/]|[\w-]{1,64}(?:\.[\w-]{1,64}){0,4}\.[A-Za-z][A-Za-z0-9]{0,4}(?![\w+=/.-]))))/i;

/**
 * A setting given no value (`PWD=;`, `Password={};` at the end): a DSN that takes its password from a wallet or a prompt
 * names the field and leaves it empty (red team 86: an Oracle ODBC DSN's `PWD=;` was the whole value's finding).
 */
const EMPTY_SETTING = /(?<=^|;)[ \t]{0,4}[\w.-][\w .-]{0,63}=[ \t]{0,4}(?:\{[ \t]{0,4}\}|""|'')?[ \t]{0,4}(?=;|$)/g;

/** A connection's settings as ODBC, ADO.NET and OLE DB write them: a server, driver or data source first, `;` between. */
const CONNECTION_SETTINGS = /^(?:driver|server|data source|provider|host|hostname|dsn|database|initial catalog|address)\s{0,4}=[^;]{1,256};/i;

/**
 * A DSN that is only where to connect: pyexasol's and Vertica's `host:port` (`exa.acme.io:8563`,
 * Exasol's range `exa1..3.acme.io:8563`, a comma-separated list of them), Oracle's `host:1521/service`.
 * A host with a dot or a port: a bare word under `DSN` is an ODBC data source's name, judged as any value.
 */
const HOST_DSN = /^(?:[A-Za-z0-9-]{1,63}(?:\.\.\d{1,3})?(?:\.[A-Za-z0-9-]{1,63}){1,8}(?::\d{2,5})?|[A-Za-z0-9-]{1,63}:\d{2,5})(?:\/[A-Za-z0-9_.-]{1,64})?(?:,(?:[A-Za-z0-9-]{1,63}\.){0,8}[A-Za-z0-9-]{1,63}(?::\d{2,5})?){0,16}$/;

/** A DSN's host that is an IPv4 address (a password of digits and dots has no port after it). */
const IPV4_START = /^\d{1,3}(?:\.\d{1,3}){3}[:,/]/;

/**
 * A DSN without a scheme that names its user and no password: Oracle's `etl@db.acme.io:1521/SVC`, as python-oracledb
 * echoes it in its errors (`DPY-6005: … dsn=etl@…`, red team 103), the password given apart; `//` may open the host. An
 * empty password (`etl/@…`, what f"{user}/{pw}@{dsn}" writes when the variable is unset) or a format's unfilled `%s`
 * (`etl/%s@…`) is none either (red team 105).
 */
const USER_AT_HOST_DSN = new RegExp(`^[^\\s:/@<>]{1,128}(?:[/:](?:%s)?)?@(?://)?${HOST_DSN.source.slice(1)}`);

/**
 * Application Insights' instrumentation key in its connection string (`InstrumentationKey=<uuid>;IngestionEndpoint=…`,
 * APPLICATIONINSIGHTS_CONNECTION_STRING in every Azure-hosted job's environment): an id that sends telemetry to a
 * resource, written into web pages by design, which Microsoft documents as no secret. Its names are read in any case.
 */
const INSTRUMENTATION_KEY = /InstrumentationKey\s{0,4}=\s{0,4}[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])/gi;

/** Under `DSN`, `connection_string`: a URL or `key=value` list that names no password, key or token (the emulator's published key and an instrumentation key are none), or a host and port. */
function isConnectionWithoutCredential(value: string): boolean {
  if (value.length <= 1024 && HOST_DSN.test(value) && (/[A-Za-z]/.test(value) || IPV4_START.test(value))) return true;
  if (value.length <= 1024 && USER_AT_HOST_DSN.test(value)) return true;
  if (value.includes(EMULATOR_ACCOUNT_KEY)) value = value.split(`AccountKey=${EMULATOR_ACCOUNT_KEY}`).join('');
  // (the Cosmos DB emulator's too, review 163)
  if (value.includes(COSMOS_EMULATOR_KEY)) value = value.split(`AccountKey=${COSMOS_EMULATOR_KEY}`).join('');
  value = value.replace(INSTRUMENTATION_KEY, '').replace(EMPTY_SETTING, '');
  return (value.includes('://') || value.includes('=')) && !URL_PASSWORD.test(value) && !SCHEMELESS_USERINFO.test(value) && !SECRET_SETTING.test(value);
}

/** A URL in a scheme other than http(s), from its start, with no user in it (`nats://<token>@…` is a token's): a database's, a cache's, a queue's. */
const NON_WEB_URL = /^(?!https?:)[a-z][a-z0-9+.-]{1,39}:\/\/[^\s@/]{1,256}(?:[/?]|$)/i;

/** An http(s) URL's authority, path and query (no spaces; a fragment after `#` is the page's, not the server's). */
const WEB_URL = /^https?:\/\/([^\s/?#]{1,256})([^\s?#]{0,2048})(?:\?([^\s#]{0,4096}))?(?:#\S{0,2048})?$/i;
/** Query keys that carry a webhook's credential whatever its shape: a signature (Azure Logic Apps' `sig`), a function key (Azure Functions' `code`), a key or a token. */
const WEBHOOK_QUERY_SECRET = /^(?:sig|signature|code|key|token|auth|secret|apikey|api_key|access_token)$/i;

/**
 * Under a webhook's name, a URL that carries no credential: no user part, no path segment and no
 * query value in a token's shape (readsLikeUrlToken), no query key that holds one (`sig`, `code`,
 * `token`). `https://api.acme.io/hooks/refresh` is an endpoint anyone may know; a webhook whose URL
 * is its secret has it in the path (Slack's `/services/T…/B…/<token>`, n8n's UUID, PagerDuty's key)
 * or the query (`?code=…`, `&sig=…`), and stays a secret.
 */
function isWebhookWithoutSecret(value: string, pathMayHoldSecret: boolean): boolean {
  const url = value.length <= 8192 ? WEB_URL.exec(value) : null;
  if (!url || url[1]!.includes('@')) return false;
  if (pathMayHoldSecret && url[2]!.split('/').some(readsLikeUrlToken)) return false;
  for (const pair of url[3]?.split('&') ?? []) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? '' : pair.slice(0, eq);
    const v = eq < 0 ? pair : pair.slice(eq + 1);
    if (readsLikeUrlToken(v) || (v.length > 0 && (WEBHOOK_QUERY_SECRET.test(name) || isSecretKeyName(name)) && isRealSecretValue(v, name))) return false;
  }
  return true;
}

/**
 * A part of a URL (a path segment, a query value) in a credential's shape: 16 or more characters of a
 * token's alphabet, letters and digits (or both cases) that change often (a random id, hex, a UUID, base64url),
 * not made of words. `IncomingWebhook`, `refresh-orders-20240115`, a 19-digit id are none.
 */
export function readsLikeUrlToken(part: string): boolean {
  if (part.length < 16 || part.length > 512 || !/^[A-Za-z0-9_.~+=%-]+$/.test(part)) return false;
  let changes = 0;
  let last = 0;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    const kind = c >= 48 && c <= 57 ? 1 : c >= 97 && c <= 122 ? 2 : c >= 65 && c <= 90 ? 3 : 0;
    if (kind === 0) continue;
    if (last !== 0 && kind !== last) changes++;
    last = kind;
  }
  return changes >= 4 && !isMostlyWords(part.slice(0, 256));
}

/**
 * A note where the value would go: words (letters only) of which one is a word that prose needs
 * and a passphrase does not (`stored in vault`, `Managed by Terraform`, `ask the DBA`). Diceware's
 * `correct horse battery staple` has none, and a password with a digit or a symbol is no sentence.
 */
// up to 48 words: a quoted sentence after `token:` in a docs block runs to 256 characters (a password is never 17 words of letters).
// A word may be joined by hyphens (`read-only`, `per-tenant`), be a channel or a team (`#data-platform`, `@dba`), or a
// number alone (`expires after 1 hour`): a password's digits stand inside its words. 1Password is the one word with a digit
// (`kept in 1Password`, red team 70), a vault's name
const NOTE_WORD = '(?:[#@]?[A-Za-z]{1,20}(?:-[A-Za-z]{1,20}){0,3}|\\d{1,4}|1[Pp]assword)';
export const NOTE = new RegExp(`^${NOTE_WORD}(?:[,:;]? ${NOTE_WORD}){1,47}\\.?$`);
/**
 * The same in the languages whose password words the grammar knows (red team 160: `см. Vault`, `voir le coffre`, `fragen Sie
 * den DBA`): words of any script, an abbreviation's dot after one; one of them a word of FOREIGN_PROSE_WORDS, which says
 * where to look or whom to ask.
 */
const FOREIGN_NOTE_WORD = '(?:[#@]?\\p{L}{1,20}\\.?(?:-\\p{L}{1,20}){0,3}|\\d{1,4}|1[Pp]assword)';
export const FOREIGN_NOTE = new RegExp(`^${FOREIGN_NOTE_WORD}(?:[,:;]? ${FOREIGN_NOTE_WORD}){1,47}\\.?$`, 'u');
const FOREIGN_PROSE_WORDS = new Set([
  // where to look or whom to ask, and the vault itself (not a language's articles and prepositions: `i love paris 2024`,
  // `la vie en rose`, `do or die` are passphrases, review 161)
  'siehe', 'fragen', 'frag', 'tresor', 'gespeichert', 'verwaltet', 'hinterlegt',
  'voir', 'demander', 'demandez', 'coffre', 'géré', 'stocké', 'fourni', 'cf',
  'ver', 'véase', 'consulte', 'consultar', 'pregunte', 'preguntar', 'gestor', 'cofre', 'guardado', 'armazenado', 'boveda', 'bóveda',
  'vedi', 'chiedi', 'chiedere', 'zie', 'vraag', 'kluis', 'beheerd',
  'patrz', 'zobacz', 'viz', 'fråga', 'valvet', 'bkz', 'bakınız', 'см', 'смотри', 'смотрите', 'спросите', 'хранится', 'сейф', 'сейфе', 'хранилище', 'див', 'дивіться',
]);
/** Where a value is kept, in CJK prose: "see" or "ask" after a place (`1Passwordを参照`, `请参阅 Vault`, `관리자에게 문의`). */
const CJK_POINTER = /参阅|参见|參閱|參見|参照|を確認|に問い合わせ|询问|詢問|참조|문의|확인하세요/;
const PROSE_WORDS = new Set([
  'the', 'a', 'an', 'in', 'by', 'for', 'from', 'of', 'to', 'via', 'see', 'ask', 'stored', 'managed', 'rotated', 'set', 'use', 'used',
  'using', 'not', 'no', 'is', 'are', 'will', 'only', 'needed', 'kept', 'lives', 'provided', 'injected', 'loaded', 'fetched', 'read', 'with', 'per',
  // `same as staging`: another place's, named (red team 130)
  'same',
  // what a note says of a credential's life and reach (`rotate quarterly`, `expires after 1 hour`, `read-only scope`)
  'rotate', 'rotates', 'expire', 'expires', 'expired', 'after', 'every', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'scope',
]);

function isNote(value: string): boolean {
  if (NOTE.test(value) && value.split(/[ ,:;.-]+/).some((w) => PROSE_WORDS.has(w.toLowerCase()))) return true;
  return FOREIGN_NOTE.test(value) && value.split(/[ ,:;.-]+/).some((w) => FOREIGN_PROSE_WORDS.has(w.toLowerCase()));
}

/**
 * `ANTHROPIC_API_KEY: claude-3-opus-20240229`, `openai_key: gpt-4o-mini`: lower-case words and numbers joined by `-`, `.`
 * or `_`, a number of at most 8 digits, letters mixed with digits only in two characters, a word of 3 letters or more and
 * a number: a model's, a plan's or a region's name under a key's or a token's name (red team 56), never a generated key
 * or token, whose parts mix letters and digits at length. Words alone stay a passphrase (`correct-horse-battery-staple`).
 */
function isWordsAndNumbers(v: string): boolean {
  if (v.length > 64) return false;
  const parts = v.split(/[-._]/);
  return parts.length >= 2 && parts.every((p) => WORD_OR_NUMBER.test(p)) && parts.some((p) => /^[a-z]{3,}$/.test(p)) && parts.some((p) => /\d/.test(p));
}

const WORD_OR_NUMBER = /^(?:[a-z]{1,12}|\d{1,8}|[a-z0-9]{1,2})$/;

/**
 * A slug of two to five lower-case words (`kms-managed`, `stored-in-vault`, `set-by-ci`, `legacy-v1`) of which one says
 * how a credential is had or kept, not what it is: a setting or a note where the value would go. Diceware's
 * `correct-horse-battery-staple` has none of these words.
 */
function isSettingSlug(v: string): boolean {
  if (v.length > 64 || !SLUG.test(v)) return false;
  return v.split('-').some((w) => PROSE_WORDS.has(w) || SETTING_WORDS.has(w));
}

const SLUG = /^[a-z]{2,20}(?:-(?:[a-z]{1,20}|v\d{1,2})){1,4}$/;

/** Two to five lower-case words joined by hyphens, letters only. */
const WORD_SLUG = /^[a-z]{2,20}(?:-[a-z]{2,20}){1,4}$/;

/**
 * Words of a team's or a label's name (`data-platform`, `finance-ops`, `team-growth`, `marketing-analytics`): a label is
 * made of them only (review 167: one among other words is a passphrase's, `purple-monkey-security-dishwasher`).
 */
const TEAM_WORDS = new Set([
  'team', 'teams', 'squad', 'guild', 'group', 'org', 'dept', 'owner', 'owners', 'data', 'platform', 'ops', 'analytics', 'finance', 'growth', 'marketing',
  'sales', 'revenue', 'product', 'engineering', 'eng', 'infra', 'devops', 'bi', 'reporting', 'hr', 'legal', 'people', 'customer', 'success', 'ml',
  'science', 'research', 'payments', 'billing', 'risk', 'fraud', 'compliance', 'ecommerce', 'logistics', 'procurement', 'accounting', 'treasury', 'crm',
]);

/** Words of a key a person may choose, or of a password's: its value may be words (see isTeamLabel; `secret` then `key` too). */
const CHOSEN_KEY_WORDS = new Set([
  'signing', 'sign', 'encrypt', 'encryption', 'master', 'private', 'jwt', 'hmac', 'cookie', 'session', 'salt', 'pepper', 'pass', 'password', 'passwd',
  'passphrase', 'pwd', 'pin', 'seed', 'mnemonic', 'webhook', 'admin', 'root', 'vault', 'shared', 'jupyter', 'k3', 'local', 'dev', 'test',
]);

/** A key a person may choose, by its name's words (not inside a vendor's name: `pinterest_token`, `shopify_shipping_api_key`: review 168). */
function namesChosenKey(name: string): boolean {
  const words = keyWords(name);
  return words.some((w, i) => CHOSEN_KEY_WORDS.has(w) || (w === 'secret' && words[i + 1] === 'key'));
}

/**
 * `slack_token: data-platform`, `api_key: finance-ops`, `client_secret: team-growth` in meta: words of a team's name
 * joined by hyphens (TEAM_WORDS only) under the name of a credential a vendor issues (a token, an API key, an app's
 * client secret: never words) are a label or a team's name, as BigQuery's labels and owners in meta are written (red
 * team 165). Asked by secret-key-name of a key's value only: not under a password's name, a key a person may choose
 * (CHOSEN_KEY_WORDS), an environment variable's name in any case (what the run was given), nor in code, SQL or a command
 * (reviews 167, 168).
 */
function isTeamLabel(name: string, value: string): boolean {
  if (value.length > 64 || !WORD_SLUG.test(value) || !value.split('-').every((w) => TEAM_WORDS.has(w))) return false;
  return (namesTokenOrKey(name) || /(?:client|app|consumer)[_-]?secret$/i.test(name)) && !namesChosenKey(name) && !namesPassword(name) && !isEnvName(name) && !/^dbt_env_/i.test(name);
}
const SETTING_WORDS = new Set([
  'managed', 'lived', 'auth', 'account', 'required', 'optional', 'specific', 'legacy', 'redacted', 'rotated', 'disabled', 'enabled', 'revoked',
  'deprecated', 'unused', 'pending', 'inherited', 'default', 'vault', 'sso', 'kms', 'iam', 'ci', 'env', 'tenant', 'keypair', 'oauth', 'none',
  // a test's value, and filler text (`unit-test-salt` in a unit test's overrides, `lorem-ipsum-dolor-sit-amet`; red team 60)
  'test', 'unit', 'mock', 'fixture', 'dummy', 'fake', 'sample', 'example', 'placeholder', 'lorem', 'ipsum',
]);

/**
 * Snowflake's `authenticator` settings (`externalbrowser`, `snowflake_jwt`, `username_password_mfa`, `oauth`): written in
 * meta or a fixture under a password's name, the way to sign in, not a password.
 */
const AUTHENTICATORS = new Set(['externalbrowser', 'snowflake_jwt', 'username_password_mfa', 'oauth', 'programmatic_access_token', 'workload_identity']);
/**
 * The clouds' ways to sign in (`workload-identity`, `instance-profile`, `managed-identity`, `service-principal`: red team
 * 151, under a `credentials` key in meta), compared with `-` read as `_`, in any case: settings under a name that is no
 * password's; under `DB_PASSWORD` a weak password, however written (review 153, 155).
 */
const SIGN_IN_MODES = new Set([
  'workload_identity', 'instance_profile', 'managed_identity', 'service_principal', 'web_identity', 'assume_role', 'application_default',
  'application_default_credentials', 'default_credentials', 'key_pair', 'external_browser', 'externalbrowser', 'snowflake_jwt', 'oauth',
]);
/**
 * Base64 of a note (`dGhpcyBpcyBub3QgYSBzZWNyZXQsIGp1c3QgYSBub3Rl`: "this is not a secret, just a
 * note"): what a sample or a test fixture encodes. Base64 of a password has no sentence in it.
 */
function isEncodedNote(value: string): boolean {
  if (value.length < 16 || value.length > 344 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]{14,342}={0,2}$/.test(value)) return false;
  const text = Buffer.from(value, 'base64').toString('latin1');
  return text.includes(' ') && isNote(text);
}


/** A hash or cipher named with its size or mode (`sha2_256`, `aes_256_gcm`): a setting, not a password. */
const HASH_NAME = /^(?:sha\d*|md5|bcrypt|scrypt|argon2\w*|pbkdf2|hmac|aes|rsa|des|blake2\w*|xxhash|crc)(?:_|$)/;

/** An upper-case or kebab-case name that itself names a secret (`DBT_ENV_SECRET_API_KEY`, `dbt-prod-snowflake-password`): where the secret is kept, not the secret. */
const NAME_SHAPED = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z][a-z0-9]*(?:-[a-z0-9]+)+)$/;

/**
 * A warehouse object's qualified name (`CRM_DB.PUBLIC.CRM_API_TOKEN`, `analytics.integrations.crm_api_key`):
 * what dbt-snowflake's Python models map a secret to (`dbt.config(secrets={"crm_token": "…"})`), the
 * name of a SECRET object, not its value. One case throughout, and a last part that reads as a name.
 */
function isQualifiedName(v: string): boolean {
  const parts = v.split('.');
  if (parts.length < 2 || parts.length > 4) return false;
  const last = parts.pop()!;
  // (read part by part: one pattern over the whole took recheck's automaton past its minute, see regex-safety.test.ts)
  const [part, name] = /^[a-z]/.test(last) ? QUALIFIED_LOWER : QUALIFIED_UPPER;
  return name.test(last) && parts.every((p) => part.test(p));
}

/** A qualifier and the last part, in lower case, then in upper case. */
const QUALIFIED_LOWER = [/^[a-z_][a-z0-9_$]{0,127}$/, /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/] as const;
const QUALIFIED_UPPER = [/^[A-Z_][A-Z0-9_$]{0,127}$/, /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/] as const;

/**
 * A file path (`/run/secrets/db_password`, `~/.ssh/key.p8`, `C:\\keys\\x`), not a base64 secret that
 * happens to start with a slash (1 AWS secret key in 64 does): such a key has a `+`, or a run of 16
 * letters and digits of both cases that no file name has.
 */
/** 16 letters and digits in a row, of both cases and with a digit: what a generator writes, never a file's or a person's name. */
const RANDOM_RUN = /(?=[A-Za-z0-9]{0,15}[A-Z])(?=[A-Za-z0-9]{0,15}[a-z])(?=[A-Za-z0-9]{0,15}[0-9])[A-Za-z0-9]{16}/;

function isFilePath(v: string): boolean {
  if (!/^[/~.]|^[A-Za-z]:\\/.test(v) || /\s/.test(v) || !v.includes('/')) return false;
  return !v.includes('+') && !RANDOM_RUN.test(v);
}

/**
 * A SQL column type: a seed's `column_types: {api_key: varchar(64)}`, a contract's `data_type`, a
 * cast map. It says what a column of that name holds, not a value of it.
 */
const SQL_TYPE =
  /^(?:n?(?:var)?char2?|character(?: varying)?|n?varchar2|n?text|string|bytes|(?:var)?binary|bytea|blob|clob|uuid|jsonb?|variant|object|bool(?:ean)?|(?:tiny|small|big)?int(?:eger|64)?|float(?:64)?|double(?: precision)?|number|numeric|decimal|date|datetime|time(?:stamp(?:_[nlt]tz|tz)?)?(?: with(?:out)? time zone)?)(?: ?\( ?(?:\d{1,5}|max)(?: ?, ?\d{1,5})? ?\))?$/i;

/**
 * A snake_case identifier (`stg_orders`, `api_key_v2`): words joined by underscores. Not a token
 * whose prefix an underscore joins to a random body (Lob's `live_a6af…`, SonarQube's `squ_9308…`):
 * no word of a name is 20 letters and digits with two or more of each.
 */
function isSnakeIdentifier(v: string): boolean {
  // (a word may hold a letter past ASCII in lower case: `tu_contraseña`, `dein_schlüssel`, `şifreniz_buraya`: red team 160)
  return /^\p{Ll}[\p{Ll}0-9]*(?:_[\p{Ll}0-9]+)+$/u.test(v) && !v.split('_').some(isRandomWord);
}

/**
 * Whether a generator made a snake-case value's parts: two or more of four characters or more that mix letters and
 * digits, one of them with digits between letters (`jhw34g_x8smn_hd071`, `jcw06_y16a4cx_qupb45`). A name has one such
 * part at most (`utf8mb4_unicode_ci`, `orders2024_v2`).
 */
function generatedParts(v: string): boolean {
  let mixed = 0;
  let between = 0;
  for (const part of v.split('_')) {
    if (part.length < 4 || !/[a-z]/.test(part) || !/\d/.test(part)) continue;
    mixed++;
    if (LETTERS_AROUND_DIGITS.test(part)) between++;
  }
  return mixed >= 2 && between >= 1;
}

const LETTERS_AROUND_DIGITS = /[a-z]\d+[a-z]/;

/** A lower-case word and a number of one or two digits: `coin0`, `word1`, `token2`. */
const WORD_AND_COUNTER = /^([a-z]{3,12})(\d{1,2})$/;

/**
 * Whether the value `v` under the name `name`, each a word and a counter, goes on the name's series: the same counter
 * (`token0 = 'coin0'`) or the same word (`['token0', 'token1']`). `token2: hunter22`, `apikey1 = 'tiger12'` are a
 * person's password under a numbered name (red team 88).
 */
function continuesSeries(v: string, name: string): boolean {
  const value = WORD_AND_COUNTER.exec(v);
  const named = WORD_AND_COUNTER.exec(name);
  return value !== null && named !== null && (value[1] === named[1] || value[2] === named[2]);
}

/** One word (a letter first, three to twenty characters) and a number of two to four digits: `panda_636`, `p4ssw0rd_42`. */
const WORD_AND_NUMBER = /^[a-z][a-z0-9]{2,19}_\d{2,4}$/;

function isRandomWord(w: string): boolean {
  if (w.length < 20) return false;
  let digits = 0;
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) <= 57) digits++;
  return digits >= 2 && w.length - digits >= 2;
}

/** An EVM (Ethereum, Polygon, Avalanche C-chain…) address: 0x and 40 hex digits, in any case (EIP-55 mixes them). */
const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Hex digits in pairs, 0x before them or not: what may be text written in hex. */
const HEX_PAIRS = /^(?:0x)?(?:[0-9a-fA-F]{2}){8,512}$/;

/** The text that `v` writes in hex (0x before it or not), when every byte is a printable ASCII character. */
function hexText(v: string): string | undefined {
  if (!HEX_PAIRS.test(v)) return undefined;
  const bytes = Buffer.from(v.startsWith('0x') ? v.slice(2) : v, 'hex');
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return undefined;
  return bytes.toString('latin1');
}

/** One digit 16 times in a row (Twitter's bearer tokens open with a run of A, so letters do not count). */
const SAME_RUN = /(\d)\1{15}/;
/** A function's name and its opening parenthesis, at the start of a value. */
const CALL_START = /^[A-Za-z_][A-Za-z0-9_.]{0,63}\(/;

/**
 * A function's call whose arguments are spaced (`cast(null as varchar)`, `substr(x, 1, 32)`, calls in calls:
 * `substr(cast(json_extract_scalar(data, '$.token') as uint256), 13)`): the value is the call, its parentheses
 * balanced and the first closed by the last character. `v` is at most 256 characters.
 */
function isCallExpression(v: string): boolean {
  if (v.charCodeAt(v.length - 1) !== 41 || !CALL_START.test(v)) return false;
  let depth = 0;
  let spaced = false;
  for (let i = v.indexOf('('); i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i === v.length - 1 && spaced;
    else if (c === 32 || c === 9) spaced = true;
  }
  return false;
}

/**
 * A link to a document or a file, whose path names a page and its ids (a Google document's, a Notion page's, a file in a
 * repository, an image): no credential, however random the id reads.
 */
const DOCUMENT_LINK = /^https?:\/\/(?:docs\.google\.com|drive\.google\.com|[\w-]{1,63}\.notion\.site|(?:www\.)?notion\.so|github\.com|gitlab\.com|bitbucket\.org|[\w-]{1,63}\.atlassian\.net\/wiki)\/|\.(?:ico|png|jpe?g|gif|svg|webp|pdf|md|html?|txt|csv)(?:[?#]|$)/i;

/** An ISO calendar date. */
const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/**
 * What a document names where a value would go (see judgedRealSecretValue): a version with its `v` or a pre-release's
 * suffix (`v2.3.1`, `1.8.0-rc.2`), an advisory's id (`CVE-2024-3094`), a standard's (`ISO-8601`, `RFC 7519`).
 */
const RECORD_VALUE = /^(?:v\d{1,4}(?:\.\d{1,4}){1,3}(?:-(?:rc|alpha|beta|dev|pre|post|preview)\.?\d{0,4})?|\d{1,4}(?:\.\d{1,4}){1,3}-(?:rc|alpha|beta|dev|pre|post|preview)\.?\d{0,4}|CVE-\d{4}-\d{4,7}|(?:ISO|RFC|DIN|EN)[ -]?\d{3,5}(?:-\d{1,2})?)$/i;
/**
 * …and numbers in dots (`2.3.1`, a version; `15.03.1987`, a date), a date in slashes (`2024/03/15`), a fiscal period (`FY2024`, `FY2024 Q1`, `Q1/2024`), a
 * duration (`3600s`, `90d`): under a password's name a person's password (a birthday, `FY2024`), named so elsewhere.
 */
const RECORD_DATE =
  /^(?:\d{1,4}(?:\.\d{1,4}){1,3}|(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./](?:\d{2}|\d{4})|(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/\d{4}|\d{4}[./](?:0?[1-9]|1[0-2])[./](?:0?[1-9]|[12]\d|3[01])|(?:FY|CY)[ -]?(?:\d{2}|\d{4})(?:[ /-]Q[1-4])?|Q[1-4][ /-](?:FY)?(?:\d{2}|\d{4})|\d{1,9}(?:ms|s|sec|m|min|h|d|w))$/i;
/** A ticket's or an order's id: a project's key in capitals and a number, or two (`JIRA-4821`, `OPS-2024-1187`, `ORD-2024-0001234`). */
const RECORD_ID = /^[A-Z][A-Z0-9]{1,9}-\d{1,8}(?:-\d{1,8})?$/;
/** A telephone number in international form (`+49 30 12345678`, `+1-415-555-0132`, `+44 (20) 7946 0958`). */
const PHONE_NUMBER = /^\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}$/;
/** A person's name, family name first (`Müller, Jürgen`, `Smith, John`). */
const FAMILY_NAME_FIRST = /^\p{Lu}[\p{Ll}'-]{1,30}(?: \p{Lu}[\p{Ll}'-]{1,30})?, \p{Lu}[\p{Ll}'-]{1,30}(?: \p{Lu}\.?)?$/u;

/** An IBAN (spaced in fours or not) whose check digits hold: one random value in 97 with a country's two letters first. */
function isIban(v: string): boolean {
  if (v.length < 15 || v.length > 42 || !/^[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}$/.test(v)) return false;
  const compact = v.replace(/ /g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const n = c >= 'A' ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48;
    rest = n >= 10 ? (rest * 100 + n) % 97 : (rest * 10 + n) % 97;
  }
  return rest === 1;
}

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** A letter of a script past Latin: Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, Hangul, kana, CJK ideographs. */
const PAST_LATIN_LETTER = /[\u0370-\u03ff\u0400-\u052f\u05d0-\u05ea\u0620-\u064a\u0671-\u06d3\u0904-\u0939\u0e01-\u0e30\u1100-\u11ff\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]/;

/** A value that a person would accept as a real secret under a secret-named key (`name`, when it is known). */
/** An Authorization header's Basic credential, whole: the scheme and its base64. */
const BASIC_VALUE = /^basic[ \t]{1,4}([A-Za-z0-9+/]{4,1024}={0,2})$/i;

export function isRealSecretValue(value: string, name?: string): boolean {
  // the detectors of one value ask of it in turn (secret-key-name, password-assignment, url-password…): the last few answers kept
  for (let i = 0; i < REAL_MEMO; i++) if (realValues[i] === value && realNames[i] === name) return realAnswers[i]!;
  const answer = judgedRealSecretValue(value, name);
  realValues[realNext] = value;
  realNames[realNext] = name;
  realAnswers[realNext] = answer;
  realNext = (realNext + 1) % REAL_MEMO;
  return answer;
}

/** S3's server-side encryption settings (`aws:kms`, `aws:kms:dsse`, `SSE-S3`, `AWS_SSE_KMS`, `aws/s3`) and a KMS key's alias. */
const ENCRYPTION_SETTING = /^(?:aws:kms(?::dsse)?|sse[-_](?:s3|kms|c)|aws[-_]sse[-_](?:s3|kms)|aws\/s3|alias\/[A-Za-z0-9/_-]{1,250})$/i;

/**
 * A cloud role's or a storage integration's setting, alone or a few (`aws_iam_role=arn:aws:iam::123456789012:role/x`,
 * `(aws_role='arn:…')`, `storage_integration=s3_acme_raw_int`), in parentheses or not: who a store trusts, no key.
 */
const ROLE_SETTINGS =
  /^\(?[ \t]{0,4}(?:(?:aws_iam_role|aws_role|iam_role|role_arn|storage_integration)[ \t]{0,4}=[ \t]{0,4}['"]?(?:arn:aws[a-z-]{0,16}:iam::\d{12}:role\/[\w+=,.@/-]{1,512}|[A-Za-z_][A-Za-z0-9_$]{0,255})['"]?[ \t]{0,4}[,;]?[ \t]{0,4}){1,4}\)?$/i;

/** Two lower-case names joined by `/` or `.`, each words and a number at most (`integrations/stripe`, `dbt-prod.vendor-token`). */
// (the second a word, or one letter and up to two digits: `prod/x`, `ops/x9`, red team 158; not a random run, review 161)
const TWO_PART_REFERENCE = /^[a-z]{2,24}(?:[_-][a-z0-9]{1,24}){0,3}[/.](?:[a-z]{2,24}|[a-z]\d{0,2})(?:[_-][a-z0-9]{1,24}){0,3}$/;

/**
 * Where a secret is kept, not its value: an Azure Key Vault's name as Azure's naming convention writes it, in words (`kv-analytics`,
 * `kv-prod-eus2`), or an AWS Secrets Manager version's label (`AWSCURRENT`), which is one of three (red team 158).
 */
// (Azure's vault names are 3 to 24 characters: `kv-`, then words, a region's or a number's short part, no random run)
const KEY_VAULT_NAME = /^(?=.{5,24}$)kv-[a-z]{2,16}(?:-(?:[a-z]{2,16}|[a-z]{0,4}\d{1,3}))*$/;
const VERSION_LABEL = /^AWS(?:CURRENT|PREVIOUS|PENDING)$/;

/** The orders a value's filler is typed in: letters and digits, base64's alphabets, hex's, digits said over. */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz0123456789', '0123456789abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789+/',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789-_', '01234567890123456789', '98765432109876543210', 'abcdef0123456789', 'zyxwvutsrqponmlkjihgfedcba',
];

/**
 * A value of eight characters or more that is a stretch of one of SEQUENCES (case aside), or two or three such stretches
 * of four or more joined by `:`, `-`, `_` or `.` (a docs' bot token, `123456789:ABCdefGhIJKlmNoPQRsTUVwxyZ`: red team 129).
 */
function isSequence(v: string): boolean {
  if (v.length < 8 || v.length > 70) return false;
  const lower = v.toLowerCase();
  if (SEQUENCES.some((s) => s.includes(lower))) return true;
  const parts = lower.split(/[:_.-]/);
  return parts.length >= 2 && parts.length <= 3 && parts.every((p) => p.length >= 4 && SEQUENCES.some((s) => s.includes(p)));
}

/** A value that ends in one to four characters said over, twelve characters or more and half the value at least (`…123123123123`). */
function endsInRepeats(v: string): boolean {
  for (let unit = 1; unit <= 4; unit++) {
    let i = v.length - unit - 1;
    while (i >= 0 && v.charCodeAt(i) === v.charCodeAt(i + unit)) i--;
    const run = v.length - i - 1;
    if (run >= 12 && run * 2 >= v.length) return true;
  }
  return false;
}

/** Four x's or more at a value's end, in one case: a placeholder's filling. */
const FILLED_TAIL = /(?:xxxx|XXXX)$/;

/** A vendor's prefix alone, its joint at the end (`sk_live_`, `ghp_`, `xoxb-`, `glpat-`). */
const BARE_PREFIX = /^[A-Za-z]{2,8}(?:[_-][A-Za-z]{2,8})?[_-]$/;

/** isRealSecretValue's last answers, by value and name (a ring). */
const REAL_MEMO = 4;
const realValues: (string | undefined)[] = new Array<string | undefined>(REAL_MEMO).fill(undefined);
const realNames: (string | undefined)[] = new Array<string | undefined>(REAL_MEMO).fill(undefined);
const realAnswers: boolean[] = new Array<boolean>(REAL_MEMO).fill(false);
let realNext = 0;

function judgedRealSecretValue(value: string, name?: string): boolean {
  const v = value.trim();
  if (v.length < 4 || v.length > 8192) return false;
  // `'not-a-secret'`: a value wholly in quotes (a SQL literal, a unit test's macro override: red team 122) is judged as
  // its text too
  const q = v.charCodeAt(0);
  if ((q === 39 || q === 34) && v.length >= 6 && v.charCodeAt(v.length - 1) === q && !judgedRealSecretValue(v.slice(1, -1), name)) return false;
  // a placeholder, a state or a marker with a Latin letter's accent, as without it (`TU_CONTRASEÑA` as `TU_CONTRASENA`,
  // `expiré`: red team 160); not a password's other judgements (`Passwörd`, `ÉTÉ-123456` are passwords: review 161)
  if (NON_ASCII.test(v)) {
    const plain = v.normalize('NFD').replace(COMBINING_MARKS, '');
    if (plain !== v && !NON_ASCII.test(plain) && (isPlaceholder(plain) || (name !== undefined && namesAState(plain)) || (CONSTANT_NAME.test(plain) && isMarkerPhrase(plain)) || (isSnakeIdentifier(plain) && !/\d/.test(plain)) || (NAME_SHAPED.test(plain) && namesSecret(plain)))) return false;
  }
  if (name !== undefined && isDefaultCredential(name, v)) return false;
  // Azure Storage's documented SAS example, under a SAS's name whole (review 163)
  if (v.includes('sig=') && DOCUMENTED_SAS_SIGNATURES.some((s) => v.endsWith(`sig=${s}`) || v.includes(`sig=${s}&`))) return false;
  // `password: Trusted`, `pwd: ManagedIdentity`: how the password is handled, under its name (red team 102)
  if (name !== undefined && saysHowHandled(v)) return false;
  // `where password = 'SSO_ONLY'`, `set password = 'GDPR_ERASED'`: a state's word, or an erasure's mark (red team 115)
  if (name !== undefined && namesAState(v)) return false;
  // `PASSWORD_SMTP=smtp.acme.com`, `PASSWORD_POSTGRES=scram-sha-256`: a setting of that system's passwords (red team 108)
  if (name !== undefined && isSystemSetting(v) && cached(systemFormCache, name, namesSystemForm)) return false;
  // `xoxb-xxx`, `s.THISSTRINGISALLUPPERCASE`: a vendor's prefix and a body filled in by hand (red team 73)
  if (isFilledToken(v)) return false;
  if (isPlaceholder(v) || PUBLIC_MATERIAL.test(v) || isSshPublicKey(v) || CIPHERTEXT.test(v) || isPasswordHash(v) || isSampleJwt(v) || isUnsignedJwt(v) || AUTH_CHALLENGE.test(v) || isCartToken(v)) return false;
  // `abcdef0123456789`, base64's alphabet, `1234567890`, `GR1348941` and `123` said again: an alphabet or a count typed
  // as a value, or a prefix and a run said over (detect-secrets' sequential strings, gitleaks' samples: red team 125)
  if (isSequence(v) || endsInRepeats(v)) return false;
  // `pypi-AgEIcHlwaS5vcmcXXXX`, `ATATT3xFfGF0xxxx`: a token's beginning, the rest filled with x's by hand (red team 129)
  if (v.length >= 12 && FILLED_TAIL.test(v)) return false;
  // `sk_live_` alone, `.,:,-,@,*,?,!`: a vendor's prefix with no body, or signs alone (red team 125)
  if (BARE_PREFIX.test(v) || (v.length < 16 && !/[\p{L}\p{N}]/u.test(v))) return false;
  // `Authorization: 'Basic <base64 of username:password>'`: a header whose credential decodes to none (see isBasicWithoutSecret)
  if ((v.charCodeAt(0) | 0x20) === 0x62) {
    const basic = BASIC_VALUE.exec(v);
    if (basic && isBasicWithoutSecret(basic[1]!)) return false;
  }
  // `api_key: "sha256:5edab5e7… (hash only)"`, an image's `sha256:…` digest: a digest named by its algorithm is no key
  if (NAMED_DIGEST.test(v)) return false;
  // `the token is RS256-signed`, `das Kennwort ist SHA256-gehasht`, `Authorization: AWS4-HMAC-SHA256 Credential=…`: how a
  // secret is made, an algorithm's or a scheme's name, not its value (red team 77); not under an environment variable's
  // name, whose value is what the run was given (`SNOWFLAKE_PASSWORD=Sha512-Prod`, red team 78)
  if (namesAlgorithm(v) && !(name !== undefined && isEnvName(name))) return false;
  // `encryption_key: aws:kms`, `master_key: SSE-S3`, `alias/acme-pii`: a store's encryption setting or a KMS key's alias,
  // which name the key that stays in the service, not its bytes (red team 116)
  if (ENCRYPTION_SETTING.test(v)) return false;
  // `credentials: aws_iam_role=arn:aws:iam::…:role/x`, Snowflake's `(aws_role='arn:…')`, `storage_integration=s3_int`: the
  // role or the integration a store trusts, which holds no key (red team 121; Redshift's COPY and UNLOAD `CREDENTIALS`)
  if (v.length <= 2048 && ROLE_SETTINGS.test(v)) return false;
  // `secret: integrations/stripe`, `token: dbt/cloud`, `secret: dbt-prod.vendor-token`: two lower-case names joined, a
  // secret manager's entry or a Databricks scope and key, as three or more are (SECRET_PATH); under a password's name a
  // person's password may be so written (`snowflake/dbt_svc`), and stays one (red team 121)
  if (name !== undefined && TWO_PART_REFERENCE.test(v) && !namesPassword(name)) return false;
  // `secret: AWSCURRENT`, `secret: kv-analytics`: a secret's version or its vault (red team 158); under a password's name
  // a person's password may read so
  if (name !== undefined && ((KEY_VAULT_NAME.test(v) && !namesPassword(name)) || VERSION_LABEL.test(v))) return false;
  // `?token=cus_ovWF7NCtyp8dx8`, `credentials ch_3pptccfj…`: a Stripe object's id (a customer, a charge) names a record, not a credential
  if (v.length <= 64 && STRIPE_OBJECT_ID.test(v)) return false;
  // under a connection's name a URL or `key=value` list that carries no credential; under any other secret's name too, a
  // connection's URL in a scheme other than http(s) (read below; no part of it in a token's shape) or a storage account's
  // connection string (`api_key: redis://localhost:6379/0`, the storage emulator's published key: red team 129)
  if (name !== undefined && (namesConnection(name) || (NON_WEB_URL.test(v) && !v.split(/[/?&=#]/).some(readsLikeUrlToken)) || v.startsWith('DefaultEndpointsProtocol=')) && isConnectionWithoutCredential(v)) return false;
  // `postgresql://user:password@localhost:5432/dbname`: a URL whose password url-password does not report (a placeholder,
  // a default credential) is a sample, under any name
  if (v.length <= 2048 && hasUnreportedPassword(v)) return false;
  // `secretKeyRef: {name: dbt-snowflake, key: password}`: a Kubernetes reference to where the secret is kept
  if (K8S_REFERENCE.test(v)) return false;
  // `adf_password: '{"type": "AzureKeyVaultSecret", …, "secretName": "sql-pwd"}'`: Azure Data Factory's reference, as a string
  if (isKeyVaultReference(v)) return false;
  // `see 1Password: Growth / Loader`, `ask @data-platform in #help-data`: where to get it, not the secret
  if (v.length <= 256 && POINTER.test(v)) return false;
  // `https://api.acme.io/hooks/refresh` under a webhook's name, `https://docs.stripe.com/keys` under a key's (red team 56): a
  // link or an endpoint, no part of it in a credential's shape; the name of a key or a token says where to read about it
  if (v.startsWith('http') && (name === undefined || namesWebhook(name) || namesTokenOrKey(name)) && isWebhookWithoutSecret(v, true)) return false;
  // `SLACK_USER_TOKEN: https://docs.google.com/document/d/1W7K…`: under any other secret's name, a URL with no user part
  // and no credential in its query is a link whose path names a page (a document's id reads like a token; red team 73);
  // under a token's or a key's name a path's token is still one (`LOGGLY_TOKEN: https://logs-01.loggly.com/inputs/<uuid>/`,
  // a heartbeat's URL: red team 74), but for a document's or a file's link
  if (v.startsWith('http') && name !== undefined && !namesWebhook(name) && isWebhookWithoutSecret(v, namesTokenOrKey(name) && !DOCUMENT_LINK.test(v))) return false;
  // `AUTH_PASS=passthrough`, `SSL_PW=required`: under a name that only may mean password, a lone lower-case word is a setting
  if (name !== undefined && /^[a-z]{4,16}$/.test(v) && namesLooseSecret(name)) return false;
  // `token: USDC`, `api_key: NONE`: under a name ending in token or key, a short run of letters alone is
  // a ticker, an enum or a setting (a password may be a word; a token or a key is longer and never one); `pepper: cayenne` a spice
  if (name !== undefined && v.length <= 10 && /^[A-Za-z]{4,10}$/.test(v) && namesTokenOrKey(name)) return false;
  // …and a lower-case word and a counter under a name so written is the next of a numbered series, not its secret: a macro's
  // argument naming a pool's column (`token0 = 'coin0'`), a list of columns (`['token0', 'token1']`; red team 87). Under
  // `token` or `api_key` such a value stays a person's password (`hunter2`)
  if (name !== undefined && continuesSeries(v, name) && namesTokenOrKey(name)) return false;
  // …and a phrase in capitals without a digit (`TODAYINASIAASACKOFRICEFELLOVER` under an AWS key's name, red team 73)
  if (name !== undefined && isCapitalPhrase(v) && namesTokenOrKey(name)) return false;
  // `password: SEE_VAULT`, `REDACTED_BY_SCRUBBER`, `USE_SECRETS_MANAGER`: words in capitals joined by underscores, one of
  // them saying where the value is or that it is not there, are a marker under any name, not a password (red team 96); not
  // random capitals so joined (`QDKR_RXXT_LSVL_PFTT`) nor words that say nothing of it (red team 99)
  if (CONSTANT_NAME.test(v) && isMarkerPhrase(v)) return false;
  // `sync_token: 1670914139`: digits alone under a token's or a key's name are a counter, a timestamp or an id (a
  // generated token or key has letters; a PIN is a password's); up to 19 digits, as many as a 64-bit id or a timestamp
  // in nanoseconds takes: a key of 20 digits or more is a vendor's (Vbout's 25, trufflehog:vbout)
  if (name !== undefined && /^\d{1,19}$/.test(v) && namesTokenOrKey(name)) return false;
  // `mode_report_token: 6089065c3146`: Mode's report token, the 12 hex digits that name a report in its URL
  // (`app.mode.com/<org>/reports/6089065c3146`), an id; no service issues a credential of 48 bits (red team 79)
  if (name !== undefined && v.length === 12 && REPORT_TOKEN_NAME.test(name) && /^[0-9a-f]{12}$/.test(v)) return false;
  // …and under such a name, a model's name (isWordsAndNumbers), or a shape filled in by counting: six in a short value
  // (`sk-openai-123456`), eight in any (`sk-…abcdefgh…test`, as token formats read their bodies; red team 56)
  // (or every other place: `twitchaccesstoken_token = '1a2b3c4d'`)
  if (name !== undefined && namesTokenOrKey(name) && (isWordsAndNumbers(v) || holdsCountingRun(v, v.length <= 40 ? 6 : 8) || countsEveryOther(v))) return false;
  if (isFilePath(v)) return false; // a file path to a secret, not the secret
  // `Driver={ODBC Driver 18 for SQL Server};Server=…;Authentication=ActiveDirectoryMsi;` under any name: a connection's
  // settings that hold no credential (the settings that hold one are connection-string's and url-password's to report)
  if (v.length <= 2048 && CONNECTION_SETTINGS.test(v) && !SECRET_SETTING.test(v) && !URL_PASSWORD.test(v)) return false;
  // `token = '0x1cEB…5A44'`, a `maker_token` column: an EVM account or contract address (20 bytes) is
  // public on its chain; a private key is 32 bytes, so 64 hex digits stay a candidate
  if (v.length === 42 && EVM_ADDRESS.test(v)) return false;
  // `maker_token: 0x30786330…` (a DEX's fixture rows): text written in hex, every byte a printable character, is
  // judged as that text (here an EVM address); the bytes of a random key are all printable once in 7 million (16 bytes)
  const text = v.length >= 16 && v.length <= 1026 ? hexText(v) : undefined;
  if (text !== undefined) return isRealSecretValue(text, name);
  // `wsol_token = 'So111…1112'`, `withdrawal_credentials = '0x01000…0<address>'`: 16 of one digit in a row
  // is a constant or an address padded to a word; no generated secret holds one
  if (v.length >= 16 && SAME_RUN.test(v)) return false;
  // `secret="substr(call_input, 4 + 32*0 + 1, 32)"`, `get('token', 'cast(null as varchar)')`: a call of SQL or
  // Jinja with spaced arguments is an expression that computes the value
  if (v.length <= 256 && isCallExpression(v)) return false;
  // `.pusher{transform:…}`, `<xsd:element …/>`, `API_ORG_CREATE("https://…")`, `getPages,searchSpace`, an image's
  // `@sha256:` reference: code or markup where the value would be (red team 73); a call's argument is judged as a value
  if (isCodeShaped(v, (arg) => isRealSecretValue(arg) && (readsLikeAuthToken(arg) || (readsLikeBarePassword(arg) && !isMostlyWords(arg))), name !== undefined && namesPassword(name))) return false;
  // `'Token', '2021-05-25'`: a calendar date is a row's cell or a setting, never a credential
  if (v.length === 10 && ISO_DATE.test(v)) return false;
  // `senha: v2.3.1`, `κωδικός: CVE-2024-3094`, `Passwort: ISO-8601`: a version, an advisory's or a standard's id, what a
  // document names (red team 160), and an IBAN whose check digits hold, under any name; under any other than a password's
  // (`Token: 15.03.2024`, `token: FY2024`, `Token: 3600s`, `token: JIRA-4821`, `+49 30 12345678`) a date, a fiscal period, a
  // duration, a ticket's or an order's id and a telephone number too: a person's password may be a birthday, `ADMIN-123456`
  // or a number (review 161)
  if (v.length <= 40 && (RECORD_VALUE.test(v) || isIban(v))) return false;
  if (v.length <= 40 && (name === undefined || !namesPassword(name)) && (RECORD_DATE.test(v) || RECORD_ID.test(v) || PHONE_NUMBER.test(v))) return false;
  // `token: "Müller, Jürgen"`: a person's name as a list writes it, family name first
  if (v.length <= 64 && FAMILY_NAME_FIRST.test(v)) return false;
  // `密码: 请联系管理员` ("ask the admin"), `пароль: см. сейф`: words of a script past Latin and no ASCII letter or digit are prose
  if (PAST_LATIN_LETTER.test(v) && !/[A-Za-z0-9]/.test(v)) return false;
  if (v.length <= 40 && SQL_TYPE.test(v)) return false;
  if (SECRET_PATH.test(v) && /[a-z]/.test(v)) return false;
  if (isSnakeIdentifier(v)) {
    // `REDSHIFT_PASSWORD=dbt_prod_2023`: an environment variable named for a password holds it, and a
    // password made of words and a number is written like an identifier; not a hash's name (`sha2_256`)
    // nor one that names a secret in its turn (`DB_PASSWORD=snowflake_password_2`, where to find it). Under a password's
    // name in lower case (a connection string's `password=`), only one whose parts a generator made (generatedParts), or
    // one word and a number, as people make a password (`panda_636`, `summer_2024`; red team 68): a name is of two words
    // or more (`dbt_prod_2023`, `snowflake_etl`)
    return name !== undefined && /\d/.test(v) && !HASH_NAME.test(v) && (namesEnvPassword(name) || (namesPassword(name) && (generatedParts(v) || WORD_AND_NUMBER.test(v)))) && !namesSecret(v);
  }
  // the name of a variable or a secret manager's entry; or of a store of secrets (`secret: airflow-secrets`, a Kubernetes
  // Secret object an Airflow pod reads its keys from). Not a pepper's under a password's name: a password is kept under a
  // password's or a secret's, and there `rocket-pepper-03` is a passphrase (`DB_PASSWORD=…`, SQL's `PASSWORD '…'`; red team 84)
  if (v.length <= 128 && NAME_SHAPED.test(v) && (namesSecret(v) || namesSecretList(v)) && !(name !== undefined && namesPepper(v) && namesPassword(name))) return false;
  if (v.length <= 512 && isQualifiedName(v)) return false;
  if (v.length <= 256 && v.includes(' ') && isNote(v)) return false;
  if (v.length <= 128 && PAST_LATIN_LETTER.test(v) && CJK_POINTER.test(v)) return false;
  // `password: kms-managed`, `client_secret: stored-in-vault`, `token: externalbrowser` (red team 54)
  // (the clouds' modes, `Instance-Profile`, under a name that is no password's: SIGN_IN_MODES)
  if (isSettingSlug(v) || AUTHENTICATORS.has(v.toLowerCase()) || (name !== undefined && !namesPassword(name) && v.length <= 40 && SIGN_IN_MODES.has(v.toLowerCase().replace(/-/g, '_')))) return false;
  if (isEncodedNote(v)) return false;
  if (/^-?\d+(?:\.\d+)?$/.test(v) && v.length < 6) return false;
  // `secret: "shhh"`, `password: "abab"` (a fixture's joke, red team 60): five characters or fewer of two kinds at most
  if (v.length <= 5 && new Set(v).size <= 2) return false;
  return true;
}

/**
 * A URL alone, with a user part that holds a password (or an empty one, `postgres://reader:@localhost/app`, whose user
 * url-password reports only when it is a token's: red team 121), and no query (whose keys may hold other credentials).
 */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]{0,30}:\/\/[^\s/@:]{0,256}:[^\s/@]{0,256}@[^\s@?]{0,1024}$/i;

/** A URL alone whose password url-password judges no secret (its own reading: one judgment for both detectors). */
function hasUnreportedPassword(v: string): boolean {
  return URL_WITH_PASSWORD.test(v) && urlPasswordDetector.detect(v, { key: undefined }).length === 0;
}

/** A Kubernetes reference to a secret's key (`secretKeyRef: {name: …, key: …}`, `valueFrom: {secretKeyRef: …}`, `valueFrom.secretKeyRef{…}`). */
const K8S_REFERENCE = /^(?:valueFrom[:.]\s{0,4}\{?\s{0,4})?(?:secretKeyRef|secretRef|configMapKeyRef)\s{0,4}[:{]/;

/** A report's token by its name (`mode_report_token`, `reportToken`). */
const REPORT_TOKEN_NAME = /report[_.-]?token$/i;

/** The keys of Azure Data Factory's and Synapse's reference to a Key Vault secret (isKeyVaultReference). */
const KEY_VAULT_REFERENCE_KEYS = new Set(['type', 'store', 'secretName', 'secretVersion']);

/**
 * Azure Data Factory's and Synapse's reference to a Key Vault secret, where a linked service's password would be
 * (`{"type": "AzureKeyVaultSecret", "store": {"referenceName": "ls_kv", …}, "secretName": "sql-pwd"}`): where the secret
 * is kept, written as a JSON string as it is as an object, whose keys name no secret (red team 80). Its keys only: a
 * password beside them is no reference.
 */
function isKeyVaultReference(v: string): boolean {
  if (v.charCodeAt(0) !== 123 || v.length > 2048 || !v.includes('"AzureKeyVaultSecret"')) return false;
  let reference: unknown;
  try {
    reference = JSON.parse(v);
  } catch {
    return false;
  }
  if (typeof reference !== 'object' || reference === null) return false;
  const fields = reference as Record<string, unknown>;
  return fields['type'] === 'AzureKeyVaultSecret' && fields['secretName'] !== undefined && Object.keys(fields).every((k) => KEY_VAULT_REFERENCE_KEYS.has(k));
}

/** A Stripe object's id: its type's prefix and 14 to 32 letters and digits (customers, charges, payment intents, invoices, events…). */
const STRIPE_OBJECT_ID = /^(?:cus|ch|py|pi|pm|in|ii|il|sub|si|prod|price|evt|txn|po|re|pyr|tr|card|src|seti|cs|dp|ipi|ba|tok|btok|promo|plink|fee|acct)_[A-Za-z0-9]{14,32}$/;

/** A digest named by its algorithm (`sha256:…`, `md5=…`), and what follows it. */
const NAMED_DIGEST = /^(?:sha(?:1|224|256|384|512)|sha3-(?:256|512)|md5|blake2[bs]?)[:=-][0-9A-Fa-f]{32,128}(?![0-9A-Za-z])/i;

/**
 * Where to get a secret, written where it would be: a verb or a place, then two to sixteen more words
 * (`see 1Password: Growth / Loader`, `ask @data-platform in #help-data`, `stored in Vault under dbt/prod`,
 * `managed by AWS Secrets Manager (prod/dbt/redshift)`).
 * A password with spaces does not start with one of these words.
 */
const POINTER = /^(?:see|ask|check|in|via|stored in|kept in|lives in|found in|look it up in|managed (?:by|in)|held in|provided by|injected by|fetched from|pulled from|rotated by)\s+\S+(?:\s+\S+){1,15}$/i;

/** An HTTP authentication scheme and its credential, the whole value (`Bot MTE…`, `Bearer eyJ…`, Okta's `SSWS 00…`). */
const AUTH_SCHEME = /^(Bearer|Basic|Token|Bot|OAuth|SSWS|ApiKey|Api-Key|GenieKey|Splunk)[ \t]{1,4}([A-Za-z0-9\-._~+/]{8,4096}={0,2})\s{0,4}$/i;

/** Keys that name a user, whose sibling `pass` or `pw` (before or after them) is a password (`{user: etl, pass: …}`). */
const USER_KEYS = new Set(['user', 'username', 'user_name', 'login']);
/** Keys that are short for password only beside a user key: alone, `pass` is a word (a test's status, a threshold). */
const PASS_KEYS = new Set(['pass', 'pw']);

/** Words by length (each length has one): a key is looked up by its length first. */
function byLength(words: ReadonlySet<string>): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const word of words) out[word.length] = word;
  return out;
}
const USER_KEY_OF_LENGTH = byLength(USER_KEYS);
const PASS_KEY_OF_LENGTH = byLength(PASS_KEYS);

function isKeyOf(words: readonly (string | undefined)[], key: string): boolean {
  const word = words[key.length];
  return word !== undefined && (key === word || key.toLowerCase() === word);
}

/** The same on a JSON key as written (quotes included, `start`…`end` in `text`, no escapes). */
function isKeyAt(words: readonly (string | undefined)[], text: string, start: number, end: number): boolean {
  const length = end - start - 2;
  const word = length >= 0 ? words[length] : undefined;
  if (word === undefined) return false;
  // compared in place, letters in either case (no string is made: most keys fail at the first or second letter)
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(start + 1 + i);
    const w = word.charCodeAt(i);
    if (c !== w && (w === 95 || (c | 32) !== w)) return false;
  }
  return true;
}

export function isUserKey(key: string): boolean {
  // asked of every key of a parsed artifact: by length first
  return isKeyOf(USER_KEY_OF_LENGTH, key);
}

/** isUserKey on a JSON key as written (quotes included, `start`…`end` in `text`), asked of every key of a streamed file: by length first. */
export function isUserKeyAt(text: string, start: number, end: number): boolean {
  return isKeyAt(USER_KEY_OF_LENGTH, text, start, end);
}

/** `pass` or `pw`, in either case: a password's name only beside a user key. */
export function isPassKey(key: string): boolean {
  return isKeyOf(PASS_KEY_OF_LENGTH, key);
}

/** isPassKey on a JSON key as written (quotes included, no escapes). */
export function isPassKeyAt(text: string, start: number, end: number): boolean {
  return isKeyAt(PASS_KEY_OF_LENGTH, text, start, end);
}

/**
 * `pw` alone, with no user key beside it: a password only when its value reads as one (see secretKeyNameDetector).
 * Not `pass` alone: a test's threshold or status is as likely (`test_thresholds: {pass: …}`, fixtures/cases/auth-pairs.yaml).
 */
export function isBarePwKey(key: string): boolean {
  return key === 'pw' || key === 'PW';
}

/**
 * A value under `pw` alone that is a password: both cases of letters, and a digit or a symbol, 8 or more
 * characters (`Blue-Falcon-77`). A width (`640`), a date, a version (`v1.2.3`) or a name (`page_width`) is not.
 */
export function readsLikeBarePassword(value: string): boolean {
  return readsLikePassword(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[^A-Za-z]/.test(value);
}

/** `pass` or `pw` beside a user key in the same object, before or after it. */
export function isPasswordBesideUser(key: string, userBeside: boolean | undefined): boolean {
  return userBeside === true && isPassKey(key);
}

/** An authentication scheme's or a token type's name where a pair's user would be. */
const AUTH_SCHEME_FIRST = /^(?:basic|bearer|digest|ntlm|negotiate|kerberos|token|servicetoken|apikey|api_key|oauth2?|realm):/i;

/** `user:password`, the user without a space or a colon (an e-mail address is one), the password without a space. */
const USER_COLON_PASSWORD = /^[^\s:]{1,128}:(\S{8,256})$/;

/**
 * The password's span in a `user:password` value that starts at `start`, when it reads as a password with both cases and
 * a digit or a symbol (readsLikeBarePassword): a mechanism and its option (`login:plain`, `oauth2:client_credentials`,
 * `PLAIN:LOGIN:CRAM-MD5`), a host and its port, a URL (`ldap://…`) are not.
 */
function userPasswordIn(value: string, start: number): { start: number; end: number } | undefined {
  const pair = USER_COLON_PASSWORD.exec(value.slice(start).trimEnd());
  const password = pair?.[1];
  if (password === undefined || password.startsWith('//') || !readsLikeBarePassword(password) || !isRealSecretValue(password, 'password')) return undefined;
  // `Basic:Realm=Analytics2024`, `ServiceToken:DbtCloudProd2024`: a scheme and its setting, no user (red team 85)
  if (AUTH_SCHEME_FIRST.test(pair![0])) return undefined;
  const end = start + pair![0].length;
  return { start: end - password.length, end };
}

/** How many of the four kinds of characters a value has: lower case, upper case, digits, others. */
function characterKinds(value: string): number {
  return Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/[0-9]/.test(value)) + Number(/[^A-Za-z0-9]/.test(value));
}

/**
 * What a password for a system holds under a config's name for it (`password_mysql`, isSystemPasswordKey), in an artifact
 * or in a config's text: eight characters or more, no space, three kinds of characters of four (`WzkP9HyV8oj4!2`; ten
 * letters and digits are as often a build's or a schema's name, `build20241130`: red team 109), none of that system's
 * settings (a URL, a host and its port, a method: isSystemSetting) nor a reference to where the password is kept, and a
 * password's sign: a symbol a password takes (`Admin@123`, not an e-mail address), or both cases and a run of letters
 * and digits (`hT4-vW9q-Lm2z`), not words. Red team 111 found 31 false alarms in the text form without the sign: a
 * server's or a secret's name (`PG-PROD-01`, `Bitwarden-Item-42`, `Ops-Team-2`), a store's path
 * (`aws-sm:dbt/prod/Redshift-01`), a region, a replica, a version, a date, a key's fingerprint (`SHA256:…`), an address.
 */
export function readsLikeSystemPassword(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || v.length > 256 || /\s/.test(v) || characterKinds(v) < 3 || isSystemSetting(v) || SYSTEM_REFERENCE.test(v) || DATE_IN_VALUE.test(v)) return false;
  if (SYSTEM_PASSWORD_SYMBOL.test(v)) return !WHOLE_EMAIL_ADDRESS.test(v);
  return /[a-z]/.test(v) && /[A-Z]/.test(v) && MIXED_RUN.test(v) && !v.includes('/') && !(isMostlyWords(v) && madeByPerson(v));
}

/** A run between a name's joints with letters and digits in it (`hT4`, `Xk9mLp2Q`): not `Vault-KV-2`, `ftp_ACME_2024`. */
const MIXED_RUN = /(?:^|[-_.:])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]+/;

/**
 * A symbol a password takes (not the `.`, `-`, `_`, `:`, `/` that join the parts of a name, a path or a version): those
 * that password-assignment's readers take (its PASSWORD_SYMBOL), and base64's `+` and `=` of a generated one.
 */
const SYSTEM_PASSWORD_SYMBOL = /[!#$%&*?@^~+=]/;
/** An e-mail address, or a principal (`svc_dbt@ACME.LOCAL`): the user a password is for (built: regex-safety.test.ts asks recheck about it by name). */
export const WHOLE_EMAIL_ADDRESS = new RegExp(`^${EMAIL_ADDRESS}$`);
/**
 * Where a password is kept, or a name of its system's: a host with its domain (`Pg01.acme.io`), a key's fingerprint
 * (`SHA256:nThb…`), a UUID.
 */
const SYSTEM_REFERENCE = /^(?:[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,7}\.(?:com|net|org|io|local|internal|cloud|dev|corp|lan)(?::\d{1,5})?|(?:SHA256|SHA1|MD5):.{8,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The second of a pair under an auth key is a password when it reads like one: under a name this
 * loose (`auth: [read, write]` lists scopes) a word alone is not enough; 8 characters of two kinds are.
 */
export function readsLikePassword(value: string): boolean {
  return value.length >= 8 && !/\s/.test(value) && characterKinds(value) >= 2;
}

/**
 * `auth = …`, `http_auth: …`, `access = …`, `s3_access: …`: a name whose last word is `auth` or
 * `access` says how one signs in, or what one may do, as often as it holds a credential (`auth =
 * 'oauth'`, `auth: none`, `auth: oauth2-client`; dbt's model `access: protected`, `access=public`,
 * `access: read`), so its value counts only when it reads as a token (readsLikeToken). `oauth`,
 * `author`, `authenticator`, `access_level` and `accessed` are other words.
 */
export function namesBareCredential(name: string): boolean {
  return name.length <= 64 && /(?:^|[_.-])(?:auth|access)$/i.test(name);
}

/**
 * A token's shape: 16 or more characters of a token alphabet with upper- and lower-case letters and
 * digits, not made mostly of words, or 32 or more hex digits. Words, settings, kebab-case and
 * PascalCase names (`oauth2-client-credentials`, `AzureDefaultCredential2024`) are not.
 */
export function readsLikeAuthToken(value: string): boolean {
  // Basic auth's payload (a Docker config's `auth`): base64 of user:password is the decoder's to judge
  // and report (encoded-credentials), by its password
  if (/^[A-Za-z0-9+/]{8,1024}={0,2}$/.test(value) && value.length % 4 === 0 && /^[\x21-\x39\x3b-\x7e]{1,64}:[\x20-\x7e]{1,128}$/.test(Buffer.from(value, 'base64').toString('latin1'))) return false;
  return readsLikeToken(value);
}

/** A command line's `--key` flag: a flag of many meanings, whose value is a secret only in a token's shape (readsLikeKeyFlagValue). */
export function isKeyFlag(name: string): boolean {
  return name.length === 5 && name.startsWith('--') && name.slice(2).toLowerCase() === 'key';
}

/**
 * The value of a command's `--key` flag that is a secret: a token's shape without a `/` or a `.` (`--key` is also an
 * object's key in a bucket, `--key exports/2024/Daily01.tar.gz`, and a sort's or a cache's).
 */
export function readsLikeKeyFlagValue(value: string): boolean {
  return !/[/.]/.test(value) && readsLikeAuthToken(value);
}

function readsLikeToken(value: string): boolean {
  if (/^[0-9a-f]{32,256}$/i.test(value)) return /\d/.test(value) && /[a-f]/i.test(value);
  // (16: BARE_TOKEN_MIN)
  if (!/^[A-Za-z0-9+/=_.~-]{16,256}$/.test(value) || !/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/\d/.test(value)) return false;
  return !isMostlyWords(value);
}

/**
 * PascalCase words with a version in them (`OAuth2ClientCredentials`, `role/AnalyticsReaderV2Role`): half or more
 * of the letters and digits in words of four letters or more that read as words (looksLikeWord: a random token's runs
 * of letters, `sVMsxFbbSkrjfbVDGEC4sX…`, do not). `value` is at most 256 characters.
 */
export function isMostlyWords(value: string): boolean {
  let alnum = 0;
  let inWords = 0;
  for (const part of value.match(/[A-Z]?[a-z]{1,256}|[A-Z]{1,256}(?![a-z])|\d{1,256}/g) ?? []) {
    alnum += part.length;
    if (part.length >= 4 && looksLikeWord(part)) inWords += part.length;
  }
  return inWords * 2 >= alnum;
}

/** `rows`: a unit test's fixture rows (`given[].rows`, `expect.rows`), a CSV text when its format is csv. Compared in place: asked of every value the gate sees. */
export function isRowsKey(key: string): boolean {
  return key.length === 4 && key === 'rows';
}

/** The cells of a CSV fixture's secret-named columns (`id,password\n1,…`) that hold a real secret, each as that key's value would be judged. */
function detectCsvRows(value: string): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const cell of csvSecretCells(value, isSecretKeyName)) {
    const text = value.slice(cell.start, cell.end);
    const start = cell.start + (text.length - text.trimStart().length);
    const end = cell.end - (text.length - text.trimEnd().length);
    if (end > start && isSecretCell(text, cell.column)) out.push({ detectorId: 'secret-key-name', start, end, description: `value of the secret-named column "${cell.column}" in CSV rows` });
  }
  return out;
}

/** An element of a list under a vendor's `keys` (`{sendgrid: {keys: […]}}`) or under a secret's plural name (`api_keys: […]`): in a token's shape only. */
function detectInList(value: string, key: string, parent: string | undefined): DetectorMatch[] {
  const v = value.trim();
  const start = value.length - value.trimStart().length;
  if (parent !== undefined && isChildKeyList(key) && isVendorParent(parent)) {
    if (!readsLikeVendorKey(v) || !isRealSecretValue(value, `${parent}_key`)) return [];
    return [{ detectorId: 'secret-key-name', start, end: start + v.length, description: `a key in the list "${key}" under the vendor key "${parent}"` }];
  }
  if (!namesSecretList(key) || !readsLikeAuthToken(v) || !isRealSecretValue(value, key.slice(0, -1))) return [];
  return [{ detectorId: 'secret-key-name', start, end: start + v.length, description: `a token in the list "${key}"` }];
}

export const secretKeyNameDetector: Detector = {
  id: 'secret-key-name',
  title: 'Value of a secret-named key',
  keywords: [],
  detect(value, context): DetectorMatch[] {
    // a list entry's value, under its name: in a secret's shape only (see readsLikeEntrySecret), named by it in the preview
    if (!context.entry) return detectUnderKey(value, context);
    if (context.key === undefined || !readsLikeEntrySecret(value.trim())) return [];
    const name = context.key;
    return detectUnderKey(value, context).map((m) => ({ ...m, name }));
  },
};

/** secret-key-name's matches of a value under its key (or a list entry's name). */
function detectUnderKey(value: string, { key, index, userBeside, parent }: DetectorContext): DetectorMatch[] {
  if (key === undefined || isTeamLabel(key, value)) return [];
  // a fixture row's `session_key`, `visit_key`: a dimension's id (isDataKeyColumn); a token format is found by its own detector
  if (parent === ROW_CELL && isDataKeyColumn(key)) return [];
  // a date and a time, not in a URL: `dag_run_token: manual__2024-11-03T10:15:00+00:00` is the run's id (red team 52)
  if (TIMESTAMP_IN_VALUE.test(value) && !value.includes('://')) return [];
  if (isRowsKey(key)) return index === undefined ? detectCsvRows(value) : [];
  const start = value.length - value.trimStart().length;
  // auth: [user, password]: the user (first) is no secret, the password (second) is
  if (index !== undefined && isAuthPairKeyName(key)) {
    if (index !== 1 || !readsLikePassword(value.trim()) || !isRealSecretValue(value, 'password')) return [];
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `password of the user and password pair "${key}"` }];
  }
  // the same pair as an environment variable writes it, `SMTP_AUTH=alerts@acme.io:…`, `PROXY_AUTH=svc:…` (red team 84;
  // BASIC_AUTH and *_CREDENTIALS name a secret, their whole value is one)
  if (index === undefined && isEnvName(key) && namesBareCredential(key) && isAuthPairKeyName(key) && !isSecretKeyName(key)) {
    const pair = userPasswordIn(value, start);
    if (pair) return [{ detectorId: 'secret-key-name', ...pair, description: `password of the user and password pair "${key}"` }];
  }
  if (index === undefined && isPasswordBesideUser(key, userBeside)) {
    // a name this loose (`pw: pixel width`, `pass: passthrough`) takes a value that reads as a password
    if (!readsLikePassword(value.trim()) || !isRealSecretValue(value, key)) return [];
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `password "${key}" beside a user key` }];
  }
  // `pw: Blue-Falcon-77` with no user key beside it: the password's own abbreviation, its value one (`pw: 640`, a
  // date, a version are not)
  if (index === undefined && isBarePwKey(key) && readsLikeBarePassword(value.trim()) && isRealSecretValue(value, 'password')) {
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `password "${key}"` }];
  }
  // `password_mysql: …` outside an environment variable's name: a value that reads as a generated password only (a host, a
  // URL, a file's or a warehouse's name, a method are that system's settings: red team 107)
  if (index === undefined && isSystemPasswordKey(key) && readsLikeSystemPassword(value) && isRealSecretValue(value, 'password')) {
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `password "${key}"` }];
  }
  if (!isSecretKeyName(key)) {
    // `fernet: <key>`: under the bare name (`fernet: enabled` is a setting), a Fernet key only
    if (index === undefined && namesFernet(key)) return isFernetKey(value.trim()) ? [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `Fernet key under the key "${key}"` }] : [];
    // `{"discord": "<bot token>"}`, `{"sfdc_session": "00D…!…"}`: a key that names no secret but a
    // token format's vendor, and a value of that format's (sure) shape; reported as that format
    const keyed = index === undefined ? detectTokensUnderKey(key, value) : [];
    if (keyed.length > 0) return keyed;
    // `TD_LOGON: tdprod/dbt_etl,…`: Teradata's logon string, its password after the user's comma (red team 86), in a
    // password's shape as a pair's under an environment's name is (`last_logon: ws-0042/jsmith,14:02` is when and where)
    if (index === undefined && namesLogon(key)) {
      const password = logonStringPassword(value);
      if (!password) return [];
      const typed = value.slice(password.start, password.end);
      // …and one no person made, not a reference (`@/run/secrets/td_pw`, `Vault-Ref:td/etl2`): a logon's name is also a
      // Windows logon's record, and a default or a label under it (`ChangeMe!1`, `RemoteInteractive-10`) reads as a password
      // as often (red team 88)
      if (!readsLikeBarePassword(typed) || !isRealSecretValue(typed, 'password') || madeByPerson(typed) || /[/@]/.test(typed)) return [];
      return [{ detectorId: 'secret-key-name', ...password, description: `password in the logon string of "${key}"` }];
    }
    // `ORACLE_CONN: etl/<password>@ORCLPDB1`, `DB_CONNECTION: user:<password>@account/db`: a connection's name that names no
    // secret (`conn`, `connection`, `connect string`: it holds an Airflow connection's id or a driver's name as often), its
    // user info's password in a password's shape (red team 135), and none a person made of words: `org/name@ref` is as
    // often a package's or a repository's (`acme/dbtProject2@v1.2.0`), or Snowflake's `account/warehouse@role` (red team 136)
    const dsn = index === undefined && namesConnection(key) ? schemelessPassword(value, start) : undefined;
    if (dsn && readsLikeBarePassword(dsn.password) && isRealSecretValue(dsn.password, 'password') && !madeByPerson(dsn.password)) {
      return [{ detectorId: 'secret-key-name', start: dsn.at, end: dsn.at + dsn.password.length, description: `password in the connection string of "${key}"` }];
    }
    // `parola: Harborharbor87$`, `pass: <token>`, `sessionid: …`: a name that holds a secret only in the secret's shape
    const shaped = shapedSecretOf(key);
    if (shaped === 'cookie') {
      return sessionCookieValues(value).map((c) => ({ detectorId: 'secret-key-name', start: c.start, end: c.end, description: `session cookie "${c.name}" under the key "${key}"` }));
    }
    if (shaped !== undefined) {
      // a session's id in a fixture's rows is a row of events' key; a ULID or a CUID is a database's sortable id, no web
      // server's session key (red team 138)
      if (shaped === 'session' && (parent === ROW_CELL || SORTABLE_ID.test(value.trim()))) return [];
      if (!readsLikeShapedSecret(shaped, value.trim(), key) || !isRealSecretValue(value, key)) return [];
      return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `${shaped} under the key "${key}"` }];
    }
    if (index !== undefined) return detectInList(value, key, parent);
    // `{sendgrid: {key: …}}`: a bare `key` or `api` under a vendor whose one key is secret, as `sendgrid_key: …` is
    if (index === undefined && parent !== undefined && isChildKey(key) && isVendorParent(parent)) {
      if (!readsLikeVendorKey(value.trim()) || !isRealSecretValue(value, `${parent}_key`)) return [];
      return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `value of "${key}" under the vendor key "${parent}"` }];
    }
    if (index !== undefined) return [];
    // `auth: <token>`, `access: <token>` under a key that only may name a credential (auth: oauth, access: public), and
    // `FIVETRAN_KEY: <token>`, a key of a service no list knows (primary_key, cache_key, site_key are not)
    const loose = namesBareCredential(key) ? readsLikeAuthToken(value.trim()) : isLooseKeyName(key) && readsLikeLooseKey(value.trim(), key);
    if (!loose || !isRealSecretValue(value, key)) return [];
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `token under the key "${key}"` }];
  }
  if (parent === ROW_CELL ? !isSecretCell(value, key) : !isRealSecretValue(value, key)) return [];
  // `Authorization: Bot <token>`, `api_token: Bearer <token>`: the credential after its scheme
  const scheme = AUTH_SCHEME.exec(value.slice(start));
  if (scheme) {
    const keyed = detectTokensUnderKey(key, value);
    if (keyed.length > 0) return keyed;
    const at = start + scheme[0].length - scheme[2]!.length;
    return isRealSecretValue(scheme[2]!) ? [{ detectorId: 'secret-key-name', start: at, end: at + scheme[2]!.length, description: `${scheme[1]} credential under the key "${key}"` }] : [];
  }
  // under `SNOWFLAKE_DSN`, `user:password@account/…`: the password is the secret, not the account
  const dsn = namesConnection(key) ? schemelessPassword(value, start) : null;
  if (dsn !== null) {
    if (!dsn || !isRealSecretValue(dsn.password)) return [];
    return [{ detectorId: 'secret-key-name', start: dsn.at, end: dsn.at + dsn.password.length, description: `password in the DSN of "${key}"` }];
  }
  return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `value of secret-named key "${key}"` }];
}
