/** Shared by the hostile-input tests: run the CLI and check that a failure is one clean line. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { runCli, type CliRun } from '../cli-run.js';
import { ROOT } from '../fixture-data.js';
import { tempDir } from '../helpers.js';

export { runCli, type CliRun };

export const BIN = path.join(ROOT, 'bin', 'dbt-tools-lint.js');

/** A fresh folder and a writer of files into it. */
export function scratch(): { dir: string; write: (name: string, content: string | Buffer) => string } {
  const dir = tempDir();
  return {
    dir,
    write: (name, content) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
  };
}

/** A stack frame, as Node prints them. */
export const STACK_FRAME = /^\s+at .+/m;

/** Exit 2, nothing on stdout, exactly one line on stderr that says `what` — and no frame, no internal error. */
export function expectInputError(t: Test, r: CliRun, what: RegExp, name = 'input error'): void {
  t.equal(r.code, 2, `${name}: exit 2`);
  t.equal(r.stdout, '', `${name}: nothing on stdout`);
  t.equal(r.stderr.split('\n').filter((l) => l !== '').length, 1, `${name}: one line on stderr`);
  t.match(r.stderr, /^dbt-tools-lint: /, `${name}: prefixed with the tool name`);
  t.match(r.stderr, what, `${name}: says what is wrong`);
  t.notMatch(r.stderr, STACK_FRAME, `${name}: no stack trace`);
  t.notMatch(r.stderr, /internal error/, `${name}: a known input problem, not a crash`);
}

/** The real binary in a subprocess, with a timeout so that a hang fails instead of blocking. */
export function runBinary(args: string[], timeoutMs = 20_000): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
