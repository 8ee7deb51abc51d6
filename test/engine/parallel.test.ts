/**
 * Worker threads over many target folders give the serial scan's result exactly: the same findings
 * in the same order, run results placed through their own folder's manifest, the caller's
 * suppressor applied, the same first error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/types.js';
import { plainFinding } from '../../src/findings/record.js';
import type { ExtraDetector } from '../../src/engine/compile.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';
import { discoverCandidates } from '../../src/artifacts/discover.js';
import { PARALLEL_COUNTS, parallelPlan, scanInParallel, SIZE_COUNTS } from '../../src/engine/parallel.js';
import { createHash, createHmac } from 'node:crypto';
import { DEFAULT_SALT, shareSlowHashes } from '../../src/findings/fingerprint.js';
import { SharedHashes } from '../../src/findings/shared-hashes.js';
import { secretIdOf } from '../../src/findings/secret-id.js';

const PW = 'Tr0ub4dor-9xK2-prod';

/** Six target folders: each a manifest with a suppressed node and a run result that leaks through it. */
function archive(): { root: string; dirs: string[] } {
  const root = tempDir();
  const dirs = Array.from({ length: 6 }, (_, i) => {
    const dir = path.join(root, `run-${i}`, 'target');
    mkdirSync(dir, { recursive: true });
    const nodes: Record<string, unknown> = {};
    for (let n = 0; n < 40; n++) {
      nodes[`model.shop.m${n}`] = {
        unique_id: `model.shop.m${n}`,
        original_file_path: `models/m${n}.sql`,
        compiled_code: n === i ? `create user u${i} password '${PW}${i}'` : `select ${n} as x`,
        ...(n === 3 ? { config: { meta: { 'dbt-tools-lint': { ignore: ['run-messages'], reason: 'known' } } } } : {}),
      };
    }
    writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes }, { DB_PASSWORD: `${PW}-env-${i}` })));
    writeFileSync(
      path.join(dir, 'run_results.json'),
      dbtJson(runResults({ results: [3, 5].map((n) => ({ unique_id: `model.shop.m${n}`, status: 'error', message: `password '${PW}-msg-${i}-${n}'` })) })),
    );
    return dir;
  });
  return { root, dirs };
}

function run(options: ScanOptions): { result: Omit<ScanResult, 'summary'> & { summary: Omit<ScanResult['summary'], 'durationMs'> }; calls: string[] } | { error: string } {
  const calls: string[] = [];
  try {
    const { findings, summary } = scan({ ...options, onArtifact: (file) => calls.push(file) });
    const { durationMs: _, ...rest } = summary;
    // (as plain findings: every field compared, those a finding keeps in its store too; workers send plain copies)
    return { result: { findings: findings.map(plainFinding), summary: rest }, calls: calls.sort() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

t.test('two threads give the serial result, in the same order, suppressions included', async (t) => {
  const { dirs } = archive();
  // an allowlist-like suppressor: a function, so it runs in this thread for the workers' findings too
  const suppressor: ScanOptions['suppressor'] = ({ secret }) => (secret.endsWith('-env-2') ? { kind: 'allowlist', justification: 'test' } : undefined);
  const serial = run({ paths: dirs, jobs: 1, suppressor });
  t.ok('result' in serial);
  if (!('result' in serial)) return;
  t.equal(serial.result.summary.filesScanned, 12);
  t.ok(serial.result.findings.some((f) => f.suppressed?.kind === 'inline'), 'a meta suppression from the folder manifest');
  t.ok(serial.result.findings.some((f) => f.suppressed?.kind === 'allowlist'), 'the caller suppressor');
  t.ok(serial.result.findings.some((f) => f.artifactKind === 'run-results' && f.originalFilePath === 'models/m5.sql'), 'run results placed through their manifest');
  for (const jobs of [2, 3]) t.same(run({ paths: dirs, jobs, suppressor }), serial, `${jobs} threads`);
  // streamed, in workers too
  t.same(run({ paths: dirs, jobs: 2, suppressor, stream: true }), serial, 'two threads, streaming');
});

t.test('the first error, as the serial scan meets it', async (t) => {
  const { dirs } = archive();
  writeFileSync(path.join(dirs[4]!, 'run_results.json'), '{"metadata": ');
  writeFileSync(path.join(dirs[2]!, 'catalog.json'), '{"nodes": ');
  const serial = run({ paths: dirs, jobs: 1 });
  t.match(serial, { error: /^InputError: .*run-2.*catalog\.json: invalid JSON/ });
  t.same(run({ paths: dirs, jobs: 2 }), serial);
});

t.test('unreadable artifacts, told of and passed over, the same in two threads (session 32)', async (t) => {
  const { dirs } = archive();
  writeFileSync(path.join(dirs[4]!, 'manifest.json'), '{"metadata": ');
  writeFileSync(path.join(dirs[2]!, 'catalog.json'), '{"nodes": ');
  const told = (jobs: number) => {
    const errors: string[] = [];
    const got = run({ paths: dirs, jobs, onUnreadable: (e) => void errors.push(e.message) });
    return { got, errors };
  };
  const serial = told(1);
  t.match(serial.errors, [/run-4.*manifest\.json: invalid JSON/, /run-2.*catalog\.json: invalid JSON/], 'each once, in scan order (manifests first)');
  t.ok('result' in serial.got);
  if (!('result' in serial.got)) return;
  t.equal(serial.got.result.summary.filesScanned, 11, 'the other eleven artifacts scanned');
  t.ok(
    serial.got.result.findings.some((f) => f.file.includes('run-4') && f.artifactKind === 'run-results'),
    "the run results beside the unreadable manifest are reported",
  );
  t.same(told(2), serial, 'two threads');
});

t.test('custom detectors (functions) keep the scan in this thread, with the same result', async (t) => {
  const { dirs } = archive();
  const extra: ExtraDetector = {
    detector: { id: 'acme', title: 'ACME key', keywords: ['create user'], detect: (value) => (value.includes('u1 ') ? [{ detectorId: 'acme', start: 0, end: 6, description: 'ACME key' }] : []) },
    rules: undefined,
  };
  t.same(run({ paths: dirs, jobs: 2, extraDetectors: [extra] }), run({ paths: dirs, jobs: 1, extraDetectors: [extra] }));
});

t.test('the workers do take units (they run the build of these sources when the tests run from TypeScript)', async (t) => {
  const { dirs } = archive();
  const candidates = discoverCandidates(dirs);
  let here = 0;
  const get = scanInParallel(candidates, { paths: dirs, jobs: 2 }, () => undefined, { values: 0 }, (unit) => {
    here++;
    return { results: unit.candidates.map(({ index }) => ({ index, artifacts: [] })) };
  });
  t.ok(get, 'the scan went parallel');
  const fromWorkers = candidates.filter((_, i) => get!(i).length > 0).length;
  t.ok(fromWorkers > 0, `workers scanned ${fromWorkers} files; this thread took ${here} folders`);
});

t.test('with nothing left to hand out, this thread takes back units queued at a worker that has not begun them: each unit is scanned once', async (t) => {
  const root = tempDir();
  const dirs = Array.from({ length: 30 }, (_, i) => {
    const dir = path.join(root, `run-${i}`, 'target');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: `${PW}-${i}` })));
    return dir;
  });
  const candidates = discoverCandidates(dirs);
  const scannedHere: number[] = [];
  const before = PARALLEL_COUNTS.takenBack;
  // this thread's units take no time: it runs out of units to hand out while the worker is still starting
  const get = scanInParallel(candidates, { paths: dirs, jobs: 2 }, () => undefined, { values: 0 }, (unit) => {
    for (const { index } of unit.candidates) scannedHere.push(index);
    return { results: unit.candidates.map(({ index }) => ({ index, artifacts: [] })) };
  });
  t.ok(get, 'the scan went parallel');
  const byWorker = candidates.map((_, i) => i).filter((i) => get!(i).length > 0);
  t.ok(byWorker.length > 0, `the worker scanned ${byWorker.length} (the unit it had begun)`);
  t.ok(PARALLEL_COUNTS.takenBack - before > 0, `this thread took back ${PARALLEL_COUNTS.takenBack - before} units`);
  t.same([...scannedHere, ...byWorker].sort((a, b) => a - b), candidates.map((_, i) => i), 'every unit scanned, and only once');
});

t.test('a guessable password repeated in every folder is hashed once for all threads: the workers read the slow hash this thread shares', async (t) => {
  const { dirs } = archive();
  // one project's folders: the same guessable password (scrypt under the public salt) in each
  const guessable = 'summer-picnic-basket';
  for (const dir of dirs) writeFileSync(path.join(dir, 'catalog.json'), dbtJson({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', env: { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: guessable } }, nodes: {}, sources: {} }));
  // a hash planted in the shared table stands for a thread that already hashed it: no thread computes its own
  const fast = createHmac('sha256', DEFAULT_SALT).update(guessable).digest().toString('hex', 0, 16);
  const planted = createHash('sha256').update('planted').digest('hex').slice(0, 32);
  new SharedHashes(shareSlowHashes()).set(fast, planted);
  const candidates = discoverCandidates(dirs);
  const parallel = run({ paths: dirs, jobs: 2 });
  t.ok(parallelPlan(candidates, { paths: dirs, jobs: 2 }), 'the scan goes parallel');
  if (!('result' in parallel)) return t.fail(parallel.error);
  const ids = parallel.result.findings.filter((f) => f.artifactKind === 'catalog').map((f) => f.secretId);
  t.equal(ids.length, dirs.length, 'the password in each folder’s catalog');
  t.same(new Set(ids), new Set([secretIdOf(planted)]), 'each from the shared hash, the workers’ folders too');
  t.same(run({ paths: dirs, jobs: 1 }), parallel, 'the serial result');
});

t.test("a scan asks each file's size once: the stream threshold, the threads beside it and the folders' plan all read the same", async (t) => {
  const { dirs } = archive();
  for (const jobs of [1, 2]) {
    const before = SIZE_COUNTS.asked;
    const result = run({ paths: dirs, jobs });
    if (!('result' in result)) return t.fail(result.error);
    t.equal(result.result.summary.filesScanned, dirs.length * 2);
    // (before session 57 the stream threshold, whether a large file is split or searched ahead, and the plan each asked again: 24 for 12 files)
    t.equal(SIZE_COUNTS.asked - before, dirs.length * 2, `--jobs ${jobs}: one question a file`);
  }
});
