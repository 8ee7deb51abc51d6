/**
 * target/graph_summary.json (dbt 1.6+): the DAG's nodes by name, no metadata; and target/perf_info.json, the
 * timings `dbt parse` writes. A scan of `target/*.json` stopped at either (exit 2, "not a dbt artifact"); they are
 * recognized by their shape and read like any artifact, named or in a folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, tempDir } from './helpers.js';

const SUMMARY = {
  _invocation_id: '95aa0e28-6c55-4405-86cb-25a591baf583',
  linked: {
    '0': { name: 'model.shop.orders', type: 'model', succ: [1] },
    '1': { name: 'test.shop.not_null_orders_id.3f9a8c2e71', type: 'test' },
    '2': { name: 'source.shop.raw.orders', type: 'source', succ: [0] },
  },
  with_test_edges: { '0': { name: 'model.shop.orders', type: 'model', succ: [1] } },
};

// as dbt 1.5 writes it (indented four spaces)
const PERF_INFO = {
  path_count: 7,
  is_partial_parse_enabled: false,
  parse_project_elapsed: 0.20151838900000008,
  patch_sources_elapsed: 0.00039490800000008264,
  process_manifest_elapsed: 0.029363873999999957,
  load_all_elapsed: 0.240095269,
  projects: [{ project_name: 'shop', elapsed: 0.0398, parsers: [{ parser: 'model', elapsed: 0.0123, parsed_path_count: 3 }], parsed_path_count: 7 }],
};

function target(): string {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'graph_summary.json'), dbtJson(SUMMARY));
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({})));
  writeFileSync(path.join(dir, 'perf_info.json'), JSON.stringify(PERF_INFO, null, 4));
  return dir;
}

t.test('graph_summary.json named alone is read: no finding, exit 0', async (t) => {
  const dir = target();
  const r = await runCli([path.join(dir, 'graph_summary.json'), '--json']);
  t.equal(r.code, 0, r.stderr);
  t.same(JSON.parse(r.stdout).summary.artifacts.map((a: { kind: string }) => a.kind), ['graph-summary'], 'read as the graph summary');
});

t.test('a glob over target/*.json and the folder scan read them; of another shape, the folder scan leaves them', async (t) => {
  const dir = target();
  const glob = await runCli([path.join(dir, '*.json'), '--json']);
  t.equal(glob.code, 0, glob.stderr);
  const folder = await runCli([dir, '--json']);
  t.equal(folder.code, 0, folder.stderr);
  const kinds = (stdout: string) => (JSON.parse(stdout).summary.artifacts as { kind: string }[]).map((a) => a.kind).sort();
  t.same(kinds(glob.stdout), ['graph-summary', 'manifest', 'perf-info']);
  t.same(kinds(folder.stdout), ['graph-summary', 'manifest', 'perf-info'], 'the folder scan reads them too');
  // a file of that common name in another shape fails no folder scan (named, it is no dbt artifact: the test below)
  writeFileSync(path.join(dir, 'graph_summary.json'), JSON.stringify({ nodes: 3, edges: 2 }));
  const other = await runCli([dir, '--json']);
  t.equal(other.code, 0, other.stderr);
  t.same(kinds(other.stdout), ['manifest', 'perf-info']);
});

t.test('JSON of another shape named alone is still no dbt artifact', async (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'graph_summary.json');
  writeFileSync(file, JSON.stringify({ linked: {} }));
  const r = await runCli([file]);
  t.equal(r.code, 2);
  t.match(r.stderr, /not a dbt artifact/);
});
