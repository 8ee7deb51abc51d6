/**
 * A value made of keywords (red team 112: 40 MB of compiled_code that repeats `PWD={`, `;pwd=` or `password: `): the
 * search lists MOST_FOUND places at most and then each keyword once more, a detector that reads around its places is
 * given MOST_PLACES of them and then reads the whole value, and nothing found before is lost: the same findings in
 * memory and streamed (with and without the keyword-search thread), the secrets after the flood among them; in a
 * manifest's compiled code and in a run's error messages, a catalog's comments and a source's freshness errors.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { KeywordScanner, MOST_FOUND } from '../../src/engine/keyword-scan.js';
import { type AnchoredPlaces, DetectorSet, rawKeywords } from '../../src/engine/prefilter.js';
import { scan } from '../../src/engine/scan.js';
import { STREAM_TUNING } from '../../src/engine/stream-read.js';
import type { Finding } from '../../src/types.js';
import { plainFinding } from '../../src/findings/record.js';
import { manifest, runResults, tempDir } from '../helpers.js';

/**
 * The findings of a scan of `target` in memory, checked to be those it gives streamed in 64 KB chunks, with and without
 * the keyword-search thread.
 */
function sameStreamed(t: Test, target: string): Finding[] {
  const findings = (stream: boolean): Finding[] =>
    scan({ paths: [target], stream, jobs: 1 })
      .findings.map(plainFinding)
      .sort((a, b) => a.file.localeCompare(b.file) || a.charOffset - b.charOffset || a.detectorId.localeCompare(b.detectorId));
  const inMemory = findings(false);
  const defaults = { ...STREAM_TUNING };
  try {
    for (const helperMinBytes of [Infinity, 0]) {
      Object.assign(STREAM_TUNING, { chunkBytes: 64 * 1024, helperMinBytes });
      t.same(findings(true), inMemory, `streamed${helperMinBytes === 0 ? ', with the keyword-search thread' : ''}: the same findings`);
    }
  } finally {
    Object.assign(STREAM_TUNING, defaults);
  }
  return inMemory;
}

const set = new DetectorSet(DETECTORS);
const PASSWORD_ASSIGNMENT = DETECTORS.find((d) => d.id === 'password-assignment')!;
/** Planted after the flood: a GitHub token, a password in an assignment. */
const TOKEN = 'ghp_R7wLq2Zt9Xc4Vb8Nm1Kp5Hs3Jd6Fg0Aa2Ee4';
const PASSWORD = 'Kv8#qLm2-Wz9pT4x';
const TAIL = ` -- then ${TOKEN} and password = '${PASSWORD}'`;
/** An npm token, after an escape whose letter begins its keyword (`\npm_…`: a line break, then `pm_`). */
const NPM = 'npm_R7wLq2Zt9Xc4Vb8Nm1Kp5Hs3Jd6Fg0Aa2Ee4';

t.test("the search lists MOST_FOUND places, then each keyword once more: a keyword met only past them is listed", async (t) => {
  const keywords = rawKeywords([set])!;
  const scanner = new KeywordScanner(keywords);
  const ids: number[] = [];
  const starts: number[] = [];
  const flood = 'PWD={'.repeat(40_000);
  const everyPlace = scanner.scanString(`${flood}${TAIL}`, ids, starts);
  t.equal(everyPlace, false, 'not every place listed');
  t.ok(ids.length >= MOST_FOUND && ids.length < MOST_FOUND + 20, `${ids.length} places listed`);
  t.equal(ids.length, starts.length);
  t.ok(ids.slice(MOST_FOUND).some((id) => keywords[id]!.startsWith('ghp_')), 'the token\'s keyword, met only past them, is listed');
  const few: number[] = [];
  t.equal(scanner.scanString(`PWD={PWD={${TAIL}`, few, []), true, 'a value of a few keywords: every place');
});

t.test('a detector that reads around its places is given MOST_PLACES of them, then the whole value', async (t) => {
  const places: AnchoredPlaces = new Map();
  // each `password = '?'` a place of password-assignment's anchor: 300 of them, apart, within the anchors' budget of
  // reads (one packed, they would run past the budget, which also makes it read the whole value)
  const many = `${`password = '?' -- ${'lorem ipsum dolor sit amet '.repeat(16)}`.repeat(300)}${TAIL}`;
  t.ok(set.select(many, undefined, places).includes(PASSWORD_ASSIGNMENT));
  t.equal(places.get(PASSWORD_ASSIGNMENT), null, 'past MOST_PLACES: read whole');
  const found = PASSWORD_ASSIGNMENT.detect(many, { key: undefined }).map((m) => many.slice(m.start, m.end));
  t.ok(found.some((s) => s.includes(PASSWORD)), 'the password after them is found');
  const fewPlaces: AnchoredPlaces = new Map();
  set.select(`password = '?' password = '?'${TAIL}`, undefined, fewPlaces);
  t.same(fewPlaces.get(PASSWORD_ASSIGNMENT)?.length, 3, 'a few: each place');
  // a flood of keywords past MOST_FOUND: every detector of those keywords, the placed ones on the whole value
  const flooded: AnchoredPlaces = new Map();
  const selected = set.select(`${';pwd='.repeat(30_000)}${TAIL}`, undefined, flooded).map((d) => d.id);
  t.ok(selected.includes('password-assignment') && selected.includes('github-classic-pat'), 'the keywords\' detectors, the one met last too');
  t.equal(flooded.get(PASSWORD_ASSIGNMENT), null);
});

t.test('a manifest whose compiled code is a flood of keywords: the same findings in memory and streamed, the planted ones among them', async (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'manifest.json');
  const node = (i: number, code: string) => ({
    [`model.acme.flood_${i}`]: { unique_id: `model.acme.flood_${i}`, resource_type: 'model', original_file_path: `models/flood_${i}.sql`, compiled_code: code, raw_code: 'select 1' },
  });
  writeFileSync(
    file,
    JSON.stringify(
      manifest({
        nodes: {
          ...node(1, `${'PWD={'.repeat(40_000)}${TAIL}`),
          ...node(2, `${';pwd='.repeat(30_000)}${TAIL}`),
          ...node(3, `${"password: '?' ".repeat(5_000)}${TAIL}`),
          // past the listed places, the keyword's first place is inside an escape: the later token is found all the same
          ...node(4, `${'PWD={'.repeat(40_000)}\npm_${'x'.repeat(40)}\n-- ${NPM}${TAIL}`),
          // escapes everywhere (each quote written \"), keywords between them, their places in the raw text moved back
          ...node(5, `${'"token": "'.repeat(20_000)}\t${NPM}${TAIL}`),
        },
      }),
    ),
  );
  const inMemory = sameStreamed(t, file);
  const inCode = inMemory.filter((f) => f.jsonPath.endsWith('.compiled_code'));
  t.equal(inCode.filter((f) => f.detectorId === 'github-classic-pat').length, 5, 'the token after each flood');
  t.equal(new Set(inCode.filter((f) => f.charLength === PASSWORD.length && f.detectorId !== 'github-classic-pat').map((f) => f.jsonPath)).size, 5, 'the password after each flood');
  t.equal(inCode.filter((f) => f.detectorId === 'npm-token').length, 2, 'the npm token after an escape');
});

t.test("floods in a run's error message, a catalog's comments and a source's freshness error: the same findings in memory and streamed, the planted ones among them", async (t) => {
  const dir = tempDir();
  const metadata = (kind: string, version: number) => ({ dbt_schema_version: `https://schemas.getdbt.com/dbt/${kind}/v${version}.json`, dbt_version: '1.9.0', generated_at: '2026-01-01T00:00:00Z', invocation_id: '0b0c5a8e-1f1e-4e7a-9a47-5b2f3c4d5e6f', env: {} });
  const floods = [`${'PWD={'.repeat(40_000)}${TAIL}`, `${';pwd='.repeat(30_000)}${TAIL}`, `${'"token": "'.repeat(20_000)}\t${NPM}${TAIL}`];
  writeFileSync(
    path.join(dir, 'run_results.json'),
    JSON.stringify(runResults({ results: floods.map((message, i) => ({ status: 'error', timing: [], thread_id: 'Thread-1', execution_time: 1, adapter_response: {}, message, failures: null, unique_id: `model.acme.m${i}` })) })),
  );
  const column = (comment: string, i: number) => ({ [`c${i}`]: { type: 'text', index: i, name: `c${i}`, comment } });
  writeFileSync(
    path.join(dir, 'catalog.json'),
    JSON.stringify({ metadata: metadata('catalog', 1), nodes: { 'model.acme.m0': { metadata: { type: 'table', schema: 's', name: 'm0', database: 'd', comment: floods[0], owner: 'o' }, columns: Object.assign({}, ...floods.map(column)), stats: {}, unique_id: 'model.acme.m0' } }, sources: {}, errors: null }),
  );
  writeFileSync(
    path.join(dir, 'sources.json'),
    JSON.stringify({ metadata: metadata('sources', 3), results: floods.map((error, i) => ({ unique_id: `source.acme.raw.t${i}`, status: 'runtime error', error, timing: [], thread_id: 'Thread-1', execution_time: 1, adapter_response: {} })), elapsed_time: 1 }),
  );
  const inMemory = sameStreamed(t, dir);
  for (const [name, values] of [['run_results.json', 3], ['catalog.json', 4], ['sources.json', 3]] as const) {
    const inFile = inMemory.filter((f) => path.basename(f.file) === name);
    t.equal(inFile.filter((f) => f.detectorId === 'github-classic-pat').length, values, `${name}: the token after each flood`);
    t.equal(new Set(inFile.filter((f) => f.charLength === PASSWORD.length && f.detectorId !== 'github-classic-pat').map((f) => f.jsonPath)).size, values, `${name}: the password after each flood`);
    t.ok(inFile.some((f) => f.detectorId === 'npm-token'), `${name}: the npm token after the escapes`);
  }
});
