/**
 * Golden files: each format's output on the leaky fixture, byte for byte after masking the
 * run-dependent parts (durations, times). `UPDATE_GOLDEN=1 npx tap test/formatters/golden.test.ts`
 * rewrites them; review the diff like code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from '../cli-run.js';
import { ROOT } from '../fixture-data.js';
import { RULES } from '../../src/rules/index.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';

const GOLDEN = path.join(ROOT, 'test', 'golden');

function normalize(text: string): string {
  return text
    .split(ROOT)
    .join('<ROOT>')
    .replace(/\b\d+\.\d+ s\b/g, '#.## s')
    .replace(/"durationMs": \d+/g, '"durationMs": 0')
    .replace(/time="[\d.]+"/g, 'time="#"')
    .replace(/"(start|end)_time": "[^"]+"/g, '"$1_time": "#"')
    .replace(/"uri": "file:\/\/[^"]*"/g, '"uri": "file:///ROOT/"');
}

// Expiry is judged against --now, so that the goldens do not change when a fixture's credential expires.
const NOW = '2026-06-01T00:00:00Z';

for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'gitlab', 'html', 'markdown']) {
  t.test(`${format} output matches test/golden/leaky.${format}`, async (t) => {
    const out = path.join(tempDir('golden-'), 'report');
    const r = await runCli(['fixtures/jaffle-shop-leaky/target', '--format', format, '--output', out, '--now', NOW], { cwd: ROOT, env: { CI_COMMIT_SHA: '0123456789abcdef0123456789abcdef01234567' } });
    t.equal(r.code, 1);
    const actual = normalize(readFileSync(out, 'utf8'));
    const golden = path.join(GOLDEN, `leaky.${format}`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, actual);
    t.equal(actual, readFileSync(golden, 'utf8'));
  });
}

t.test('github annotations escape their properties and data', async (t) => {
  const r = await runCli(['fixtures/jaffle-shop-leaky/target', '--format', 'github'], { cwd: ROOT });
  const lines = r.stdout.trim().split('\n');
  const annotations = lines.filter((l) => l.startsWith('::'));
  t.ok(annotations.length > 40);
  for (const a of annotations) {
    t.match(a, /^::(error|warning|notice) file=[^,:]+,line=\d+(,col=\d+,endLine=\d+,endColumn=\d+)?,title=[a-z-]+\/[a-z0-9-]+::/);
    t.notMatch(a.split('::')[2], /[\r\n]/);
  }
  t.match(lines.at(-1), /^dbt-tools-lint: \d+ findings of \d+ distinct secrets in 4 artifacts/);
});

t.test('junit has one test case per rule and one failure per finding', async (t) => {
  const r = await runCli(['fixtures/jaffle-shop-leaky/target', '--format', 'junit'], { cwd: ROOT });
  t.equal((r.stdout.match(/<testcase /g) ?? []).length, RULES.length);
  const json = await runCli(['fixtures/jaffle-shop-leaky/target', '--format', 'json'], { cwd: ROOT });
  t.equal((r.stdout.match(/<failure /g) ?? []).length, JSON.parse(json.stdout).summary.findings);
});

t.test('gitlab report has the fields GitLab requires', async (t) => {
  const r = await runCli(['fixtures/jaffle-shop-leaky/target', '--format', 'gitlab'], { cwd: ROOT, env: { GITHUB_SHA: 'abcdef1' } });
  const report = JSON.parse(r.stdout);
  t.match(report, { version: /^15\./, scan: { type: 'secret_detection', status: 'success', analyzer: { id: 'dbt-tools-lint' }, scanner: { vendor: { name: String } } } });
  t.match(report.scan.start_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  for (const v of report.vulnerabilities) {
    t.match(v, { id: /^[0-9a-f-]{36}$/, severity: /^(Critical|High|Medium|Low)$/, location: { file: String, start_line: Number, commit: { sha: 'abcdef1' } } });
    t.ok(v.identifiers.length >= 1);
    t.notOk('raw_source_code_extract' in v);
  }
  t.equal(new Set(report.vulnerabilities.map((v: { id: string }) => v.id)).size, report.vulnerabilities.length, 'ids are unique');
});

t.test('gitlab ids are unique when one secret is in two artifacts, and the same in the next run (red team 72)', async (t) => {
  const dir = tempDir();
  const body = dbtJson(manifest({}, { SNOWFLAKE_PASSWORD: 'Gr4nite_Falc0n#r2wL' }));
  for (const run of ['run-1', 'run-2']) {
    mkdirSync(path.join(dir, run, 'target'), { recursive: true });
    writeFileSync(path.join(dir, run, 'target', 'manifest.json'), body);
  }
  const ids = async () => {
    const r = await runCli(['run-1', 'run-2', '--format', 'gitlab'], { cwd: dir });
    return (JSON.parse(r.stdout).vulnerabilities as { id: string }[]).map((v) => v.id);
  };
  const first = await ids();
  t.equal(first.length, 2, 'a finding in each manifest');
  t.equal(new Set(first).size, first.length, 'ids are unique');
  t.same(await ids(), first, 'and stable across runs');
});
