/**
 * Secrets handed over by name in code, as dbt Python models (and PySpark or Java-style config
 * code) do it: a setter called with a secret's name and its value, or a secret-named slot of a
 * mapping assigned a literal.
 *
 *   spark.conf.set("fs.azure.account.key.<account>.dfs.core.windows.net", "…")
 *   spark.read.format("jdbc").option("password", "…")     SparkSession.builder.config("spark.….secret.key", "…")
 *   os.environ["SNOWFLAKE_PASSWORD"] = "…"                 headers["X-API-Key"] = "…"
 *   setenv("API_TOKEN", "…")   vault.set_secret("DB_PASSWORD", "…")   localStorage.setItem("token", "…")
 *   requests.get(url, auth=("svc", "…"))                   HTTPBasicAuth("svc", "…")
 *   --vars '{"api_auth": ["svc", "…"]}'                    --args '{auth: [svc, …]}'
 *
 *   subprocess.run(["sync", "--api-key", "…"])            (a command line as a list of its words: a flag, then its value)
 *   hmac.new(b"…", payload, hashlib.sha256)   createHmac('sha256', '…')   hmac_sha256(payload, to_utf8('…'))   (a keyed hash's key)
 *
 *   os.getenv("SNOWFLAKE_PASSWORD", "…")   os.environ.get("PGPASSWORD", "…")   (a literal fallback is a working password)
 *   {{ env_var('DBT_PASSWORD', '…') }}     {{ var('api_key') | default('…') }}   (dbt's lookups in Jinja, likewise)
 *
 * Keyword arguments (`password="…"`) and dict literals (`{"X-API-Key": "…"}`) are assignments
 * (password-assignment); a lookup such as `dbutils.secrets.get(scope=…, key=…)` or
 * `os.getenv("X")` (or with an empty or placeholder default) passes no secret.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isAuthPairKeyName, isKeyFlag, isRealSecretValue, isSecretKeyName, readsLikeKeyFlagValue, readsLikePassword } from './key-names.js';
import { isConcatenated, isDefaultCredential } from './placeholder-grammar.js';
import { hmacKeys } from './sql-calls.js';
import { scanAll } from './work.js';

// Both start at one character (a setter's first, or '['), and their classes exclude the quotes
// and brackets that end each part: one pass, no backtracking across candidates. The setters, the
// methods that store a named value (the name the first argument, the value the second), are
// spelled in the pattern: not every identifier of a compiled model is tried for a '(' after it.
const SETTER_CALL = /(?<![\w$])(set|setdefault|set_?secret|setSecret|set_?env|setEnv|setItem|put_?secret|putSecret|option|config|putenv|put|setProperty|set_property|set_option|add_header|setHeader|header|getenv|get|env_var|var)\s{0,4}\(\s{0,4}(['"])([^'"\\\n]{1,200})\2\s{0,4},\s{0,4}(['"])([^'"\\\n]{1,1024})\4/g;
/** Lookups whose second argument is a default: a literal there is what runs when the variable is unset. */
const LOOKUPS = new Set(['getenv', 'get', 'env_var', 'var']);
/** The passwords a database's or a tool's container starts with (its image's documented default), in small letters (compared in any case). */
const STOCK_DEFAULTS: ReadonlySet<string> = new Set([
  'postgres', 'postgresql', 'admin', 'administrator', 'root', 'toor', 'mysql', 'mariadb', 'guest', 'dbt', 'airflow', 'oracle', 'clickhouse',
  'minioadmin', 'trino', 'sa', 'test', 'dev', 'local', 'default', 'docker',
]);
/** Whether a lookup's default is a local database's stock password (STOCK_DEFAULTS), in any case. */
function isStockDefault(value: string): boolean {
  return STOCK_DEFAULTS.has(value.toLowerCase());
}

/**
 * Jinja's default filter on a lookup of a secret's name: `var('db_password') | default('…')`,
 * `env_var('API_KEY', '') | d('…')`, `config.get('password') | default('…')` (a literal there is a working secret, as a
 * lookup's default is; the last: review 153).
 */
const DEFAULT_FILTER = /(?<![\w$])(env_var|var|[A-Za-z_][\w.]{0,80}\.get)\s{0,4}\(\s{0,4}(['"])([^'"\\\n]{1,200})\2\s{0,4}(?:,\s{0,4}(?:''|""|none|None)\s{0,4})?\)\s{0,4}\|\s{0,4}(?:default|d)\s{0,4}\(\s{0,4}(['"])([^'"\\\n]{1,1024})\4/g;
/**
 * A literal fallback after `or`, as Jinja and Python write one (`{% set pwd = password or '…' %}`, `os.environ.get('PW') or
 * '…'`, `env_var('SNOW_PW') or '…'`): what runs when the name or the lookup is empty, a working secret as a lookup's
 * default is (red team 150). The operand is a name (its last dotted part is read), a call of one quoted name or a subscript
 * of one (`os.environ['PW'] or '…'`: review 153); a name assigned before it on its line names the secret too (`{% set
 * api_key = key or '…' %}`).
 */
const FALLBACK_OR = /(?<![\w$.])(?:([A-Za-z_][\w.]{0,80})|[A-Za-z_][\w.]{0,80}\s{0,4}[([]\s{0,4}(['"])([^'"\\\n]{1,200})\2(?:\s{0,4},\s{0,4}(?:''|""|None|none))?[^()'"\n]{0,200}[)\]])\s{1,4}or\s{1,4}(['"])([^'"\\\n]{1,1024})\4/g;
/** Jinja's default filter on a name (`password | default('…')`, `api_key|d('…')`), the lookup's form being DEFAULT_FILTER's. */
const NAME_DEFAULT_FILTER = /(?<![\w$.'"])([A-Za-z_][\w.]{0,80})\s{0,4}\|\s{0,4}(?:default|d)\s{0,4}\(\s{0,4}(['"])([^'"\\\n]{1,1024})\2/g;
/**
 * A comparison after a fallback's literal (`where has_password or 'Q1-2024/FY!' = fiscal_label`, `… or '…' in allowed`,
 * `… or '…' like 'x%'`): the literal is an operand, not a fallback (review 153). Anything else may follow one: a tag's end,
 * a filter, a comment, a method, a conditional (review 155).
 */
const COMPARISON_AFTER = /^[ \t]{0,16}(?:[=<>!]|(?:not\s{1,4})?(?:like|ilike|rlike|in|is|between|similar|regexp)\b)/i;
/** A dotted name's last part, the name a secret is read by (`self.config.db_password` → `db_password`). */
function lastPart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The name assigned right before an expression, on its line: `set pwd = `, `password=`, `self.token = `. */
const ASSIGNED_BEFORE = /(?:^|[^\w.$])([A-Za-z_][\w.]{0,63})\s{0,4}=\s{0,4}$/;
/**
 * A container's environment as a pod spec, a compose file or a task definition lists it, echoed in an error: a variable's
 * name, then its value, as YAML (`- name: DBT_PG_PASSWORD` and `value: "…"` on the next line), JSON (`{"name":
 * "PGPASSWORD", "value": "…"}`) or Python's repr writes the pair (red team 159). The value is a secret when the name is
 * one's; a reference (`valueFrom: secretKeyRef`) has no value.
 */
const NAME_VALUE_PAIR = /(["']?)name\1[ \t]{0,4}[:=][ \t]{0,4}(["']?)([A-Za-z_][\w.-]{0,127})\2[ \t]{0,4}(?:,[ \t]{0,4}|\r?\n[ \t]{0,32})(["']?)value\4[ \t]{0,4}[:=][ \t]{0,4}(?:(["'])([^"'\\\n]{1,1024})\5|([^\s"',}\]\[({<][^\n"',}\]]{0,1023}))/g;
/** A Kubernetes reference's words where a value would be (`value: secretKeyRef`): no value. */
const K8S_VALUE_WORDS = /^(?:secretKeyRef|configMapKeyRef|fieldRef|resourceFieldRef|valueFrom)$/;
const SLOT_STORE = /\[\s{0,4}(['"])([^'"\\\n]{1,200})\1\s{0,4}\]\s{0,4}=(?!=)\s{0,4}(['"])([^'"\\\n]{1,1024})\3/g;
/** A user and password pair, the password a literal: `auth=("svc", "…")` for requests, `HTTPBasicAuth("svc", "…")`. */
const AUTH_PAIR = /(?<![\w$])(?:auth\s{0,4}=\s{0,4}\(|(?:HTTP)?BasicAuth\s{0,4}\()\s{0,4}(['"])([^'"\\\n]{1,200})\1\s{0,4},\s{0,4}(['"])([^'"\\\n]{1,1024})\3\s{0,4}\)/gi;
/**
 * The same pair as a list under an auth key, as JSON or YAML write it: `"api_auth": ["svc", "…"]` in
 * the `--vars` a command line echoes, `{auth: [svc, …]}` in `--args`. Items quoted or bare; the key
 * may carry a prefix (`http_auth`), at most 60 characters of one, so a start is tried only at a word's.
 * (Keywords hold no `"`: the raw JSON text is searched for them, where a quote in a string is `\"`;
 * `"auth": [` alone, a bare key in JSON, is therefore read only beside another keyword.)
 */
const AUTH_LIST = /(?<![\w$.-])["']?([\w.-]{0,60}auth)["']?\s{0,4}[:=]\s{0,4}\[\s{0,4}(["']?)([^'"\\\n,[\]]{1,200})\2\s{0,4},\s{0,4}(["']?)([^'"\\\n,[\]]{1,1024})\4\s{0,4}\]/dgi;

const AUTH_WORD = /auth/i;

/**
 * A command line written as a list of its words (`subprocess.run(["sync", "--api-key", "…"])`, `args = ['--password',
 * '…']`, and the list an error or a log echoes): a flag that names a secret, then its value as the next word.
 */
const ARGV_FLAG = /(['"])(--?[A-Za-z][A-Za-z0-9_.-]{0,62})\1\s{0,4},\s{0,4}(['"])([^'"\\\n]{1,1024})\3/g;
const ARGV_FLAG_START = /['"]--?[A-Za-z]/;

/**
 * A keyed hash's key given as a literal: Python's `hmac.new(b"…", msg, hashlib.sha256)` (and `hmac.digest`, `hmac.HMAC`,
 * PyCryptodome's `HMAC.new`, the key as `key=`, as bytes() or a string that encode() makes bytes of), Node's
 * `createHmac('sha256', '…')`. Webhook signatures are computed so in Python models and macros (red team 62).
 */
const PYTHON_HMAC = /(?<![\w$])hmac\.(?:new|digest|hmac)\s{0,4}\(\s{0,4}(?:key\s{0,4}=\s{0,4})?(?:b|bytes\s{0,4}\(\s{0,4}|bytearray\s{0,4}\(\s{0,4})?(['"])([^'"\\\n]{1,512})\1/gi;
const NODE_HMAC = /(?<![\w$])createHmac\s{0,4}\(\s{0,4}(['"`])[A-Za-z0-9-]{2,16}\1\s{0,4},\s{0,4}(['"`])([^'"`\\\n]{1,512})\2/g;
const HMAC_WORD = /hmac/i;

/**
 * DB-API drivers whose connect() takes the password by position, and its place (1-based):
 * `pymssql.connect(server, user, password, database)`, mysqlclient's `MySQLdb.connect(host, user,
 * passwd, db)` (PyMySQL's before 1.0 too), `cx_Oracle.connect(user, password, dsn)`, SAP HANA's
 * `dbapi.connect(address, port, user, password)`. psycopg2's and python-oracledb's connect take no
 * password by position; a keyword argument is password-assignment's.
 */
const POSITIONAL_PASSWORD: Readonly<Record<string, number>> = { pymssql: 3, mysqldb: 3, pymysql: 3, cx_oracle: 2, dbapi: 4 };
/** The module's connect (or Connect), then up to four literal or bare arguments, one line. */
const DRIVER_CONNECT = /(?<![\w$.])(pymssql|MySQLdb|pymysql|cx_Oracle|dbapi)\.[Cc]onnect\s{0,4}\(((?:\s{0,4}(?:(['"])[^'"\\\n]{0,1024}\3|[\w.]{1,200})\s{0,4},){0,3}\s{0,4}(?:(['"])[^'"\\\n]{0,1024}\4|[\w.]{1,200}))/dg;
const ARGUMENT = /\s{0,4}(?:(['"])([^'"\\\n]{0,1024})\1|[\w.]{1,200})\s{0,4}(?:,|$)/dy;

export const codeArgumentDetector: Detector = {
  id: 'code-secret-argument',
  title: 'Secret passed by name to a setter or stored under a secret-named slot in code',
  // every word a secret's name is made of (key-grammar.ts), for the name a setter or a slot is given…
  keywords: [
    'pass', 'pwd', 'pw', 'secret', 'token', 'key', 'credential', 'creds', 'dsn', 'sas', 'jwt', 'pat', 'bearer', 'webhook', 'conn', 'authorization',
    'auth', 'auth=(', 'auth = (', 'basicauth(', '_auth', '-auth', 'auth: [', "auth': [", 'auth=[',
    // …and a keyed hash's call, whose key is given by position
    'hmac',
    // …and a literal fallback after `or` or in Jinja's default filter, after a name that no quote ends (`password or '…'`,
    // `password | default('…')`: FALLBACK_OR, NAME_DEFAULT_FILTER). Not ` or "`: a keyword holds no character JSON escapes
    // (the raw bytes are searched); a double-quoted fallback after a lookup's `")` is anchored at the lookup's name
    " or '", '|default(', '| default(', '|d(', '| d(',
  ],
  // …where it is: in a quoted name that a `,` (setter) or a `]` (slot) follows, opening a pair, an auth key's list,
  // or a driver's connect( (its `conn`), whose password goes by position; a keyed hash's call (Python's `hmac.new(`,
  // Node's `createHmac(`, Trino's `hmac_sha256(`)
  anchor: /(?:[^'"\\\n]{0,200}['"]\s{0,4}(?:[,\]]|\)\s{0,4}(?:\||or\s))|[\w.-]{0,128}["']?[ \t]{0,4}\r?\n[ \t]{0,32}["']?value["']?[ \t]{0,4}[:=]|[\w.]{0,80}[ \t]{1,4}or[ \t]{1,4}['"]|[ \t]or[ \t]{1,4}['"]|\|[ \t]{0,4}d(?:efault)?[ \t]{0,4}\(|auth\s{0,4}=\s{0,4}\(|basicauth\s{0,4}\(|[_-]?auth["']?\s{0,4}[:=]\s{0,4}\[|connect\s{0,4}\(|hmac(?:\.(?:new|digest|hmac)|_(?:md5|sha1|sha256|sha512))?\s{0,4}\()/iy,
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(SETTER_CALL, value)) {
      const lookup = LOOKUPS.has(m[1]!);
      // `env_var('DBT_PG_PASSWORD', 'postgres')`: a local database's stock password as the default, for a developer's machine
      // (red team 138; `'password'` and `'changeme'` are placeholders already)
      if (lookup && isStockDefault(m[5]!)) continue;
      const match = secretAt(value, m[3]!, m[5]!, m.index + m[0].length - 1, lookup ? `given as the default of ${m[1]}()` : `passed to ${m[1]}()`);
      if (match) out.push(match);
    }
    if (value.includes('|')) {
      for (const m of scanAll(DEFAULT_FILTER, value)) {
        if (isStockDefault(m[5]!)) continue;
        const match = secretAt(value, m[3]!, m[5]!, m.index + m[0].length - 1, `given as the default of ${m[1]}()`);
        if (match) out.push(match);
      }
      for (const m of scanAll(NAME_DEFAULT_FILTER, value)) {
        if (isStockDefault(m[3]!)) continue;
        const match = secretAt(value, lastPart(m[1]!), m[3]!, m.index + m[0].length - 1, "given as the default of Jinja's default filter");
        if (match) out.push(match);
      }
    }
    if (value.includes(' or ')) {
      for (const m of scanAll(FALLBACK_OR, value)) {
        if (isStockDefault(m[5]!)) continue;
        const closingQuote = m.index + m[0].length - 1;
        if (COMPARISON_AFTER.test(value.slice(closingQuote + 1, closingQuote + 32))) continue;
        const operand = m[1] !== undefined ? lastPart(m[1]) : m[3]!;
        const before = ASSIGNED_BEFORE.exec(value.slice(Math.max(0, m.index - 80), m.index))?.[1];
        const name = isSecretKeyName(operand) || before === undefined ? operand : lastPart(before);
        const match = secretAt(value, name, m[5]!, closingQuote, 'given as the fallback after "or"');
        if (match) out.push(match);
      }
    }
    if (value.includes('value')) {
      for (const m of scanAll(NAME_VALUE_PAIR, value)) {
        // (a bare value is YAML's, to its line's end: `<set in vault>` is one value; not a flow list's or a note's in brackets,
        // `[hidden]`, `(from secret)`: review 161)
        const secret = m[6] ?? m[7]!.trimEnd();
        if (K8S_VALUE_WORDS.test(secret)) continue;
        const end = m.index + m[0].length - (m[6] !== undefined ? 1 : m[7]!.length - secret.length);
        const match = secretAt(value, m[3]!, secret, end, 'in a name and value pair');
        if (match) out.push(match);
      }
    }
    for (const m of scanAll(SLOT_STORE, value)) {
      const match = secretAt(value, m[2]!, m[4]!, m.index + m[0].length - 1, 'stored in a mapping');
      if (match) out.push(match);
    }
    for (const m of scanAll(AUTH_PAIR, value)) {
      // (the user is not named in the description: a user may itself be a token)
      // the pair's second half is a password whatever the names around it; the closing ")" follows its quote
      const closingQuote = value.lastIndexOf(m[3]!, m.index + m[0].length - 1);
      // `auth=("guest", "guest")`, `BasicAuth("admin", "admin")`: a password that repeats its user is a local default (red team 85)
      if (isDefaultCredential(m[2]!, m[4]!)) continue;
      const match = secretAt(value, 'password', m[4]!, closingQuote, 'given as the password of a user and password pair');
      if (match) out.push(match);
    }
    // the list form needs an auth key and a bracket: most code has neither, and the pattern tries a name at every word
    const lists = value.includes('[') && AUTH_WORD.test(value) ? scanAll(AUTH_LIST, value) : [];
    for (const m of lists) {
      const [start, end] = m.indices![5]!;
      const password = m[5]!.trimEnd();
      if (!isAuthPairKeyName(m[1]!) || !readsLikePassword(password) || !isRealSecretValue(password, 'password')) continue;
      out.push({ detectorId: codeArgumentDetector.id, start, end: end - (m[5]!.length - password.length), description: 'given as the password of a user and password pair' });
    }
    if (value.includes('onnect')) for (const m of scanAll(DRIVER_CONNECT, value)) {
      const match = positionalPassword(m);
      if (match) out.push(match);
    }
    if (ARGV_FLAG_START.test(value)) for (const m of scanAll(ARGV_FLAG, value)) {
      const flag = m[2]!;
      const secret = m[4]!;
      // (`--key`, an S3 object's or a sort's too: read as an API key's name, in a token's shape only)
      const name = isKeyFlag(flag) ? (readsLikeKeyFlagValue(secret) ? 'api_key' : undefined) : flag;
      const match = name === undefined ? undefined : secretAt(value, name, secret, m.index + m[0].length - 1, '');
      if (match) out.push({ ...match, description: `value given after "${flag}" in a command's list of words` });
    }
    if (HMAC_WORD.test(value)) keyedHashKeys(value, out);
    return out.sort((a, b) => a.start - b.start);
  },
};

/**
 * The value's span, given the offset of its closing quote, when the name is a secret's and the
 * literal is the whole value (`"AKIA" + suffix` is a fragment of one built in code).
 */
function secretAt(code: string, name: string, secret: string, closingQuote: number, how: string): DetectorMatch | undefined {
  if (!isSecretKeyName(name) || !isRealSecretValue(secret, name) || isConcatenated(code.slice(closingQuote + 1, closingQuote + 13))) return undefined;
  return { detectorId: codeArgumentDetector.id, start: closingQuote - secret.length, end: closingQuote, description: `value of "${name}" ${how}` };
}

/** The literal keys of keyed-hash calls (PYTHON_HMAC, NODE_HMAC, and SQL's: see hmacKeys). */
function keyedHashKeys(value: string, out: DetectorMatch[]): void {
  for (const [calls, group] of [[PYTHON_HMAC, 2], [NODE_HMAC, 3]] as const) {
    for (const m of scanAll(calls, value)) {
      const call = `${m[0].slice(0, m[0].indexOf('(')).trimEnd()}()`;
      const secret = m[group]!;
      const closingQuote = m.index + m[0].length - 1;
      if (!isRealSecretValue(secret, 'HMAC_KEY') || isConcatenated(value.slice(closingQuote + 1, closingQuote + 13))) continue;
      out.push({ detectorId: codeArgumentDetector.id, start: closingQuote - secret.length, end: closingQuote, description: `key argument of ${call}` });
    }
  }
  hmacKeys(value, out, codeArgumentDetector.id);
}

/** The literal at the driver's password place among the arguments of a connect() call. */
function positionalPassword(m: RegExpExecArray): DetectorMatch | undefined {
  const place = POSITIONAL_PASSWORD[m[1]!.toLowerCase()]!;
  const args = m[2]!;
  const base = m.indices![2]![0];
  ARGUMENT.lastIndex = 0;
  for (let n = 1; n <= place; n++) {
    const a = ARGUMENT.exec(args);
    if (!a) return undefined;
    if (n < place) continue;
    if (a[1] === undefined) return undefined; // a variable: no literal
    const [start, end] = a.indices![2]!;
    if (!readsLikePassword(a[2]!) || !isRealSecretValue(a[2]!, 'password')) return undefined;
    return { detectorId: codeArgumentDetector.id, start: base + start, end: base + end, description: `given as the password of ${m[1]}.connect() by position` };
  }
  return undefined;
}
