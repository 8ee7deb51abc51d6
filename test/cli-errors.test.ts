/** The CLI's error paths: one clear line on stderr, exit 2, never exit 0 on nothing, never a stack. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { main, type CliIO } from '../src/cli.js';
import { dbtJson, manifest, tempDir } from './helpers.js';
import { ROOT } from './fixture-data.js';

export async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env, isTTY: false, cwd: process.cwd() };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const CANARY = 'Canary-Pw-93ZZ17';

t.test('input errors exit 2 with one line naming the file', async (t) => {
  const dir = tempDir();
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const cases: [string, string, RegExp][] = [
    ['missing path', path.join(dir, 'nope'), /no such file or directory/],
    ['empty file', write('empty.json', ''), /empty file/],
    ['truncated JSON', write('trunc.json', dbtJson(manifest({}, { DB_PASSWORD: CANARY })).slice(0, 120)), /invalid JSON at byte offset \d+ .*end of input/],
    ['syntax error next to a secret', write('bad.json', `{"metadata": {"env": {"DB_PASSWORD": "${CANARY}" oops}}}`), /invalid JSON at byte offset \d+/],
    ['not a dbt artifact', write('package.json', '{"name": "x", "version": "1.0.0"}'), /not a dbt artifact/],
    ['merge-conflict markers', write('conflict.json', '{\n<<<<<<< HEAD\n"a": 1\n=======\n"a": 2\n>>>>>>> branch\n}'), /merge-conflict markers \(line 2\)/],
    ['binary data', write('bin.json', Buffer.from([0x7b, 0x00, 0x01, 0x02])), /binary data|UTF-16/],
    ['UTF-16', write('u16.json', Buffer.from('\ufeff{"a": 1}', 'utf16le')), /UTF-16/],
    ['invalid UTF-8', write('bad-utf8.json', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), /invalid UTF-8 at byte offset 6/],
    ['a directory without artifacts', path.join(dir, 'emptydir'), /no dbt artifact found/],
    ['a glob that matches nothing', path.join(dir, 'runs/*/target'), /does not exist|matched no file/],
  ];
  mkdirSync(path.join(dir, 'emptydir'));
  for (const [name, input, message] of cases) {
    const r = await run([input]);
    t.equal(r.code, 2, `${name}: exit 2`);
    t.match(r.stderr, message, `${name}: says what is wrong`);
    t.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
    t.notMatch(r.stderr, /\n\s+at /, `${name}: no stack trace`);
    t.notMatch(r.stderr + r.stdout, CANARY, `${name}: no secret echoed`);
  }
});

t.test("a bucket's root, its runs two folders down: exit 2, naming the ** glob, which scans them all (red team 152)", async (t) => {
  const bucket = path.join(tempDir(), 'runs');
  for (const date of ['2026-11-20', '2026-11-21']) {
    mkdirSync(path.join(bucket, date, 'build', 'target'), { recursive: true });
    writeFileSync(path.join(bucket, date, 'build', 'target', 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  }
  const r = await run([bucket]);
  t.equal(r.code, 2);
  t.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  t.match(r.stderr, /no dbt artifact found .*; its subfolders' subfolders hold runs: to scan them all, pass a glob such as '[^']*\/runs\/\*\*'/);
  const glob = /such as '([^']+)'/.exec(r.stderr)![1]!;
  const scanned = await run([glob, '--format', 'json']);
  t.equal(scanned.code, 1, scanned.stderr);
  t.equal(JSON.parse(scanned.stdout).summary.filesScanned, 2);
});

t.test('a folder of runs is not scanned whole: exit 2, naming the glob that would scan it', async (t) => {
  const archive = path.join(tempDir(), 'archive');
  for (const run of ['2026-01-01', '2026-01-02', '2026-01-03']) {
    mkdirSync(path.join(archive, run, 'target'), { recursive: true });
    writeFileSync(path.join(archive, run, 'target', 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  }
  mkdirSync(path.join(archive, 'notes'));
  const r = await run([archive]);
  t.equal(r.code, 2);
  t.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  t.match(r.stderr, /no dbt artifact found .*; 3 of its subfolders hold artifacts: to scan them all, pass a glob such as '[^']*\/archive\/\*\/target'/);
  // and the glob it names scans them all
  const glob = /such as '([^']+)'/.exec(r.stderr)![1]!;
  const scanned = await run([glob, '--format', 'json']);
  t.equal(scanned.code, 1);
  t.equal(JSON.parse(scanned.stdout).summary.filesScanned, 3);
  // runs whose artifacts sit directly in the run folder, a README beside them
  const flat = path.join(tempDir(), 'flat');
  for (const name of ['run-1', 'run-2']) {
    mkdirSync(path.join(flat, name), { recursive: true });
    writeFileSync(path.join(flat, name, 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  }
  // (a third kept under a name of its own, as a collection of artifacts names them: counted and scanned too)
  mkdirSync(path.join(flat, 'run-3'));
  writeFileSync(path.join(flat, 'run-3', 'manifest_v12_dbt1.9.json'), dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  writeFileSync(path.join(flat, 'README.md'), '# Runs kept for the audit\n');
  const hint = (await run([flat])).stderr;
  t.match(hint, /3 of its subfolders hold artifacts: .*'[^']*\/flat\/\*\/'$/m);
  // the folders only: the README is not read as an artifact
  const folders = await run([/such as '([^']+)'/.exec(hint)![1]!, '--format', 'json']);
  t.equal(folders.code, 1, folders.stderr);
  t.equal(JSON.parse(folders.stdout).summary.filesScanned, 3);
  // `flat/*` matches the README too: not read (no artifact is Markdown), and said so
  const all = await run([path.join(flat, '*'), '--format', 'json']);
  t.equal(all.code, 1, all.stderr);
  t.equal(JSON.parse(all.stdout).summary.filesScanned, 3);
  t.match(all.stderr, /one file the glob matched is not read, as no artifact has its file type \([^)]*README\.md\)/);
  // a glob that matches only such files finds nothing: exit 2
  const none = await run([path.join(flat, '*.md')]);
  t.equal(none.code, 2);
  t.match(none.stderr, /the glob matched one file \([^)]*README\.md\) and no artifact/);
});

t.test('no PATH and no ./target is exit 2 naming where it looked', async (t) => {
  const r = await run(['--dbt-target', '/nonexistent/target']);
  t.equal(r.code, 2);
  t.match(r.stderr, /\/nonexistent\/target/);
});

t.test('DBT_TARGET_PATH is the default target', async (t) => {
  const r = await run([], { DBT_TARGET_PATH: '/nonexistent/from-env' });
  t.equal(r.code, 2);
  t.match(r.stderr, /from-env/);
});

t.test('usage errors exit 2', async (t) => {
  const r = await run(['--format', 'xml', '.']);
  t.equal(r.code, 2);
  t.match(r.stderr, /format/);
  const unknown = await run(['--no-such-flag', '.']);
  t.equal(unknown.code, 2);
});

// A value the run would have guessed at (red team 90): an option of one value given twice (the last won: an appended
// `--fail-on none` turned the gate off), an empty one (an unset variable: `--output ""` wrote to stdout, `--baseline ""`
// ended in an internal error), a missing one (`--baseline -q` ran with no baseline). Each one line, exit 2, no scan.
t.test('an option given twice, empty or without its value: exit 2, one line naming it', async (t) => {
  const leaky = path.join(ROOT, 'fixtures', 'jaffle-shop-leaky', 'target');
  const cases: [string[], RegExp][] = [
    [['--fail-on', 'error', '--fail-on', 'none'], /^dbt-tools-lint: --fail-on is given 2 times \(error, none\): give it once\n$/],
    [['--fail-on=error', '--fail-on', 'none'], /--fail-on is given 2 times/],
    [['-o', 'a.txt', '--output', 'b.txt'], /--output is given 2 times/],
    [['--jobs', '1', '--jobs', '2'], /--jobs is given 2 times/],
    [['--baseline', ''], /^dbt-tools-lint: --baseline is empty: give it a value/],
    [['--update-baseline', '--baseline', ''], /--baseline is empty/],
    [['--format', 'sarif', '--output', ''], /--output is empty/],
    [['--config', ''], /--config is empty/],
    [['--baseline', '-q'], /^dbt-tools-lint: Not enough arguments following: baseline\n$/],
    [['-c', '-q'], /Not enough arguments following: c/],
    [['--project-dir'], /Not enough arguments following: project-dir/],
    // (red team 118: `--format` alone printed text, exit 0; `--fail-on` alone said `Given: true`)
    [['--format'], /^dbt-tools-lint: Not enough arguments following: format\n$/],
    [['-f', '-q'], /Not enough arguments following: f/],
    [['--fail-on'], /^dbt-tools-lint: Not enough arguments following: fail-on\n$/],
    [['--group-by'], /Not enough arguments following: group-by/],
    [['--sarif-primary'], /Not enough arguments following: sarif-primary/],
    [['--dbt-target'], /Not enough arguments following: dbt-target/],
  ];
  for (const [args, message] of cases) {
    const r = await run([leaky, ...args]);
    t.equal(r.code, 2, args.join(' '));
    t.match(r.stderr, message, `${args.join(' ')}: ${r.stderr.trim()}`);
    t.equal(r.stderr.split('\n').length, 2, 'one line');
    t.equal(r.stdout, '', 'no report');
  }
  // a repeatable option stays repeatable
  const reports = tempDir();
  const twice = await run([leaky, '-q', '--report', `json=${path.join(reports, 'a.json')}`, '--report', `markdown=${path.join(reports, 'b.md')}`]);
  t.equal(twice.code, 1, '--report twice: a run');
  // a hidden option (--now, for tests) is never suggested
  const typo = await run([leaky, '--nw']);
  t.equal(typo.code, 2);
  t.notMatch(typo.stderr, /--now/, typo.stderr.trim());
});

t.test('an unwritable --output fails before scanning', async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({})));
  const r = await run([dir, '--output', '/nonexistent/dir/out.sarif']);
  t.equal(r.code, 2);
  t.match(r.stderr, /--output/);
});

t.test('--help and --version exit 0', async (t) => {
  const help = await run(['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /Exit codes/);
  const version = await run(['--version']);
  t.equal(version.code, 0);
  t.match(version.stdout, /^\d+\.\d+\.\d+/);
});

t.test('a config file or a baseline that is a FIFO, a device or a folder: exit 2, one line, no wait and no read to the end (red team 63)', async (t) => {
  const dir = tempDir();
  const fifo = path.join(dir, 'settings.fifo');
  execFileSync('mkfifo', [fifo]);
  const target = path.join(ROOT, 'fixtures', 'jaffle-shop-clean', 'target');
  const cases: [string[], RegExp][] = [
    [['-c', fifo], /settings\.fifo: not a regular file \(FIFO, socket or device\), expected the config file$/],
    // (/dev/zero read as a config grew to 16 GB, then aborted)
    [['-c', '/dev/zero'], /^dbt-tools-lint: \/dev\/zero: not a regular file .*, expected the config file$/],
    [['-c', dir], /is a directory, expected the config file$/],
    [['--baseline', fifo], /settings\.fifo: not a regular file .*, expected a baseline$/],
    [['--baseline', '/dev/zero'], /\/dev\/zero: not a regular file .*, expected a baseline$/],
    [['--baseline', fifo, '--update-baseline'], /--baseline .*settings\.fifo: not a regular file .*; --update-baseline writes a baseline file$/],
  ];
  for (const [args, message] of cases) {
    const r = await run([target, ...args]);
    t.equal(r.code, 2, args.join(' '));
    t.equal(r.stderr.trimEnd().split('\n').length, 1, `${args.join(' ')}: one line`);
    t.match(r.stderr.trimEnd(), message, args.join(' '));
  }
});

// A gate does not pass on an artifact it did not read (red team 90: the warning alone, exit 0, no error in JSON or SARIF)
t.test('a dbt artifact behind a symlink out of the folder, beside others: exit 2, in the JSON errors; --follow-symlinks reads it', async (t) => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'target'));
  mkdirSync(path.join(dir, 'state'));
  writeFileSync(path.join(dir, 'state', 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  writeFileSync(path.join(dir, 'target', 'catalog.json'), dbtJson({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.9.0', generated_at: '2025-01-01T00:00:00Z', invocation_id: null, env: {} }, nodes: {}, sources: {}, errors: null }));
  symlinkSync(path.join('..', 'state', 'manifest.json'), path.join(dir, 'target', 'manifest.json'));
  const r = await run([path.join(dir, 'target'), '--format', 'json']);
  t.equal(r.code, 2, 'exit 2');
  const report = JSON.parse(r.stdout) as { exitCode: number; errors: { message: string }[] };
  t.equal(report.exitCode, 2);
  t.match(report.errors, [{ message: /manifest\.json: not read: a symlink that leads outside the folder scanned; pass --follow-symlinks/ }]);
  t.notMatch(r.stderr + r.stdout, CANARY);
  // a link under another name stays a warning
  const other = tempDir();
  mkdirSync(path.join(other, 'target'));
  cpSync(path.join(dir, 'target', 'catalog.json'), path.join(other, 'target', 'catalog.json'));
  writeFileSync(path.join(other, 'notes.json'), '{"a": 1}');
  symlinkSync(path.join('..', 'notes.json'), path.join(other, 'target', 'notes.json'));
  t.equal((await run([path.join(other, 'target')])).code, 0, 'a link to a file of no dbt name: exit 0');
  const followed = await run([path.join(dir, 'target'), '--follow-symlinks', '-q']);
  t.equal(followed.code, 1, '--follow-symlinks: read, its secret found');
});

t.test('a folder whose only artifact is a symlink leading outside it: exit 2, the warning and why nothing was read (red team 63)', async (t) => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'target'));
  mkdirSync(path.join(dir, 'shared'));
  writeFileSync(path.join(dir, 'shared', 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  symlinkSync(path.join('..', 'shared', 'manifest.json'), path.join(dir, 'target', 'manifest.json'));
  const r = await run([path.join(dir, 'target')]);
  t.equal(r.code, 2);
  const lines = r.stderr.trimEnd().split('\n');
  t.match(lines, [/warning: .*manifest\.json: skipped, a symlink that leads outside/, /target: no dbt artifact left to read: every file found was skipped \(see the warning above\)$/]);
  t.notMatch(r.stderr, /internal error/);
  t.notMatch(r.stderr + r.stdout, CANARY);
});
