/**
 * The command line leaves as soon as its report has gone out (bin/dbt-tools-lint.js), not after Node has torn its heap
 * down: what it wrote to a pipe arrives whole, however late the reader reads, and the exit code is the run's. On POSIX a
 * write to a pipe is asynchronous: what the pipe cannot hold waits in the process, and an exit that did not wait for it
 * lost the report (0 of 700 KB).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import t from 'tap';
import { ROOT } from './fixture-data.js';

const BIN = path.join(ROOT, 'bin', 'dbt-tools-lint.js');
const LEAKY = path.join(ROOT, 'fixtures', 'jaffle-shop-leaky', 'target');

/**
 * Run the command line with its stdout to a pipe that is read only after `lateSeconds` (`| (sleep N; cat)`): what the pipe
 * cannot hold waits in the process meanwhile. Its exit code is the command line's.
 */
function runReadLate(args: string[], lateSeconds: number): { code: number | null; stdout: string; stderr: string } {
  const command = [process.execPath, BIN, ...args].map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${command} | (sleep ${lateSeconds}; cat); exit \${PIPESTATUS[0]}`], {
    encoding: 'utf8',
    // (a fingerprint key: no value is hashed with scrypt, the run is short)
    env: { PATH: process.env.PATH, DBT_TOOLS_LINT_SALT: `test-key-${randomBytes(12).toString('hex')}` },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

t.test('a report larger than a pipe holds, read late, arrives whole, with the exit code of a run with findings', async (t) => {
  const json = runReadLate([LEAKY, '--format', 'json'], 2);
  t.equal(json.code, 1, json.stderr);
  t.ok(json.stdout.length > 256 * 1024, `${json.stdout.length} bytes: more than a pipe holds`);
  const report = JSON.parse(json.stdout) as { findings: unknown[] };
  t.equal(report.findings.length, 674, 'every finding');
  const text = runReadLate([LEAKY], 2);
  t.equal(text.code, 1, text.stderr);
  t.match(text.stdout, /674 findings of 260 distinct secrets[^\n]*\n$/, 'the text report to its last line');
});

t.test('a clean run leaves with exit 0, its summary whole', async (t) => {
  const clean = runReadLate([path.join(ROOT, 'fixtures', 'jaffle-shop-clean', 'target')], 1);
  t.equal(clean.code, 0, clean.stderr);
  t.match(clean.stdout, /^✔ No secrets found in 4 artifacts[^\n]*\n$/);
});
