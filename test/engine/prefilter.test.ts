/**
 * The keyword pre-filter: `select` gives the detectors whose keywords occur in a value (plus those
 * without keywords), with the whole table's keywords found in one pass, less those whose anchor
 * says no match can begin where their keyword is (`path` is no Airtable token's `pat…`). Never
 * less than the detectors that find something: checked on every sample of the table, decoded and
 * as raw JSON text.
 */
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { compileRules } from '../../src/engine/compile.js';
import { KeywordScanner, SCAN_TUNING, SCANNER_COUNTS } from '../../src/engine/keyword-scan.js';
import { DetectorSet, PREFILTER_COUNTS, rawKeywords } from '../../src/engine/prefilter.js';
import type { Detector } from '../../src/types.js';

/** The obvious reference: every detector one of whose keywords occurs, case-insensitively. */
function naive(detectors: readonly Detector[], value: string): string[] {
  const lower = value.toLowerCase();
  return detectors.filter((d) => d.keywords.length === 0 || d.keywords.some((k) => lower.includes(k.toLowerCase()))).map((d) => d.id);
}

const set = new DetectorSet(DETECTORS);

t.test('every true positive of the table reaches its own detector', async (t) => {
  for (const f of TOKEN_FORMATS) {
    for (const sample of f.truePositives) t.ok(set.select(sample.text).some((d) => d.id === f.id), `${f.id} selected`);
  }
});

/** Texts to judge select by: the table's samples and decoys, keywords in capitals, odd characters. */
const TEXTS = [
  '',
  'select 1',
  'SK_LIVE_ and sk_test_ and XOXB- overlapping xoxe.xoxb-',
  'ghp_ghp_gho_ GLPAT- glpat-',
  'ünïcödé ghp_ ☃ sk_live_ 𝄞 xoxp-',
  ...TOKEN_FORMATS.flatMap((f) => [...f.falsePositives, ...f.truePositives.map((s) => s.text)]),
  ...TOKEN_FORMATS.flatMap((f) => f.truePositives.map((s) => `-- loads\n${s.text.replace(/ /g, '\n  ')}\n`)),
  ...TOKEN_FORMATS.map((f) => f.keywords.join(' ').toUpperCase()),
];

t.test('select never leaves out a detector that finds something, and never adds one without its keyword', async (t) => {
  for (const text of TEXTS) {
    const selected = set.select(text).map((d) => d.id);
    const finding = DETECTORS.filter((d) => d.detect(text, { key: undefined }).length > 0).map((d) => d.id);
    t.same(finding.filter((id) => !selected.includes(id)), [], `${JSON.stringify(text.slice(0, 60))}: every detector that finds something is selected`);
    const naiveIds = naive(DETECTORS, text);
    t.same(selected.filter((id) => !naiveIds.includes(id)), [], `${JSON.stringify(text.slice(0, 60))}: only detectors whose keyword occurs`);
  }
});

t.test("a rule's set shares the registry's scanner and anchors, and still selects every detector of its own that finds something", async (t) => {
  const before = { ...PREFILTER_COUNTS };
  const compiled = compileRules();
  compileRules();
  t.equal(PREFILTER_COUNTS.scanners, before.scanners, 'no scanner built beyond the registry one');
  t.equal(PREFILTER_COUNTS.keywordsWorkedOut, before.keywordsWorkedOut, 'no keyword worked out before a value asks');
  for (const ruleSet of compiled.detectorSets) {
    if (!ruleSet || ruleSet.detectors.length === DETECTORS.length) continue;
    for (const text of TEXTS) {
      const selected = ruleSet.select(text);
      const missed = ruleSet.detectors.filter((d) => !selected.includes(d) && d.detect(text, { key: undefined }).length > 0).map((d) => d.id);
      t.same(missed, [], `${JSON.stringify(text.slice(0, 40))}: every detector of the set that finds something is selected`);
    }
  }
  t.ok(PREFILTER_COUNTS.keywordsWorkedOut > before.keywordsWorkedOut, 'keywords worked out as values meet them');
});

/** Code and text where the generic detectors find secrets, in the shapes their patterns take (spacing, quotes, names made of each secret word). */
const ASSIGNED = [
  'PGPASSWORD=Zq8kLm2vX9pg psql -h db', 'db_password: Zq8kLm2vX9pg', "api_key = 'Zq8kLm2vX9pg'", '"client_secret":   "Zq8kLm2vX9pg"',
  `token${' '.repeat(60)}= 'Zq8kLm2vX9pg'`, "SNOWFLAKE_PASSWORD_4\t: 'Zq8kLm2vX9pg'", "dsn => 'postgresql://u:Zq8kLm2vX9pg@db/x'",
  "create user loader password 'Zq8kLm2vX9pg'", "alter user x identified by password \n 'Zq8kLm2vX9pg'", "create secret (type s3, secret 'Zq8kLm2vX9pg')",
  "copy into t credentials (aws_secret_access_key 'Zq8kLm2vX9pgZq8kLm2vX9pg')", "with client_secret \"Zq8kLm2vX9pg\"",
  'spark.conf.set("fs.azure.account.key.acme.dfs.core.windows.net", "Zq8kLm2vX9pgZq8kLm2vX9pg")', ".option('password', 'Zq8kLm2vX9pg')",
  'os.environ["SLACK_WEBHOOK"] = "Zq8kLm2vX9pgZq8kLm2vX9pg"', 'headers["Authorization"] = "Bearer Zq8kLm2vX9pgZq8kLm2vX9pg"',
  '.config("warehouse.bearer", "Zq8kLm2vX9pgZq8kLm2vX9pg")', "os.environ['GITLAB_PAT'] = 'Zq8kLm2vX9pgZq8kLm2vX9pg'", 'conf.set("REPORTING_PW", "Zq8kLm2vX9pg")',
  'spark.conf.set("warehouse.conn", "Server=db;Password=Zq8kLm2vX9pg")', '{"auth": ["svc", "Zq8kLm2vX9pg"]}',
  'conf.set("db.connection_string", "Server=db;Password=Zq8kLm2vX9pg")', 'requests.get(url, auth = ("svc", "Zq8kLm2vX9pg"))', 'HTTPBasicAuth("svc", "Zq8kLm2vX9pg")',
  "{'auth': ['svc', 'Zq8kLm2vX9pg']}", '{http_auth: [svc, Zq8kLm2vX9pg]}',
];

t.test('the generic detectors are selected wherever they find something', async (t) => {
  for (const text of [...ASSIGNED, ...TEXTS]) {
    const selected = set.select(text);
    const missed = DETECTORS.filter((d) => !selected.includes(d) && d.detect(text, { key: undefined }).length > 0).map((d) => d.id);
    t.same(missed, [], `${JSON.stringify(text.slice(0, 50))}: every detector that finds something is selected`);
  }
  t.ok(ASSIGNED.every((text) => DETECTORS.some((d) => d.detect(text, { key: undefined }).length > 0)), 'each sample holds a secret');
  // a common word alone (a column name, prose, SQL) selects none of them: each is anchored where its matches begin
  const generic = new Set(['password-assignment', 'sql-password', 'code-secret-argument', 'http-auth-header']);
  for (const prose of [
    'api_key_id', 'password_hash', 'token_count', 'models/staging/path/to/file.sql', 'Number of API keys issued to the account; the key values live in the vault.',
    'select id, password_changed_at, secret_santa_flag from users', "where key in ('a', 'b')", 'primary key (id), unique_key', 'Basic plan customers only; bearer of the share is the account owner.',
    'bearer_share', 'basic auth off', "{{ ref('stg_keys') }} joined on the natural key, see docs/path.md",
  ]) {
    t.same(set.select(prose).filter((d) => generic.has(d.id)).map((d) => d.id), [], `${prose}: no generic detector`);
  }
  // English's `is` after a secret's name is an assignment (`the API key is 9f8e…`): such a sentence selects
  // password-assignment, which finds nothing in it unless the value has a secret's shape
  for (const prose of ['basic auth is off', 'the password is required', 'the primary key is order_id', 'the token is valid for 8 hours']) {
    t.same(DETECTORS.filter((d) => generic.has(d.id) && d.detect(prose, { key: undefined }).length > 0).map((d) => d.id), [], `${prose}: found by no generic detector`);
  }
});

t.test("a keyword selects each anchored detector only where that detector's own anchor matches", async (t) => {
  const ids = (text: string) => set.select(text).map((d) => d.id).filter((id) => ['password-assignment', 'code-secret-argument', 'sql-password'].includes(id));
  // the shared scanner lets the place through for password-assignment's sake; code-secret-argument's anchor (a quoted name that , or ] follows) fails there
  t.same(ids("{{ config(materialized='incremental', merge_key='surrogate_key') }}"), ['password-assignment'], 'an assignment: not a setter');
  // (dbt's own unique_key, in every incremental model's config() call, is no secret's name: its anchor looks behind)
  t.same(ids("{{ config(materialized='incremental', unique_key='surrogate_key') }}"), [], "dbt's unique_key: neither");
  t.same(ids('spark.conf.set("api.key", "Zq8kLm2vX9pg")'), ['code-secret-argument'], 'a setter: not an assignment');
  // (and password-assignment's: a secret's name before a value in single quotes, as a vendor's error quotes a key: red team 129)
  t.same(ids("create user u password 'Zq8kLm2vX9pg'"), ['sql-password', 'password-assignment'], 'a SQL literal');
  // a secret's name in single quotes, then a literal: also SQL's named literal (set_config('api.key', '…'))
  t.same(ids("merge_key='id' and conf.set('api.key', 'Zq8kLm2vX9pg')"), ['sql-password', 'password-assignment', 'code-secret-argument'], 'each where its own anchor matches, in one value');
});

t.test("a detector of a keyword inside the one found, further on, is tested where its own keyword begins", async (t) => {
  const generic = ['password-assignment', 'code-secret-argument', 'sql-password'];
  const ids = (text: string) => set.select(text).map((d) => d.id).filter((id) => generic.includes(id));
  // the search reports `access_token` alone (`token` ends with it): sql-password's and code-secret-argument's `token` is at 7
  for (const text of [
    'select\n    access_token_expires_at,\n    password_hash\nfrom src',
    'private_key_fingerprint, service_key_id, routing_key_version',
    "{{ config(materialized='incremental') }} select secret_key_rotated_at from keys",
  ]) {
    const naiveIds = naive(DETECTORS, text).filter((id) => generic.includes(id));
    t.ok(naiveIds.includes('sql-password'), `${JSON.stringify(text.slice(0, 40))}: sql-password's keyword occurs`);
    t.same(ids(text).filter((id) => id !== 'password-assignment'), [], `${JSON.stringify(text.slice(0, 40))}: no detector whose anchor fails at its keyword`);
  }
  // …and selected where its anchor matches there
  const found: [string, string][] = [
    ['code-secret-argument', 'spark.conf.set("access_token", "Zq8kLm2vX9pgWq3")'],
    ['sql-password', "select * from sessions where access_token in ('Zq8kLm2vX9pgWq3')"],
    ['sql-password', "select 'Zq8kLm2vX9pgWq3' as private_key"],
  ];
  for (const [id, text] of found) {
    t.ok(DETECTORS.find((d) => d.id === id)!.detect(text, { key: undefined }).length > 0, `${id} finds a secret in ${JSON.stringify(text.slice(0, 50))}`);
    t.ok(ids(text).includes(id), `${id}: selected in ${JSON.stringify(text.slice(0, 50))}`);
  }
});

t.test("sql-password's typed declarations: every string type wakes it, prose after a secret's word does not", async (t) => {
  const selects = (text: string) => set.select(text).some((d) => d.id === 'sql-password');
  for (const type of ['varchar', 'VARCHAR2(30)', 'nvarchar(100)', 'char(64)', 'nchar(64)', 'text', 'STRING', 'character varying', 'bpchar', 'clob', 'NCLOB', 'sysname']) {
    t.ok(selects(`DECLARE api_token ${type} := 'Zq8kLm2vX9pg';`), `a ${type} declaration`);
  }
  // a type is known by the letters its names begin with (the third one too: "key values" shares varchar's two)
  for (const prose of ['Number of API keys issued to the account; the key values live in the vault.', 'token count by model', 'secret names of the vault, listed by key name']) {
    t.notOk(selects(prose), `${prose}: not selected`);
  }
});

t.test('a keyword where its detectors cannot begin selects nothing', async (t) => {
  const decoys: [string, string][] = [
    ['airtable-pat', 'models/path/to/file.sql and original_file_path, patch_path'],
    ['aws-access-key-id', `checksum ${'9b66488acca1def5b8a7e954358988530abb6ea2a45cbacef5116b348128674d'}`],
    ['looker-client-secret', 'Dashboards are built in Looker from these marts'],
    ['elementary-token', 'model.elementary.dbt_models, package elementary'],
    // a format whose own pattern gives no anchor has one written for it (TokenFormat.anchor): Bearer only before an org id
    ['salesforce-access-token', 'Basic plan customers only; bearer of the share is the account owner.'],
    ['salesforce-access-token', 'select bearer_share, basic_plan_flag from accounts'],
  ];
  for (const [id, text] of decoys) {
    t.ok(naive(DETECTORS, text).includes(id), `${id}: its keyword occurs in ${JSON.stringify(text.slice(0, 40))}`);
    t.notOk(set.select(text).some((d) => d.id === id), `${id}: not selected`);
  }
});

t.test('the raw-text search marks every string whose decoded value select reads', async (t) => {
  const rules = compileRules();
  const scanner = new KeywordScanner(rules.rawKeywords!, rules.rawAnchors);
  for (const text of [...TEXTS, ...ASSIGNED]) {
    const selected = set.select(text).filter((d) => d.keywords.length > 0);
    if (selected.length === 0) continue;
    // the value as a JSON string token between two others, as a manifest holds it
    const json = `{"a": "x", "compiled_code": ${JSON.stringify(text)}, "b": "y"}`;
    const bytes = Buffer.from(json, 'utf8');
    const tokenStart = bytes.indexOf('"compiled_code": "') + '"compiled_code": "'.length;
    const tokenEnd = bytes.length - '", "b": "y"}'.length;
    const marks: number[] = [];
    scanner.state = 0;
    scanner.scan(bytes, 0, bytes.length, marks, []);
    t.ok(marks.some((m) => m >= tokenStart && m < tokenEnd), `${JSON.stringify(text.slice(0, 60))}: a keyword marked in its token`);
  }
});

t.test("a file's scanner works out no keyword's anchors that an earlier one of the same rules did", async (t) => {
  const rules = compileRules();
  // (anchors of their own, the registry's and one more: the scanners of the tests before shared the registry's)
  const anchors = { ...rules.rawAnchors, 'not-in-the-list': [{ source: 'x', flags: 'y' }] };
  const json = Buffer.from(JSON.stringify({ sql: ASSIGNED.join('\n'), prose: TEXTS.slice(0, 40).join(' ') }));
  const scanWith = () => {
    const scanner = new KeywordScanner(rules.rawKeywords!, anchors);
    const marks: number[] = [];
    const before = SCANNER_COUNTS.anchorsWorkedOut;
    scanner.scan(json, 0, json.length, marks, []);
    return { marks, workedOut: SCANNER_COUNTS.anchorsWorkedOut - before };
  };
  const first = scanWith();
  const files = Array.from({ length: 5 }, scanWith);
  t.ok(first.workedOut > 10, `the first scanner worked out ${first.workedOut} keywords' anchors`);
  t.same(files.map((f) => f.workedOut), [0, 0, 0, 0, 0], 'the next ones none');
  t.ok(files.every((f) => f.marks.join() === first.marks.join()), 'and mark the same places');
});

t.test('the raw-text search leaves prose that only names a scheme unmarked', async (t) => {
  const rules = compileRules();
  const scanner = new KeywordScanner(rules.rawKeywords!, rules.rawAnchors);
  for (const [text, marked] of [
    ['Basic plan customers only; bearer of the share is the account owner.', false],
    ['select bearer_share from accounts', false],
    ['curl -H "Authorization: Bearer 00D5g000004XyZa!AR8AQJ5rTk9wLm2VbXc4NpQ7sRdF6gHjK1lZxCvB3nM8qW0eR5tY7uI9oP2aS4dF6gH8jK0lZ2xC4vB6nM8qW.0eR5tY7uI9o"', true],
    ['the session: bearer 00D5g000004XyZa!AR8AQJ5rTk9wLm2VbXc4NpQ7sRdF6gHjK1lZxCvB3nM8qW0eR5tY7uI9oP2aS4dF6gH8jK0lZ2xC4vB6nM8qW.0eR5tY7uI9o', true],
  ] as const) {
    const bytes = Buffer.from(JSON.stringify({ description: text }));
    const marks: number[] = [];
    scanner.state = 0;
    scanner.scan(bytes, 0, bytes.length, marks, []);
    t.equal(marks.length > 0, marked, `${text.slice(0, 40)}…: ${marked ? 'marked' : 'not marked'}`);
  }
});

t.test('the raw-text search reads \\u escapes after a keyword as the characters they spell, beyond latin1 too', async (t) => {
  const rules = compileRules();
  const scanner = new KeywordScanner(rules.rawKeywords!, rules.rawAnchors);
  let tried = 0;
  for (const text of [...TEXTS, ...ASSIGNED]) {
    if (text.length > 200) continue;
    // after the value: é (fits a byte) and a curly quote (does not), written as escapes
    for (const [tail, escaped] of [[' \u00e9', ' \\u00e9'], [' \u00e9\u2019', ' \\u00e9\\u2019']] as const) {
      const selected = set.select(text + tail).filter((d) => d.keywords.length > 0);
      if (selected.length === 0) continue;
      const json = `{"a": "x", "compiled_code": ${JSON.stringify(text).slice(0, -1)}${escaped}", "b": "y"}`;
      t.equal(JSON.parse(json).compiled_code, text + tail, 'the token spells the value');
      const bytes = Buffer.from(json, 'utf8');
      const tokenStart = bytes.indexOf('"compiled_code": "') + '"compiled_code": "'.length;
      const marks: number[] = [];
      scanner.state = 0;
      scanner.scan(bytes, 0, bytes.length, marks, []);
      t.ok(marks.some((m) => m >= tokenStart && m < bytes.length - 12), `${JSON.stringify(text.slice(0, 60))} + ${escaped}: a keyword marked in its token`);
      tried++;
    }
  }
  t.ok(tried >= 40, `${tried} values tried`);
});

t.test('an anchored keyword in an object key is not marked (the walk asks only about values)', async (t) => {
  const rules = compileRules();
  const scanner = new KeywordScanner(rules.rawKeywords!, rules.rawAnchors);
  const token = 'patAbcdefghijklm1.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
  for (const [json, marked] of [
    [`{"${token}" : 1}`, false],
    [`{"${token}"\n\t:1}`, false],
    [`{"a": "${token}"}`, true],
    [`{"a": ["${token}", 1]}`, true],
    [`{"a": "${token}\\": 1"}`, true],
  ] as const) {
    const bytes = Buffer.from(json);
    const marks: number[] = [];
    scanner.state = 0;
    scanner.scan(bytes, 0, bytes.length, marks, []);
    t.equal(marks.includes(bytes.indexOf('pat')), marked, `${json.slice(0, 30)}…: ${marked ? 'marked' : 'not marked'}`);
  }
});

t.test('keywords past ASCII are searched for in their forms (keyword-forms.ts), with the same answers', async (t) => {
  const odd: Detector = { id: 'odd', title: 'odd', keywords: ['clé_', 'ghp_', 'пароль'], detect: () => [] };
  const plain: Detector = { id: 'plain', title: 'plain', keywords: ['sk_'], detect: () => [] };
  const mixed = new DetectorSet([odd, plain]);
  for (const text of ['CLÉ_ x', 'Clé_', 'ghp_', 'sk_ and clé_', 'nothing', 'cle_', 'Пароль:', 'ПАРОЛЬ', 'парол ь', '😀пароль']) t.same(mixed.select(text).map((d) => d.id), naive([odd, plain], text), text);
  // and the raw text's search stands for the value's: the forms are among its keywords
  t.ok(rawKeywords([mixed])?.includes('cl\\u00e9_'));
});

t.test('a long range scanned in four parts side by side marks what one pass marks', async (t) => {
  const rules = compileRules();
  const scanner = new KeywordScanner(rules.rawKeywords!, rules.rawAnchors);
  // the table's texts as JSON strings, keys too, with control characters between some of them
  const tokens = TEXTS.map((text, i) => `"k${i}_path": ${JSON.stringify(text)}${i % 7 === 0 ? ',\n\t' : ', '}`);
  const json = Buffer.from(`{${tokens.join('').repeat(3)}"end": 1}`, 'utf8');
  t.ok(json.length > 16 * 4096, `${json.length} bytes: four parts of more than SCAN_TUNING.minPart`);
  const run = (minPart: number, from: number, to: number) => {
    const saved = SCAN_TUNING.minPart;
    SCAN_TUNING.minPart = minPart;
    try {
      const keywords: number[] = [];
      const controls: number[] = [];
      scanner.state = 0;
      scanner.scan(json, from, to, keywords, controls);
      return { keywords: keywords.sort((a, b) => a - b), controls, state: scanner.state };
    } finally {
      SCAN_TUNING.minPart = saved;
    }
  };
  // every seam between parts moves with the range's start and length
  for (const [from, to] of [[0, json.length], [1, json.length - 3], [4097, json.length - 4099], [12345, 12345 + 4 * 4096 + 3]] as const) {
    const one = run(Infinity, from, to);
    const four = run(4096, from, to);
    t.ok(one.keywords.length > 100, `${from}–${to}: ${one.keywords.length} keywords in one pass`);
    t.same(four, one, `${from}–${to}: same keyword starts, control characters and final state`);
  }
  // a keyword longer than a part (a config's): one pass, the same marks; the bytes before the range
  // (the keyword's first characters) must not count
  const long = new KeywordScanner(['q'.repeat(5000), 'ghp_']);
  const before = 3000;
  const text = Buffer.from(`${'q'.repeat(before + 4500)}${'ab ghp_ '.repeat(1550)}`, 'latin1');
  t.ok((text.length - before) / 4 >= 4096 && (text.length - before) / 4 <= 5000, 'parts long enough to split, shorter than the keyword');
  const marks = (minPart: number) => {
    const saved = SCAN_TUNING.minPart;
    SCAN_TUNING.minPart = minPart;
    try {
      const found: number[] = [];
      long.state = 0;
      long.scan(text, before, text.length, found, []);
      return found.sort((a, b) => a - b);
    } finally {
      SCAN_TUNING.minPart = saved;
    }
  };
  t.same(marks(4096), marks(Infinity), 'a 5,000-character keyword: the same marks');
  t.ok(marks(Infinity).length >= 1550, 'ghp_ marked');
  // a control character only among the bytes the four parts leave over
  const tail = Buffer.from(`"${'x'.repeat(4 * 4096)}\n"`, 'latin1');
  const controls: number[] = [];
  scanner.scan(tail, 0, tail.length, [], controls);
  t.same(controls, [tail.length - 2], 'a newline in the last bytes');
});

t.test('a set of keywordless detectors that all have context tests (a rule\'s numbers: secret-key-name alone) asks them', async (t) => {
  const numbers = new DetectorSet(DETECTORS.filter((d) => d.id === 'secret-key-name'));
  t.same(numbers.keywords, [], 'no keywords');
  // a number under a neutral key is not read (meta.sla_hours in every model); under a password's name it is
  t.notOk(numbers.findsWithoutKeyword({ key: 'sla_hours' }, 1), 'sla_hours');
  t.notOk(numbers.findsWithoutKeyword({ key: undefined }, 12), 'no key');
  t.ok(numbers.findsWithoutKeyword({ key: 'password' }, 11), 'password');
  t.ok(numbers.findsWithoutKeyword({ key: 'db_password' }, 10), 'db_password');
  // a keywordless detector without a context test still reads every value
  const open: Detector = { id: 'open', title: 'open', keywords: [], detect: () => [] };
  t.ok(new DetectorSet([open]).findsWithoutKeyword({ key: 'sla_hours' }, 1), 'ungated');
});
