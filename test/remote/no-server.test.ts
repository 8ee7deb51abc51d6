/**
 * Remote roots where no server is needed: each SDK is an optional peer, so a missing one is one
 * line naming the package to install (exit 2), while local scans need none; Azure without an
 * account; gs:// pointed at a port where nothing listens (no GCS emulator runs offline: see the
 * README); the audit flags' usage errors. The CLI runs from a copy of the bundle with no
 * node_modules above it, in that folder, as after `npm i @dbt-tools/lint` without the SDKs.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, ROOT, runCli } from './servers.js';
import { copyOfCli, tempDir } from '../helpers.js';

t.setTimeout(180_000);
const copy = copyOfCli('lint-without-sdks-');
t.teardown(() => rmSync(copy, { recursive: true, force: true }));
const runCopy = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [path.join(copy, 'bin/dbt-tools-lint.js'), ...args], { cwd: copy, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 60_000 });

t.test('a missing SDK is one line naming the package to install; local scans need none', async (t) => {
  const local = runCopy([path.join(ROOT, 'fixtures/jaffle-shop-leaky/target'), '-q']);
  t.equal(local.status, 1, local.stderr);
  for (const [url, pkg] of [
    ['s3://acme-dbt/runs/*/target', '@aws-sdk/client-s3'],
    ['gs://acme-dbt/runs/1/target', '@google-cloud/storage'],
    ['az://acme-dbt/runs/1/target', '@azure/storage-blob'],
  ] as const) {
    const r = runCopy([url], { AZURE_STORAGE_ACCOUNT: 'acme' });
    t.equal(r.status, 2, url);
    t.equal(r.stderr, `dbt-tools-lint: ${url}: reading ${url.slice(0, 2)}:// URLs needs ${pkg}, an optional dependency: npm i -D ${pkg}\n`);
  }
});

t.test('az:// with neither a connection string nor an account says which to set', async (t) => {
  const r = runCli(['az://acme-dbt/runs/1/target'], {});
  t.equal(r.code, 2);
  t.match(r.stderr, /^dbt-tools-lint: az:\/\/acme-dbt\/runs\/1\/target: set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT .*\n$/);
});

t.test('gs:// with STORAGE_EMULATOR_HOST at a closed port: the SDK retries, then one line, exit 2', async (t) => {
  const port = await freePort();
  const r = runCli(['gs://acme-dbt/runs/1/target'], { STORAGE_EMULATOR_HOST: `http://127.0.0.1:${port}` }, undefined, 120_000);
  t.equal(r.code, 2, r.stderr);
  t.equal(r.stderr, 'dbt-tools-lint: gs://acme-dbt/runs/1/target: GCS ECONNREFUSED — the connection failed\n');
});

t.test('URLs and audit flags that make no sense are usage errors', async (t) => {
  for (const [args, message] of [
    [['s3:///runs/target'], /s3:\/\/\/runs\/target: no bucket name/],
    [['fixtures/jaffle-shop-leaky/target', '--shard', '0/3'], /--shard 0\/3: expected K\/N with 1 <= K <= N/],
    [['fixtures/jaffle-shop-leaky/target', '--shard', '4/3'], /--shard 4\/3: expected K\/N/],
    [['fixtures/jaffle-shop-leaky/target', '--since', 'yesterday'], /--since yesterday: not a date/],
  ] as const) {
    const r = runCli([...args], {}, ROOT);
    t.equal(r.code, 2, args.join(' '));
    t.match(r.stderr, message);
  }
});

t.test('--since and --shard work on local folders of runs too', async (t) => {
  const all = runCli(['fixtures/*/target', '--format', 'json', '--since', '2000-01-01'], {}, ROOT);
  t.equal(all.code, 1, all.stderr);
  // every fixtures/<sample>/target folder the glob names is listed (a new sample adds its folder)
  const folders = readdirSync(path.join(ROOT, 'fixtures'), { withFileTypes: true }).filter((e) => e.isDirectory() && readdirSync(path.join(ROOT, 'fixtures', e.name)).includes('target')).length;
  t.ok(folders >= 3, `${folders} sample target folders`);
  t.match(all.stderr, new RegExp(`^dbt-tools-lint: listed \\d+ artifact files in ${folders} folders; scanned \\d+ .*skipped 0\n$`));
  let scanned = 0;
  for (const k of [1, 2]) {
    const r = runCli(['fixtures/*/target', '--format', 'json', '--shard', `${k}/2`], {}, ROOT);
    t.not(r.code, 2, r.stderr);
    scanned += JSON.parse(r.stdout).summary.filesScanned;
  }
  t.equal(scanned, JSON.parse(all.stdout).summary.filesScanned);
});

t.test("a run's rendered models and its log stay with its target folder: one folder each, in one shard", async (t) => {
  const root = tempDir('runs-whole-');
  const runs = ['r1', 'r2', 'r3', 'r4', 'r5'];
  for (const run of runs) {
    const target = path.join(root, run, 'target');
    for (const sub of ['compiled', 'run']) {
      mkdirSync(path.join(target, sub, 'shop/models/staging'), { recursive: true });
      writeFileSync(path.join(target, sub, 'shop/models/staging/stg_orders.sql'), "select * from raw.orders where token = 'glpat-Xq7vLm3Rt9Kp2Wz8Yb4N'\n");
    }
    cpSync(path.join(ROOT, 'fixtures/jaffle-shop-leaky/target/manifest.json'), path.join(target, 'manifest.json'));
    mkdirSync(path.join(root, run, 'logs'));
    writeFileSync(path.join(root, run, 'logs/dbt.log'), "06:00:02 [debug]: attach 'postgresql://loader:Up-L0ad-55qW@db.internal:5432/raw' as pg\n");
  }
  const glob = path.join(root, '*', 'target');
  const all = runCli([glob, '--format', 'json', '--since', '2000-01-01'], {}, ROOT);
  t.equal(all.code, 1, all.stderr);
  t.match(all.stderr, /^dbt-tools-lint: listed 20 artifact files in 5 folders; scanned 20 /);
  const runOf = (file: string) => path.relative(root, file).split(path.sep)[0]!;
  const shardOfRun = new Map<string, number>();
  let scanned = 0;
  for (const k of [1, 2, 3]) {
    const r = runCli([glob, '--format', 'json', '--shard', `${k}/3`], {}, ROOT);
    t.not(r.code, 2, r.stderr);
    const files = (JSON.parse(r.stdout).summary.artifacts as { file: string }[]).map((a) => a.file);
    scanned += files.length;
    for (const run of new Set(files.map(runOf))) {
      t.notOk(shardOfRun.has(run), `${run} in one shard`);
      shardOfRun.set(run, k);
      t.equal(files.filter((f) => runOf(f) === run).length, 4, `${run}: its manifest, two rendered models and its log together`);
    }
  }
  t.equal(scanned, 20);
  t.same([...shardOfRun.keys()].sort(), runs);
});

t.test('a shard the partition leaves empty passes with the count it left to the others; an empty listing still fails', async (t) => {
  const root = tempDir('runs-few-');
  for (const run of ['r1', 'r2']) {
    mkdirSync(path.join(root, run, 'target'), { recursive: true });
    cpSync(path.join(ROOT, 'fixtures/jaffle-shop-leaky/target/manifest.json'), path.join(root, run, 'target', 'manifest.json'));
  }
  const glob = path.join(root, '*', 'target');
  // two folders in seven shards: five shards at least hold none (a CI matrix wider than the runs of the day)
  let empty = 0;
  let scanned = 0;
  for (let k = 1; k <= 7; k++) {
    const out = path.join(root, `shard-${k}.sarif`);
    const r = runCli([glob, '--shard', `${k}/7`, '--format', 'json', '--report', `sarif=${out}`], {}, ROOT);
    const report = JSON.parse(r.stdout);
    scanned += report.summary.filesScanned;
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    if (report.summary.filesScanned > 0) {
      t.equal(r.code, 1, r.stderr);
      continue;
    }
    empty++;
    t.equal(r.code, 0, `shard ${k}/7 holds no folder: ${r.stderr}`);
    t.equal(r.stderr, 'dbt-tools-lint: listed 2 artifact files in 2 folders; scanned 0 (0.0 MB), skipped 2 (2 in other shards)\n');
    t.same(report.findings, []);
    t.same(sarif.runs[0].results, [], 'an empty SARIF run: uploaded under its category, it clears what that shard reported before');
    t.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  }
  t.ok(empty >= 5, `${empty} empty shards`);
  t.equal(scanned, 2, 'the others scanned both folders');
  // nothing to partition is still nothing read
  const none = runCli([path.join(root, 'nothing-*', 'target'), '--shard', '1/7'], {}, ROOT);
  t.equal(none.code, 2, none.stderr);
});

t.test('a run folder without artifacts is said in its own shard, and not by a --since that leaves it out', async (t) => {
  const root = tempDir('runs-failed-');
  for (const run of ['r1', 'r2', 'r3', 'r4']) {
    mkdirSync(path.join(root, run, 'target'), { recursive: true });
    cpSync(path.join(ROOT, 'fixtures/jaffle-shop-leaky/target/manifest.json'), path.join(root, run, 'target', 'manifest.json'));
  }
  // a job that failed before dbt wrote anything, in 2020
  mkdirSync(path.join(root, 'r0', 'target'), { recursive: true });
  const old = new Date('2020-01-01T00:00:00Z');
  utimesSync(path.join(root, 'r0', 'target'), old, old);
  const glob = path.join(root, '*', 'target');
  const all = runCli([glob, '--format', 'json'], {}, ROOT);
  t.equal(all.code, 2, 'said when every run is asked for');
  t.match(all.stderr, /r0\/target: no dbt artifact/);
  const recent = runCli([glob, '--format', 'json', '--since', '2024-01-01'], {}, ROOT);
  t.equal(recent.code, 1, recent.stderr);
  t.notMatch(recent.stderr, /r0/, 'an old failed run is left out as the old runs are');
  const since2019 = runCli([glob, '--format', 'json', '--since', '2019-01-01'], {}, ROOT);
  t.equal(since2019.code, 2);
  t.match(since2019.stderr, /r0\/target: no dbt artifact/);
  let said = 0;
  for (const k of [1, 2, 3]) {
    const r = runCli([glob, '--format', 'json', '--shard', `${k}/3`], {}, ROOT);
    if (/r0\/target: no dbt artifact/.test(r.stderr)) {
      said++;
      t.equal(r.code, 2);
    } else t.not(r.code, 2, r.stderr);
  }
  t.equal(said, 1, 'in one shard only');
  // a PATH named is said whatever --since and --shard say
  const named = runCli([path.join(root, 'r1', 'target'), path.join(root, 'r0', 'target'), '--since', '2024-01-01'], {}, ROOT);
  t.equal(named.code, 2);
  t.match(named.stderr, /r0\/target: no dbt artifact/);
});
