/**
 * Adversarial strings for the detectors: long runs of what makes a scan or a backtracking regex
 * try hard — a detector's own anchors over and over (each keyword, glued to each separator and
 * quote it accepts; each token prefix), the base64 alphabet, separators that start a match but
 * never finish one. Shared by `npm run bench:redos` (seconds), the growth check in
 * test/hostile/redos.test.ts (counted work) and the CLI battery in test/hostile/battery.test.ts.
 */
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { workMeter } from '../../src/detectors/work.js';
import type { Detector, DetectorContext } from '../../src/types.js';
import { envVarCalls } from '../../src/detectors/env-var-calls.js';

export interface AdversarialInput {
  name: string;
  text: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `unit` repeated to exactly `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** What the common inputs repeat. */
const UNITS: Record<string, string> = {
  'a': 'a',
  'base64': BASE64,
  'a:': 'a:',
  '://': '://',
  'password=': 'password=',
  'spaces': ' ',
  'backslashes': '\\',
  'quotes': '"\'',
  'a:b@ (URL userinfo)': 'a:b@',
  'x://u:p (unclosed URLs)': 'x://u:p',
  'PEM armor headers': '-----BEGIN PRIVATE KEY-----\nHash: ' + 'a'.repeat(150),
  'PEM BEGIN, no END': '-----BEGIN PRIVATE KEY-----\n' + BASE64,
  'PEM blocks of placeholder words': `-----BEGIN PRIVATE KEY-----\n${'your'.repeat(4000)}\n-----END PRIVATE KEY-----\n`,
  'your_ a_ (placeholder words)': 'your_' + 'a_'.repeat(60),
  'authorization: bearer': 'authorization: bearer ',
  '?sig=': '?sig=' + BASE64.slice(0, 20),
  '&amp;sig= (a SAS query escaped in HTML)': 'sv=2022-11-02&amp;ss=b&#38;sig=' + BASE64.slice(0, 20),
  // each example credential asks where its URL ends (signed-urls.ts)
  'example credentials before signatures': '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE&sig=' + BASE64.slice(0, 20),
  '&key= (a URL\'s bare key)': '&key=' + BASE64.slice(0, 20),
  'words before key (a key named in prose)': '-- Mailgun API key: ',
  'long words before key': `${'w'.repeat(40)} ${'v'.repeat(31)} key= `,
  'key = \'': "key = '",
  "' as (aliased literals)": "' as db_password ",
  "as a name (aliases)": "'\n  as api_key_pass_token_",
  // each read with the text around it for a chain's word (sql-credentials.ts, namesChainNear)
  'base58 literals as a token': "'7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj' as token, ",
  'hex': '0123456789abcdef',
  'typed declarations': "declare api_token varchar(10) := '",
  "'name', ' (a name in a string, a literal)": "'api_key', '",
  "s3(' (object-store arguments)": "s3('https://a', 'AKIA1234567890123456', '",
  'azureBlobStorage arguments': "azureBlobStorage('https://a', 'b', 'c', 'd', 'e",
  "OPTIONS (' (Spark SQL's properties, a clause in a value)": "options ('fs.s3a.secret.key' 'options (', ",
  'client flags': 'mysql -p sqlcmd -P ',
  'client, endless flags': 'mysql ' + '-pa '.repeat(200),
  'a:b@tcp( (Go DSNs)': 'a:b@tcp(',
  'a/b@// (Easy Connect)': 'a/b@//',
  'sqlplus logons': 'sqlplus a/b ',
  'machine login password (.netrc)': 'machine a login b password ',
  'authorization: token': 'authorization: token ',
  'Basic and short base64 (decoded, no pair)': 'Basic aGVsbG8gd29y ',
  'password and a value, no separator (prose)': 'the password Xy7#' + BASE64.slice(0, 30) + ' ',
  'key and runs of value characters (prose)': 'key ' + 'Aa1!'.repeat(20),
  'bare pw=': 'pw=Xy7' + BASE64.slice(0, 12) + '&',
  'a plural secret name over a list': "api_keys: ['" + BASE64.slice(0, 20) + "', ",
  'GenieKey and a UUID': 'GenieKey 3f2b9c1e-7d4a-4e8b-9c2f-5a6d7e8f9a0b ',
  "var('name') | default(' (Jinja defaults)": "var('api_key') | default('",
  'a:b@c@ (URL userinfo with @)': 'x://a:b@c@',
  'jdbc:oracle:thin:a/b@ (Oracle JDBC)': 'jdbc:oracle:thin:a/b@',
  "'sk_live_' ~ ' (Jinja joins)": "'sk_live_' ~ 'AKIA' ~ ",
  "'a' ~ unclosed (Jinja joins)": "'sk_live_" + 'a'.repeat(300) + "' ~ '",
  "setenv('name', ' (setter arguments)": "setenv('api_token', '",
  'storage account a key (Azure keys in words)': 'storage account a key ',
  'datadog api key is (vendor keys in words)': 'datadog api key is ',
  'pipes': '|',
  'Markdown tables of password columns': '| password | password |\n|---|---|\n| Xy7#Qw9$Lp2m | Zq8!kLm2vX9a |\n',
  'Markdown header and delimiter rows': '| Key | Value |\n|---|---|\n| password |',
  // a failing unit test's diff table (csv-rows.ts) and a fixture's literal cast, then named (red team 96)
  "unit test diff tables of password columns": '@@ ,password ,api_key\n+++ ,Xy7#Qw9$Lp2m ,"a,b"\n\u2192  ,Zq8!kLm2vX9a\u2192Qw9$Lp2m ,',
  'unit test diff headers without rows': '@@ ,password\n@@',
  "a fixture's literal cast, then named": "cast('Xy7#Qw9$Lp2m' as character varying(256)) as password ",
  "doubled quotes (SQL's escaped quote)": "password 'a''b'' as db_password ",
  // a value's brackets read on (value-brackets.ts): each closer asks which stand open before its name, and a
  // connection string's password is read to its `;` (red team 89)
  'brackets in values': 'pw=a)b(c]d[e pw=',
  'closers after values': 'pw=Xy7a) ',
  "a driver's password to its ; (connection strings)": ';Server=a;Password=a)b<c,d',
  "escaped quotes (a SQL literal's bait)": "password '\\'\\'\\'",
  "= $$ (dollar quotes, never closed)": 'password = $$ab',
  'YAML block scalars and values on the next line (red team 89)': 'password: |2-\n\n   Xy7#Qw9$Lp2m\n  password:\n    ',
  'spaced pairs of a connection string': 'UID = a ; pWd = b ; ',
  'a libpq connection string around a word (red team 76)': "host=a user=b password=word ",
  'Cookie headers of session cookies': 'Cookie: sessionid=a1b2c3d4e5f6g7h8; ',
  'cookie: pairs without an end': 'cookie:a=',
  'ldapsearch -w, PowerShell plain text': "ldapsearch -w a ConvertTo-SecureString 'a' -AsPlainText ",
  'token before an org id': 'token 00D5g000004XyZa!',
  'Teradata users, no password (red team 80)': 'create user a as perm = 1, modify user b as ',
  'wallet and Windows tools, no values (red team 80)': 'mkstore -createCredential a b orapki -pwd net use \\\\a\\b /user:a logon a/b,c lftp -u a, conn a/',
  'a password hash cut at its commas': 'password $argon2id$v=19$m=1,t=1,p=1$',
  'databricks secrets without a value (red team 84)': 'databricks secrets put-secret a b --string-value databricks secrets put ',
  "a Vault login's halves without values (red team 84)": 'secret_id= role_id=role_id ',
  'password procedures without a password (red team 84)': "sp_rotate_password('a', 'b', set_password` (x, ",
};

/** Inputs that every detector gets. */
export function commonInputs(size: number): AdversarialInput[] {
  return Object.entries(UNITS).map(([name, unit]) => ({ name, text: fill(unit, size) }));
}

/** What follows a key name in the assignments detectors accept: separators, each with each quote. */
const SEPARATORS = ['=', ':', ': ', '=>', ':=', ' = ', ' ', '::=', ' ?= ', ' .= ', ' \u00e8 '];
// (`{`: ODBC's braced value, whose closing brace is looked for ahead: a run of `pwd={` that never closes one asks for it
// at every keyword, and the search must not read to the end each time, see ForwardSearch)
const QUOTES = ['', "'", '"', '`', '\\"', '{'];

/** A keyword alone, glued to `_`, to each separator (with a quote) and to each quote (after `=`). */
function keywordUnits(k: string): string[] {
  return [k, `${k}_`, ...SEPARATORS.map((sep) => `${k}${sep}'`), ...QUOTES.filter((q) => q !== "'").map((q) => `${k}=${q}`)];
}

/** Inputs built from one detector's own keywords: repeated, glued to each separator and quote, to base64. */
export function keywordInputs(detector: Detector, size: number): AdversarialInput[] {
  return detector.keywords.flatMap((k) => [
    // the keyword alone, or glued to `_`, repeated: one name as long as the text, then an `=` (a gate for an
    // assignment passes): a detector that read the name again from each keyword in it would do quadratic work
    ...keywordUnits(k).map((unit, i) => (i < 2 ? { name: `${unit} repeated, then =`, text: `${fill(unit, size - 1)}=` } : { name: `${unit} repeated`, text: fill(unit, size) })),
    { name: `${k} then base64`, text: k + fill(BASE64, size - k.length) },
    { name: `${k} then spaces`, text: k + fill(' ', size - k.length) + 'x' },
  ]);
}

/**
 * One detector's anchors in a row, for a value made of them all (the CLI battery): its keyword
 * units and its token format's prefix and half sample; the common units for a detector without
 * keywords (secret-key-name, whose anchor is the key).
 */
export function anchors(detector: Detector): string {
  const sample = TOKEN_FORMATS.find((f) => f.id === detector.id)?.truePositives[0]!.secret;
  const token = sample === undefined ? [] : [sample.slice(0, 8), sample.slice(0, Math.ceil(sample.length / 2)), ' '];
  const units = [...detector.keywords.flatMap(keywordUnits), ...token];
  return units.length > 0 ? units.join('') : Object.values(UNITS).join('');
}

/**
 * For a token format: its prefix and its body, cut where a match must fail — a real token then an
 * endless body, half a token repeated, the token repeated without its last character; and runs of
 * base64, hex and separators. Each starts with the format's first keyword, so the keyword gate
 * lets the regex run.
 */
export function tokenInputs(detector: Detector, size: number): AdversarialInput[] {
  const format = TOKEN_FORMATS.find((f) => f.id === detector.id);
  if (!format) return [];
  const secret = format.truePositives[0]!.secret;
  const half = Math.ceil(secret.length / 2);
  const inputs: Array<[string, string]> = [
    ...['a:', '://', 'password=', '0123456789abcdef', BASE64].map((unit): [string, string] => [`${unit.slice(0, 16)} after the keyword`, fill(unit, size)]),
    ['secret + endless body', secret + fill(secret.at(-1)!, size - secret.length)],
    ['first half of the secret + endless body', secret.slice(0, half) + fill(secret.charAt(half), size - half)],
    ['first half of the secret, repeated', fill(secret.slice(0, half), size)],
    ['secret repeated', fill(secret, size)],
    ['secret minus last char, repeated with spaces', fill(`${secret.slice(0, -1)} `, size)],
    ['prefix repeated', fill(secret.slice(0, Math.min(8, secret.length)), size)],
  ];
  const gate = `${format.keywords[0] ?? ''} `;
  return inputs.map(([name, text]) => ({ name, text: gate + text.slice(gate.length) }));
}

/** Every adversarial input for `detector`: the common ones, its keywords', its token format's. */
export function inputsFor(detector: Detector, size: number, common: readonly AdversarialInput[] = commonInputs(size)): AdversarialInput[] {
  return [...common, ...keywordInputs(detector, size), ...tokenInputs(detector, size)];
}

/**
 * The context every adversarial run is given: a secret-named key, so key-gated detectors run too, and
 * env_var() calls of a template whose literal text the inputs are full of, so env-var-rendered searches.
 */
export const ADVERSARIAL_CONTEXT: DetectorContext = {
  key: 'db_password',
  envVars: envVarCalls("x = '{{ env_var('DB_PASSWORD') }}' as db_password, key = '{{ env_var('API_KEY') }}'\n{{ ref('a') }}password={{ env_var('PG_PASSWORD') }}:"),
};

/** Characters examined (see src/detectors/work.ts) by one run of `detector` on `text`. */
export function workOf(detector: Detector, text: string): number {
  const before = workMeter.chars;
  detector.detect(text, ADVERSARIAL_CONTEXT);
  return workMeter.chars - before;
}

export interface WorstCase {
  detector: string;
  ms: number;
  input: string;
}

/** Run `detector` on every input; the slowest run, with a secret-named key as context. */
export function worstCase(detector: Detector, size: number, common: readonly AdversarialInput[] = commonInputs(size)): WorstCase {
  let worst: WorstCase = { detector: detector.id, ms: 0, input: '' };
  for (const input of inputsFor(detector, size, common)) {
    const started = performance.now();
    detector.detect(input.text, ADVERSARIAL_CONTEXT);
    const ms = performance.now() - started;
    if (ms > worst.ms) worst = { detector: detector.id, ms, input: input.name };
  }
  return worst;
}
