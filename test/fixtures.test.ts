/**
 * The committed fixtures are what scripts/generate-fixtures.ts writes from the leak cases in
 * fixtures/cases, and they are consistent: artifacts are dbt-shaped one-line JSON, every planted
 * secret in expected.json sits at its pointer, every occurrence of a planted secret is listed, and
 * raw code matches the project files. The scanner finds each case exactly where the case says, by
 * the rule and detector it names, and nothing else.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { type Expected, FIXTURE_NAMES, generateFixtures, RULE_IDS, toPythonJson } from '../scripts/generate-fixtures.js';
import { hasBase62Checksum } from '../src/detectors/formats/structure.js';
import { scan } from '../src/engine/scan.js';
import { plantedSecrets } from './fixture-data.js';
import { tempDir } from './helpers.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/** The schema each artifact must declare; null for the pre-0.19 file, which has none. */
const SCHEMAS: Record<string, string | null> = {
  'target/manifest.json': 'manifest/v12',
  'target/run_results.json': 'run-results/v6',
  'target/catalog.json': 'catalog/v1',
  'target/sources.json': 'sources/v3',
  'target-run-operation/run_results.json': 'run-results/v6',
  'v1.0/target/manifest.json': 'manifest/v4',
  'v1.0/target/run_results.json': 'run-results/v4',
  'v0.19/target/sources.json': 'sources/v1',
  'pre-0.19/target/run_results.json': null,
  'pre-0.19/target/sources.json': null,
};

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    });
}

/** RFC 6901. */
function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) return undefined;
  let cur: unknown = doc;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(?:0|[1-9]\d*)$/.test(key)) cur = cur[Number(key)];
    else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.hasOwn(cur, key)) cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

function* stringValues(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringValues(v);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) yield* stringValues(v);
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;
const read = (fixture: string, rel: string) => readFileSync(path.join(FIXTURES, fixture, rel), 'utf8');
const artifactsOf = (fixture: string) => filesUnder(path.join(FIXTURES, fixture)).filter((f) => f.endsWith('.json') && f !== 'expected.json');
/** The static_index.html pages of a fixture (static-page-*): their secrets are at no JSON pointer (''), in the page around the artifacts. */
const pagesOf = (fixture: string) => filesUnder(path.join(FIXTURES, fixture)).filter((f) => f.endsWith('.html'));
const expectedOf = (fixture: string) => JSON.parse(read(fixture, 'expected.json')) as Expected;
const parse = (fixture: string, rel: string) => JSON.parse(read(fixture, rel)) as Record<string, unknown>;

t.test('the generator is deterministic and fixtures/ is up to date', async (t) => {
  const runs = [tempDir('fixtures-a-'), tempDir('fixtures-b-')];
  t.teardown(() => runs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  runs.forEach((dir) => generateFixtures(dir));
  for (const name of FIXTURE_NAMES) {
    const generated = filesUnder(path.join(runs[0]!, name));
    t.same(filesUnder(path.join(runs[1]!, name)), generated, `${name}: same files on every run`);
    t.same(filesUnder(path.join(FIXTURES, name)), generated, `${name}: committed files match the generator (run npm run fixtures)`);
    for (const rel of generated) {
      const bytes = readFileSync(path.join(runs[0]!, name, rel));
      t.ok(bytes.equals(readFileSync(path.join(runs[1]!, name, rel))), `${name}/${rel} is deterministic`);
      t.ok(bytes.equals(readFileSync(path.join(FIXTURES, name, rel))), `${name}/${rel} is up to date`);
    }
  }
});

t.test('artifacts are serialized like Python json.dumps', async (t) => {
  t.equal(toPythonJson({ a: [1, 2.5, true, null], 'é/x': 'Café ☕ 🚀\n"q"\\' }), '{"a": [1, 2.5, true, null], "\\u00e9/x": "Caf\\u00e9 \\u2615 \\ud83d\\ude80\\n\\"q\\"\\\\"}');
  t.equal(toPythonJson({ del: '\u007f', tab: '\t', nul: '\u0000' }), '{"del": "\\u007f", "tab": "\\t", "nul": "\\u0000"}');
  t.throws(() => toPythonJson({ x: 1e21 }), 'exponent formats differ between Python and JavaScript');
  for (const fixture of FIXTURE_NAMES)
    for (const rel of artifactsOf(fixture)) {
      const text = read(fixture, rel);
      t.notOk(text.includes('\n'), `${fixture}/${rel} is one line without a trailing newline`);
      t.ok(/^[\x20-\x7e]*$/.test(text), `${fixture}/${rel} is printable ASCII`);
      t.equal(toPythonJson(JSON.parse(text)), text, `${fixture}/${rel} round-trips`);
    }
});

t.test('every artifact declares the expected schema version', async (t) => {
  for (const fixture of FIXTURE_NAMES)
    for (const rel of artifactsOf(fixture)) {
      t.ok(rel in SCHEMAS, `${fixture}/${rel} has a known schema`);
      const doc = parse(fixture, rel);
      const metadata = doc.metadata as Record<string, unknown> | undefined;
      const schema = SCHEMAS[rel];
      if (schema === null && rel.endsWith('/sources.json')) {
        t.equal(metadata, undefined, `${fixture}/${rel} has no metadata`);
        t.type((doc.meta as Record<string, unknown>).generated_at, 'string', `${fixture}/${rel} has meta.generated_at (dbt 0.17)`);
        t.type(doc.sources, 'object', 'sources by unique id');
      } else if (schema === null) {
        t.equal(metadata?.dbt_schema_version, undefined, `${fixture}/${rel} has no schema version`);
        t.type(doc.generated_at, 'string', `${fixture}/${rel} has a top-level generated_at`);
        const first = (doc.results as Record<string, unknown>[])[0]!;
        t.type((first.node as Record<string, unknown>).compiled_sql, 'string', 'results embed their node');
      } else t.equal(metadata?.dbt_schema_version, `https://schemas.getdbt.com/dbt/${schema}.json`, `${fixture}/${rel}`);
    }
});

t.test('every planted secret is at its pointer, once, and every occurrence is listed', async (t) => {
  const allSecrets = new Set<string>();
  const rules = new Set<string>();
  const kinds = new Set<string>();
  for (const fixture of FIXTURE_NAMES) {
    const expected = expectedOf(fixture);
    const docs = new Map(artifactsOf(fixture).map((rel) => [rel, parse(fixture, rel)]));
    const pages = new Map(pagesOf(fixture).map((rel) => [rel, read(fixture, rel)]));
    for (const s of expected.secrets) {
      const where = `${fixture}/${s.file}#${s.pointer}`;
      t.ok(docs.has(s.file) || (pages.has(s.file) && s.pointer === ''), `${where}: file is an artifact of the fixture`);
      t.ok((RULE_IDS as readonly string[]).includes(s.rule), `${where}: rule ${s.rule} exists`);
      t.ok(s.kind.length > 0 && s.secret.length >= 8, `${where}: kind and secret are given`);
      const value = pages.has(s.file) ? pages.get(s.file) : resolvePointer(docs.get(s.file), s.pointer);
      t.type(value, 'string', `${where} resolves to a string`);
      t.equal(occurrences(String(value), s.secret), 1, `${where} holds the secret exactly once`);
      t.notMatch(s.secret, /example/i, `${where}: no EXAMPLE in a planted secret`);
      allSecrets.add(s.secret);
      rules.add(s.rule);
      kinds.add(s.file.replace(/^.*\//, ''));
    }
    // Completeness: a string holding a planted secret that expected.json does not list would make the linter look wrong.
    for (const secret of new Set(expected.secrets.map((s) => s.secret))) {
      let found = 0;
      for (const doc of docs.values()) for (const text of stringValues(doc)) found += text.includes(secret) ? 1 : 0;
      for (const page of pages.values()) found += occurrences(page, secret);
      t.equal(found, expected.secrets.filter((s) => s.secret === secret).length, `${fixture}: every string holding ${secret.slice(0, 12)}… is listed`);
    }
    for (const d of expected.decoys) t.type(pages.has(d.file) ? pages.get(d.file) : resolvePointer(docs.get(d.file), d.pointer), 'string', `${fixture}: decoy ${d.file}#${d.pointer} resolves`);
  }
  t.ok(allSecrets.size >= 30, `at least 30 distinct planted secrets (${allSecrets.size})`);
  t.same([...rules].sort(), [...RULE_IDS].sort(), 'every rule has planted secrets');
  t.same([...kinds].sort(), ['catalog.json', 'manifest.json', 'run_results.json', 'sources.json', 'static_index.html'], 'every artifact kind has planted secrets');
});

t.test('GitHub and npm tokens are real-shaped: their CRC-32 checksums verify', async (t) => {
  // (the newer GitHub App token, ghs_<app id>_<JWT>, carries no checksum)
  const checksummed = FIXTURE_NAMES.flatMap((f) => expectedOf(f).secrets).filter((s) => /^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$/.test(s.secret));
  t.ok(checksummed.some((s) => s.secret.startsWith('ghp_')) && checksummed.some((s) => s.secret.startsWith('npm_')), 'the fixtures plant both');
  for (const s of checksummed) t.ok(hasBase62Checksum(s.secret), `${s.kind} at ${s.file}#${s.pointer}`);
});

t.test('the clean page plants nothing, keeps every decoy and holds no secret of the leaky one', async (t) => {
  const clean = expectedOf('static-page-clean');
  t.same(clean.secrets, []);
  t.ok(clean.decoys.length >= 10, 'the clean page lists its decoys');
  t.same(pagesOf('static-page-clean'), ['target/static_index.html']);
  const page = read('static-page-clean', 'target/static_index.html');
  for (const s of expectedOf('static-page-leaky').secrets) t.notOk(page.includes(s.secret), `static-page-clean does not hold ${s.secret.slice(0, 6)}…`);
  const leakyPage = read('static-page-leaky', 'target/static_index.html');
  t.ok(leakyPage.includes(read('jaffle-shop-clean', 'target/manifest.json')) && page.includes(read('jaffle-shop-clean', 'target/catalog.json')), "the clean jaffle shop's manifest and catalog are inlined in both pages");
});

t.test('the clean fixture plants nothing and holds no secret of the leaky one', async (t) => {
  const clean = expectedOf('jaffle-shop-clean');
  t.same(clean.secrets, []);
  t.ok(clean.decoys.length >= 20, 'the clean fixture lists its decoys');
  const leaked = expectedOf('jaffle-shop-leaky').secrets.map((s) => s.secret);
  for (const rel of artifactsOf('jaffle-shop-clean')) {
    const strings = [...stringValues(parse('jaffle-shop-clean', rel))];
    for (const secret of new Set(leaked)) t.notOk(strings.some((s) => s.includes(secret)), `jaffle-shop-clean/${rel} does not hold ${secret.slice(0, 12)}…`);
  }
});

t.test('raw code, macros and checksums match the project files', async (t) => {
  for (const fixture of ['jaffle-shop-clean', 'jaffle-shop-leaky']) {
    const manifest = parse(fixture, 'target/manifest.json');
    const project = (manifest.metadata as { project_name: string }).project_name;
    const nodes = Object.values(manifest.nodes as Record<string, Record<string, unknown>>).filter(
      (n) => n.package_name === project && /\.(?:sql|py)$/.test(String(n.original_file_path)),
    );
    t.ok(nodes.length >= 6, `${fixture}: models and analyses come from .sql files`);
    for (const n of nodes) {
      const file = read(fixture, String(n.original_file_path));
      t.equal(n.raw_code, file, `${fixture}: ${String(n.unique_id)} raw_code is ${String(n.original_file_path)}`);
      t.equal((n.checksum as { checksum: string }).checksum, createHash('sha256').update(file).digest('hex'), `${fixture}: ${String(n.unique_id)} checksum`);
    }
    const macros = Object.values(manifest.macros as Record<string, Record<string, unknown>>).filter((m) => m.package_name === project);
    t.ok(macros.length >= 5, `${fixture}: project macros`);
    for (const m of macros) t.equal(m.macro_sql, read(fixture, String(m.original_file_path)), `${fixture}: ${String(m.unique_id)} macro_sql is its file`);
    for (const d of Object.values(manifest.docs as Record<string, Record<string, unknown>>))
      t.ok(read(fixture, String(d.original_file_path)).includes(String(d.block_contents)), `${fixture}: ${String(d.unique_id)} is in ${String(d.original_file_path)}`);
    // Values written in YAML (meta, config, external locations, URLs, unit-test overrides) appear literally there.
    const schemaYml = read(fixture, 'models/schema.yml');
    const expected = expectedOf(fixture);
    for (const s of expected.secrets.filter((x) => x.rule === 'config-meta' || x.rule === 'locations-urls' || x.rule === 'free-text')) {
      if (s.pointer.startsWith('/docs/') || s.file !== 'target/manifest.json' || s.pointer.includes('/unrendered_config/post-hook')) continue;
      t.ok(schemaYml.includes(s.secret), `${fixture}: ${s.pointer} is written literally in models/schema.yml`);
    }
  }
});

t.test('expected.json lists what the cases plant', async (t) => {
  for (const fixture of FIXTURE_NAMES) {
    const key = (s: { file: string; pointer: string; secret: string; rule: string; kind: string }) => `${s.file}#${s.pointer} ${s.rule} ${s.kind} ${s.secret}`;
    const fromCases = plantedSecrets(path.join(FIXTURES, fixture)).map(key).sort();
    t.same(expectedOf(fixture).secrets.map(key).sort(), fromCases, `${fixture}: expected.json and fixtures/cases agree`);
  }
});

t.test('the scanner finds every case at its exact span, by its rule and detector, and nothing else', async (t) => {
  for (const fixture of FIXTURE_NAMES) {
    const dir = path.join(FIXTURES, fixture);
    const dirs = [...new Set([...artifactsOf(fixture), ...pagesOf(fixture)].map((rel) => path.join(dir, path.dirname(rel))))];
    const { findings } = scan({ paths: dirs });
    const at = (f: (typeof findings)[number]) => {
      const raw = readFileSync(f.file, 'utf8').slice(f.charOffset, f.charOffset + f.charLength);
      // in a page's HTML the text is the secret; in a JSON string, its escaped form
      return f.artifactKind === 'static-html' ? raw : (JSON.parse(`"${raw}"`) as string);
    };
    const unmatched = new Set(findings);
    for (const p of plantedSecrets(dir)) {
      const file = path.join(dir, p.file);
      const hit = findings.find((f) => path.resolve(f.file) === file && f.jsonPointer === p.pointer && at(f) === p.secret);
      t.ok(hit, `${fixture}/${p.file}#${p.pointer}: ${p.kind} found at its exact span`);
      if (!hit) continue;
      unmatched.delete(hit);
      t.equal(`${hit.ruleId}/${hit.detectorId}`, `${p.rule}/${p.detector}`, `${fixture}/${p.file}#${p.pointer}: ${p.kind} by ${p.rule}/${p.detector}`);
    }
    t.same([...unmatched].map((f) => `${path.relative(dir, f.file)}#${f.jsonPointer} ${f.ruleId}/${f.detectorId} ${f.preview}`), [], `${fixture}: no finding that no case expects (decoys stay silent)`);
  }
});
