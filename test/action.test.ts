/**
 * The composite GitHub Action: its scan step runs with `npx` replaced by the local build, and must
 * write SARIF, record the exit code, print annotations, and let the last step fail the job.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { parse } from 'yaml';
import { ROOT } from './fixture-data.js';
import { tempDir } from './helpers.js';

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };

function runScanStep(inputs: Record<string, string>) {
  const dir = tempDir('action-');
  const output = path.join(dir, 'github_output');
  const summary = path.join(dir, 'step_summary');
  writeFileSync(output, '');
  writeFileSync(summary, '# earlier steps wrote this\n');
  const step = action.runs.steps.find((s) => s.id === 'scan')!;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
  for (const [name, expr] of Object.entries(step.env!)) {
    const input = /inputs\.([a-z-]+)/.exec(expr)![1]!;
    env[name] = inputs[input] ?? action.inputs[input]!.default;
  }
  // npx --yes @dbt-tools/lint@VERSION ARGS… → node bin/dbt-tools-lint.js ARGS…, each run counted
  const runs = path.join(dir, 'runs');
  const shim = `npx() { echo run >> ${JSON.stringify(runs)}; shift 2; node ${JSON.stringify(path.join(ROOT, 'bin', 'dbt-tools-lint.js'))} "$@"; }\n`;
  const r = spawnSync('bash', ['-c', shim + step.run!], { cwd: ROOT, env, encoding: 'utf8' });
  const scans = existsSync(runs) ? readFileSync(runs, 'utf8').split('\n').filter(Boolean).length : 0;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8'), dir, scans };
}

t.test('the action is composite, pins the package version and uploads with codeql-action', async (t) => {
  t.equal(action.runs.using, 'composite');
  t.equal(action.inputs.version!.default, JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  t.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
  const last = action.runs.steps.at(-1)!;
  t.match(last.run, /exit "\$CODE"/);
});

t.test('a leaky target: SARIF written, exit code 1 recorded, annotations printed, step itself passes', async (t) => {
  const sarif = path.join(tempDir('sarif-'), 'out.sarif');
  const r = runScanStep({ paths: 'fixtures/jaffle-shop-leaky/target', 'sarif-file': sarif });
  t.equal(r.status, 0, r.stderr);
  t.equal(r.scans, 1, 'one scan writes the SARIF, the annotations and the summary');
  t.match(r.outputs, /^exit-code=1$/m);
  t.equal(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].automationDetails.id, 'dbt-artifacts/');
  t.match(r.stdout, /^::error file=/m);
  t.match(r.summary, /^# earlier steps wrote this\n## .*dbt-tools-lint: \d+ findings of \d+ distinct secrets/, 'the markdown report appended to the job summary');
  t.match(r.summary, /### Rotation checklist/);
});

t.test('job-summary false writes no summary; a missing target writes none either', async (t) => {
  const sarif = path.join(tempDir('sarif-'), 'out.sarif');
  t.equal(action.inputs['job-summary']!.default, 'true', 'on by default');
  const off = runScanStep({ paths: 'fixtures/jaffle-shop-leaky/target', 'sarif-file': sarif, 'job-summary': 'false' });
  t.match(off.outputs, /^exit-code=1$/m);
  t.equal(off.summary, '# earlier steps wrote this\n');
  t.equal(runScanStep({ paths: 'no/such/target', 'sarif-file': sarif }).summary, '# earlier steps wrote this\n');
});

t.test('a clean target records 0; a missing one records 2', async (t) => {
  const sarif = path.join(tempDir('sarif-'), 'out.sarif');
  t.match(runScanStep({ paths: 'fixtures/jaffle-shop-clean/target', 'sarif-file': sarif }).outputs, /^exit-code=0$/m);
  const missing = runScanStep({ paths: 'no/such/target', 'sarif-file': sarif });
  t.match(missing.outputs, /^exit-code=2$/m);
  t.match(missing.stderr, /no such file or directory/);
});

t.test("an empty category scans without one (an empty option's value is a usage error: red team 91)", async (t) => {
  const sarif = path.join(tempDir('sarif-'), 'out.sarif');
  const r = runScanStep({ paths: 'fixtures/jaffle-shop-leaky/target', 'sarif-file': sarif, category: '' });
  t.match(r.outputs, /^exit-code=1$/m, r.stderr);
  t.notOk(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].automationDetails, 'no category in the SARIF');
});

t.test('inputs with shell metacharacters are not executed', async (t) => {
  const sarif = path.join(tempDir('sarif-'), 'out.sarif');
  const r = runScanStep({ paths: 'fixtures/jaffle-shop-clean/target', 'fail-on': '$(touch /tmp/pwned-by-action)', 'sarif-file': sarif });
  t.match(r.outputs, /^exit-code=2$/m, 'a bad --fail-on value is a usage error, not a command');
});
