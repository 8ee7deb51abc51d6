/**
 * The command line's code cache (bin/load-cli.js, written by scripts/code-cache.mjs at build time):
 * V8 takes the one the build made; one it rejects (damaged, or made by another Node.js) or none
 * at all changes nothing but the time a start takes.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyOfCli, tempDir } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SAMPLE = path.join(ROOT, 'fixtures/jaffle-shop-leaky/target');
/** The name V8 knows the bundle by (see bin/load-cli.js). */
const SCRIPT_NAME = '@dbt-tools/lint/dist/bundle/cli.cjs';

/** What loadCli says of the cache beside the bundle under `root`. */
function cacheVerdict(root: string): string {
  const loader = pathToFileURL(path.join(root, 'bin/load-cli.js')).href;
  const code = `import { loadCli } from ${JSON.stringify(loader)}; console.log(loadCli().cache);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** The CLI's JSON report of `target` (the sample) from the copy under `root`, without its duration; its exit code and stderr. */
function report(root: string, target = SAMPLE, args: string[] = [], nodeArgs: string[] = []): { code: number | null; stderr: string; report: unknown } {
  // (an environment of its own: tap's process-info loader, passed on to children, runs a thread of its own)
  const env = { PATH: process.env.PATH };
  const r = spawnSync(process.execPath, [...nodeArgs, path.join(root, 'bin/dbt-tools-lint.js'), target, '--format', 'json', ...args], { cwd: root, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const parsed = JSON.parse(r.stdout) as { summary: Record<string, unknown> };
  delete parsed.summary.durationMs;
  return { code: r.status, stderr: r.stderr, report: parsed };
}

t.test('the build leaves a cache of the bundle that V8 takes', async (t) => {
  t.equal(cacheVerdict(ROOT), 'used');
  t.ok(readFileSync(path.join(ROOT, 'dist/bundle/cli.cjs.cache')).length > 100_000, 'with the functions a scan compiles, not only the top level');
});

t.test("stack traces name the bundle by its place in the package, with the cache or without", async (t) => {
  // V8 keeps the name a script had when its cache was made: the build's folder, not this install's
  const copy = copyOfCli('code-cache-name-');
  t.teardown(() => rmSync(copy, { recursive: true, force: true }));
  const loader = pathToFileURL(path.join(copy, 'bin/load-cli.js')).href;
  for (const useCache of [true, false]) {
    const code = `import { loadCli } from ${JSON.stringify(loader)};
      const { cli, cache } = loadCli({ useCache: ${useCache} });
      try { cli.buildParser(null); } catch (error) { console.log(cache, error.stack.split('\\n')[1].trim()); }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    t.match(r.stdout.trim(), new RegExp(`^${useCache ? 'used' : 'none'} at .*\\(${SCRIPT_NAME.replaceAll('.', '\\.')}:\\d+:\\d+\\)$`), r.stderr);
  }
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

t.test('worker threads start from the bundle and its cache, not from their own modules', async (t) => {
  const copy = copyOfCli('code-cache-workers-');
  const work = tempDir('code-cache-workers-');
  t.teardown(() => {
    rmSync(copy, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });
  // the workers' own entry modules are gone: a worker can only start from cli.cjs
  const bundled = ['parallel-worker.js', 'split-worker.js'];
  for (const name of bundled) rmSync(path.join(copy, 'dist/bundle', name));
  const findings = (r: { report: unknown }) => (r.report as { findings: { ruleId: string; fingerprint: string; jsonPath: string }[] }).findings.map((f) => `${f.ruleId} ${f.fingerprint} ${f.jsonPath}`).sort();
  const folder = report(copy);
  t.equal(folder.code, 1);

  // folders on two threads: a scan worker runs the walk from cli.cjs (a thread's CPU profile says where its functions came from)
  const runs = ['a', 'b', 'c', 'd'];
  for (const run of runs) cpSync(SAMPLE, path.join(work, 'runs', run, 'target'), { recursive: true });
  const profiles = path.join(work, 'profiles');
  const bundle = pathToFileURL(path.join(copy, 'dist/bundle')).href;
  const threads = report(copy, path.join(work, 'runs/*/target'), ['--jobs', '2'], ['--cpu-prof', '--cpu-prof-dir', profiles, '--cpu-prof-interval', '100']);
  t.equal(threads.code, 1, threads.stderr);
  t.same(findings(threads), runs.flatMap(() => findings(folder)).sort(), 'every folder scanned');
  // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread
  const scripts = readdirSync(profiles).map((file) => {
    const profile = JSON.parse(readFileSync(path.join(profiles, file), 'utf8')) as { nodes: { callFrame: { functionName: string; url: string } }[] };
    const urls = profile.nodes.filter((n) => n.callFrame.url.startsWith(bundle) || n.callFrame.url === SCRIPT_NAME).map((n) => n.callFrame);
    return { main: file.split('.')[4] === '0', scanned: urls.some((f) => f.functionName === 'scanUnit'), files: new Set(urls.map((f) => f.url)) };
  });
  t.ok(scripts.some((s) => !s.main && s.scanned), 'a worker thread scanned folders');
  t.same(new Set(scripts.flatMap((s) => [...s.files])), new Set([SCRIPT_NAME]), "with the bundle's functions only");
});

t.test('without the bundle (a checkout not built, a build under way) the command says so in one line, exit 2', async (t) => {
  const copy = copyOfCli('no-bundle-');
  t.teardown(() => rmSync(copy, { recursive: true, force: true }));
  rmSync(path.join(copy, 'dist/bundle'), { recursive: true });
  for (const args of [[SAMPLE], [SAMPLE, '--jobs', '2'], ['--version']]) {
    const r = spawnSync(process.execPath, [path.join(copy, 'bin/dbt-tools-lint.js'), ...args], { cwd: copy, encoding: 'utf8', env: { PATH: process.env.PATH } });
    t.equal(r.status, 2, `${args.join(' ')}: exit 2`);
    t.equal(r.stdout, '');
    t.match(r.stderr, /^dbt-tools-lint: cannot load the built command line dist\/bundle\/cli\.cjs: it is missing: build it with npm run build/);
    t.equal(r.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
  }
});
