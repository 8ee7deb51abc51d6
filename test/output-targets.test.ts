/**
 * Where a report goes when it is no plain new file (red team 63): a full device is exit 2 with one line, never a stack
 * trace or the exit code of a run that wrote nothing; a FIFO or a device is written in place (renamed over as root,
 * `-o /dev/full` had become a regular file); a symlink keeps leading where it led, and the file there gets the report.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { ROOT } from './fixture-data.js';
import { tempDir } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'dbt-tools-lint.js');
const CLEAN = path.join(ROOT, 'fixtures', 'jaffle-shop-clean', 'target');
const LEAKY = path.join(ROOT, 'fixtures', 'jaffle-shop-leaky', 'target');

function lint(args: string[], stdout: number | 'pipe' = 'pipe') {
  const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr };
}

const full = existsSync('/dev/full') && statSync('/dev/full').isCharacterDevice();

t.test('a report that cannot be written (a full device): exit 2 and one line, clean or not', { skip: !full && 'no /dev/full here' }, async (t) => {
  for (const target of [CLEAN, LEAKY]) {
    const fd = openSync('/dev/full', 'w');
    const toStdout = lint([target, '--format', 'json'], fd);
    closeSync(fd);
    t.equal(toStdout.code, 2, `${path.basename(path.dirname(target))} > /dev/full`);
    t.equal(toStdout.stderr, 'dbt-tools-lint: cannot write the report to stdout (ENOSPC)\n');
    const toFile = lint([target, '--format', 'sarif', '--output', '/dev/full']);
    t.equal(toFile.code, 2);
    t.equal(toFile.stderr, 'dbt-tools-lint: --output /dev/full: cannot write the file (ENOSPC)\n');
    t.ok(statSync('/dev/full').isCharacterDevice(), 'the device is still one');
  }
});

t.test('a FIFO is written in place, not replaced by a file', async (t) => {
  const dir = tempDir('out-fifo-');
  const fifo = path.join(dir, 'report.fifo');
  spawnSync('mkfifo', [fifo]);
  // a reader first (without blocking), so that the writer's open does not wait for one
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const r = lint([CLEAN, '--format', 'json', '--output', fifo]);
  const buffer = Buffer.alloc(1 << 16);
  const n = readSync(reader, buffer, 0, buffer.length, null);
  closeSync(reader);
  t.equal(r.code, 0, r.stderr);
  t.ok(lstatSync(fifo).isFIFO(), 'still a FIFO');
  t.match(JSON.parse(buffer.toString('utf8', 0, n)), { summary: { findings: 0 } }, 'the report came through it');
});

t.test('a symlink keeps leading to its file, which gets the report', async (t) => {
  const dir = tempDir('out-link-');
  mkdirSync(path.join(dir, 'reports'));
  const real = path.join(dir, 'reports', 'lint.json');
  writeFileSync(real, '{}');
  const link = path.join(dir, 'latest.json');
  symlinkSync(path.join('reports', 'lint.json'), link);
  const r = lint([CLEAN, '--format', 'json', '--output', link]);
  t.equal(r.code, 0, r.stderr);
  t.ok(lstatSync(link).isSymbolicLink(), 'still a link');
  t.equal(readlinkSync(link), path.join('reports', 'lint.json'));
  t.match(JSON.parse(readFileSync(real, 'utf8')), { summary: { findings: 0 } }, 'the file it leads to has the report');
});
