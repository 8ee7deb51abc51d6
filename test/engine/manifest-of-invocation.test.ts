/**
 * A folder where artifacts are kept holds several manifests and run results (`manifest_a.json`, `manifest_b.json`,
 * `run_results_a.json`): a result takes its node's file and meta suppression from the manifest of its own invocation,
 * as stale-artifacts pairs them, not from the last manifest read (red team 101); with none of its invocation there,
 * from the folder's last, as target/'s run_results.json takes its one manifest.json's.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from '../cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

function ofInvocation<T extends Record<string, unknown>>(artifact: T, invocation: string): T {
  Object.assign(artifact.metadata as object, { invocation_id: invocation });
  return artifact;
}

/** The orders model as each invocation's manifest has it: moved to marts/ in B, suppressed in A's meta only. */
const manifests = {
  'manifest_a.json': ofInvocation(manifest({ nodes: { 'model.shop.orders': { unique_id: 'model.shop.orders', fqn: ['shop', 'orders'], original_file_path: 'models/legacy/orders.sql', config: { meta: { 'dbt-tools-lint': { ignore: ['all'], reason: 'legacy loader' } } } } } }), A),
  'manifest_b.json': ofInvocation(manifest({ nodes: { 'model.shop.orders': { unique_id: 'model.shop.orders', fqn: ['shop', 'orders'], original_file_path: 'models/marts/orders.sql' } } }), B),
};
const results = (invocation: string) => ofInvocation(runResults({ results: [{ unique_id: 'model.shop.orders', status: 'error', message: "create user u password 'Tr0ub4dor&3-prod' failed" }] }), invocation);

interface Placed {
  file: string;
  originalFilePath?: string;
  suppressed?: { justification: string };
}

async function placed(args: string[] = []): Promise<string[]> {
  const dir = tempDir();
  const files = { ...manifests, 'run_results_a.json': results(A), 'run_results_b.json': results(B), 'run_results_c.json': results(C) };
  for (const [name, artifact] of Object.entries(files)) writeFileSync(path.join(dir, name), dbtJson(artifact));
  const r = await runCli(['.', '--format', 'json', '--fail-on', 'none', ...args], { cwd: dir });
  const findings = JSON.parse(r.stdout).findings as Placed[];
  return findings.map((f) => `${path.basename(f.file)}: ${f.originalFilePath}${f.suppressed ? ` (suppressed: ${f.suppressed.justification})` : ''}`).sort();
}

t.test("run results take their node's file and meta from their own invocation's manifest", async (t) => {
  const expected = [
    'run_results_a.json: models/legacy/orders.sql (suppressed: legacy loader)',
    'run_results_b.json: models/marts/orders.sql',
    // none of its invocation: the folder's last manifest, as before
    'run_results_c.json: models/marts/orders.sql',
  ];
  t.same(await placed(), expected, 'read in memory');
  t.same(await placed(['--stream']), expected, 'streamed');
});

t.test('a manifest kept under a name of its own is read before the run results that sort before it', async (t) => {
  // (`dbt_20_manifest.json` beside `dbt_20_run_results.json` sorts first by chance; `a_run_results.json` does not)
  const dir = tempDir();
  writeFileSync(path.join(dir, 'a_run_results.json'), dbtJson(results(B)));
  writeFileSync(path.join(dir, 'prod_manifest.json'), dbtJson(manifests['manifest_b.json']));
  const r = await runCli(['.', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  const findings = JSON.parse(r.stdout).findings as Placed[];
  t.same(findings.map((f) => f.originalFilePath), ['models/marts/orders.sql']);
});
