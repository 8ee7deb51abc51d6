/**
 * The command line's code cache (bin/load-cli.js, written by scripts/code-cache.mjs at build time):
 * V8 takes the one the build made; one it rejects (damaged, or made by another Node.js) or none
 * at all changes nothing but the time a start takes.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyOfCli } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SAMPLE = path.join(ROOT, 'fixtures/jaffle-shop-leaky/target');

/** What loadCli says of the cache beside the bundle under `root`. */
function cacheVerdict(root: string): string {
  const loader = pathToFileURL(path.join(root, 'bin/load-cli.js')).href;
  const code = `import { loadCli } from ${JSON.stringify(loader)}; console.log(loadCli().cache);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** The CLI's JSON report of the sample from the copy under `root`, without its duration; its exit code and stderr. */
function report(root: string): { code: number | null; stderr: string; report: unknown } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/dbt-tools-lint.js'), SAMPLE, '--format', 'json'], { cwd: root, encoding: 'utf8' });
  const parsed = JSON.parse(r.stdout) as { summary: Record<string, unknown> };
  delete parsed.summary.durationMs;
  return { code: r.status, stderr: r.stderr, report: parsed };
}

t.test('the build leaves a cache of the bundle that V8 takes', async (t) => {
  t.equal(cacheVerdict(ROOT), 'used');
  t.ok(readFileSync(path.join(ROOT, 'dist/bundle/cli.cjs.cache')).length > 100_000, 'with the functions a scan compiles, not only the top level');
});

t.test('a damaged cache, or none, gives the same report', async (t) => {
  const copy = copyOfCli('code-cache-');
  t.teardown(() => rmSync(copy, { recursive: true, force: true }));
  const cache = path.join(copy, 'dist/bundle/cli.cjs.cache');
  const good = report(copy);
  t.equal(good.code, 1, 'the sample has findings');
  t.equal(good.stderr, '');

  const bytes = readFileSync(cache);
  // a flipped byte in the middle: release builds of V8 check no checksum of a cache, the digest does
  const middle = bytes.length >> 1;
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
  writeFileSync(cache, bytes);
  t.equal(cacheVerdict(copy), 'rejected', 'a damaged cache is rejected');
  t.same(report(copy), good, 'and the report is the same');
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);

  writeFileSync(cache, bytes.subarray(0, 100));
  t.equal(cacheVerdict(copy), 'rejected', 'so is a cut one');
  t.same(report(copy), good);

  // V8 knows a script's source by its length only: a bundle of the same length is another one
  writeFileSync(cache, bytes);
  t.equal(cacheVerdict(copy), 'used', 'the whole cache is taken again');
  const bundle = path.join(copy, 'dist/bundle/cli.cjs');
  const source = readFileSync(bundle, 'utf8');
  writeFileSync(bundle, `${source.slice(0, -1)} `);
  t.equal(cacheVerdict(copy), 'rejected', 'but not for a bundle of the same length with other text');
  writeFileSync(bundle, source);

  rmSync(cache);
  t.equal(cacheVerdict(copy), 'none', 'no cache: nothing to reject');
  t.same(report(copy), good);
});
