/**
 * Arguments read as written (cli.ts, markLiterals; red team 118): what follows `--` is a path, and an argument that looks
 * like an option but names a file that exists is that file. pre-commit puts the staged files after the hook's own
 * arguments, with no `--` between: a committed file named `--help`, `--version` or `--fail-on=none` turned the gate off
 * (exit 0), and `args: ["--"]`, the usual defence, dropped the files instead (`--` and all after it were ignored, and
 * ./target scanned in their place).
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { CLEAN, LEAKY } from './fixture-data.js';
import { tempDir } from './helpers.js';

const leaky = path.join(LEAKY, 'target');

t.test('after --, a path: the leaky folder is scanned, not ./target', async (t) => {
  // (the clean project's own target/ is what a dropped path fell back to: exit 0)
  const r = await runCli(['--', leaky], { cwd: CLEAN });
  t.equal(r.code, 1);
  t.match(r.stdout, /env-metadata\/secret-key-name/);
  // an option after it is a path too: one that names nothing is exit 2, not an option taken
  const after = await runCli(['--fail-on', 'error', '--', leaky, '-f', 'json'], { cwd: CLEAN });
  t.equal(after.code, 2);
  t.match(after.stderr, /-f: no such file or directory/);
  t.notMatch(after.stderr, /\u0000/);
});

t.test('check-staged: a staged file named like an option is a file, and the gate still fails', async (t) => {
  const dir = tempDir();
  copyFileSync(path.join(leaky, 'manifest.json'), path.join(dir, 'prod-manifest.json'));
  for (const name of ['--help', '--version', '--fail-on=none']) {
    writeFileSync(path.join(dir, name), '');
    for (const forbid of [[], ['--forbid-artifacts']]) {
      const r = await runCli(['check-staged', ...forbid, 'prod-manifest.json', name], { cwd: dir });
      t.equal(r.code, 1, `${forbid.join(' ')} with ${name}: exit 1`);
      t.notMatch(r.stdout, /^0\.\d|Options:/m, `${name}: neither the version nor the help`);
    }
  }
  // as pre-commit runs it with `args: ["--"]`: the files after it are read
  const dashed = await runCli(['check-staged', '--', 'prod-manifest.json', '--help'], { cwd: dir });
  t.equal(dashed.code, 1);
  t.match(dashed.stdout, /prod-manifest\.json/);
});

t.test("a scan's path named like an option is scanned as a file; an option that names no file is an option", async (t) => {
  const dir = tempDir();
  mkdirSync(path.join(dir, '--version'));
  for (const name of readdirSync(leaky)) if (name.endsWith('.json')) copyFileSync(path.join(leaky, name), path.join(dir, '--version', name));
  const r = await runCli(['--version'], { cwd: dir });
  t.equal(r.code, 1, 'the folder named --version is scanned');
  t.match(r.stdout, /env-metadata\/secret-key-name/);
  const help = await runCli(['--help'], { cwd: dir });
  t.equal(help.code, 0);
  t.match(help.stdout, /Exit codes/);
});

t.test('redact: its paths after --', async (t) => {
  const out = path.join(tempDir(), 'out');
  const r = await runCli(['redact', '--out', out, '--', leaky]);
  t.equal(r.code, 0, r.stderr);
  t.ok(readdirSync(out).includes('manifest.json'));
});
