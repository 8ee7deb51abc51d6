/**
 * What a finding costs once the scan returns: a findings-heavy scan holds all of them until the
 * report is written (600 MB of manifest: 200,000), so each must stay small. The same models with
 * forty times the secrets, scanned (streamed, as a large manifest is) and measured by the heap the
 * result holds: the growth per finding is bounded. It is about 170 bytes (its object and secret
 * id; its rule, detector and message are shared, and what only the report reads is in the
 * findings' spill file, findings/store.ts); with those fields in the object and its strings it was
 * about 440, as plain objects about 650. The bound (200) leaves room for the machine's noise: a
 * per-finding string or object added shows. The heap moves by up to a megabyte between runs of the
 * same scan, so the larger manifest has 60,000 findings: with 12,000 the same code measured 161-209
 * bytes (209 failed a CI run), with 30,000 115-178 beside a busy core (207 failed a CI run on a slow
 * machine, session 58), with 60,000 161-175 beside a busy core and 161-192 alone. store.test.ts
 * counts what a store keeps in memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/types.js';
import { STORE_TUNING } from '../../src/findings/store.js';
import { manifest, openSpillFiles, tempDir } from '../helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MODELS = 300;
/** Webhooks a model in the larger manifest: the more findings, the less the heap's noise (a few hundred KiB between runs) counts in each. */
const MANY = 200;

/** MODELS models in a findings-heavy project's vocabulary, each with `perModel` distinct webhooks in its meta (a finding each). */
function write(file: string, perModel: number): void {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < MODELS; i++) {
    const id = `model.acme_analytics.dim_customer_region_${i}`;
    const meta: Record<string, string> = { owner: 'growth-team@acme.io' };
    for (let j = 0; j < perModel; j++) meta[`alert_webhook_${j}`] = `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${`w${i}x${j}q`.padEnd(24, 'k7Qz2mXp9RtV4cN8bH3jYd0L')}`;
    nodes[id] = {
      unique_id: id,
      resource_type: 'model',
      original_file_path: `models/marts/customers/dim_customer_region_${i}.sql`,
      patch_path: 'acme_analytics://models/marts/customers/schema.yml',
      fqn: ['acme_analytics', 'marts', 'customers', `dim_customer_region_${i}`],
      meta,
    };
  }
  writeFileSync(file, JSON.stringify(manifest({ nodes })));
}

/** The heap held by a scan's result (measured while it is held), and the result. */
function held(file: string): { bytes: number; result: ScanResult } {
  gc();
  const before = usage();
  const result = scan({ paths: [file], jobs: 1, stream: true });
  gc();
  return { bytes: usage() - before, result };
}

function least(file: string): { bytes: number; result: ScanResult } {
  let best: { bytes: number; result: ScanResult } | undefined;
  for (let i = 0; i < 3; i++) {
    const next = held(file);
    if (!best || next.bytes < best.bytes) best = next;
  }
  return best!;
}

// (buffers are left out: their count moves by a megabyte between runs of the same scan; store.test.ts counts what a store holds in memory)
function usage(): number {
  return process.memoryUsage().heapUsed;
}

// both sizes' findings go to a spill file (the default holds about 5,000 findings' records in memory first)
STORE_TUNING.memoryBytes = 64 * 1024;

t.test('the heap a finding holds once the scan returns is bounded', async (t) => {
  const dir = tempDir();
  const few = path.join(dir, 'few', 'manifest.json');
  const many = path.join(dir, 'many', 'manifest.json');
  for (const [file, perModel] of [[few, 5], [many, MANY]] as const) {
    mkdirSync(path.dirname(file), { recursive: true });
    write(file, perModel);
  }
  // warm up (compiled tables, code, interned texts), then measure each: with both sizes, so that the code V8 optimizes
  // for the scan of many findings (their paths through the walk and the store) is not counted as theirs (it moved the
  // figure by 1.4 MB, 48 bytes a finding, between runs on a busy machine)
  held(few);
  held(many);
  // the least of three scans each: what else the heap gains meanwhile (code, caches) only adds
  const a = least(few);
  const b = least(many);
  t.equal(a.result.findings.length, MODELS * 5, 'a finding a webhook (few)');
  t.equal(b.result.findings.length, MODELS * MANY, 'a finding a webhook (many)');
  const perFinding = (b.bytes - a.bytes) / (b.result.findings.length - a.result.findings.length);
  t.comment(`held: ${(a.bytes / 1024).toFixed(0)} KiB with ${a.result.findings.length} findings, ${(b.bytes / 1024).toFixed(0)} KiB with ${b.result.findings.length}: ${perFinding.toFixed(0)} bytes a finding`);
  t.ok(perFinding < 200, `a finding holds less than 200 bytes (${perFinding.toFixed(0)})`);
  t.ok((openSpillFiles('findings')?.length ?? 2) >= 2, 'each result\'s findings keep their records in a spill file');
  // what the bound is about is still there when read
  const f = b.result.findings[0]!;
  t.match(f, { jsonPointer: /^\/nodes\/model\.acme_analytics\.dim_customer_region_0\/meta\/alert_webhook_\d+$/, location: /^nodes\.model\.acme_analytics\.dim_customer_region_0\.meta\.alert_webhook_\d+$/ });
  t.match(f.start, { line: 1, column: Number }, 'its position');
  t.match(f, { fingerprint: /^[0-9a-f]{32}$/, preview: 'https://hooks.slack.com/services/****', uniqueId: 'model.acme_analytics.dim_customer_region_0' }, 'read back from the spill file');
});
