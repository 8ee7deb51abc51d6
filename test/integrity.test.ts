/** The artifact integrity gate: stale pairs of artifacts, and --max-age. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';
import { parseDuration } from '../src/commands/scan.js';
import { ROOT } from './fixture-data.js';

function target(manifestMeta: Record<string, unknown>, resultsMeta: Record<string, unknown>): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'target'));
  const m = manifest({});
  const r = runResults({});
  Object.assign(m.metadata as object, manifestMeta);
  Object.assign(r.metadata as object, resultsMeta);
  writeFileSync(path.join(dir, 'target', 'manifest.json'), dbtJson(m));
  writeFileSync(path.join(dir, 'target', 'run_results.json'), dbtJson(r));
  return dir;
}

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

t.test('manifest and run_results from different invocations: a note at run_results invocation_id', async (t) => {
  const dir = target({ invocation_id: A }, { invocation_id: B });
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 0, 'a note: the default gate (--fail-on warning) lets it pass');
  t.equal((await runCli(['target', '--fail-on', 'note'], { cwd: dir })).code, 1, 'a gate that asks for notes stops on it');
  const [f] = JSON.parse(r.stdout).findings;
  t.match(f, { ruleId: 'stale-artifacts', severity: 'note', file: /run_results\.json$/, jsonPath: '$.metadata.invocation_id', message: /from invocation 22222222.*manifest\.json from 11111111/ });
  const text = readFileSync(path.join(dir, 'target', 'run_results.json'), 'utf8');
  t.equal(text.slice(f.charOffset, f.charOffset + f.charLength), B, 'the position is the invocation id itself');
  t.equal(f.start.column, f.charOffset + 1);
  const off = tempDir();
  writeFileSync(path.join(off, '.dbt-tools-lint.json'), JSON.stringify({ rules: { 'stale-artifacts': 'off' } }));
  mkdirSync(path.join(off, 'target'));
  const m = manifest({});
  (m.metadata as Record<string, unknown>).invocation_id = A;
  writeFileSync(path.join(off, 'target', 'manifest.json'), dbtJson(m));
  writeFileSync(path.join(off, 'target', 'run_results.json'), dbtJson(runResults({})));
  const quiet = await runCli(['target', '--fail-on', 'note', '--format', 'json'], { cwd: off });
  t.equal(quiet.code, 0, 'the rule can be turned off');
  t.same(JSON.parse(quiet.stdout).findings, []);
});

t.test('the text summary counts a stale pair as an artifact problem, not a secret', async (t) => {
  const alone = await runCli(['target'], { cwd: target({ invocation_id: A }, { invocation_id: B }) });
  // (a note, below --fail-on's default: the run passes, and the headline says so)
  t.equal(alone.code, 0);
  t.match(alone.stdout, /⚠ 1 artifact problem \(1 note\) in 1 of 2 artifacts [^\n]*; --fail-on lets them pass \(exit 0\)/);
  t.notMatch(alone.stdout, /secret/);
  const both = await runCli(['target'], { cwd: target({ invocation_id: A, env: { DB_PASSWORD: 'Tr0ub4dor-9xK2-prod' } }, { invocation_id: B }) });
  t.match(both.stdout, /✖ 1 finding of 1 distinct secret and 1 artifact problem \(1 error, 1 note\) in 2 of 2 artifacts/);
});

t.test('one invocation: no finding', async (t) => {
  const dir = target({ invocation_id: A }, { invocation_id: A });
  t.equal((await runCli(['target'], { cwd: dir })).code, 0);
});

/** A folder of artifacts kept under names of their own, each with its metadata's invocation id. */
function keptArtifacts(files: Record<string, { kind: 'manifest' | 'run-results'; invocation: string }>): string {
  const dir = tempDir();
  for (const [name, { kind, invocation }] of Object.entries(files)) {
    const artifact = kind === 'manifest' ? manifest({}) : runResults({});
    Object.assign(artifact.metadata as object, { invocation_id: invocation });
    writeFileSync(path.join(dir, name), dbtJson(artifact));
  }
  return dir;
}

const C = '33333333-3333-4333-8333-333333333333';

async function staleNotes(dir: string, args: string[] = ['.']): Promise<string[]> {
  const r = await runCli([...args, '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  return JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'stale-artifacts').map((f: { file: string; message: string }) => `${path.basename(f.file)}: ${f.message}`);
}

t.test('several manifests in a folder (red team 101): run results are paired with their own invocation, or not at all', async (t) => {
  // dbt-bouncer's fixtures: dbt_20_run_results.json beside its own dbt_20_manifest.json and dbt_112_manifest.json
  const own = keptArtifacts({ 'dbt_112_manifest.json': { kind: 'manifest', invocation: A }, 'dbt_20_manifest.json': { kind: 'manifest', invocation: B }, 'dbt_20_run_results.json': { kind: 'run-results', invocation: B } });
  t.same(await staleNotes(own), [], 'the manifest of the same invocation is there: no stale pair');
  const none = keptArtifacts({ 'manifest_v1.json': { kind: 'manifest', invocation: A }, 'manifest_v11.json': { kind: 'manifest', invocation: B }, 'run_results_v5.json': { kind: 'run-results', invocation: C } });
  t.same(await staleNotes(none), [], 'none of its invocation, and which one it ran beside is not known: nothing said');
  const copies = keptArtifacts({ 'manifest.json': { kind: 'manifest', invocation: A }, 'manifest.backup.json': { kind: 'manifest', invocation: A }, 'run_results.json': { kind: 'run-results', invocation: B } });
  t.match(await staleNotes(copies), [/^run_results\.json: .*from invocation 22222222.*manifest\.backup\.json from 11111111/], 'manifests of one invocation, the run results of another: a stale pair');
});

t.test("a target folder's run_results.json is compared with its manifest.json, whichever invocation wrote its docs page", async (t) => {
  // dbt docs generate --static (the page and run_results.json), then dbt parse (manifest.json): the folder's pair is stale
  const page = path.join(ROOT, 'fixtures', 'static-page-clean', 'target', 'static_index.html');
  const pageInvocation = 'c64b4858-44c8-474a-a121-8f6839fa1826';
  const parsed = target({ invocation_id: A }, { invocation_id: pageInvocation });
  copyFileSync(page, path.join(parsed, 'target', 'static_index.html'));
  t.match(await staleNotes(parsed, ['target']), [/^run_results\.json: .*from invocation c64b4858.*, manifest\.json from 11111111/]);
  const built = target({ invocation_id: A }, { invocation_id: A });
  copyFileSync(page, path.join(built, 'target', 'static_index.html'));
  t.same(await staleNotes(built, ['target']), [], 'manifest.json and run_results.json of one invocation, the page of an earlier one');
});

t.test('--max-age fails on old artifacts with exit 2', async (t) => {
  const now = new Date();
  const old = new Date(now.getTime() - 3 * 86_400_000).toISOString();
  const dir = target({ invocation_id: A, generated_at: now.toISOString() }, { invocation_id: A, generated_at: old });
  const r = await runCli(['target', '--max-age', '24h'], { cwd: dir });
  t.equal(r.code, 2);
  t.match(r.stderr, /run_results\.json: generated 3 days ago .*older than --max-age 24h/);
  t.equal((await runCli(['target', '--max-age', '4d'], { cwd: dir })).code, 0);
  const bad = await runCli(['target', '--max-age', 'yesterday'], { cwd: dir });
  t.equal(bad.code, 2);
  t.match(bad.stderr, /not a duration/);
});

t.test('durations', async (t) => {
  t.equal(parseDuration('90m'), 90 * 60_000);
  t.equal(parseDuration('1d12h'), 36 * 3_600_000);
  t.equal(parseDuration('2w'), 14 * 86_400_000);
  t.throws(() => parseDuration('12'));
  t.throws(() => parseDuration('3x'));
});
