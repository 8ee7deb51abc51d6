/**
 * Session 44 (red team 50, workflows): a report or a baseline is never written over what the run
 * scanned, --update-baseline never over a file that is no baseline, a baseline from a newer version
 * says so, and a GitHub annotation names a file with spaces and accents as it is.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';

const PAT = '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';

function project(): string {
  const dir = tempDir('s44-');
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'target', 'manifest.json'), dbtJson(manifest({}, { GITHUB_TOKEN: PAT })));
  writeFileSync(path.join(dir, 'target', 'run_results.json'), dbtJson(runResults({})));
  return dir;
}

t.test('a report or a baseline is never written over an artifact the run scanned', async (t) => {
  const dir = project();
  const before = readFileSync(path.join(dir, 'target', 'run_results.json'), 'utf8');
  for (const args of [
    ['--format', 'sarif', '--output', 'target/run_results.json'],
    ['--report', 'json=target/run_results.json'],
    ['--update-baseline', '--baseline', 'target/run_results.json'],
  ]) {
    const r = await runCli(['target', ...args], { cwd: dir });
    t.equal(r.code, 2, args.join(' '));
    t.match(r.stderr, /^dbt-tools-lint: --(?:output|report|baseline) \S*target\/run_results\.json: is an artifact this run scanned; writing there would replace it \(choose another file\)\n$/);
    t.equal(readFileSync(path.join(dir, 'target', 'run_results.json'), 'utf8'), before, 'the artifact is untouched');
  }
});

t.test('--update-baseline writes over a baseline or a new file, never over another file', async (t) => {
  const dir = project();
  writeFileSync(path.join(dir, 'package.json'), '{"name": "shop"}\n');
  const r = await runCli(['target', '--update-baseline', '--baseline', 'package.json'], { cwd: dir });
  t.equal(r.code, 2);
  t.match(r.stderr, /--baseline \S*package\.json: exists and is not a dbt-tools-lint baseline/);
  t.equal(readFileSync(path.join(dir, 'package.json'), 'utf8'), '{"name": "shop"}\n');
  t.equal((await runCli(['target', '--update-baseline', '--baseline', 'b.json'], { cwd: dir })).code, 0, 'a new file');
  t.equal((await runCli(['target', '--update-baseline', '--baseline', 'b.json'], { cwd: dir })).code, 0, 'over a baseline');
});

t.test('a baseline from a newer version says so; version 0 is no baseline', async (t) => {
  const dir = project();
  writeFileSync(path.join(dir, 'v4.json'), '{"tool": "dbt-tools-lint", "version": 4, "findings": []}');
  const newer = await runCli(['target', '--baseline', 'v4.json'], { cwd: dir });
  t.equal(newer.code, 2);
  t.match(newer.stderr, /v4\.json: a version 4 baseline, from a newer dbt-tools-lint than this one \(it reads versions 2 and 3\); upgrade, or regenerate it with --update-baseline/);
  writeFileSync(path.join(dir, 'v0.json'), '{"tool": "dbt-tools-lint", "version": 0, "findings": []}');
  const zero = await runCli(['target', '--baseline', 'v0.json'], { cwd: dir });
  t.equal(zero.code, 2);
  t.match(zero.stderr, /v0\.json: not a dbt-tools-lint baseline/);
});

t.test('a GitHub annotation names a file with spaces and accents as it is, escaped once', async (t) => {
  const dir = tempDir('s44-gh-');
  const target = path.join(dir, 'über target, v2');
  mkdirSync(target);
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({}, { GITHUB_TOKEN: PAT })));
  const r = await runCli(['über target, v2', '--format', 'github'], { cwd: dir });
  t.equal(r.code, 1);
  t.match(r.stdout, /^::error file=über target%2C v2\/manifest\.json,line=/m, 'the path as it is, its comma escaped for the property');
  t.notMatch(r.stdout, /%25C3|%C3%BC|%2520/, 'not percent-encoded');
});

t.test('a run that reads nothing still writes its report files, saying why: an old report is never left for this run', async (t) => {
  const dir = tempDir('s44-fail-');
  writeFileSync(path.join(dir, 'x.sarif'), '{"runs": [{"results": [1, 2, 3]}]}');
  writeFileSync(path.join(dir, 'x.json'), '{"findings": [1, 2, 3]}');
  const r = await runCli(['nope', '--format', 'sarif', '--output', 'x.sarif', '--report', 'json=x.json'], { cwd: dir });
  t.equal(r.code, 2);
  t.match(r.stderr, /nope: no such file or directory/);
  const sarif = JSON.parse(readFileSync(path.join(dir, 'x.sarif'), 'utf8')) as { runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
  t.same(sarif.runs[0]!.results, [], 'no results');
  t.equal(sarif.runs[0]!.invocations[0]!.executionSuccessful, false);
  t.match(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text, /nope: no such file or directory/);
  const json = JSON.parse(readFileSync(path.join(dir, 'x.json'), 'utf8')) as { exitCode: number; findings: unknown[]; errors: { message: string }[] };
  t.equal(json.exitCode, 2);
  t.same(json.findings, []);
  t.match(json.errors[0]!.message, /nope: no such file or directory/);
});

t.test('a run that reads nothing writes the formats programs read from stdout there too, failed; text stays on stderr', async (t) => {
  const dir = tempDir('s44-stdout-');
  const expect: Record<string, (out: string) => void> = {
    json: (out) => t.match(JSON.parse(out), { exitCode: 2, findings: [], errors: [{ message: /nope: no such file or directory/ }] }),
    sarif: (out) => t.match(JSON.parse(out).runs[0], { results: [], invocations: [{ executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: 'error', message: { text: /nope: no such/ } }] }] }),
    junit: (out) => {
      t.match(out, /<testsuites [^>]*errors="1"/);
      t.match(out, /<testcase classname="dbt-tools-lint" name="read: [^"]*\/nope" time="0">\n {6}<error message="[^"]*\/nope: no such file or directory[^"]*" type="unreadable"\/>/);
    },
    gitlab: (out) => t.match(JSON.parse(out).scan, { status: 'failure', messages: [{ level: 'info' }, { level: 'fatal', value: /nope: no such/ }] }),
    github: (out) => t.match(out, /^::error title=dbt-tools-lint%3A an artifact could not be read::\S*\/nope: no such file or directory/m),
    markdown: (out) => t.match(out, /could not be read/),
    text: (out) => t.equal(out, ''),
  };
  for (const [format, check] of Object.entries(expect)) {
    const r = await runCli(['nope', '--format', format], { cwd: dir });
    t.equal(r.code, 2, format);
    t.match(r.stderr, /^dbt-tools-lint: \S*nope: no such file or directory[^\n]*\n$/, `${format}: the one line on stderr`);
    check(r.stdout);
  }
});

t.test('an artifact that cannot be read fails the JUnit, GitLab and GitHub reports of what the others hold', async (t) => {
  const dir = project();
  mkdirSync(path.join(dir, 'broken'));
  writeFileSync(path.join(dir, 'broken', 'manifest.json'), '{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {');
  const junit = await runCli(['target', 'broken', '--format', 'junit'], { cwd: dir });
  t.equal(junit.code, 2);
  t.match(junit.stdout, /<failure /, "the good folder's finding");
  t.match(junit.stdout, /<testsuite [^>]*errors="1"/);
  t.match(junit.stdout, /name="read: [^"]*broken\/manifest\.json"/);
  const gitlab = await runCli(['target', 'broken', '--format', 'gitlab'], { cwd: dir });
  const report = JSON.parse(gitlab.stdout);
  t.ok(report.vulnerabilities.length > 0);
  t.equal(report.scan.status, 'failure');
  t.match(report.scan.messages[1], { level: 'fatal', value: /broken\/manifest\.json/ });
  const github = await runCli(['target', 'broken', '--format', 'github'], { cwd: dir });
  t.match(github.stdout, /^::error title=dbt-tools-lint%3A an artifact could not be read::.*broken\/manifest\.json/m);
});
