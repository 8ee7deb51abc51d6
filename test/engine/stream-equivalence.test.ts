/**
 * The streaming path gives exactly the in-memory path's findings — positions, node context, meta
 * suppressions, fingerprints — on every fixture target folder, on every file of the real corpus,
 * and on artifacts built to be awkward; with windows small enough to cut every token, with and
 * without the helper thread. It must do so by streaming, not by falling back: walkFile is also
 * asked directly.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import { compileRules } from '../../src/engine/compile.js';
import { STREAM_TUNING } from '../../src/engine/stream-read.js';
import { PREFILTER_COUNTS } from '../../src/engine/prefilter.js';
import { STREAM_LIMITS } from '../../src/engine/scan-stream.js';
import { walkFile } from '../../src/engine/stream-walk.js';
import { keyHash, TOKEN_LIMITS } from '../../src/artifacts/stream-json.js';
import { recognizeArtifact } from '../../src/artifacts/recognize.js';
import type { Finding, ScanResult } from '../../src/types.js';
import { plainFinding } from '../../src/findings/record.js';
import { ROOT } from '../fixture-data.js';
import { dbtJson, FUNCTIONS_AND_DISABLED_SECRETS, functionsAndDisabledManifest, manifest, runResults, tempDir } from '../helpers.js';

const DEFAULT_TUNING = { ...STREAM_TUNING };
/** Windows that cut tokens everywhere; the helper thread on and off. */
const TUNINGS = [
  { name: 'default windows', chunkBytes: DEFAULT_TUNING.chunkBytes, headroom: DEFAULT_TUNING.headroom, helperMinBytes: Infinity },
  { name: '97-byte windows', chunkBytes: 97, headroom: 13, helperMinBytes: Infinity },
  { name: '7-byte windows, no headroom, helper', chunkBytes: 7, headroom: 0, helperMinBytes: 0 },
  { name: '4 KB windows, helper', chunkBytes: 4096, headroom: 64, helperMinBytes: 0 },
];
t.teardown(() => Object.assign(STREAM_TUNING, DEFAULT_TUNING));

const order = (f: Finding) => [f.file, String(f.charOffset).padStart(12, '0'), f.ruleId, f.detectorId, f.fingerprint].join('\u0000');
const sorted = (findings: readonly Finding[]) => [...findings].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));

function outcome(options: ScanOptions): { findings: Finding[]; artifacts: ScanResult['summary']['artifacts']; strings: number } | { error: string } {
  try {
    const { findings, summary } = scan(options);
    // (as plain findings: every field compared, those a finding keeps in its store too)
    return { findings: sorted(findings).map(plainFinding), artifacts: summary.artifacts, strings: summary.stringsScanned };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function sameBothWays(t: Test, paths: string[], label: string, tunings = TUNINGS, extra: Partial<ScanOptions> = {}): void {
  const inMemory = outcome({ paths, stream: false, jobs: 1, ...extra });
  for (const tuning of tunings) {
    Object.assign(STREAM_TUNING, tuning);
    t.same(outcome({ paths, stream: true, jobs: 1, ...extra }), inMemory, `${label}: ${tuning.name}`);
  }
  Object.assign(STREAM_TUNING, DEFAULT_TUNING);
}

/** The file streams (no fallback to the in-memory path) and is recognized. */
function streams(t: Test, file: string, helpers = [false, true]): void {
  const rules = compileRules();
  for (const helper of helpers) {
    Object.assign(STREAM_TUNING, { chunkBytes: 1000, headroom: 64, helperMinBytes: 0 });
    try {
      const { walk } = walkFile(file, rules, { values: 0 }, { size: statSync(file).size, helper });
      t.ok(recognizeArtifact(walk.document).ok, `${path.relative(ROOT, file)} streams${helper ? ' with the helper' : ''} and is recognized`);
    } catch (error) {
      t.fail(`${path.relative(ROOT, file)} does not stream: ${String(error)}`);
    }
  }
  Object.assign(STREAM_TUNING, DEFAULT_TUNING);
}

function targetDirs(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (!statSync(full).isDirectory()) return [];
      return name.startsWith('target') ? [full] : targetDirs(full);
    });
}

t.test('every fixture target folder: same findings streamed and in memory', async (t) => {
  const dirs = targetDirs(path.join(ROOT, 'fixtures'));
  t.ok(dirs.length >= 5);
  for (const dir of dirs) {
    sameBothWays(t, [dir], path.relative(ROOT, dir));
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) streams(t, path.join(dir, name));
  }
});

const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'real');

t.test('every file of the real corpus: same findings streamed and in memory', { skip: existsSync(CORPUS) ? false : 'corpus not found' }, async (t) => {
  const files = readdirSync(CORPUS)
    .sort()
    .flatMap((d) => (statSync(path.join(CORPUS, d)).isDirectory() ? readdirSync(path.join(CORPUS, d)).sort().map((f) => path.join(CORPUS, d, f)) : []))
    .filter((f) => f.endsWith('.json') || f.endsWith('.html'));
  t.ok(files.length > 10);
  for (const file of files) {
    sameBothWays(t, [file], path.relative(CORPUS, file), [TUNINGS[3]!]);
    if (file.endsWith('.json')) streams(t, file, statSync(file).size > 1_500_000 ? [false, true] : [false]);
  }
});

/** Write files into a fresh target folder; returns it. */
function target(files: Record<string, string | Buffer>): string {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

const PW = 'Tr0ub4dor-9xK2-prod';
const GHP = 'ghp_SCEZGZCQwoIppg1H5xNr75eNBjzXJoLwiQgF';

t.test('awkward artifacts: raw UTF-8, escapes that spell keywords, BOM, pretty-printed, odd keys, suppressions', async (t) => {
  const node = (id: string, extra: Record<string, unknown>) => ({
    unique_id: id,
    resource_type: 'model',
    original_file_path: `models/${id.split('.').pop()}.sql`,
    patch_path: 'shop://models/schema.yml',
    fqn: ['shop', id.split('.').pop()],
    ...extra,
  });
  const doc = manifest(
    {
      nodes: {
        'model.shop.accents': node('model.shop.accents', {
          description: `Données — clé ☕ 😀 ${GHP}`,
          compiled_code: `select 'é😀' as x; create user u password '${PW}'`,
        }),
        // long ASCII runs between characters of two, three and four bytes: counted a block at a time
        'model.shop.long_accents': node('model.shop.long_accents', {
          description: `é${'a'.repeat(3000)}☕${'b'.repeat(1023)}😀${'c'.repeat(1025)} token ${GHP} ${'d'.repeat(2048)}é`,
          compiled_code: `${'x'.repeat(5000)}😀 create user y password '${PW}'`,
        }),
        'model.shop.escapes': node('model.shop.escapes', { compiled_code: `-- "quoted"\n\tcreate user v password '${PW}'`, config: { meta: { api_token: 12345678901234 } } }),
        'model.shop.suppressed': node('model.shop.suppressed', {
          compiled_code: `create user w password '${PW}'`,
          config: { meta: { 'dbt-tools-lint': { ignore: ['compiled-code'], reason: 'test account' } } },
        }),
        'model.shop.meta': node('model.shop.meta', { meta: { 'dbt-tools-lint': { ignore: 'all' } }, raw_code: `-- ${GHP}` }),
        '17': { unique_id: 'model.shop.numbered', description: `token ${GHP}`, __proto__: 'x' },
      },
      disabled: { 'model.shop.off': [node('model.shop.off', { external: { location: `postgresql://u:${PW}@db:5432/x` } })] },
      sources: { 'source.shop.raw.s': { unique_id: 'source.shop.raw.s', external: { location: `https://h/x?sig=CANARY7f3aSig0x9Qw2Er4Ty6Ui8Op` } } },
    },
    { DB_PASSWORD: PW, API_KEY: GHP },
  );
  const compact = dbtJson(doc);
  // raw UTF-8 instead of \u escapes, an escape spelling a keyword, escaped slashes, an escaped key
  const raw = JSON.stringify(doc)
    .replace('"compiled_code":"-- \\"quoted\\"', '"compiled\\u005fcode":"-- \\"quoted\\"')
    .replace(`password '${PW}'`, `\\u0070assword '${PW}'`)
    .replace('postgresql://', 'postgresql:\\/\\/');
  const results = dbtJson(
    runResults({
      results: [
        { unique_id: 'model.shop.suppressed', status: 'error', message: `connection failed: password '${PW}'` },
        { unique_id: 'model.shop.accents', status: 'error', message: `postgresql://loader:${PW}@db/x` },
        { node: { unique_id: 'model.shop.meta', meta: { 'dbt-tools-lint': { ignore: ['run-messages'] } } }, status: 'error', message: `token ${GHP}` },
      ],
      args: { vars: { db_password: PW } },
    }),
  );
  const cases: Record<string, Record<string, string | Buffer>> = {
    'compact, with run results': { 'manifest.json': compact, 'run_results.json': results },
    'raw UTF-8 and escapes': { 'manifest.json': raw },
    'byte order mark': { 'manifest.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(raw)]) },
    'pretty-printed, CRLF': { 'manifest.json': JSON.stringify(doc, null, 2).replace(/\n/g, '\r\n'), 'run_results.json': JSON.stringify(JSON.parse(results), null, 4) },
  };
  for (const [label, files] of Object.entries(cases)) {
    const dir = target(files);
    sameBothWays(t, [dir], label);
    for (const name of Object.keys(files)) streams(t, path.join(dir, name));
    const streamed = outcome({ paths: [dir], stream: true, jobs: 1 });
    t.ok('findings' in streamed && streamed.findings.length >= 8 && streamed.findings.some((f) => f.suppressed), `${label}: findings, some suppressed`);
  }
});

t.test("text past ASCII written as \\u escapes right before a token (Python's ensure_ascii): found streamed as in memory (red team 67)", async (t) => {
  const xoxb = 'xoxb-68857744405-3658334380012-pWTdxkYca8mgnJUK1qrrcy2r';
  const doc = manifest(
    {
      nodes: {
        'model.shop.orders': {
          unique_id: 'model.shop.orders',
          resource_type: 'model',
          original_file_path: 'models/orders.sql',
          description: `Clé 😀${GHP} and é${xoxb}`,
          // an escape that spells a letter before the token: no token there (the lookbehind sees the A), either way
          compiled_code: `select 'A${GHP.slice(1)}x' as note`,
        },
      },
    },
    { DBT_ENV_CUSTOM_ENV_CI_NOTE: `é${xoxb}`, DBT_ENV_CUSTOM_ENV_CI_NOTE_2: `\u2603${GHP}` },
  );
  // every character past ASCII as a \u escape (a character beyond the BMP as its two surrogates), and A as \u0041
  const ascii = JSON.stringify(doc)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(`'A${GHP.slice(1)}`, `'\\u0041${GHP.slice(1)}`);
  t.ok(ascii.includes(`\\u00e9${xoxb}`) && ascii.includes(`\\ude00${GHP}`), 'the tokens follow escapes');
  const dir = target({ 'manifest.json': ascii });
  sameBothWays(t, [dir], 'ensure_ascii');
  const streamed = outcome({ paths: [dir], stream: true, jobs: 1 });
  const found = 'findings' in streamed ? streamed.findings.map((f) => `${f.detectorId} ${f.jsonPath}`) : [];
  for (const want of ['slack-bot-token $.metadata.env.DBT_ENV_CUSTOM_ENV_CI_NOTE', 'github-classic-pat $.metadata.env.DBT_ENV_CUSTOM_ENV_CI_NOTE_2']) {
    t.ok(found.includes(want), `${want}: found streamed`);
  }
  t.equal(found.filter((f) => f.includes('description')).length, 2, 'both tokens of the description');
});

t.test('a key with the hash of a literal key is not that key: same findings as in memory', async (t) => {
  // "bl3xux2a" has the keyHash of "metadata" and its length (found by a search over 37^8 names):
  // the walk finds literal keys by hash, and must confirm on the bytes before it follows one
  t.equal(keyHash('bl3xux2a'), keyHash('metadata'), 'the two share a hash');
  const doc = manifest({ 'bl3xux2a': { env: { DBT_ENV_CUSTOM_ENV_API_TOKEN: GHP }, dbt_version: '1.9.0' } }, { DB_PASSWORD: PW });
  const dir = target({ 'manifest.json': dbtJson(doc) });
  sameBothWays(t, [dir], 'a key sharing the hash of metadata');
  // the same with the kept keys written with escapes: found by the decoded key's hash, confirmed on the decoded key
  const escaped = target({ 'manifest.json': JSON.stringify(doc).replace('"metadata":', '"met\\u0061data":').replace('"env":', '"\\u0065nv":') });
  sameBothWays(t, [escaped], 'metadata and env written with escapes');
  const streamed = outcome({ paths: [dir], stream: true, jobs: 1 });
  const at = (f: Finding) => f.jsonPath ?? '';
  const rules = 'findings' in streamed ? streamed.findings.map((f) => `${f.ruleId} ${at(f)}`) : [];
  t.same(rules, ['env-metadata $.metadata.env.DB_PASSWORD', 'free-text $.bl3xux2a.env.DBT_ENV_CUSTOM_ENV_API_TOKEN'], 'metadata.env is read as metadata, the other key as any key');
});

t.test('pass before or after its user key, in every window: same findings, decided when the object closes', async (t) => {
  const meta = {
    after: { user: 'etl', pass: `${PW}-a` },
    // keys sorted: the password comes first, the user last, a nested object and an array between them
    before: { host: 'db', pass: `${PW}-b`, opts: { sslmode: 'require', hosts: ['a', 'b'] }, port: 5432, user: 'etl' },
    // several at once, in either case, one with an escaped key (below); a number is no password here
    many: { PW: `${PW}-c`, pass: 12345678, Pass: `${PW}-d`, pz: `${PW}-e`, LOGIN: 'etl' },
    // found by their format whether or not a user key comes: one hit, not two
    token: { pass: GHP, user: 'etl' },
    // no user key in the object: silent once it closes
    alone: { pass: `${PW}-f`, inner: { user: 'etl' } },
    words: { pass: 'skip', pw: 'pixel width', user: 'qa' },
  };
  const doc = manifest({
    nodes: {
      'model.shop.a': { unique_id: 'model.shop.a', resource_type: 'model', original_file_path: 'models/a.sql', meta },
      // the last object of a node: decided before the node's line goes to the hit log
      'model.shop.b': { unique_id: 'model.shop.b', resource_type: 'model', original_file_path: 'models/b.sql', config: { pass: `${PW}-g`, user: 'etl' } },
    },
  });
  const compact = dbtJson(doc).replace('"pz":', '"p\\u0077":');
  const cases: Record<string, string> = { compact, 'pretty-printed': JSON.stringify(JSON.parse(compact), null, 2) };
  for (const [label, text] of Object.entries(cases)) {
    const dir = target({ 'manifest.json': text });
    sameBothWays(t, [dir], label);
    const found = outcome({ paths: [dir], stream: true, jobs: 1 });
    const pointers = 'findings' in found ? found.findings.map((f) => f.jsonPointer).sort() : [];
    t.same(
      pointers,
      ['/nodes/model.shop.a/meta/after/pass', '/nodes/model.shop.a/meta/before/pass', '/nodes/model.shop.a/meta/many/PW', '/nodes/model.shop.a/meta/many/Pass', '/nodes/model.shop.a/meta/many/pw', '/nodes/model.shop.a/meta/token/pass', '/nodes/model.shop.b/config/pass'],
      `${label}: each password beside a user key, once`,
    );
  }
});

t.test('legacy artifacts are recognized by shape, the first node as JSON.parse orders keys', async (t) => {
  const catalog = { nodes: { 'model.a.b': { other: 1 }, '5': { columns: {}, metadata: { comment: `token ${GHP}` } } }, generated_at: '2020-01-01T00:00:00Z' };
  const notCatalog = { nodes: { 'model.a.b': { other: 1 }, 'model.c.d': { columns: {}, metadata: {} } } };
  const legacyResults = { results: [{ node: { unique_id: 'model.a.b' }, status: 'error', error: `password '${PW}'` }], generated_at: '2020-01-01T00:00:00Z', elapsed_time: 1 };
  for (const [label, doc, name] of [
    ['catalog, integer key first', catalog, 'catalog.json'],
    ['not a catalog', notCatalog, 'catalog.json'],
    ['pre-0.19 run results', legacyResults, 'run_results.json'],
    ['top-level array', [1, 2], 'other.json'],
  ] as const) {
    const dir = target({ [name]: dbtJson(doc) });
    sameBothWays(t, [path.join(dir, name)], label, TUNINGS.slice(0, 2));
  }
});

t.test("Python's NaN and Infinity: read the same both ways, the secrets after them at their places", async (t) => {
  const text = dbtJson(manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', resource_type: 'model', meta: { max_value: 1, owner_password: PW } } } }, { DB_PASSWORD: PW }))
    .replace('"max_value": 1', '"max_value": Infinity, "min": -Infinity, "ratio": [NaN, NaN]')
    .replace('"nodes": {', '"x": NaN, "nodes": {');
  t.ok(text.includes('-Infinity, "ratio": [NaN'), 'the floats are in the text');
  const file = path.join(target({ 'manifest.json': text }), 'manifest.json');
  sameBothWays(t, [file], 'NaN and Infinity', TUNINGS);
  const read = outcome({ paths: [file], stream: true, jobs: 1 });
  t.ok('findings' in read && read.findings.length === 2, 'both passwords found');
});

t.test("a list entry's value under its name (red team 51): read the same both ways", async (t) => {
  const props = [
    { name: 'user', value: 'DBT' },
    { name: 'password', value: 'H53qUJx8Lm2Pq7Wz' },
    { name: 'password_policy', value: 'Strict-Rotation-90d' },
    { name: 'region', value: 'Kq7ZmX2pLw9RtV4cN8bH' },
  ];
  const env = [{ Name: 'DB_PASSWORD', Value: 'Acme#Dk92-xLq7Pw4Z' }, { Name: 'SMTP_PASSWORD', Value: 'P45ZcqhVkujS85%1' }, { Name: 'LOG_LEVEL', Value: 'debug' }, { Name: 'PASSWORD', Value: 'USE_SECRETS_MANAGER' }];
  // settings under secrets' names, not secrets (red team 52): a masking policy, a header's name, a time
  const policy = [
    { name: 'password', value: 'drop' },
    { name: 'api_key', value: 'X-API-Key' },
    { name: 'token', value: '2024-11-03T04:00:00Z' },
  ];
  // not an entry of a list: `value` under an object's key says nothing of a name beside it
  const single = { name: 'password', value: 'Zr8-Unlisted-4Kq' };
  const doc = manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', resource_type: 'model', meta: { connection_properties: props, container_env: env, single, policy } } } });
  const file = path.join(target({ 'manifest.json': dbtJson(doc) }), 'manifest.json');
  sameBothWays(t, [file], 'name/value lists', TUNINGS);
  const read = outcome({ paths: [file], stream: true, jobs: 1 });
  t.ok('findings' in read);
  if ('findings' in read) {
    t.same(read.findings.map((f) => f.jsonPath).sort(), [
      "$.nodes['model.a.b'].meta.connection_properties[1].value",
      "$.nodes['model.a.b'].meta.container_env[0].Value",
      "$.nodes['model.a.b'].meta.container_env[1].Value",
    ]);
  }
});

t.test('functions and disabled resources (red team 96): read the same both ways, their generated fields silent', async (t) => {
  const file = path.join(target({ 'manifest.json': dbtJson(functionsAndDisabledManifest()) }), 'manifest.json');
  sameBothWays(t, [file], 'functions and disabled resources', TUNINGS);
  const read = outcome({ paths: [file], stream: true, jobs: 1 });
  t.ok('findings' in read);
  if ('findings' in read) t.same(read.findings.map((f) => `${f.ruleId} ${f.jsonPath}`).sort(), FUNCTIONS_AND_DISABLED_SECRETS.map((p) => `config-meta ${p}`));
});

t.test("a pre-0.19 result's embedded node and source (red team 101): their meta read the same both ways, as a manifest's", async (t) => {
  const node = { unique_id: 'model.a.b', resource_type: 'model', root_path: '/Users/pat/a', original_file_path: 'models/b.sql', meta: { owner: 'bi', snowflake_password: PW }, config: { enabled: true, 'post-hook': [`grant select on b to role bi identified by '${PW}'`] } };
  const source = { unique_id: 'source.a.raw.t', resource_type: 'source', meta: { owner: 'eng' }, source_meta: { stitch_api_token: 'a4c123b1612dd272d1371c17149d439536b3216fdaeeb975729fae923d5a4fd1' }, columns: { id: { name: 'id', meta: { token: 'USDC' } } } };
  const runResults = { results: [{ node, error: null, status: 'CREATE VIEW', execution_time: 0.4, thread_id: 'Thread-1', timing: [] }], generated_at: '2020-11-25T12:00:00Z', elapsed_time: 1 };
  const sources = { results: [{ node: source, max_loaded_at: '2020-11-25T11:58:00+00:00', snapshotted_at: '2020-11-25T12:00:00+00:00', age: 120, status: 'pass', error: null, timing: [] }], generated_at: '2020-11-25T12:00:00Z', elapsed_time: 1 };
  const dir = target({ 'run_results.json': dbtJson(runResults), 'sources.json': dbtJson(sources) });
  sameBothWays(t, [dir], 'pre-0.19 results', TUNINGS);
  const read = outcome({ paths: [dir], stream: true, jobs: 1 });
  t.ok('findings' in read);
  if ('findings' in read) {
    t.same(read.findings.map((f) => `${f.ruleId} ${f.jsonPath} ${f.uniqueId}`).sort(), [
      "config-meta $.results[0].node.meta.snowflake_password model.a.b",
      "config-meta $.results[0].node.source_meta.stitch_api_token source.a.raw.t",
      // a hook is code, read as the manifest's is
      "raw-code $.results[0].node.config['post-hook'][0] model.a.b",
    ]);
  }
});

t.test("a list entry's value before its name is read under the name that follows, the same both ways", async (t) => {
  // YAML lets an author write `- value: …` before `name: …`; dbt keeps that order in meta
  const env = [
    { value: 'qV7#pLx2!zR9wT4k', name: 'DB_PASSWORD' },
    { Value: 'Zk3vQ9pL2xW7rT5m', Name: 'SMTP_PASSWORD' },
    // with an escape in the value (its raw spans) and a name that is no secret's
    { value: 'Wq8\\Lm3#Tz6vPk9', description: 'the warehouse password', name: 'snowflake_password' },
    { value: 'Kq7ZmX2pLw9RtV4cN8bH', name: 'region' },
    { value: 'drop', name: 'password' },
    // no name at all, and a name longer than any secret's
    { value: 'Hx4vR8qLm2Zt7Wp3' },
    { value: 'Rt5mK9xQ2pLw7Zv4', name: `password_${'x'.repeat(140)}` },
  ];
  // a name before the value and another after: the one before it is the value's, as JSON.parse's order tells
  // …and a name that is no string: it names nothing, before the value or after it
  const twoNames = [
    { name: 'LOG_LEVEL', value: 'Pm6zX3qR8vLt2Wk9', key: 'api_key' },
    { value: 'Tz2qW7kLm9Xv4Rp8', name: 5, key: 'password' },
    { key: 'password', name: null, value: 'Lw3vK8zQ5mTx9Rq2' },
    { value: 'Vn6pR2xL9qWk3Zt7', name: { first: 'a' }, key: 'password' },
  ];
  const doc = manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', resource_type: 'model', meta: { container_env: env, two_names: twoNames } } } });
  const file = path.join(target({ 'manifest.json': dbtJson(doc) }), 'manifest.json');
  sameBothWays(t, [file], 'value before name', TUNINGS);
  const read = outcome({ paths: [file], stream: true, jobs: 1 });
  t.ok('findings' in read);
  if ('findings' in read) {
    t.same(read.findings.map((f) => f.jsonPath).sort(), [
      "$.nodes['model.a.b'].meta.container_env[0].value",
      "$.nodes['model.a.b'].meta.container_env[1].Value",
      "$.nodes['model.a.b'].meta.container_env[2].value",
    ]);
    t.ok(read.findings.every((f) => f.detectorId === 'secret-key-name'), 'read under the entry\'s name');
    // the preview names the entry, not its `value`
    t.same([...read.findings].sort((a, b) => a.jsonPath.localeCompare(b.jsonPath)).map((f) => f.preview), ['DB_PASSWORD=****', 'SMTP_PASSWORD=****', 'snowflake_password=****']);
  }
});

t.test('values that wait in their object for a key after it make their paths only for a hit: work grows with the depth, not its square', async (t) => {
  const { PATH_COUNTS } = await import('../../src/engine/stream-walk.js');
  // `pass` waiting for a user key, a list entry's value waiting for its name, a thousand and four thousand levels deep
  // (as made, twenty thousand took 10 s and 1.7 GB); values that read as passwords, and no key after them
  const nested = (depth: number, open: (i: number) => string, close: string) => {
    const body = Array.from({ length: depth }, (_, i) => open(i)).join('') + '1' + close.repeat(depth);
    return dbtJson(manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', resource_type: 'model', meta: { x: '@BODY@' } } } })).replace('"@BODY@"', body);
  };
  const shapes = {
    pass: (depth: number) => nested(depth, (i) => `{"pass": "Kq7#zR${(i * 7919) % 100000}xW", "a": `, '}'),
    entry: (depth: number) => nested(depth, (i) => `[{"value": "Lm4!pT${(i * 7919) % 100000}vQ", "a": `, '}]'),
  };
  for (const [label, make] of Object.entries(shapes)) {
    const segments: number[] = [];
    for (const depth of [1000, 4000]) {
      const file = path.join(target({ 'manifest.json': make(depth) }), 'manifest.json');
      const before = PATH_COUNTS.segments;
      const read = outcome({ paths: [file], stream: true, jobs: 1 });
      t.ok('findings' in read, `${label}, ${depth} levels: read`);
      segments.push(PATH_COUNTS.segments - before);
    }
    t.ok(segments[1]! <= 5 * Math.max(segments[0]!, 1), `${label}: ×4 depth, ${segments[0]} → ${segments[1]} path segments`);
  }
});

t.test('broken input gets the in-memory message, streamed or not', async (t) => {
  const good = dbtJson(manifest({}, { DB_PASSWORD: PW }));
  const inputs: Record<string, string | Buffer> = {
    truncated: good.slice(0, -7),
    'duplicate key': good.replace('"nodes": {}', '"nodes": {"a": 1, "a": 2}'),
    'number beyond a double': good.replace('"nodes": {}', '"nodes": {"a": 1e999}'),
    'invalid UTF-8': Buffer.concat([Buffer.from(good.slice(0, 40)), Buffer.from([0xff]), Buffer.from(good.slice(40))]),
    'merge conflict': `<<<<<<< HEAD\n${good}\n=======\n${good}\n>>>>>>> main\n`,
    empty: '',
    'not an artifact': '{"a": 1}',
  };
  for (const [label, content] of Object.entries(inputs)) {
    const file = path.join(target({ 'manifest.json': content }), 'manifest.json');
    const inMemory = outcome({ paths: [file], stream: false, jobs: 1 });
    t.ok('error' in inMemory, `${label}: an error`);
    t.same(outcome({ paths: [file], stream: true, jobs: 1 }), inMemory, `${label}: the same error streamed`);
  }
});

/** A scan that goes on past files it cannot read whole, as the CLI's: their messages, and the findings (detector, path). */
function readOn(paths: string[], extra: Partial<ScanOptions> = {}): { findings: string[]; unreadable: string[] } {
  const unreadable: string[] = [];
  const { findings } = scan({ paths, jobs: 1, onUnreadable: (error) => unreadable.push(error.message), ...extra });
  return { findings: findings.map((f) => `${f.detectorId} ${f.jsonPath}`).sort(), unreadable };
}

t.test('a file too large for one string gets its errors from the stream, in the in-memory wording', async (t) => {
  const limit = STREAM_LIMITS.inMemoryMaxBytes;
  t.teardown(() => void (STREAM_LIMITS.inMemoryMaxBytes = limit));
  const good = dbtJson(manifest({}, { DB_PASSWORD: PW }));
  // cut short: what came before is read (the password in metadata.env), and the run fails, as in memory (red team 112)
  const truncated = path.join(target({ 'manifest.json': good.slice(0, -1) }), 'manifest.json');
  const inMemory = readOn([truncated], { stream: false });
  t.match(inMemory.unreadable, [/: not a whole dbt artifact: invalid JSON at byte offset \d+ \(line 1\): unexpected end of input \(truncated file\?\); what it holds was read$/]);
  t.same(inMemory.findings, ['secret-key-name $.metadata.env.DB_PASSWORD']);
  STREAM_LIMITS.inMemoryMaxBytes = 16;
  t.same(readOn([truncated]), inMemory, 'truncated: streamed, what came before read, the same message');
  const cases: Record<string, [string | Buffer, RegExp]> = {
    'duplicate key': [good.replace('"nodes": {}', '"nodes": {"a": 1, "a": 2}'), /: duplicate key \$\.nodes\.a at byte offset \d+ \(line 1\); JSON\.parse would keep only the last value/],
    'number beyond a double': [good.replace('"nodes": {}', '"nodes": {"a": [1e999]}'), /: number beyond the range of a double at \$\.nodes\.a\[0\] at byte offset \d+ \(line 1\); it would be read as Infinity$/],
    'invalid UTF-8': [Buffer.concat([Buffer.from(good.slice(0, 40)), Buffer.from([0xff]), Buffer.from(good.slice(40))]), /: invalid UTF-8 at byte offset 40$/],
  };
  for (const [label, [content, message]] of Object.entries(cases)) {
    const file = path.join(target({ 'manifest.json': content }), 'manifest.json');
    const result = outcome({ paths: [file], jobs: 1 });
    t.match(result, { error: message }, label);
  }
  // a value no JavaScript string can hold (limit lowered from 512 MiB; the value outgrows a window): said, not a crash,
  // and what came before it read: metadata.env's password, the node's token before the value (red team 112: a 600 MB
  // value dropped them)
  const tokenLimit = TOKEN_LIMITS.maxBytes;
  TOKEN_LIMITS.maxBytes = 64 * 1024;
  t.teardown(() => void (TOKEN_LIMITS.maxBytes = tokenLimit));
  const huge = good.replace('"nodes": {}', `"nodes": {"model.a.b": {"description": "token ${GHP}", "compiled_code": "${'select 1 '.repeat(300_000)}"}}`);
  const file = path.join(target({ 'manifest.json': huge }), 'manifest.json');
  const tooLong = readOn([file]);
  t.match(tooLong.unreadable, [/: not a whole dbt artifact: a value at \$\.nodes\['model\.a\.b'\]\.compiled_code at byte offset \d+ \(line 1\) is longer than a JavaScript string can be \(512 MiB\), and nothing past it was read; what it holds was read$/], 'a value too long for a string');
  t.same(tooLong.findings, ["github-classic-pat $.nodes['model.a.b'].description", 'secret-key-name $.metadata.env.DB_PASSWORD'], 'what came before it');
  TOKEN_LIMITS.maxBytes = tokenLimit;
  // nesting past the limit (lowered from a million; session 43: two million levels took 18 s and 3 GB): said, at once
  const depthLimit = TOKEN_LIMITS.maxDepth;
  TOKEN_LIMITS.maxDepth = 1000;
  t.teardown(() => void (TOKEN_LIMITS.maxDepth = depthLimit));
  const deep = good.replace('"nodes": {}', `"nodes": {"model.a.b": {"meta": ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}}}`);
  const deepFile = path.join(target({ 'manifest.json': deep }), 'manifest.json');
  const tooDeep = readOn([deepFile]);
  t.match(tooDeep.unreadable, [/: not a whole dbt artifact: nested deeper than 1000 levels at byte offset \d+ \(line 1\), and nothing past it was read; what it holds was read$/], 'nesting too deep');
  t.same(tooDeep.findings, ['secret-key-name $.metadata.env.DB_PASSWORD'], 'what came before it');
  const shallow = good.replace('"nodes": {}', `"nodes": {"model.a.b": {"meta": ${'{"a": '.repeat(900)}{"password": "${PW}"}${'}'.repeat(900)}}}`);
  const shallowFile = path.join(target({ 'manifest.json': shallow }), 'manifest.json');
  const read = outcome({ paths: [shallowFile], jobs: 1 });
  t.ok('findings' in read && read.findings.length === 2, 'under the limit: read, the password at the bottom found (and in metadata.env)');
  TOKEN_LIMITS.maxDepth = depthLimit;
  // and a valid one is scanned as usual
  const dir = target({ 'manifest.json': good });
  STREAM_LIMITS.inMemoryMaxBytes = limit;
  const expected = outcome({ paths: [dir], stream: false, jobs: 1 });
  STREAM_LIMITS.inMemoryMaxBytes = 16;
  t.same(outcome({ paths: [dir], jobs: 1 }), expected, 'valid: same findings');
});


t.test('keywords taken from the raw text’s search where escapes shift them: same findings, and the value is not searched again', async (t) => {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir, { recursive: true });
  const codes = [
    // keywords after line breaks, tabs, quotes and backslashes, each escape saving a character
    `select 1\n\n\tcreate user a password '${PW}'\n-- "x"\\ token ${GHP}`,
    // \u escapes of control characters save five; a keyword right after one, and one begun inside `\n` (npassword)
    `\u0001\u0002create user b password '${PW}-u'\npassword = '${PW}-n'`,
    // a backslash run, then a secret at the very end
    `\\\\\\\\ api_key = '${PW}-k'`,
    // escapes that spell a keyword's letters: searched again
    `create user c pass\u0077ord '${PW}-w'`,
    // a character of several bytes before the keyword: searched again
    `-- clé ☕\ncreate user d password '${PW}-e'`,
  ];
  const nodes: Record<string, unknown> = {};
  codes.forEach((code, i) => {
    nodes[`model.shop.m${i}`] = { unique_id: `model.shop.m${i}`, resource_type: 'model', original_file_path: `models/m${i}.sql`, compiled_code: code, description: `m${i}\ttoken ${GHP}` };
  });
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes })));
  const before = PREFILTER_COUNTS.foundInRawText;
  sameBothWays(t, [dir], 'escapes before keywords');
  t.ok(PREFILTER_COUNTS.foundInRawText > before, `values whose keywords came from the raw text: ${PREFILTER_COUNTS.foundInRawText - before}`);
  const found = outcome({ paths: [dir], stream: true, jobs: 1 });
  t.ok('findings' in found && found.findings.filter((f) => f.detectorId === 'sql-password' || f.detectorId === 'password-assignment').length >= 5, 'the passwords after the escapes are found');
});

t.test('a bare key or api under a vendor parent, in every window: same findings, the parent read from its key', async (t) => {
  const HEX = '7c0e5a9b3d1f42e68a4c0b7d9e2f1a35';
  const meta = {
    sendgrid: { region: 'eu', key: 'Rm4qTz8Lx2Vw7Kp9Nb3Hc6Jd1Fg5Sa0Ye8Uo2Ii' },
    // the parent written with an escape (below), a parent whose key the window cut long before the value
    mailgun: { api: `${HEX}-5e1a9c3b-0d7f2e4a` },
    datadog: { opts: { a: 'x'.repeat(300), hosts: ['a', 'b'] }, KEY: HEX },
    // not a vendor, a list between, a key at the top of the node: silent
    sort: { key: 'Qx7LmN2pRt9VwZ4kBy6Hc3Jd' },
    stripe: [{ key: 'Zp3Rt8Lq2Wx7Vn4Kb9Hc6Md' }],
    key: 'Lw8Tq3Zr7Xv2Nk9Pb4Hm6Jc',
  };
  const doc = manifest({ nodes: { 'model.shop.v': { unique_id: 'model.shop.v', resource_type: 'model', original_file_path: 'models/v.sql', meta, config: { meta } } } });
  const compact = dbtJson(doc).replace('"mailgun":', '"mailg\\u0075n":');
  for (const [label, text] of Object.entries({ compact, 'pretty-printed': JSON.stringify(JSON.parse(compact), null, 2) })) {
    const dir = target({ 'manifest.json': text });
    sameBothWays(t, [dir], label);
    const found = outcome({ paths: [dir], stream: true, jobs: 1 });
    const pointers = 'findings' in found ? found.findings.map((f) => f.jsonPointer).sort() : [];
    const expected = ['datadog/KEY', 'mailgun/api', 'sendgrid/key'];
    t.same(pointers, [...expected.map((p) => `/nodes/model.shop.v/config/meta/${p}`), ...expected.map((p) => `/nodes/model.shop.v/meta/${p}`)], `${label}: the three vendor keys, twice`);
  }
});
