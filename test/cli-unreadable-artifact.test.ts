/**
 * Session 32: a malformed artifact (invalid JSON under the name manifest.json or sources.json) no
 * longer hides what the folder's other artifacts hold. The run still exits 2 with one clear line
 * naming the file (never its content), and the readable artifacts' findings are reported as usual
 * (session 64: and what the file cut short holds up to its cut, masked as any finding):
 * on stdout, in JSON (exitCode 2) and in SARIF (executionSuccessful false). A baseline is not
 * written from a run that could not read everything; a folder with nothing readable is one line.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';
import { STACK_FRAME } from './hostile/harness.js';

const CANARY = 'Canary-Pw-57QX31';
const PAT = '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';

/** A target folder: `name` malformed (cut short after a secret), a run_results.json that leaks a PAT. */
function folder(name: string): string {
  const target = path.join(tempDir(), 'target');
  mkdirSync(target);
  writeFileSync(path.join(target, name), dbtJson(manifest({}, { DB_PASSWORD: CANARY })).slice(0, 200));
  writeFileSync(path.join(target, 'run_results.json'), dbtJson(runResults({}, { GITHUB_TOKEN: PAT })));
  return target;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

for (const name of ['manifest.json', 'sources.json']) {
  t.test(`a malformed ${name}: exit 2, one line, and the run results still reported`, async (t) => {
    const target = folder(name);
    const r = await runCli([target]);
    t.equal(r.code, 2);
    t.equal(lines(r.stderr).length, 1, 'one line on stderr');
    t.match(r.stderr, new RegExp(`^dbt-tools-lint: .*${name.replace('.', '\\.')}: not a whole dbt artifact: invalid JSON at byte offset \\d+ \\(line 1\\): unexpected end of input \\(truncated file\\?\\); what it holds was read`));
    t.notMatch(r.stderr, STACK_FRAME);
    t.match(r.stdout, /run_results\.json[\s\S]*github-classic-pat/, "the other artifact's finding");
    t.match(r.stdout, /ghp_\*\*\*\*/);
    for (const out of [r.stdout, r.stderr]) {
      t.notMatch(out, CANARY, 'never the malformed content');
      t.notMatch(out, PAT.slice(4), 'never a secret');
    }
  });
}

t.test('JSON and SARIF say the run failed', async (t) => {
  const target = folder('manifest.json');
  const json = await runCli([target, '--json']);
  t.equal(json.code, 2);
  const report = JSON.parse(json.stdout) as { exitCode: number; errors: { message: string }[]; findings: { detectorId: string }[] };
  t.equal(report.exitCode, 2);
  t.same(report.findings.map((f) => f.detectorId), ['github-classic-pat']);
  // session 43: which artifact, and why, in the report itself (a CI step that keeps only the JSON knows)
  t.equal(report.errors.length, 1, 'one error: the malformed manifest');
  t.match(report.errors[0]!.message, /manifest\.json: not a whole dbt artifact: invalid JSON at byte offset \d+/);
  const sarif = await runCli([target, '--format', 'sarif']);
  t.equal(sarif.code, 2);
  const invocation = JSON.parse(sarif.stdout).runs[0].invocations[0];
  t.match(invocation, { executionSuccessful: false, exitCode: 2 });
  t.match(invocation.toolExecutionNotifications, [{ level: 'error', message: { text: /manifest\.json: not a whole dbt artifact: invalid JSON at byte offset \d+/ } }]);
  for (const out of [json.stdout, sarif.stdout]) t.notMatch(out, CANARY, 'never the malformed content');
});

t.test('a clean run has an empty list of errors', async (t) => {
  const target = path.join(tempDir(), 'target');
  mkdirSync(target);
  writeFileSync(path.join(target, 'run_results.json'), dbtJson(runResults({}, { GITHUB_TOKEN: PAT })));
  const report = JSON.parse((await runCli([target, '--json'])).stdout) as { errors: unknown[] };
  t.same(report.errors, []);
});

t.test('--fail-on none does not hide it', async (t) => {
  const r = await runCli([folder('manifest.json'), '--fail-on', 'none']);
  t.equal(r.code, 2);
});

t.test('no baseline is written from a run that could not read an artifact: a line says so, and the report is made as in any such run (red team 72)', async (t) => {
  const target = folder('manifest.json');
  const baseline = path.join(path.dirname(target), 'baseline.json');
  const r = await runCli([target, '--update-baseline', '--baseline', baseline]);
  t.equal(r.code, 2);
  const [notWritten, why, ...more] = lines(r.stderr);
  t.equal(notWritten, `dbt-tools-lint: --update-baseline: ${baseline}: not written, since an artifact could not be read (listed below): its findings would be taken for fixed`);
  t.match(why, /manifest\.json: not a whole dbt artifact: invalid JSON/);
  t.same(more, [], 'two lines on stderr');
  t.match(r.stdout, /run_results\.json[\s\S]*github-classic-pat/, "the readable artifact's finding, as without --update-baseline");
  t.notOk(existsSync(baseline));

  const json = await runCli([target, '--update-baseline', '--baseline', baseline, '--format', 'json']);
  t.equal(json.code, 2);
  const report = JSON.parse(json.stdout) as { exitCode: number; errors: { message: string }[]; findings: { detectorId: string }[] };
  t.match(report, { exitCode: 2, errors: [{ message: /manifest\.json: not a whole dbt artifact: invalid JSON/ }] });
  t.same(report.findings.map((f) => f.detectorId), ['github-classic-pat']);
  t.notOk(existsSync(baseline));

  // nothing readable: the failed run's report, and the same line
  const empty = path.join(tempDir(), 'target');
  mkdirSync(empty);
  writeFileSync(path.join(empty, 'manifest.json'), '{"metadata": ');
  const none = await runCli([empty, '--update-baseline', '--baseline', baseline, '--format', 'json']);
  t.equal(none.code, 2);
  t.match(JSON.parse(none.stdout), { exitCode: 2, errors: [{ message: /manifest\.json/ }], findings: [] });
  t.match(none.stderr, /--update-baseline: \S*baseline\.json: not written/);
  t.notOk(existsSync(baseline));
});

t.test('nothing readable: one line per artifact, nothing on stdout', async (t) => {
  const target = path.join(tempDir(), 'target');
  mkdirSync(target);
  writeFileSync(path.join(target, 'manifest.json'), '{"metadata": ');
  writeFileSync(path.join(target, 'sources.json'), '{"metadata": ');
  const r = await runCli([target]);
  t.equal(r.code, 2);
  t.equal(r.stdout, '');
  // (session 43: the first alone was named, and the others went unsaid)
  t.same(lines(r.stderr).map((l) => /(manifest|sources)\.json: invalid JSON/.exec(l)?.[1]).sort(), ['manifest', 'sources'], 'each file, one line each');
  const one = path.join(tempDir(), 'target');
  mkdirSync(one);
  writeFileSync(path.join(one, 'manifest.json'), '{"metadata": ');
  const single = await runCli([one]);
  t.equal(single.code, 2);
  t.equal(lines(single.stderr).length, 1, 'one file: one line, as before');
});

t.test('the readable artifacts hold no secret: the summary does not say the run is clean', async (t) => {
  const target = path.join(tempDir(), 'target');
  mkdirSync(target);
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: CANARY })).slice(0, 200));
  writeFileSync(path.join(target, 'run_results.json'), dbtJson(runResults({})));
  const text = await runCli([target]);
  t.equal(text.code, 2);
  t.notMatch(text.stdout, /✔/, 'no tick');
  t.match(text.stdout, /✖ No secrets found in the 2 artifacts .*; 1 could not be read whole \(listed below\), so the run failed/);
  const markdown = await runCli([target, '--format', 'markdown']);
  t.notMatch(markdown.stdout, /✅/);
  t.match(markdown.stdout, /## 🔴 dbt-tools-lint: 1 artifact could not be read whole/);
  const html = await runCli([target, '--format', 'html']);
  t.notMatch(html.stdout, /class="clean"/);
  t.match(html.stdout, /1 artifact could not be read whole/);
  for (const out of [text.stdout, markdown.stdout, html.stdout]) t.notMatch(out, CANARY, 'never the malformed content');
});

t.test('with findings in the readable artifacts, the summary says an artifact could not be read', async (t) => {
  const r = await runCli([folder('manifest.json')]);
  t.match(r.stdout, /✖ .* in 1 of 2 artifacts .*; 1 could not be read whole \(listed below\), so the run failed/);
});

// red team 118: invalid JSON mid-file (a bad escape, a control character, a missing comma) hid every secret before it,
// where a file cut short reported them; what comes before the error is read as a file cut there is
t.test('invalid JSON mid-file: what comes before the error is reported, then exit 2 with one line', async (t) => {
  const whole = dbtJson(manifest({ nodes: {} }, { GITHUB_TOKEN: PAT, LATER: 'x' }));
  const after = whole.indexOf(PAT) + PAT.length + 1;
  const breaks: [string, string, RegExp][] = [
    ['a bad escape', `${whole.slice(0, after)}, "BAD": "a\\qb"${whole.slice(after)}`, /invalid character or escape in string/],
    ['a missing comma', `${whole.slice(0, after)} "NO_COMMA": 1${whole.slice(after)}`, /expected ',' or '}' after a property value/],
    ['a control character', `${whole.slice(0, after)}, "CTRL": "a\u0001b"${whole.slice(after)}`, /invalid character or escape in string/],
  ];
  for (const [what, text, why] of breaks) {
    const target = path.join(tempDir(), 'target');
    mkdirSync(target);
    writeFileSync(path.join(target, 'manifest.json'), text);
    const r = await runCli([target]);
    t.equal(r.code, 2, what);
    t.match(r.stdout, /github-classic-pat[\s\S]*ghp_\*\*\*\*/, `${what}: the token before it`);
    t.equal(lines(r.stderr).length, 1, `${what}: one line`);
    t.match(r.stderr, why);
    t.notMatch(r.stdout + r.stderr, PAT.slice(4), `${what}: never the secret`);
  }
});
