/**
 * --output is atomic: a reader sees the old report or the complete new one, never half of it; no
 * temporary file is left behind; an unwritable path fails (exit 2) before any artifact is read.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { FORMATTERS, type Formatter } from '../../src/formatters/index.js';
import { dbtJson, manifest } from '../helpers.js';
import { BIN, expectInputError, runCli, scratch } from './harness.js';

const OLD = 'the previous report\n';

/** A target whose report is a few MB: many findings (of 30 distinct passwords: each distinct one costs a slow hash). */
function bigTarget(): string {
  const { dir, write } = scratch();
  const env = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`SVC${i}_PASSWORD`, `Pw-${i % 30}-x7Kq9mZt3Lv`]));
  write('manifest.json', dbtJson(manifest({}, env)));
  return dir;
}

t.test('a reader sees the old report or the complete new one, never a part', async (t) => {
  const target = bigTarget();
  const { dir } = scratch();
  const out = path.join(dir, 'report.json');
  writeFileSync(out, OLD);
  const child = spawn(process.execPath, [BIN, target, '--format', 'json', '--output', out], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let done = false;
  void exited.then(() => (done = true));
  let reads = 0;
  let partial = 0;
  while (!done) {
    const seen = readFileSync(out, 'utf8');
    reads++;
    if (seen !== OLD) {
      try {
        JSON.parse(seen);
      } catch {
        partial++;
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  t.equal(await exited, 1);
  t.equal(partial, 0, `no partial report in ${reads} reads`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  t.equal(report.findings.length, 3000, 'the complete new report');
  t.same(readdirSync(dir), ['report.json'], 'no temporary file left behind');
});

/** With the SARIF formatter replaced by `broken`: exit 2, an internal error, the old report kept, no temporary file. */
async function crashLeavesOldReport(t: Test, broken: Formatter): Promise<void> {
  const formatters = FORMATTERS as unknown as Record<string, Formatter>;
  const original = formatters.sarif!;
  formatters.sarif = broken;
  t.teardown(() => void (formatters.sarif = original));
  const { dir } = scratch();
  const out = path.join(dir, 'dbt.sarif');
  writeFileSync(out, OLD);
  const r = await runCli([bigTarget(), '--format', 'sarif', '--output', out]);
  t.equal(r.code, 2);
  t.match(r.stderr, /internal error/);
  t.equal(readFileSync(out, 'utf8'), OLD);
  t.same(readdirSync(dir), ['dbt.sarif']);
}

t.test('a crash while formatting leaves the old report and no temporary file', (t) =>
  crashLeavesOldReport(t, () => {
    throw new Error('formatter bug');
  }),
);

t.test('a crash halfway through a report written in pieces leaves the old report and no temporary file', (t) =>
  crashLeavesOldReport(
    t,
    Object.assign(() => '', {
      *chunks() {
        yield 'x'.repeat(3 << 20); // more than one written block
        throw new Error('formatter bug');
      },
    }),
  ),
);

t.test('a report that cannot be put in place: exit 2, no temporary file', async (t) => {
  const { dir } = scratch();
  const out = path.join(dir, 'report.json');
  mkdirSync(out);
  writeFileSync(path.join(out, 'keep'), 'x');
  const r = await runCli([bigTarget(), '--format', 'json', '--output', out]);
  expectInputError(t, r, /--output .*report\.json: cannot write the file/);
  t.same(readdirSync(dir), ['report.json']);
  t.same(readdirSync(out), ['keep'], 'the directory in the way is untouched');
});

t.test('an unwritable --output fails before scanning', async (t) => {
  // The PATH is broken too: the error names --output, so the path was checked first.
  const missing = path.join(scratch().dir, 'no-target');
  const r = await runCli([missing, '--output', '/nonexistent/dir/out.sarif']);
  expectInputError(t, r, /--output \/nonexistent\/dir\/out\.sarif: cannot write there/);
  const baseline = await runCli([missing, '--update-baseline', '--baseline', '/nonexistent/dir/baseline.json']);
  expectInputError(t, baseline, /--baseline \/nonexistent\/dir\/baseline\.json: cannot write there/);
});

t.test('an --output in a read-only directory fails before scanning', { skip: process.getuid?.() === 0 && 'running as root: permissions do not apply' }, async (t) => {
  const { dir } = scratch();
  chmodSync(dir, 0o555);
  t.teardown(() => chmodSync(dir, 0o755));
  const r = await runCli([path.join(dir, 'no-target'), '--output', path.join(dir, 'out.json')]);
  expectInputError(t, r, /--output .*out\.json: cannot write there/);
});
