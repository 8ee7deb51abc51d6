/**
 * Credentials written as SQL literals: `create user … password '…'`, `identified by '…'` (MySQL's
 * `identified with <plugin> by '…'` too),
 * DuckDB `create secret (… secret '…')` (and an HTTP secret's `bearer_token '…'`), Redshift `secret_access_key '…'`, Snowflake stage
 * `credentials = (aws_secret_key = '…')` (the `=` forms are found by password-assignment), and a
 * literal selected under a secret's name, `select '…' as db_password` (what `'{{ env_var('DB_PASSWORD') }}'
 * as db_password` compiles to), and a literal of a list a secret-named column is looked up in (`token in ('…', '…')`; `=` is
 * password-assignment's; `<>`, `!=` and `not in` leave a value out, see comparedLiterals); an option named for a
 * password (Db2's `REMOTE_PASSWORD '…'`), Materialize's `create secret … as '…'`, and the password argument of T-SQL's
 * `sp_password` and `sp_addlogin`; the current password after `identified by … replace`, and Teradata's unquoted one of `create
 * user … as … password = …`. Typed declarations, a secret's name in a string before its literal, ClickHouse's
 * positional key pairs, the key of an encryption call and the password a procedure sets (`CALL sp_rotate_password('svc',
 * '…')`) are read in sql-calls.ts.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isDataKeyColumn, isRealSecretValue, isSecretKeyName, readsLikePassword } from './key-names.js';
import { databaseCallPasswords, encryptionKeys, formattedPasswordArguments, isEscapedQuote, literalEnd, namedLiterals, objectStoreKeys, passwordProcedureArguments, typedDeclarations, unquotedLiteral } from './sql-calls.js';
import { charge, scanAll } from './work.js';
import { namesPassword } from './key-grammar.js';
import { isTextbookPassword } from './person-made.js';

/**
 * A single-quoted literal's characters: a quote written twice is one quote of the literal (`'fobLXl''6Fn27MEM'`), and so
 * is one after a backslash where a quote could not end it (MySQL's and BigQuery's `'m9\\'Lp2Zt'`, see isEscapedQuote);
 * a backslash before a quote that may end it is itself (standard SQL's `'C:\\path\\'`).
 */
const QUOTED_CHAR = `(?:[^'\\n\\\\]|\\\\[^'\\n]|\\\\'(?![\\s,;)\\]}'"]|$)|\\\\(?=')|'')`;
/** What may stand before a literal's quote: Postgres' escape string (`E'…'`), Unicode string (`U&'…'`), T-SQL's national (`N'…'`). */
const STRING_PREFIX = `(?:[EeNn]|[Uu]&)?`;
/** QUOTED_CHAR for a double-quoted literal (MySQL's `identified by "Tq8\\"Lm3"`): the same rules with `"` for `'`. */
const DQUOTED_CHAR = `(?:[^"\\n\\\\]|\\\\[^"\\n]|\\\\"(?![\\s,;)\\]}'"]|$)|\\\\(?=")|"")`;

/**
 * An option's name that ends in `_password` (Db2's `REMOTE_PASSWORD '…'` of a user mapping, `MASTER_PASSWORD`, `SASL_PASSWORD`):
 * the word before it, but not one that says it holds no password (`hashed_password`, `encrypted_password`).
 */
const PASSWORD_OPTION = `(?:(?!(?:hashed|hash|encrypted|enc|salted|md5|sha\\w{0,8}|bcrypt)_)[A-Za-z][A-Za-z0-9]{0,30}_(?=password))?`;

// The literal follows the keyword after spaces only; no '=' (that form is an assignment). The literal is read to its
// closing quote, not to the first (QUOTED_CHAR).
// (after a quote only where MySQL's error quotes the statement it stopped at: `… near 'IDENTIFIED BY 'M7y…'' at line 1`,
// red team 154)
const SQL_LITERAL = new RegExp(
  `(?:(?<![\\w'"$.])|(?<=(?<![\\w$])near '))(?:with\\s{1,16})?${PASSWORD_OPTION}(password|identified\\s{1,16}(?:with\\s{1,16}\\w{1,64}\\s{1,16})?by(?:\\s{1,16}password)?|secret|token|secret_access_key|session_token|bearer_token|aws_secret_access_key|client_secret|private_key|account_key|connection_string|master_symmetric_key)\\s{1,16}(?:${STRING_PREFIX}'(${QUOTED_CHAR}{1,256})'|"(${DQUOTED_CHAR}{1,256})")`,
  'gi',
);

/** Materialize's `CREATE SECRET [IF NOT EXISTS] name AS '…'`: the secret's value, whatever its name. */
const SECRET_AS = new RegExp(
  `(?<![\\w$.])create\\s{1,16}secret\\s{1,16}(?:if\\s{1,16}not\\s{1,16}exists\\s{1,16})?[A-Za-z_"][\\w."]{0,127}\\s{1,16}as\\s{1,16}${STRING_PREFIX}'(${QUOTED_CHAR}{1,256})'`,
  'gi',
);

/** T-SQL's `sp_addlogin 'login', 'password'` and `sp_password 'old', 'new'`: the second literal is a password. */
const SP_LOGIN = new RegExp(`(?<![\\w$.])(sp_addlogin|sp_password)\\s{1,16}(?:N?'(${QUOTED_CHAR}{0,256})'|NULL)\\s{0,16},\\s{0,16}N?'(${QUOTED_CHAR}{1,256})'`, 'gi');

/**
 * MySQL's `IDENTIFIED BY 'new' REPLACE 'old'` and Oracle's `IDENTIFIED BY "new" REPLACE "old"` (or bare, a letter first, as
 * Oracle reads a password unquoted): the current password, given to change it, right after the new one.
 */
const REPLACED = new RegExp(`\\s{1,16}replace\\s{1,16}(?:'(${QUOTED_CHAR}{1,256})'|"(${DQUOTED_CHAR}{1,256})"|([A-Za-z][A-Za-z0-9_$#]{5,29})(?![\\w$#'"{]))`, 'iy');

/** A plugin that takes a stored hash (ClickHouse's `IDENTIFIED WITH sha256_hash BY '…'`, `double_sha1_hash`): no password. */
const HASH_PLUGIN = /^(?:with\s{1,16})?identified\s{1,16}with\s{1,16}\w{0,60}hash\s/i;

/**
 * A secret's name, `=` and a literal with a line break between them (`PASSWORD =⏎ '…'`, `PASSWORD⏎ = '…'`, as formatters
 * and Snowflake's docs lay a statement out); on one line it is password-assignment's. The name is read back from its
 * secret word.
 */
const SPLIT_ASSIGNMENT = new RegExp(
  `(?:password|passwd|pwd|secret|token|key)[A-Za-z0-9_]{0,30}(?:[ \\t]{0,16}\\r?\\n\\s{0,16}=\\s{0,16}|[ \\t]{0,16}=[ \\t]{0,16}\\r?\\n\\s{0,16})${STRING_PREFIX}'(${QUOTED_CHAR}{1,256})'`,
  'gi',
);

/**
 * A secret's name and a literal written inside another literal, its quotes doubled: a connection string in a call
 * (`dblink_connect('crm', '… password=''…''')`) or a statement run as a string (`EXECUTE IMMEDIATE 'ALTER USER svc SET
 * PASSWORD = ''…'''`). No spaces in the value: `password = '' or token = ''` is two empty strings.
 */
const DOUBLED_QUOTES = /(?:password|passwd|pwd|secret|token|key)[A-Za-z0-9_]{0,30}\s{0,16}(?:=\s{0,16})?''([^'\s\\]{4,256})''/gi;

/**
 * Postgres' `SET [SESSION | LOCAL] name TO '…'` and `ALTER DATABASE | ROLE … SET "name" TO '…'`: a setting under a
 * secret's name (`app.jwt_secret`, PostgREST's signing key). `SET name = '…'` is password-assignment's.
 */
const SET_TO = new RegExp(
  `(?<![\\w$])set\\s{1,16}(?:(?:session|local)\\s{1,16})?"?([A-Za-z_][A-Za-z0-9_.]{0,127})"?\\s{1,16}to\\s{1,16}${STRING_PREFIX}'(${QUOTED_CHAR}{1,256})'`,
  'gi',
);

/**
 * Oracle's password after IDENTIFIED BY needs no quotes: `create user etl identified by Wint3r9x`,
 * `connect to crm_ro identified by …` (a database link). Read bare only after the user, role or
 * link it is for, so that prose ("rows are identified by order_id2") is not read.
 */
const ORACLE_IDENTIFIED =
  /(?<![\w$#])(?:user|role|connect\s{1,16}to)\s{1,16}"?[A-Za-z_][\w$#]{0,127}"?\s{1,16}identified\s{1,16}by\s{1,16}([A-Za-z][A-Za-z0-9_$#]{5,29})(?![\w$#'"{])/gi;
/**
 * The same in a statement that creates or alters the user or role (`CREATE USER lake_ro IDENTIFIED BY
 * loader-Maple-86;`): Oracle would refuse a `-` or a `%` unquoted, but the text is as written (and its error
 * echoes it). The statement begins its line (or follows a `;`, a `:`, a quote, a parenthesis or a Jinja tag) and
 * the password ends it or comes before the statement's next clause: prose's "we create user records identified by
 * user-id-42 in …" is none.
 */
const IDENTIFIED_IN_DDL =
  /(?:^|[;:\n('"`]|%\}|\}\})[ \t]{0,16}(?:create|alter)\s{1,16}(?:user|role)\s{1,16}(?:if\s{1,16}not\s{1,16}exists\s{1,16})?"?[A-Za-z_][\w$#]{0,127}"?\s{1,16}identified\s{1,16}by\s{1,16}([A-Za-z0-9][^\s;'"`,(){}]{5,63})(?=[ \t]{0,16}(?:[;\n]|$)|\s{1,16}(?:default|temporary|quota|profile|password|account|container|replace)\b)/gi;
/**
 * Teradata's `CREATE USER etl [FROM dbc] AS PERM = 1e9, PASSWORD = …` and `MODIFY USER etl AS PASSWORD = …`: the password
 * unquoted, a name's characters as Teradata reads it (a quoted one is password-assignment's `password = "…"`), then the
 * statement's next option, its end or the value's. Within the statement (no `;` between), a statement that begins its
 * line (not a comment's `-- create user dimension as …`, red team 83); `PASSWORD = NULL` is none.
 */
const TERADATA_USER_PASSWORD =
  /(?:^|[;\n(])[ \t]{0,16}(?:create|modify)\s{1,16}user\s{1,16}"?[A-Za-z_][\w$#]{0,127}"?\s{1,16}(?:from\s{1,16}"?[A-Za-z_][\w$#]{0,127}"?\s{1,16})?as\s[^;]{0,512}?(?<![\w$#])password\s{0,16}=\s{0,16}([A-Za-z0-9_$#]{4,128})(?=\s{0,16}(?:[,;]|$))/gi;
/** Oracle's and MySQL's words after IDENTIFIED BY that are not a password. */
const NOT_PASSWORDS = /^(?:values|password|random|externally|globally)$/i;

/**
 * MySQL's and MariaDB's `SET PASSWORD FOR 'etl'@'%' = '…'` (and the older `= PASSWORD('…')`): the
 * account between PASSWORD and `=` is quoted, so the literal is not the `password = '…'` that an
 * assignment reads. (`SET PASSWORD = '…'`, for the current user, is that assignment.)
 */
const MYSQL_SET_PASSWORD = new RegExp(
  `(?<![\\w'"$.])set\\s{1,16}password\\s{1,16}for\\s{1,16}[^=;'"\\n]{0,64}(?:(?:'[^'\\n]{0,64}'|"[^"\\n]{0,64}"|\`[^\`\\n]{0,64}\`)[^=;'"\\n]{0,16}){0,3}=\\s{0,16}(?:(?:old_)?password\\s{0,16}\\(\\s{0,16})?(?:'(${QUOTED_CHAR}{1,256})'|"(${DQUOTED_CHAR}{1,256})")`,
  'gi',
);

/**
 * A list lookup, `in (`, and its first literal's opening quote. The column before it is read backwards (comparedName), the
 * literals after it forwards (comparedLiterals).
 */
const COMPARISON = /(?<![\w$])in\s{0,16}\(\s{0,16}N?'/gi;
/** An enum's constant (`'NOT_SET'`, `'PLACEHOLDER_KEY'`): what a filter compares a column with, not a password. */
const ENUM_CONSTANT = /^[A-Z]{1,64}(?:_[A-Z]{1,64}){0,8}$/;
/** How many literals of an `in (…)` list are read. */
const MAX_IN_LIST = 16;
/** The next literal of an `in (…)` list: a comma, spaces, its opening quote. */
const NEXT_IN_LIST = /\s{0,16},\s{0,16}N?'/y;

/** A literal's closing quote, `as` and the column name it is given (its opening quote is looked for backwards). */
const ALIASED = /'\s{1,16}as\s{1,16}["`]?([A-Za-z_][A-Za-z0-9_]{0,127})(?![A-Za-z0-9_])/gi;
/**
 * A type as a cast names it: `varchar`, `varchar(64)`, `numeric(12, 2)`, `character varying`, `nvarchar(max)`, and the
 * lengths dbt's adapters report (Snowflake's `character varying(16777216)`, 8 digits: red team 96).
 */
const CAST_TYPE = `[A-Za-z_][A-Za-z0-9_]{0,30}(?:\\s{1,4}varying)?(?:\\s{0,4}\\(\\s{0,4}(?:\\d{1,10}|max)(?:\\s{0,4},\\s{0,4}\\d{1,5})?\\s{0,4}\\))?`;
/** The secret's words the anchor looks for in the name a literal is selected as (isSecretKeyName judges the name). */
const ALIAS_SECRET_WORD = '(?:pass|pw|secret|token|key|cred|dsn|webhook|jwt|bearer|auth|sas|pat(?![a-z])|conn)';
/**
 * A literal cast, then named (a unit test's rows in SQL, `format: sql`): `cast('…' as varchar) as password`,
 * `'…'::text as db_password`. From the literal's closing quote; the name is the group.
 */
const CAST_ALIASED = new RegExp(`'(?:\\s{0,16}::\\s{0,16}${CAST_TYPE}|\\s{1,16}as\\s{1,16}${CAST_TYPE}\\s{0,16}\\))\\s{1,16}as\\s{1,16}["\`]?([A-Za-z_][A-Za-z0-9_]{0,127})(?![A-Za-z0-9_])`, 'gi');
const JINJA_END = /[}%]\}\s*$/;
/**
 * A Solana account's address: 32 bytes in base58 (no 0, O, I or l), 32 to 44 characters. Selected as a token near a chain's
 * word (`'7dHb…' as token, … 'solana' as blockchain`, Dune spellbook's Lido accounting: red team 87), it is a coin's mint,
 * public on its chain as an EVM address is (isRealSecretValue); a Solana private key is 64 bytes, 87 or 88 characters.
 */
const SOLANA_ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;
/** A chain's words, and a mint's columns (not `chain` or `mint` alone: a supply chain's, a mint analytics vendor's; red team 88). */
const CHAIN_WORD = /(?<![A-Za-z])(?:solana|blockchain|lamports|token_mint|mint_address)(?![A-Za-z])/i;
/** How far before and after such a literal a chain's word is looked for. */
const CHAIN_WINDOW = 512;
/** A coin's column (`token`, `token_mint`, `mint_address`), not a credential's (`api_token`, `access_token`: red team 88). */
const TOKEN_NAME = /^(?:token|mint|token_mint|token_address|mint_address|token_mint_address)$/i;
/** The longest literal read as a value. */
const MAX_LITERAL = 256;

export const sqlCredentialDetector: Detector = {
  id: 'sql-password',
  title: 'Credential literal in SQL',
  keywords: [
    'password', 'identified', 'secret', 'token', 'private_key', 'account_key', 'connection_string', "' as ", "'  as ",
    'pass', 'pwd', 'key', 'credential', 'creds', 'symmetric_key', 's3(', 's3cluster', 'gcs(', 'azureblobstorage', 'postgresql(', 'mysql(', 'mongodb(', 'remote(', 'remotesecure(', 'redis(',
    'encrypt', 'decrypt',
  ],
  // each keyword where SQL_LITERAL can use it (`secret` of client_secret and aws_secret_access_key
  // included), spaces, and the literal's quote (or a format string's placeholder, `PASSWORD %L`: see
  // formattedPasswordArguments; its own alternative would pass the 64 that can be read as steps): `password_hash` or `token_count` columns are not;
  // a literal's closing quote where `as` and a name holding a secret's word (key-grammar.ts)
  // follow. Keyed on the quote, one or two spaces and `as`: `as ` alone is in every alias of every
  // compiled model (20,748 in 10 MB of the real corpus, 12 of them then a secret's word), and each
  // reads its name: a scan took a quarter more work. A literal aliased over a line break is found
  // where another keyword wakes the detector (see README, limits).
  // Then (sql-calls.ts) a secret's word in a name, spaces and a string type (`api_token text :=`,
  // `@password NVARCHAR(`), or the closing quote of a name in a string, a comma and a literal's
  // quote (`'X-Api-Key', '`); and ClickHouse's object-store and database functions where they are called.
  anchor: new RegExp(
    [
      `(?:password|identified\\s{1,16}(?:with\\s{1,16}\\w{1,64}\\s{1,16})?by(?:\\s{1,16}password)?|secret(?:_access_key)?|token|private_key|account_key|connection_string|symmetric_key)\\s{1,16}[EeNnUu&]{0,2}['"%]`,
      // Oracle's bare password (ORACLE_IDENTIFIED), a letter first
      `identified\\s{1,16}by\\s{1,16}[A-Za-z]`,
      // Teradata's bare password of CREATE or MODIFY USER (TERADATA_USER_PASSWORD); a quoted one wakes password-assignment
      `password\\s{0,16}=\\s{0,16}[A-Za-z0-9_$#]`,
      // MySQL's SET PASSWORD FOR an account (MYSQL_SET_PASSWORD)
      `password\\s{1,16}for\\s`,
      // a password procedure's call (PASSWORD_PROCEDURE: `sp_rotate_password(`, `` `…set_password`( ``); its EXEC form is the
      // first alternative's
      `password[\`"\\]]?\\s{0,16}\\(`,
      // a literal's closing quote, `as` and a name with a secret's word (ALIASED), or a literal cast, then named
      // (CAST_ALIASED), as dbt renders a unit test's fixture values (get_fixture_sql's safe_cast: `cast('…' as character
      // varying(256)) as password`, `try_cast('…' as varchar) as api_key`: red team 96), from the cast's own `' as `, the type
      // as CAST_TYPE reads it (not any name's characters up to a `)`, across a select list). What follows `as` in a lookahead, which anchor-steps leaves out: the type's parts and the
      // secret's words multiplied out would pass the 64 alternatives it reads (the steps stopped at the name's characters
      // before them anyway), and without the secret's word the cast would pass at every cast literal of compiled SQL,
      // `cast('2024-01-01' as date) as x` (on the real corpus that doubled the strings sent on). The steps end at `' as ` now
      // (an alternative of their own for the cast made the anchor more than they read): the detectors' work meter on the
      // real corpus went from 0.2593 to 0.2953 characters a byte, the corpus-grown bench's time within its noise (session 70).
      // (`'…'::text as password` is read where another keyword wakes the detector.)
      `'\\s{1,16}as\\s{1,16}(?=(?:${CAST_TYPE}\\s{0,16}\\)\\s{1,16}as\\s{1,16})?["\`]?[A-Za-z0-9_]{0,124}?${ALIAS_SECRET_WORD})`,
      // a type by its first letters only (var, str, sys, tex, cha, clo, bpc; nva, nch, ncl: not "key values"): the type names
      // multiplied by the secret words would be too many alternatives to read as steps (anchor-steps.ts)
      // …and a secret-named column looked up in a list (COMPARISON): `in (`, after the name, its closing quote or bracket or
      // spaces.
      // (the name as one class from the keyword on, the keyword's letters included, for both: the comparisons then share
      // the name's steps, and its spaces, with the types (keyword-scan's Stepped.shared), one character's test each where
      // the name ends, not a read of their own from the keyword on: 2.8 % of the density input's instructions)
      // The lookups not after a bare `key` (`where key in ('a', 'b')`: no secret's name; tested by the regex, the steps
      // leave lookarounds out; the types stay whole steps, confirmed by no regex)
      `[A-Za-z0-9_.-]{3,68}(?:\\s{1,16}(?:[vtscb][a-z][rahxocs]|n(?:va|c[hl]))|'\\s{0,16},\\s{0,16}N?')`,
      `(?!(?<![A-Za-z0-9_.-])key[^A-Za-z0-9_.-])[A-Za-z0-9_.-]{3,68}(?:\\s{1,16}|["\\]\`]\\s{0,16})in\\s{0,16}\\(\\s{0,16}N?'`,
      // a secret's name, then a line break with or after `=` (SPLIT_ASSIGNMENT), a literal in doubled quotes (DOUBLED_QUOTES),
      // or Postgres' `"name" TO '` (SET_TO); the name as the class above reads it, so that these share its steps too. Each
      // tail begins with a step that must take a character (a byte refuses it without a read of its own), and those after
      // the same spaces follow one another (they share them): an optional first step would call the stepped reader at every
      // keyword these read after (each refusal still counts one read: the keyword search reads 9 % more on the density input)
      `[A-Za-z0-9_.-]{3,68}(?:${[
        `=[ \\t]{0,16}[\\r\\n]`,
        `=\\s{0,16}''`,
        `[\\r\\n]\\s{0,16}=`,
        `''`,
        `"\\s{1,16}to\\s{1,16}[EeNnUu&]{0,2}'`,
        `[ \\t]{1,16}=[ \\t]{0,16}[\\r\\n]`,
        `[ \\t]{1,16}=\\s{0,16}''`,
        `[ \\t]{1,16}''`,
        `[ \\t]{1,16}to\\s{1,16}[EeNnUu&]{0,2}'`,
        `[ \\t]{1,16}[\\r\\n]\\s{0,16}=`,
      ].join('|')})`,
      `s3(?:cluster)?\\s{0,16}\\(|gcs\\s{0,16}\\(|azureblobstorage(?:cluster)?\\s{0,16}\\(|postgresql\\(|mysql\\(|mongodb\\(|remote(?:secure)?\\(|redis\\(`,
      // encryption calls (ENCRYPTION_CALL) and Materialize's CREATE SECRET … AS (SECRET_AS): one alternative each, the
      // anchor's alternatives multiplied out being at anchor-steps' limit (past it every keyword of the detector would be
      // tested by the regex on a window: the density input's keyword search took a third more instructions). `if not
      // exists` is read as the secret's name and its `not`. T-SQL's `sp_addlogin` and pgcrypto's `hmac()` are read where
      // another keyword wakes the detector (sp_password: its `password`).
      `[ed][ne]crypt[A-Za-z_]{0,12}\\s{0,16}\\(`,
      `secret\\s{1,16}[A-Za-z0-9_."]{1,128}\\s{1,16}[an][so]t?\\s{1,16}[A-Za-z0-9_."']`,
    ].join('|'),
    'iy',
  ),
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    oracleIdentified(value, out);
    teradataUserPasswords(value, out);
    // the literal is quoted: a value without a quote (a column name, most prose) holds none
    if (value.indexOf("'") < 0 && value.indexOf('"') < 0) return out;
    for (const m of scanAll(SQL_LITERAL, value)) {
      const secret = m[2] ?? m[3]!;
      const word = m[1]!.toLowerCase();
      if (HASH_PLUGIN.test(m[0])) continue;
      // after PASSWORD or IDENTIFIED BY the literal is the password, a lower-case one written like a name too (`'jhw34g_x8smn_hd071'`):
      // read as an environment variable's password is (isRealSecretValue), not as a bare literal's
      const name = word.startsWith('password') || word.startsWith('identified') ? 'PASSWORD' : undefined;
      const start = m.index + m[0].length - secret.length - 1;
      // a quote that a backslash escapes closes no literal: there MAX_LITERAL cut a longer one (red team 89's bait, `'` and
      // 30,000 `\'`, was reported as a password of 511 characters)
      if (m[3] === undefined && isEscapedQuote(value, start + secret.length, start)) continue;
      if (isRealSecretValue(secret, name)) {
        out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: `literal after ${word.replace(/\s{1,16}/g, ' ')}` });
      }
      if (word.startsWith('identified')) replacedPassword(value, m.index + m[0].length, out);
    }
    splitAssignments(value, out);
    doubledQuotes(value, out);
    for (const m of scanAll(SET_TO, value)) {
      const name = m[1]!;
      const secret = m[2]!;
      if (!isSecretKeyName(name) || !isRealSecretValue(secret, name)) continue;
      const start = m.index + m[0].length - secret.length - 1;
      out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: `literal a setting named "${name}" is set to` });
    }
    for (const m of scanAll(MYSQL_SET_PASSWORD, value)) {
      const secret = m[1] ?? m[2]!;
      if (!isRealSecretValue(secret, 'password')) continue;
      const start = m.index + m[0].length - secret.length - 1;
      out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: 'literal of set password for' });
    }
    for (const m of scanAll(ALIASED, value)) aliasedLiteral(value, m.index, m[1]!, out);
    // (a value without `::` or `cast` holds no cast: two native searches)
    if (value.includes('::') || /cast\s{0,16}\(/i.test(value)) for (const m of scanAll(CAST_ALIASED, value)) aliasedLiteral(value, m.index, m[1]!, out);
    comparedLiterals(value, out);
    for (const m of scanAll(SECRET_AS, value)) {
      const secret = m[1]!;
      if (!isRealSecretValue(secret, 'SECRET')) continue;
      const start = m.index + m[0].length - secret.length - 1;
      out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: 'literal of create secret … as' });
    }
    // (sp_password's first, the old password, is a literal after `password`, read above)
    for (const m of scanAll(SP_LOGIN, value)) {
      const secret = m[3]!;
      if (!isRealSecretValue(secret, 'PASSWORD')) continue;
      const start = m.index + m[0].length - secret.length - 1;
      out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: `password argument of ${m[1]!.toLowerCase()}` });
    }
    typedDeclarations(value, out);
    namedLiterals(value, out);
    encryptionKeys(value, out);
    objectStoreKeys(value, out);
    databaseCallPasswords(value, out);
    passwordProcedureArguments(value, out);
    formattedPasswordArguments(value, out);
    return undoubled(value, out);
  },
};

/**
 * A literal's quote doubled inside it (`'Pa''ss'`) is one quote of the password: the secret is the text undoubled, so that
 * it is the same secret (fingerprint, secret id) as where an env var's value or a URL holds it (it had two secret ids).
 * The span still covers the text as written.
 */
function undoubled(value: string, out: DetectorMatch[]): DetectorMatch[] {
  for (const m of out) {
    const quote = value[m.start - 1];
    if ((quote !== "'" && quote !== '"') || m.secret !== undefined) continue;
    const text = value.slice(m.start, m.end);
    if (text.includes(quote + quote)) m.secret = quote === "'" ? unquotedLiteral(text) : text.replaceAll('""', '"');
  }
  return out;
}

/** The literal whose closing quote is at `close`, selected as `name`: a secret when the name is a secret's. */
function aliasedLiteral(value: string, close: number, name: string, out: DetectorMatch[]): void {
  // (a dimension's `session_key` selected from a literal, as dbt compiles a unit test's fixture: an id, red team 116)
  if (!isSecretKeyName(name) || isDataKeyColumn(name)) return;
  // back to the literal's opening quote: no further than the quote before it, so each character is passed once
  let open = value.lastIndexOf("'", close - 1);
  // (over a quote written twice, the literal's own: `'Xk9''mQ2' as db_password`)
  while (open > 0 && value.charCodeAt(open - 1) === 39 && close - open <= MAX_LITERAL) open = value.lastIndexOf("'", open - 2);
  charge(close - Math.max(open, 0));
  if (open < 0 || close - open - 1 > MAX_LITERAL) return;
  const secret = value.slice(open + 1, close);
  // '{{ env_var('X') }}' as x in raw code: the quote found is inside the template, and the value is in the compiled code
  if (secret.includes('\n') || JINJA_END.test(secret) || !isRealSecretValue(secret, name)) return;
  if (TOKEN_NAME.test(name) && SOLANA_ADDRESS.test(secret) && namesChainNear(value, open, close)) return;
  // (a textbook password selected as a password's column: a fixture's row, as dbt compiles a unit test's `given` rows,
  // `try_cast('hunter2' as varchar) as password`, and logs the query; the same row is silent in the manifest: red team 122)
  if (namesPassword(name) && isTextbookPassword(secret)) return;
  out.push({ detectorId: 'sql-password', start: open + 1, end: close, description: `literal selected as "${name}"` });
}

/** Whether a chain's word stands within CHAIN_WINDOW of the literal from `open` to `close`. */
function namesChainNear(value: string, open: number, close: number): boolean {
  const around = value.slice(Math.max(0, open - CHAIN_WINDOW), close + CHAIN_WINDOW);
  charge(around.length);
  return CHAIN_WORD.test(around);
}

/**
 * The name a match of SPLIT_ASSIGNMENT or DOUBLED_QUOTES begins inside: from its secret word (where the match
 * starts) back over the identifier's characters before it (at most 64), to the end of the word run the match read.
 */
function nameOf(value: string, m: RegExpExecArray): string {
  let end = m.index;
  while (end < value.length && isNameChar(value.charCodeAt(end)) && value.charCodeAt(end) !== 36) end++;
  let s = m.index;
  while (s > 0 && m.index - s < 64 && isNameChar(value.charCodeAt(s - 1))) s--;
  charge(end - s);
  return value.slice(s, end);
}

/** SPLIT_ASSIGNMENT's literals: a secret's name, a line break around `=`, the literal. */
function splitAssignments(value: string, out: DetectorMatch[]): void {
  // (a value without a line break and an `=` holds none: two native searches)
  if (value.indexOf('\n') < 0 || value.indexOf('=') < 0) return;
  for (const m of scanAll(SPLIT_ASSIGNMENT, value)) {
    const secret = m[1]!;
    const name = nameOf(value, m);
    if (!isSecretKeyName(name) || !isRealSecretValue(secret, name)) continue;
    const start = m.index + m[0].length - secret.length - 1;
    out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: `literal assigned to "${name}" over a line break` });
  }
}

/** DOUBLED_QUOTES' literals: a secret's name and a literal inside another literal. */
function doubledQuotes(value: string, out: DetectorMatch[]): void {
  if (value.indexOf("''") < 0) return;
  for (const m of scanAll(DOUBLED_QUOTES, value)) {
    const secret = m[1]!;
    const name = nameOf(value, m);
    if (!isSecretKeyName(name) || !isRealSecretValue(secret, name)) continue;
    const start = m.index + m[0].length - secret.length - 2;
    out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: `literal in doubled quotes after "${name}"` });
  }
}

/**
 * The old password of `IDENTIFIED BY new REPLACE old` (see REPLACED), where the new one ends at `at`: a password too, still
 * the account's until the statement runs.
 */
function replacedPassword(value: string, at: number, out: DetectorMatch[]): void {
  REPLACED.lastIndex = at;
  const old = REPLACED.exec(value);
  if (!old) return;
  const bare = old[3];
  const secret = old[1] ?? old[2] ?? bare!;
  // (bare, as Oracle's new one after IDENTIFIED BY is read: with a digit)
  if (bare !== undefined && (NOT_PASSWORDS.test(bare) || !/\d/.test(bare))) return;
  if (!isRealSecretValue(secret, 'PASSWORD')) return;
  const start = old.index + old[0].length - secret.length - (bare === undefined ? 1 : 0);
  out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: 'literal after replace (the current password)' });
}

/** Oracle's unquoted `identified by <password>` after the user, role or database link it is for. */
function oracleIdentified(value: string, out: DetectorMatch[]): void {
  // asked only where the detector woke: a value without `identified` holds none
  if (!/identified/i.test(value)) return;
  for (const m of scanAll(ORACLE_IDENTIFIED, value)) {
    const secret = m[1]!;
    // a password Oracle's complexity rules would take has a digit (a bare word is a keyword or a name)
    if (NOT_PASSWORDS.test(secret) || !/\d/.test(secret) || !/[A-Za-z]/.test(secret) || !isRealSecretValue(secret)) continue;
    const start = m.index + m[0].length - secret.length;
    out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: 'bare password after identified by' });
    replacedPassword(value, start + secret.length, out);
  }
  for (const m of scanAll(IDENTIFIED_IN_DDL, value)) {
    const secret = m[1]!;
    const start = m.index + m[0].length - secret.length;
    // (one the pattern above took already; a Jinja call or a variable is no literal)
    if (out.some((f) => f.start === start) || !/\d/.test(secret) || !/[A-Za-z]/.test(secret) || !isRealSecretValue(secret)) continue;
    out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: 'bare password after identified by' });
    replacedPassword(value, start + secret.length, out);
  }
}

/** TERADATA_USER_PASSWORD's passwords, read as Oracle's bare ones are: a letter and a digit (NULL, a keyword or a name has none). */
function teradataUserPasswords(value: string, out: DetectorMatch[]): void {
  // asked only where the detector woke: a value that creates or modifies no user holds none (one native search)
  if (!/(?:create|modify)\s{1,16}user\s/i.test(value)) return;
  for (const m of scanAll(TERADATA_USER_PASSWORD, value)) {
    const secret = m[1]!;
    if (!/\d/.test(secret) || !/[A-Za-z]/.test(secret) || !isRealSecretValue(secret, 'PASSWORD')) continue;
    const start = m.index + m[0].length - secret.length;
    out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: 'bare password of a Teradata user' });
  }
}

/**
 * `where token in ('…', '…')`: the literals a secret-named column is looked up in, each a value the column holds. A
 * sentinel word (`token in ('revoked', 'n/a')`) and an enum's constant (`api_key in ('NOT_SET')`) hold none: the literal
 * must read as a password (readsLikePassword), as a bare pass does. A column compared other than by `=` (`<>`, `!=`, `not
 * in (…)`) is filtered: the literal is the value left out (a load batch's hash, a vendor's public key, a test key), and a
 * credential of a known format there is its own detector's (red team 104, and red team 100's freshness filter).
 */
function comparedLiterals(value: string, out: DetectorMatch[]): void {
  if (value.indexOf('(') < 0) return;
  for (const m of scanAll(COMPARISON, value)) {
    const name = comparedName(value, m.index);
    if (name === undefined || !isSecretKeyName(name)) continue;
    let open = m.index + m[0].length - 1;
    for (let k = 0; k < MAX_IN_LIST; k++) {
      const close = literalEnd(value, open + 1, Math.min(value.length, open + 2 + MAX_LITERAL));
      if (close < 0) break;
      const secret = value.slice(open + 1, close);
      if (!secret.includes('\n') && readsLikePassword(secret) && !ENUM_CONSTANT.test(secret) && isRealSecretValue(secret, name)) {
        out.push({ detectorId: 'sql-password', start: open + 1, end: close, description: `literal compared with "${name}"` });
      }
      // the next literal of the list
      NEXT_IN_LIST.lastIndex = close + 1;
      const next = NEXT_IN_LIST.exec(value);
      if (!next) break;
      open = close + next[0].length;
    }
  }
}

/** How far back from a lookup its column's name is read. */
const NAME_REACH = 128;

/**
 * The column looked up at `op` (its `in`): the name before it past spaces and a closing quote or bracket (`"api_key" in`,
 * `[token] in`), the last part of a qualified name (`s.api_key`); undefined when no name stands there, or when it is `not`
 * (a `not in` list is the values a filter leaves out: comparedLiterals).
 */
function comparedName(text: string, op: number): string | undefined {
  const from = Math.max(0, op - NAME_REACH);
  let e = op;
  while (e > from && (text[e - 1] === ' ' || text[e - 1] === '\t' || text[e - 1] === '\n')) e--;
  if (e === op) return undefined; // `xin (`: no word `in`
  if (e > from && (text[e - 1] === '"' || text[e - 1] === ']' || text[e - 1] === '`')) e--;
  let s = e;
  while (s > from && isNameChar(text.charCodeAt(s - 1))) s--;
  charge(op - s);
  return s < e && !/^not$/i.test(text.slice(s, e)) ? text.slice(s, e) : undefined;
}

/** [A-Za-z0-9_$]: a SQL identifier's characters (a dot ends the last part of a qualified name). */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}
