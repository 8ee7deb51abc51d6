/**
 * Credentials that SQL passes by position or by a name in a string, where no keyword stands before
 * the literal (sql-credentials.ts reads them for the sql-password detector):
 *
 *   DECLARE api_token text := '…'   @password NVARCHAR(100) = N'…'   LET secret STRING := '…'
 *   set_config('app.api_key', '…', false)   http_header('X-Api-Key', '…')   object_construct('password', '…')
 *   s3('https://…', '<key id>', '<secret>', 'Parquet')   azureBlobStorage(url, container, path, account, '<key>')
 *   postgresql('host:port', 'db', 'table', 'user', '<password>')   mysql(…)   mongodb(…)
 *   pgp_sym_decrypt(col, '<key>')   aes_decrypt(col, unhex(sha2('<key>', 512)))   decryptbypassphrase('<key>', col)
 *   CALL admin.sp_rotate_password('svc', '<password>')   EXEC dbo.usp_change_password 'svc', '<old>', '<new>'
 */
import type { DetectorMatch } from '../types.js';
import { namesTokenOrKey } from './key-grammar.js';
import { isMostlyWords, isRealSecretValue, isSecretKeyName, readsLikeAuthToken, readsLikeBarePassword } from './key-names.js';
import { isConcatenated } from './placeholder-grammar.js';
import { charge, scanAll, searchFrom } from './work.js';

/** A variable declared with a string type and given a literal: PL/pgSQL, Snowflake Scripting, T-SQL, BigQuery, Oracle (a quote written twice is the literal's). */
const TYPED =
  /(?<![\w$.@])@?([A-Za-z_][A-Za-z0-9_]{0,127})\s{1,16}(?:n?varchar2?|n?char|text|string|character\s{1,16}varying|bpchar|n?clob|sysname)(?:\s{0,16}\(\s{0,16}(?:\d{1,5}|max)\s{0,16}\))?\s{0,16}(?::=|=|default(?=[\s']))\s{0,16}N?'((?:[^'\n]|''){1,256})'/gi;

/** A name in a string, then a literal: a setting, a header or an object's key and its value. */
const NAMED_LITERAL = /'([A-Za-z0-9_.-]{1,128})'\s{0,16},\s{0,16}N?'((?:[^'\s]|''){1,256})'/g;
/**
 * Words joined by `_`, `-` or `.`, no digit: a code or a display name (`FT_NFT`, `ISLN-WP`, `Collab.Land`). In a row
 * of a VALUES list it is the row's label, the name before it a thing's name (`('FounderToken', 'FT_NFT')`).
 */
const LABEL = /^[A-Za-z]{1,64}(?:[_.-][A-Za-z]{1,64}){1,8}$/;
/**
 * Capitals and then digits, eight at most: a ticker symbol (`TV0821`). In a row of a VALUES list after a name with
 * "token" in it, a coin's name and its symbol (`(0x…, 'TestToken0821', 'TV0821')`, Dune spellbook's NFT list: red team 87).
 */
const TICKER = /^(?=.{2,8}$)[A-Z]{1,6}\d{1,6}$/;
/** A coin's display name before its symbol (`TestToken0821`), not a setting's key (`('auth_token', 'PIN48291')`, red team 88). */
const COIN_NAME = /^[A-Z][A-Za-z]{1,63}\d{0,8}$/;
/** A default of env_var(), var() or a lookup: a fallback for development, not this pair. */
const LOOKUP_BEFORE = /(?:env_var|var|getenv|get|coalesce|nvl|ifnull)\s{0,8}\(\s{0,8}$/i;

/** ClickHouse's object-store table functions and engines, whose arguments carry a key pair by position. */
const OBJECT_STORE_CALL = /(?<![\w.])(s3(?:cluster)?|gcs|azureblobstorage(?:cluster)?)\s{0,16}\(/gi;
/** An access key's id (AWS, GCS HMAC), where the function's format or structure would be a word. */
const KEY_ID = /^(?=[A-Za-z0-9]{0,127}[0-9])[A-Za-z0-9]{16,128}$/;
/** An S3-compatible store's key id that is a user's name (MinIO's, a custom one). */
const USER_KEY_ID = /^[A-Za-z][A-Za-z0-9_.@-]{1,63}$/;
/** ClickHouse's input and output formats and `NOSIGN`, which take a key id's place in the calls without a key. */
const CLICKHOUSE_FORMAT = /^(?:nosign|auto|(?:csv|tsv|tabseparated|customseparated|json|jsoncompact|jsonstrings|jsoncompactstrings|rowbinary)\w{0,40}|parquet|orc|avro|arrow|arrowstream|native|values|template|regexp|protobuf\w{0,20}|capnproto|msgpack|bsoneachrow|npy|rawblob|line\w{0,20}|one|form|sqlinsert|markdown|pretty\w{0,30}|xml|null|deltalake|hudi|iceberg)$/i;

/**
 * ClickHouse's table functions (and table engines) that read another database, whose fifth
 * argument is the password: postgresql('host:port', 'database', 'table', 'user', 'password'),
 * the same for mysql() and mongodb() (a collection where the table goes).
 */
const DATABASE_CALL = /(?<![\w.])(postgresql|mysql|mongodb|remote(?:secure)?|redis)\s{0,16}\(/gi;
/** The first argument: one host or several, each with an optional port (`pg1:5432|pg2:5432`, `mongo-{1..3}:27017`). */
const HOSTS = /^[A-Za-z0-9_.{}|,:\-\[\]]{1,256}$/;
const MAX_ARGUMENTS = 6;
const MAX_ARGUMENT = 1024;

/** Literals assigned in a typed declaration to a secret-named variable. */
export function typedDeclarations(value: string, out: DetectorMatch[]): void {
  // every form has `:=`, `=` after a `declare`, or a `default`: a value with neither holds none
  if (value.indexOf(':=') < 0 && !/declare/i.test(value)) return;
  for (const m of scanAll(TYPED, value)) {
    const name = m[1]!;
    const secret = m[2]!;
    if (!isSecretKeyName(name) || !isRealSecretValue(secret, name)) continue;
    const start = m.index + m[0].length - secret.length - 1;
    out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: `literal declared as "${name}"` });
  }
}

/**
 * A literal after a secret's name in a string: `set_config('app.api_key', '…')`,
 * `http_header('X-Api-Key', '…')`, `json_build_object('password', '…')`. A value of one word
 * without a digit or a symbol (`decode(kind, 'password', 'Login')`) is a label, not a secret.
 */
export function namedLiterals(value: string, out: DetectorMatch[]): void {
  for (let m = searchFrom(NAMED_LITERAL, value, 0); m; ) {
    const name = m[1]!;
    const secret = m[2]!;
    const end = m.index + m[0].length - 1;
    if (givenSecret(value, m.index, end, name, secret)) {
      out.push({ detectorId: 'sql-password', start: end - secret.length, end, description: `literal given to "${name}"` });
      m = searchFrom(NAMED_LITERAL, value, end + 1);
    } else {
      // the second literal may name the next: `('svc_loader', 'password', '…')`, `['svc', 'api_token', '…']` (red team 87)
      m = searchFrom(NAMED_LITERAL, value, end - secret.length - 1);
    }
  }
}

/** Whether the literal `secret` (closing quote at `end`) after the name `name` (the pair from `at`) is that name's secret. */
function givenSecret(value: string, at: number, end: number, name: string, secret: string): boolean {
  if (!isSecretKeyName(name) || !/[^A-Za-z]/.test(secret) || secret.includes(name) || !isRealSecretValue(secret, name)) return false;
  // `first_authentication_factor in ('PASSWORD', 'RSA_KEYPAIR', …)`, `decode(f, 'PASSWORD', 'RSA_KEYPAIR')`: an enum's
  // constants, or items of an IN list, one after another (red team 147)
  // (made of words: `WINTER2024_SNOWFLAKE_ADMIN`, `XKQZPV_MWRTBN_LQJDHS9` are passwords, red team 148)
  if ((ENUM_CONSTANT.test(secret) && isMostlyWords(secret)) || IN_LIST_BEFORE.test(value.slice(Math.max(0, at - 512), at + 1))) return false;
  if ((LABEL.test(secret) || (TICKER.test(secret) && COIN_NAME.test(name) && namesTokenOrKey(name))) && inValuesRow(value, at)) return false;
  return !isConcatenated(value.slice(end + 1, end + 13)) && !LOOKUP_BEFORE.test(value.slice(Math.max(0, at - 24), at));
}

/**
 * Whether the literal at `at` is in a row of a VALUES list (`values ('a', 'b'), (…)`, `(0x…, 'a', 'b'),`): the
 * parenthesis that opens its row follows `values` or the comma after another row, with plain items between.
 */
function inValuesRow(value: string, at: number): boolean {
  const before = value.slice(Math.max(0, at - 512), at);
  const open = before.lastIndexOf('(');
  if (open < 0 || !ROW_ITEMS.test(before.slice(open + 1))) return false;
  return ROW_START.test(before.slice(0, open));
}

/**
 * An enum's constant: words in capitals joined by `_` (a word may end in digits: `SAML2_ASSERTION`, `OAUTH_ACCESS_TOKEN`),
 * words in small letters joined by `_` (`deprecated_v2`), or a dotted name of three parts or more
 * (`user.account.update_password`, `google.iam.admin.v1.CreateServiceAccountKey`).
 */
const ENUM_CONSTANT = /^(?:[A-Z]{2,32}\d?(?:_[A-Z]{1,32}\d?){1,8}|[a-z]{2,32}\d?(?:_[a-z]{1,32}\d?){1,8}|[A-Za-z][A-Za-z0-9]{0,63}(?:\.[A-Za-z][A-Za-z0-9]{0,63}){2,12})$/;
/** An IN list open before a literal, quoted items before it: `in ('PASSWORD', '` (a pair's first literal is the last). */
const IN_LIST_BEFORE = /(?<![\w$])in[ \t\r\n]{0,8}\([ \t\r\n]{0,8}(?:'[^'\n]{0,256}'[ \t\r\n]{0,8},[ \t\r\n]{0,8})*'$/i;

/** The items of a row before a literal: numbers, hex, quoted strings without parentheses, NULL, TRUE and FALSE. */
const ROW_ITEMS = /^(?:\s*(?:'[^'()]*'|[\w.-]+)\s*,)*\s*$/;
/** What comes before a row's parenthesis: `values`, or the comma after the row before. */
const ROW_START = /(?:\bvalues|\)\s*,)\s*$/i;

/** The secret key of `s3(url, key_id, secret, …)` and `azureBlobStorage(url, container, path, account, key, …)`. */
export function objectStoreKeys(value: string, out: DetectorMatch[]): void {
  for (const m of scanAll(OBJECT_STORE_CALL, value)) {
    const fn = m[1]!.toLowerCase();
    const args = readArguments(value, m.index + m[0].length);
    // s3Cluster's first argument is the cluster
    const url = fn.endsWith('cluster') ? 1 : 0;
    if (!/^(?:https?|s3|gs):\/\//i.test(args[url]?.text ?? '')) continue;
    const secretAt = fn.startsWith('azure') ? url + 4 : url + 2;
    const secret = args[secretAt];
    if (!secret?.quoted || secret.text.length < 16 || /\s/.test(secret.text)) continue;
    // (an S3-compatible store's key id is a user's name, MinIO's or R2's: `s3(url, 'dbt-reader', '<secret>', 'Parquet')`, the
    // secret then in a generated token's shape, red team 141; a format's name there says the call carries no key)
    const keyId = args[url + 1];
    if (!fn.startsWith('azure') && !KEY_ID.test(keyId?.text ?? '') && !(keyId?.quoted && USER_KEY_ID.test(keyId.text) && !CLICKHOUSE_FORMAT.test(keyId.text) && readsLikeAuthToken(secret.text))) continue;
    if (!isRealSecretValue(secret.text)) continue;
    out.push({ detectorId: 'sql-password', start: secret.start, end: secret.start + secret.text.length, description: `secret key argument of ${m[1]}()` });
  }
}

/**
 * The password of `postgresql(host, database, table, user, password)` and of mysql() and mongodb() so called; of
 * `remote(addresses, db, table, user, password)` and remoteSecure() (or with `db.table` in one argument, the user and
 * password one place earlier), and of `redis(host:port, key, structure, db_index, password)`.
 */
/** A quoted `db.table` as remote()'s second argument: two names and a dot. */
const QUOTED_TABLE = /^[A-Za-z_][\w$-]{0,63}\.[A-Za-z_][\w$-]{0,127}$/;

export function databaseCallPasswords(value: string, out: DetectorMatch[]): void {
  for (const m of scanAll(DATABASE_CALL, value)) {
    const fn = m[1]!.toLowerCase();
    const args = readArguments(value, m.index + m[0].length);
    const host = args[0];
    let user: Argument | undefined;
    let password: Argument | undefined;
    if (fn === 'redis') {
      // the key and the structure quoted or bare, the db index a number
      if (!/^\d{1,3}$/.test(args[3]?.text ?? '')) continue;
      password = args[4];
    } else if (fn.startsWith('remote')) {
      // `db.table` bare or quoted (`'dims.customers'`, red team 157); a quoted database's name with a dot when a quoted password
      // follows the user in the five-argument form (`remote('h', 'my.db', 'customers', 'etl', '…')`: review 161)
      const table = args[1] !== undefined && (args[1].quoted ? QUOTED_TABLE.test(args[1].text) && !(args.length >= 5 && args[4]!.quoted) : args[1].text.includes('.'));
      const at = table ? 2 : 3;
      [user, password] = [args[at], args[at + 1]];
      if (!user?.quoted) continue;
    } else {
      // five quoted arguments: a call with a named collection, or an adapter macro's, has fewer or bare ones
      if (args.length < 5 || args.slice(0, 5).some((a) => !a.quoted)) continue;
      [user, password] = [args[3], args[4]];
    }
    if (!host?.quoted || !password?.quoted || !HOSTS.test(host.text) || user?.text.length === 0) continue;
    if (/\s/.test(password.text) || !isRealSecretValue(password.text)) continue;
    out.push({ detectorId: 'sql-password', start: password.start, end: password.start + password.text.length, description: `password argument of ${m[1]}()` });
  }
}

/**
 * A procedure or function that sets a user's password, by its name's end (`sp_rotate_password`, `usp_change_password`,
 * `admin.set_password`, `ResetPassword`; a word between, a macro's `set_service_password` in a hook: red team 93), then
 * its arguments in parentheses or, T-SQL's EXEC, after a space; a quoted name's closing quote may stand between
 * (`` `proj.ops.sp_rotate_password`(…) ``). Not one that checks, validates or hashes one.
 */
const PASSWORD_PROCEDURE = /(?<![A-Za-z0-9$])(?:set|rotate|change|reset)_?(?:[a-z]{1,24}_?)?password[`"\]]?(?:\s{0,16}\(|\s{1,16}(?='))/gi;
/** How far back a password procedure's name is read for the message (its prefix: `sp_`, `usp_`, `admin_`). */
const PROCEDURE_PREFIX = 32;

/**
 * The password given to a password procedure (PASSWORD_PROCEDURE) as its last literal, after the user's (red team 84: a
 * rotation's `CALL` echoed in dbt.log): a procedure given only the user asks for none or makes one. The literal must read
 * as a password with both cases and a digit or a symbol (readsLikeBarePassword): a user's or a role's name is none.
 */
export function passwordProcedureArguments(value: string, out: DetectorMatch[]): void {
  for (const m of scanAll(PASSWORD_PROCEDURE, value)) {
    const args = readArguments(value, m.index + m[0].length);
    let last = args.length - 1;
    while (last >= 0 && !args[last]!.quoted) last--;
    if (last < 1) continue;
    const password = args[last]!.text;
    if (!readsAsPasswordArgument(password)) continue;
    let start = m.index;
    while (start > 0 && m.index - start < PROCEDURE_PREFIX && /[A-Za-z0-9_]/.test(value[start - 1]!)) start--;
    charge(m.index - start);
    const name = value.slice(start, m.index) + m[0].replace(/[`"\]\s(]{1,32}$/, '');
    out.push({ detectorId: 'sql-password', start: args[last]!.start, end: args[last]!.start + password.length, description: `password argument of ${name}()` });
  }
}

/**
 * A literal given as a password's argument (a procedure's, a format's) that reads as one: both cases and a digit or a
 * symbol (readsLikeBarePassword), no space; a user's or a role's name is none.
 */
function readsAsPasswordArgument(password: string): boolean {
  if (/\s/.test(password) || !readsLikeBarePassword(password) || !isRealSecretValue(password, 'PASSWORD')) return false;
  // words and a number joined only by `_` or `-`, or by case, name the secret's entry or a setting (`'Snowflake_Prod_01'`,
  // `'ExpireIn30Days'`, `'Rotation-2024Q3'`: red team 85); a person's password of words has a symbol (`'Paprika+Harbor936'`)
  return /[^A-Za-z0-9_-]/.test(password) || !isMostlyWords(password);
}

/** PostgreSQL's `format(…)`, whose first argument is the string its placeholders (`%I`, `%L`, `%s`, `%2$L`) are filled into. */
const FORMAT_CALL = /(?<![\w$.])format\s{0,16}\(/gi;
/** In a format string, PASSWORD and the placeholder of its value (`… WITH PASSWORD %L`, `%2$L`), as the detector's anchor reads it. */
const PASSWORD_PLACEHOLDER = /\bpassword\s{1,16}%(?:([1-9])\$)?[Ls]/i;
/** A format string's placeholders, `%%` (a percent sign) not among them. */
const PLACEHOLDER = /%%|%(?:[1-9]\$)?[IsL]/g;

/**
 * The password a dynamic statement is built with: PL/pgSQL's `EXECUTE format('ALTER ROLE %I WITH PASSWORD %L', 'svc',
 * '…')` (red team 93: the literal, an argument by position, was missed; `'… PASSWORD ' || quote_literal('…')` was found).
 * The argument is the one the placeholder after PASSWORD takes: its own position (`%2$L`), or as many as stand up to it.
 */
export function formattedPasswordArguments(value: string, out: DetectorMatch[]): void {
  // (no placeholder a password takes, `%L`, `%s`, `%2$L`: most SQL, searched for `format(` no more)
  if (!value.includes('%L') && !value.includes('%s') && !value.includes('$L') && !value.includes('$s')) return;
  for (const m of scanAll(FORMAT_CALL, value)) {
    const args = readArguments(value, m.index + m[0].length);
    const template = args[0];
    if (!template?.quoted) continue;
    const placeholder = PASSWORD_PLACEHOLDER.exec(template.text);
    if (!placeholder) continue;
    const upTo = template.text.slice(0, placeholder.index + placeholder[0].length);
    charge(upTo.length);
    const position = placeholder[1] !== undefined ? Number(placeholder[1]) : [...upTo.matchAll(PLACEHOLDER)].filter((p) => p[0] !== '%%').length;
    const password = args[position];
    if (!password?.quoted || !readsAsPasswordArgument(password.text)) continue;
    out.push({ detectorId: 'sql-password', start: password.start, end: password.start + password.text.length, description: 'password argument of format()' });
  }
}

/**
 * SQL's encryption and keyed-hash functions, and where their key goes: the passphrase or key of pgcrypto's
 * `pgp_sym_encrypt(data, '…')`, `encrypt(data, '…', 'aes')` and `hmac(data, '…', 'sha256')`, Snowflake's
 * `decrypt(value, '…')`, MySQL's and Databricks' `aes_decrypt(value, '…')`, T-SQL's `encryptbypassphrase('…', text)`,
 * Trino's `hmac_sha256(data, to_utf8('…'))` (and its md5, sha1 and sha512).
 */
const ENCRYPTION_CALL =
  /(?<![\w$.])(pgp_sym_(?:en|de)crypt(?:_bytea)?|(?:try_)?(?:aes_|des_)?(?:en|de)crypt(?:_raw|_iv)?|(?:en|de)cryptbypassphrase|hmac(?:_(?:md5|sha1|sha256|sha512))?)\s{0,16}\(/gi;
/** The keyed-hash calls of ENCRYPTION_CALL alone (see hmacKeys). */
const HMAC_CALL = /(?<![\w$.])(hmac(?:_(?:md5|sha1|sha256|sha512))?)\s{0,16}\(/gi;
/**
 * The key argument, a literal or one a few calls that hash or decode it wrap (`unhex(sha2('…', 512))`,
 * `to_binary('…', 'HEX')`, `digest('…', 'sha256')`): not a setting's or a variable's name read at run time
 * (`current_setting('app.key')`).
 */
const KEY_LITERAL = /^\s{0,16}(?:(?:unhex|sha2|sha1|sha|md5|digest|decode|to_utf8|to_binary|try_to_binary|hex_decode_binary|from_hex|hextoraw|convert_to|unbase64|from_base64|base64_decode_binary)\s{0,16}\(\s{0,16}){0,3}N?'((?:[^'\n\\]|'')+)'/i;

/** The key of an encryption or keyed-hash call (ENCRYPTION_CALL) given as a literal. */
export function encryptionKeys(value: string, out: DetectorMatch[]): void {
  callKeys(ENCRYPTION_CALL, value, out, 'sql-password');
}

/**
 * The key of a keyed-hash call given as a literal (`hmac_sha256(payload, '…')`), for code-secret-argument: its
 * `hmac` keyword wakes it where no keyword of sql-password's is (red team 62: a macro's webhook signature).
 */
export function hmacKeys(value: string, out: DetectorMatch[], detectorId: string): void {
  callKeys(HMAC_CALL, value, out, detectorId);
}

function callKeys(calls: RegExp, value: string, out: DetectorMatch[], detectorId: string): void {
  for (const m of scanAll(calls, value)) {
    const fn = m[1]!.toLowerCase();
    const from = m.index + m[0].length;
    const at = argumentStart(value, from, fn.endsWith('bypassphrase') ? 0 : 1);
    if (at < 0) continue;
    const key = KEY_LITERAL.exec(value.slice(at, at + MAX_ARGUMENT));
    charge(key ? key[0].length : 1);
    if (!key) continue;
    const secret = key[1]!;
    if (/^\s|\s$/.test(secret) || !isRealSecretValue(secret, 'ENCRYPTION_KEY')) continue;
    const start = at + key[0].length - secret.length - 1;
    out.push({ detectorId, start, end: start + secret.length, description: `key argument of ${m[1]}()` });
  }
}

/**
 * Where argument `index` of the call whose arguments start at `from` begins (-1: the call has fewer, or is
 * longer than MAX_ARGUMENTS arguments of MAX_ARGUMENT characters): arguments before it are passed over with
 * their literals and nested calls.
 */
function argumentStart(text: string, from: number, index: number): number {
  let i = from;
  let depth = 0;
  let n = 0;
  const last = Math.min(text.length, from + MAX_ARGUMENTS * MAX_ARGUMENT);
  while (n < index && i < last) {
    const c = text.charCodeAt(i);
    if (c === 39) {
      const close = literalEnd(text, i + 1, last);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return -1;
      depth--;
    } else if (c === 44 && depth === 0) n++;
    i++;
  }
  charge(i - from);
  return n === index ? i : -1;
}

/**
 * Whether the quote at `at` is one that a backslash escapes inside the literal begun at `from`: MySQL's, BigQuery's
 * and Spark's `'BqfDLyqv\\'s8qgjTS'` (the password `BqfDLyqv's8qgjTS`). Standard SQL reads a backslash as itself
 * (`'C:\\path\\'` ends at that quote), so a quote after an odd run of backslashes is escaped only when what follows it
 * could not follow a literal's end: not a space, a comma, a parenthesis, a semicolon or the end of the text.
 */
export function isEscapedQuote(text: string, at: number, from: number): boolean {
  if (backslashesBefore(text, at, from) % 2 === 0) return false;
  const next = text.charCodeAt(at + 1);
  return !(Number.isNaN(next) || next <= 32 || next === 44 || next === 41 || next === 59 || next === 93 || next === 125 || next === 34 || next === 39);
}

/** How many backslashes stand right before `at`, back to `from` at most (an odd run escapes what follows it). */
export function backslashesBefore(text: string, at: number, from: number): number {
  let n = 0;
  while (at - n - 1 >= from && text.charCodeAt(at - n - 1) === 92) n++;
  return n;
}

/** A literal's text as the database reads it: a quote written twice, or after a backslash (isEscapedQuote), is one quote. */
export function unquotedLiteral(inner: string): string {
  return inner.replace(/''|\\'/g, "'");
}

/**
 * The closing quote of a SQL literal whose text starts at `from`, before `last` (-1 for none): a quote written twice is
 * one quote of the literal (`'fobLXl''6Fn27MEM'` is the password `fobLXl'6Fn27MEM`), not its end; so is one that a
 * backslash escapes (isEscapedQuote).
 */
export function literalEnd(text: string, from: number, last: number): number {
  let close = text.indexOf("'", from);
  while (close >= 0 && close < last) {
    if (text.charCodeAt(close + 1) === 39) close = text.indexOf("'", close + 2);
    else if (isEscapedQuote(text, close, from)) close = text.indexOf("'", close + 1);
    else break;
  }
  charge((close < 0 || close >= last ? last : close) - from + 1);
  return close >= 0 && close < last ? close : -1;
}

interface Argument {
  text: string;
  start: number;
  quoted: boolean;
}

/** The first few arguments of a call from `i` (past its parenthesis): literals and bare words, until one is neither. */
function readArguments(text: string, i: number): Argument[] {
  const args: Argument[] = [];
  const from = i;
  while (args.length < MAX_ARGUMENTS) {
    while (i < text.length && /\s/.test(text[i]!) && i - from < MAX_ARGUMENTS * MAX_ARGUMENT) i++;
    if (text[i] === "'") {
      const close = literalEnd(text, i + 1, Math.min(text.length, i + MAX_ARGUMENT));
      if (close < 0) break;
      args.push({ text: text.slice(i + 1, close), start: i + 1, quoted: true });
      i = close + 1;
    } else {
      const bare = /^[A-Za-z0-9_.]{1,64}/.exec(text.slice(i, i + 64));
      if (!bare) break;
      args.push({ text: bare[0], start: i, quoted: false });
      i += bare[0].length;
    }
    while (i < text.length && /\s/.test(text[i]!) && i - from < MAX_ARGUMENTS * MAX_ARGUMENT) i++;
    if (text[i] !== ',') break;
    i++;
  }
  charge(i - from);
  return args;
}
