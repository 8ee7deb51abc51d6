/**
 * What a finding costs once the scan returns: a findings-heavy scan holds all of them until the
 * report is written (600 MB of manifest: 200,000), so each must stay small. The same models with
 * four times the secrets, scanned (streamed, as a large manifest is) and measured by the heap the
 * result holds: the growth per finding is bounded. It is 250 to 450 bytes, about 350 the median (its object, JSON path,
 * fingerprint and secret id; the rest is shared or worked out when read); stored as plain objects
 * with their pointer, location and positions, and a source object each, it was about 650. The
 * bound leaves room for the machine's noise and is below that: a per-finding string or object added shows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/types.js';
import { manifest, tempDir } from '../helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MODELS = 300;

/** MODELS models in a findings-heavy project's vocabulary, each with `perModel` distinct webhooks in its meta (a finding each). */
function write(file: string, perModel: number): void {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < MODELS; i++) {
    const id = `model.acme_analytics.dim_customer_region_${i}`;
    const meta: Record<string, string> = { owner: 'growth-team@acme.io' };
    for (let j = 0; j < perModel; j++) meta[`alert_webhook_${j}`] = `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${`w${i}x${j}q`.padEnd(24, 'k')}`;
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
  const before = process.memoryUsage().heapUsed;
  const result = scan({ paths: [file], jobs: 1, stream: true });
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, result };
}

t.test('the heap a finding holds once the scan returns is bounded', async (t) => {
  const dir = tempDir();
  const few = path.join(dir, 'few', 'manifest.json');
  const many = path.join(dir, 'many', 'manifest.json');
  for (const [file, perModel] of [[few, 5], [many, 20]] as const) {
    mkdirSync(path.dirname(file), { recursive: true });
    write(file, perModel);
  }
  // warm up (compiled tables, code, interned texts), then measure each pair five times: the heap
  // also holds what the engine compiles while it runs, so one pair's growth moves by a hundred bytes
  // a finding from run to run (more on a busy machine); the median of five is the one the bound is about
  held(few);
  const rounds: number[] = [];
  let a!: ReturnType<typeof held>;
  let b!: ReturnType<typeof held>;
  for (let round = 0; round < 5; round++) {
    a = b = undefined as never;
    a = held(few);
    b = held(many);
    rounds.push((b.bytes - a.bytes) / (b.result.findings.length - a.result.findings.length));
  }
  t.equal(a.result.findings.length, MODELS * 5, 'a finding a webhook (few)');
  t.equal(b.result.findings.length, MODELS * 20, 'a finding a webhook (many)');
  const perFinding = rounds.sort((x, y) => x - y)[2]!;
  t.comment(`held: ${(a.bytes / 1024).toFixed(0)} KiB with ${a.result.findings.length} findings, ${(b.bytes / 1024).toFixed(0)} KiB with ${b.result.findings.length}; bytes a finding, five rounds: ${rounds.map((r) => r.toFixed(0)).join(', ')}`);
  t.ok(perFinding < 520, `a finding holds less than 520 bytes (median ${perFinding.toFixed(0)})`);
  // what the bound is about is still there when read
  const f = b.result.findings[0]!;
  t.match(f, { jsonPointer: /^\/nodes\/model\.acme_analytics\.dim_customer_region_0\/meta\/alert_webhook_\d+$/, location: /^nodes\.model\.acme_analytics\.dim_customer_region_0\.meta\.alert_webhook_\d+$/ });
  t.match(f.start, { line: 1, column: Number }, 'its position');
});
