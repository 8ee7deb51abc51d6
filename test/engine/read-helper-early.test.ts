/**
 * The keyword search's helper thread started before its file is opened (startReadHelperEarly): a
 * scan that will stream a large file on this thread starts it while it compiles its rules; the
 * file's reader takes it and sends it its setup. The findings are those of a scan with no helper,
 * and a thread that no reader takes is stopped with the scan (that the thread then searches the
 * chunks it is given: stream-read.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import { HELPER_COUNTS, readHelperEarlyPending, STREAM_TUNING } from '../../src/engine/stream-read.js';
import { plainFinding } from '../../src/findings/record.js';
import type { Finding } from '../../src/types.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';

const DEFAULT_TUNING = { ...STREAM_TUNING };
t.teardown(() => Object.assign(STREAM_TUNING, DEFAULT_TUNING));

const PW = 'Tr0ub4dor-9xK2-prod';
const GHP = 'ghp_SCEZGZCQwoIppg1H5xNr75eNBjzXJoLwiQgF';

/** A manifest of many nodes, secrets spread over it: a password in compiled code, a token in meta. */
function bigManifest(): string {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < 400; i++) {
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
