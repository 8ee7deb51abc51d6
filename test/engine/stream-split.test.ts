/**
 * One large manifest walked in two halves on two threads gives exactly the one-thread findings
 * (positions, node context, meta suppressions, run results placed in model files), and the
 * one-thread errors when the halves cannot be joined: a node id or a top-level key in both
 * halves, invalid JSON after the split, a split guessed inside a string. SPLIT_COUNTS tells
 * whether the back half was adopted or the front half read on, so a test cannot pass by never
 * splitting.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import { STREAM_TUNING } from '../../src/engine/stream-read.js';
import { SPLIT_COUNTS, splitEarlyPending } from '../../src/engine/stream-walk.js';
import { HIT_LOG_TUNING } from '../../src/engine/hit-log.js';
import { SPILL_COUNTS } from '../../src/util/spill-file.js';
import { secretSalt, SLOW_HASH_BUDGET } from '../../src/findings/fingerprint.js';
import type { Finding } from '../../src/types.js';
import { plainFinding } from '../../src/findings/record.js';
import { dbtJson, manifest, openSpillFiles, runResults, tempDir } from '../helpers.js';

const DEFAULT_TUNING = { ...STREAM_TUNING };
const DEFAULT_HIT_LOG = { ...HIT_LOG_TUNING };
t.teardown(() => Object.assign(STREAM_TUNING, DEFAULT_TUNING));
t.teardown(() => Object.assign(HIT_LOG_TUNING, DEFAULT_HIT_LOG));

const PW = 'Tr0ub4dor-9xK2-prod';
const GHP = 'ghp_SCEZGZCQwoIppg1H5xNr75eNBjzXJoLwiQgF';
const NODES = 240;

const order = (f: Finding) => [f.file, String(f.charOffset).padStart(12, '0'), f.ruleId, f.detectorId, f.fingerprint].join('\u0000');

function outcome(options: ScanOptions): { findings: Finding[]; strings: number } | { error: string } {
  try {
    const { findings, summary } = scan(options);
    // (as plain findings: every field compared, those a finding keeps in its store too)
    return { findings: [...findings].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)).map(plainFinding), strings: summary.stringsScanned };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** A manifest of many nodes: secrets on both sides of the middle, non-ASCII text before it, a suppression after it. */
function bigManifest(): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < NODES; i++) {
    const id = `model.shop.m${i}`;
    const secret = i % 37 === 5 ? `\ncreate user u${i} password '${PW}${i}'` : '';
    nodes[id] = {
      unique_id: id,
      resource_type: 'model',
      original_file_path: `models/m${i}.sql`,
      patch_path: 'shop://models/schema.yml',
      fqn: ['shop', `m${i}`],
      checksum: { name: 'sha256', checksum: 'a3f1'.repeat(16) },
      description: i < NODES / 3 ? `Données clé ☕ 😀 nœud ${i}` : `Orders, node ${i}`,
      compiled_code: `select id, amount\nfrom raw.orders_${i}\nwhere amount > ${i}${secret}`,
      columns: { id: { name: 'id', description: 'key', data_type: 'int' } },
      config: { materialized: 'table', meta: i === NODES - 20 ? { 'dbt-tools-lint': { ignore: 'all' } } : {} },
      ...(i === NODES - 20 ? { raw_code: `-- ${GHP}` } : {}),
      ...(i === NODES - 40 ? { meta: { webhook: 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx' } } : {}),
    };
  }
  return manifest(
    {
      nodes,
      sources: { 'source.shop.raw.s': { unique_id: 'source.shop.raw.s', external: { location: `postgresql://loader:${PW}@db:5432/x` } } },
      parent_map: { 'model.shop.m1': ['source.shop.raw.s'] },
    },
    { DB_PASSWORD: PW },
  );
}

function target(files: Record<string, string>): string {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** How the split goes: the back half adopted, the front half reads on, or (invalid JSON in the back half) the file goes to the in-memory path at once. */
type Expect = 'adopted' | 'readOn' | 'invalidBack' | 'either';

/**
 * Scan the folder on one thread (in memory) and with a split (streamed, two jobs); the outcomes
 * must be equal and the split must have gone the expected way.
 */
function sameSplit(t: Test, dir: string, label: string, expect: Expect, extra: Partial<ScanOptions> = {}): void {
  const oneThread = outcome({ paths: [dir], stream: false, jobs: 1, ...extra });
  Object.assign(STREAM_TUNING, { chunkBytes: 4096, headroom: 64, splitMinBytes: 0 });
  // a few hits at a time go to each half's spill file, the last few stay in memory
  Object.assign(HIT_LOG_TUNING, { bufferChars: 600 });
  const before = { ...SPLIT_COUNTS };
  const spilled = SPILL_COUNTS.files;
  const open = openSpillFiles()?.length ?? 0;
  const split = outcome({ paths: [dir], stream: true, jobs: 2, ...extra });
  Object.assign(STREAM_TUNING, DEFAULT_TUNING);
  Object.assign(HIT_LOG_TUNING, DEFAULT_HIT_LOG);
  t.same(split, oneThread, `${label}: same outcome split`);
  // closed once read; a back half left running (the front half read on) has its own closed once its thread exits
  if (expect === 'adopted') t.equal(openSpillFiles()?.length ?? 0, open, `${label}: spill files closed`);
  // the back half's file is made here; the front half makes its own once it has hits enough
  t.ok(SPILL_COUNTS.files - spilled >= ('findings' in split && split.findings.length > 6 ? 2 : 1), `${label}: hits spilled`);
  const ways = { adopted: SPLIT_COUNTS.adopted - before.adopted, readOn: SPLIT_COUNTS.readOn - before.readOn, invalidBack: SPLIT_COUNTS.invalidBack - before.invalidBack };
  t.equal(ways.adopted + ways.readOn + ways.invalidBack, 1, `${label}: the manifest was split`);
  t.equal(SPLIT_COUNTS.takenEarly - before.takenEarly, 1, `${label}: by the thread started before the file was opened`);
  if (expect !== 'either') t.equal(ways[expect], 1, `${label}: ${expect}`);
}

t.test('a large manifest in two halves', { skip: availableParallelism() > 1 ? false : 'one core: no split' }, async (t) => {
  const doc = bigManifest();
  const results = dbtJson(
    runResults({
      results: [
        { unique_id: `model.shop.m${NODES - 3}`, status: 'error', message: `postgresql://loader:${PW}@db/x` },
        { unique_id: 'model.shop.m2', status: 'error', message: `connection failed: password '${PW}'` },
      ],
    }),
  );
  const compact = JSON.stringify(doc);
  const dir = target({ 'manifest.json': compact, 'run_results.json': results });
  sameSplit(t, dir, 'compact, one line', 'adopted');
  // each half hashes the secrets it finds: with a secret key too, the fingerprints are the one-thread scan's
  sameSplit(t, dir, 'compact, one line, a secret fingerprint key', 'adopted', { salt: secretSalt('a key of this repository only, 32+ chars') });
  const found = outcome({ paths: [dir], stream: false, jobs: 1 });
  // the planted secrets really are on both sides of the middle
  t.ok('findings' in found && found.findings.filter((f) => f.file.endsWith('manifest.json') && f.charOffset > compact.length / 2).length >= 3, 'findings after the middle');
  t.ok('findings' in found && found.findings.some((f) => f.suppressed), 'a suppressed finding');

  sameSplit(t, target({ 'manifest.json': JSON.stringify(doc, null, 2).replace(/\n/g, '\r\n'), 'run_results.json': results }), 'pretty-printed, CRLF', 'adopted');
  sameSplit(t, target({ 'manifest.json': `\ufeff${JSON.stringify(doc, null, '\t')}` }), 'byte order mark, tabs', 'adopted');
});

t.test("a file's slow-hash budget is the file's walked in two halves: the same values take it", { skip: availableParallelism() > 1 ? false : 'one core: no split' }, async (t) => {
  const saved = SLOW_HASH_BUDGET.most;
  // (lowered here: 16 of the file's values, where the back half alone holds more)
  SLOW_HASH_BUDGET.most = 16;
  t.teardown(() => {
    SLOW_HASH_BUDGET.most = saved;
  });
  const doc = bigManifest() as { nodes: Record<string, { compiled_code: string }> };
  for (const [id, node] of Object.entries(doc.nodes)) if (Number(id.slice('model.shop.m'.length)) % 4 === 1) node.compiled_code += `\ncreate user x password '${PW}-${id}'`;
  const warnings: string[] = [];
  sameSplit(t, target({ 'manifest.json': JSON.stringify(doc) }), 'guessable values on both sides, past the budget', 'adopted', { onWarning: (w) => warnings.push(w) });
  t.equal(warnings.length, 2, 'each run says its values past the budget');
  t.match(warnings[0], /\d+ findings of guessable values are fingerprinted by place/);
  t.equal(warnings[1], warnings[0], 'the same count split');
});

t.test('halves that cannot be joined: the one-thread error or findings', { skip: availableParallelism() > 1 ? false : 'one core: no split' }, async (t) => {
  const compact = JSON.stringify(bigManifest());
  const late = `"model.shop.m${NODES - 10}":`;
  const cases: [string, string, Expect, boolean][] = [
    ['a node id in both halves', compact.replace(late, '"model.shop.m3":'), 'readOn', true],
    ['a top-level key in both halves', compact.replace('"parent_map":', '"metadata":'), 'readOn', true],
    // the back half's own bytes are invalid: the in-memory path reads the file for its message, the front half does not read on first
    ['invalid JSON after the split', compact.replace(late, `${late} {"a": tru}, "x":`), 'invalidBack', true],
    ['truncated', compact.slice(0, -30), 'invalidBack', true],
    // every node's SQL holds text that looks like a node boundary: the split is guessed inside a string
    ['a boundary inside a string', compact.replace(/where amount > /g, 'where amount > \'}, \\"model.shop.fake\\": {\' || '), 'either', false],
    // every node holds a nested key spelled like a node id: the split is guessed inside a node, the front half reads on without waiting
    ['a boundary inside a node', compact.replace(/"columns":/g, '"lineage": {"a": {}, "model.shop.nested": {"x": 1}}, "columns":'), 'readOn', false],
  ];
  const open = openSpillFiles()?.length ?? 0;
  for (const [label, text, expect, error] of cases) {
    const dir = target({ 'manifest.json': text });
    const oneThread = outcome({ paths: [dir], stream: false, jobs: 1 });
    t.equal('error' in oneThread, error, `${label}: ${error ? 'an error' : 'findings'} on one thread`);
    sameSplit(t, dir, label, expect);
  }
  // the back halves' threads exit (terminated) on later turns of the event loop, and their files close then
  for (let turn = 0; turn < 400 && (openSpillFiles()?.length ?? 0) > open; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
  t.equal(openSpillFiles()?.length ?? 0, open, 'every spill file closed once the back halves left running have exited');
});

t.test('a back-half thread started early that no split takes is closed; none starts for a scan of folders side by side', { skip: availableParallelism() > 1 ? false : 'one core: no split' }, async (t) => {
  Object.assign(STREAM_TUNING, { chunkBytes: 4096, headroom: 64, splitMinBytes: 0 });
  t.teardown(() => Object.assign(STREAM_TUNING, DEFAULT_TUNING));
  // run results alone: large enough by the lowered bar, but no node boundary to split at
  const results = target({ 'run_results.json': dbtJson(runResults({ results: [{ unique_id: 'model.shop.m2', status: 'error', message: `password '${PW}'` }] })) });
  let before = { ...SPLIT_COUNTS };
  const alone = outcome({ paths: [results], stream: true, jobs: 2 });
  t.ok('findings' in alone && alone.findings.length > 0, 'scanned');
  t.equal(SPLIT_COUNTS.startedEarly - before.startedEarly, 1, 'a thread was started early');
  t.equal(SPLIT_COUNTS.takenEarly - before.takenEarly, 0, 'no split took it');
  t.equal(splitEarlyPending(), false, 'and it was closed with the scan');
  before = { ...SPLIT_COUNTS };
  const compact = JSON.stringify(bigManifest());
  const both = outcome({ paths: [target({ 'manifest.json': compact }), target({ 'manifest.json': compact })], stream: true, jobs: 2 });
  t.ok('findings' in both && both.findings.length > 0, 'two folders scanned');
  t.equal(SPLIT_COUNTS.startedEarly - before.startedEarly, 0, 'two folders side by side: no thread started early');
});
