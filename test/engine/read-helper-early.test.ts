/**
 * The keyword search's helper thread started before its file is opened (startReadHelperEarly): a
 * scan that will stream a large file on this thread starts it while it compiles its rules; the
 * file's reader takes it and sends it its setup. The findings are those of a scan with no helper,
 * and a thread that no reader takes is stopped with the scan (that the thread then searches the
 * chunks it is given: stream-read.test.ts).
 */
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import { HELPER_COUNTS, readHelperEarlyPending, STREAM_TUNING } from '../../src/engine/stream-read.js';
import { plainFinding } from '../../src/findings/record.js';
import type { Finding } from '../../src/types.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';
// @ts-expect-error: the command line's loader is JavaScript without types
import { READ_HELPER_BYTES, startReadHelper, wantsReadHelper } from '../../bin/load-cli.js';

const wants = wantsReadHelper as (args: string[], cores?: number) => boolean;
const startBefore = startReadHelper as (script?: URL) => void;
const STARTED = Symbol.for('@dbt-tools/lint read helper');
const startedWaiting = () => (globalThis as Record<symbol, unknown>)[STARTED] !== undefined;

const DEFAULT_TUNING = { ...STREAM_TUNING };
t.teardown(() => Object.assign(STREAM_TUNING, DEFAULT_TUNING));

const PW = 'Tr0ub4dor-9xK2-prod';
const GHP = 'ghp_SCEZGZCQwoIppg1H5xNr75eNBjzXJoLwiQgF';

/** A manifest of many nodes, secrets spread over it: a password in compiled code, a token in meta. */
function bigManifest(count = 400): string {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const id = `model.shop.m${i}`;
    nodes[id] = {
      unique_id: id,
      resource_type: 'model',
      original_file_path: `models/m${i}.sql`,
      checksum: { name: 'sha256', checksum: 'a3f1'.repeat(16) },
      description: `Orders with a unique_key and a token_count, node ${i}`,
      compiled_code: `select id, amount\nfrom raw.orders_${i}${i % 41 === 7 ? `\ncreate user u${i} password '${PW}${i}'` : ''}`,
      config: { materialized: 'table', meta: i % 53 === 11 ? { github_token: GHP } : {} },
    };
  }
  return dbtJson(manifest({ nodes }));
}

function target(files: Record<string, string>): string {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const order = (f: Finding) => [f.file, String(f.charOffset).padStart(12, '0'), f.ruleId, f.fingerprint].join('\u0000');
const findings = (options: ScanOptions) => [...scan(options).findings].sort((a, b) => (order(a) < order(b) ? -1 : 1)).map(plainFinding);

t.test('a large file: the helper started early is taken by its reader', { skip: availableParallelism() > 1 ? false : 'one core: no helper thread' }, async (t) => {
  const dir = target({ 'manifest.json': bigManifest() });
  // small chunks and a low bar: a file of a few hundred KB is searched ahead, in many chunks, and not split
  Object.assign(STREAM_TUNING, { chunkBytes: 4096, headroom: 64, helperMinBytes: 0, splitMinBytes: Infinity });
  const alone = findings({ paths: [dir], stream: true, jobs: 1 });
  const before = { ...HELPER_COUNTS };
  const helped = findings({ paths: [dir], stream: true, jobs: 2 });
  t.ok(alone.length >= 15, `secrets found (${alone.length})`);
  t.same(helped, alone, 'the same findings as with no helper thread');
  t.equal(HELPER_COUNTS.startedEarly - before.startedEarly, 1, 'a thread was started before the file was opened');
  t.equal(HELPER_COUNTS.takenEarly - before.takenEarly, 1, "and the file's reader took it");
  t.equal(readHelperEarlyPending(), false, 'none left waiting');
});

t.test('a helper started early that no reader takes is stopped with the scan; none starts with --jobs 1', { skip: availableParallelism() > 1 ? false : 'one core: no helper thread' }, async (t) => {
  // large by the lowered bar, but no longer than one chunk: its reader searches it alone
  Object.assign(STREAM_TUNING, { chunkBytes: 1024 * 1024, headroom: 64, helperMinBytes: 0, splitMinBytes: Infinity });
  t.teardown(() => Object.assign(STREAM_TUNING, DEFAULT_TUNING));
  const dir = target({ 'manifest.json': dbtJson(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: PW })) });
  let before = { ...HELPER_COUNTS };
  t.ok(findings({ paths: [dir], stream: true, jobs: 2 }).length > 0, 'scanned');
  t.equal(HELPER_COUNTS.startedEarly - before.startedEarly, 1, 'a thread was started early');
  t.equal(HELPER_COUNTS.takenEarly - before.takenEarly, 0, 'no reader took it');
  t.equal(readHelperEarlyPending(), false, 'and it was stopped with the scan');
  before = { ...HELPER_COUNTS };
  findings({ paths: [dir], stream: true, jobs: 1 });
  t.equal(HELPER_COUNTS.startedEarly - before.startedEarly, 0, '--jobs 1: no thread started early');
});

t.test('a helper the command line started before the bundle loaded: taken by the reader, or stopped', { skip: availableParallelism() > 1 ? false : 'one core: no helper thread' }, async (t) => {
  // (long enough that the helper, once given its setup, builds its search before this thread has read it all)
  const dir = target({ 'manifest.json': bigManifest(12_000) });
  Object.assign(STREAM_TUNING, { chunkBytes: 4096, headroom: 64, helperMinBytes: 0, splitMinBytes: Infinity });
  t.teardown(() => Object.assign(STREAM_TUNING, DEFAULT_TUNING));
  const alone = findings({ paths: [dir], stream: true, jobs: 1 });
  let before = { ...HELPER_COUNTS };
  startBefore();
  t.ok(startedWaiting(), 'started, waiting to be taken');
  // (loaded by the time the scan opens its file, as it is beside the command line's own start)
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const helped = findings({ paths: [dir], stream: true, jobs: 2 });
  t.same(helped, alone, 'the same findings as with no helper thread');
  t.equal(HELPER_COUNTS.startedBefore - before.startedBefore, 1, "the scan took the command line's thread");
  t.equal(HELPER_COUNTS.takenEarly - before.takenEarly, 1, "and the file's reader took it");
  t.ok(HELPER_COUNTS.chunks - before.chunks > 10, `which searched its chunks (${HELPER_COUNTS.chunks - before.chunks})`);
  t.notOk(startedWaiting(), 'none left in the slot');
  // a scan that will not use one: stopped, the slot emptied
  before = { ...HELPER_COUNTS };
  startBefore();
  findings({ paths: [dir], stream: true, jobs: 1 });
  t.equal(HELPER_COUNTS.startedBefore - before.startedBefore, 0, '--jobs 1: not taken');
  t.notOk(startedWaiting(), 'and stopped');
  // one whose code does not load: its flag says so, and the chunks are searched here
  before = { ...HELPER_COUNTS };
  startBefore(new URL('../no-such-helper.js', import.meta.url));
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.same(findings({ paths: [dir], stream: true, jobs: 2 }), alone, 'a helper that could not load: the same findings');
  t.equal(HELPER_COUNTS.startedBefore - before.startedBefore, 1, 'it was taken');
  t.equal(HELPER_COUNTS.chunks - before.chunks, 0, 'and searched nothing');
});

t.test('the command line starts one for a local JSON artifact of a size streamed beside a helper', async (t) => {
  t.same(READ_HELPER_BYTES, { from: DEFAULT_TUNING.helperMinBytes, below: DEFAULT_TUNING.splitMinBytes }, "the scan's own sizes");
  const work = tempDir('read-helper-wanted-');
  const sized = (file: string, bytes: number) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    truncateSync(file, bytes);
    return file;
  };
  const large = sized(path.join(work, 'a', 'manifest.json'), READ_HELPER_BYTES.from + 1);
  const small = sized(path.join(work, 'b', 'manifest.json'), 1000);
  const huge = sized(path.join(work, 'c', 'manifest.json'), READ_HELPER_BYTES.below);
  const notJson = sized(path.join(work, 'd', 'manifest.msgpack'), READ_HELPER_BYTES.from + 1);
  t.equal(wants([large]), true, 'the file');
  t.equal(wants([path.dirname(large)]), true, 'its target folder');
  t.equal(wants(['scan', large, '--format', 'sarif', '--output', path.join(work, 'out.sarif')]), true, 'with options and the command');
  t.equal(wants(['--dbt-target', path.dirname(large)]), true, '--dbt-target');
  t.equal(wants([`--dbt-target=${path.dirname(large)}`]), true, '--dbt-target=');
  t.equal(wants([small]), false, 'a small one: searched on this thread');
  t.equal(wants([huge]), false, 'one walked in two halves: no helper');
  t.equal(wants([notJson]), false, 'not JSON');
  t.equal(wants([large, '--jobs', '1']), false, '--jobs 1');
  t.equal(wants([large, '--jobs=1']), false, '--jobs=1');
  t.equal(wants([large, '--no-stream']), false, '--no-stream');
  t.equal(wants([large], 1), false, 'one core');
  t.equal(wants([`${work}/*/manifest.json`]), false, 'a glob');
  t.equal(wants(['rules']), false, 'another command');
  for (const args of [['rules'], ['explain', 'raw-code'], ['config', 'check'], ['--help'], ['--version']]) {
    t.equal(wants([...args, '--dbt-target', path.dirname(large)]), false, `${args.join(' ')}: reads no artifact`);
  }
  t.equal(wants([path.join(work, 'nowhere')]), false, 'nothing there');
});
