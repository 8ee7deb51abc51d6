/**
 * The cases every object store must pass, run against a real server by each store's test: a
 * leaky target in a bucket scans to the local copy's findings (rule, detector, position,
 * fingerprint) with object URLs in every format; one object; globs over runs; and one line with
 * the URL and the provider's code, exit 2, for a missing bucket, refused credentials and an empty
 * match. And, on one store (StoreScope), what the scan makes of the objects it reads.
 */
import type { Test } from 'tap';
import { constants } from 'node:buffer';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RepeatedManifest, writeRepeatedManifest } from '../../bench/generate.js';
import { gzipSync } from 'node:zlib';
import { tarArchive, zipArchive } from '../artifacts/archive-build.js';
import { BIN, type CliResult, filesUnder, identity, killingRelay, LEAKY_TARGET, PROJECT_WITH_SDKS, ROOT, runCli, runCliMeasured, type Server } from './servers.js';
import { tempDir } from '../helpers.js';

export interface StoreUnderTest {
  scheme: 's3' | 'gs' | 'az';
  provider: string;
  env: NodeJS.ProcessEnv;
  /** The environment with credentials the server refuses. */
  refusedEnv: NodeJS.ProcessEnv;
  /** The provider's codes for a missing bucket and refused credentials. */
  missingCode: string;
  refusedCode: string;
  put(bucket: string, key: string, body: Buffer): Promise<unknown>;
  /** A file streamed from disk to the store. */
  putFile(bucket: string, key: string, file: string): Promise<unknown>;
  /** The environment that sends the CLI to another port of 127.0.0.1 instead of the server's. */
  envVia(port: number): NodeJS.ProcessEnv;
}

export const RUNS = ['2025-01-01', '2025-01-02', '2025-01-03'];

/** A string as a regular expression that matches it literally. */
/** The bundled partial-parse sample (fixtures/partial-parse). */
const PARTIAL_PARSE = path.join(ROOT, 'fixtures/partial-parse/target/partial_parse.msgpack');

const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Upload the leaky target as three runs, runs/<date>/target/…, to `bucket` (which must exist),
 * then, over a second later, a fourth run under later/; returns a time between the two uploads
 * (stores keep whole seconds).
 */
export async function uploadRuns(store: StoreUnderTest, bucket: string): Promise<number> {
  for (const run of RUNS) for (const [rel, body] of filesUnder(LEAKY_TARGET)) await store.put(bucket, `runs/${run}/target/${rel}`, body);
  await pause(1100);
  const between = Date.now();
  await pause(1100);
  for (const [rel, body] of filesUnder(LEAKY_TARGET)) await store.put(bucket, `later/2025-01-04/target/${rel}`, body);
  return between;
}

export function localFindings() {
  return JSON.parse(runCli([LEAKY_TARGET, '--format', 'json'], {}).stdout).findings;
}

/**
 * What the cases cover: `contract`, what a provider (src/sources/providers/) is below the scan: listing under a prefix
 * (globs, folders, hints), reading whole objects and ranges, the times `--since` reads, the provider's error codes;
 * `all` adds the cases of what the scan makes of the objects it reads (msgpack, archives, gzip, docs sites, a CI job's
 * logs, shards), which run through the same provider calls whatever the store: one store runs them (S3), each store
 * the contract (a CLI run over the leaky target is ~2 s of CPU: these cases are 27 of them).
 */
export type StoreScope = 'contract' | 'all';

export function storeSuite(t: Test, store: StoreUnderTest, bucket: string, between: number, scope: StoreScope): void {
  const { scheme, env } = store;
  const root = `${scheme}://${bucket}`;
  const local = localFindings();
  // The glob over the three runs, as JSON: the same invocation in the glob case and the shard case,
  // run once (a 12-file scan) and read by both.
  let allRuns: CliResult | undefined;
  const scanAllRuns = () => (allRuns ??= runCli([`${root}/runs/*/target`, '--format', 'json'], env));

  t.test("a target in a bucket scans to the local copy's findings, named by object URLs", async (t) => {
    const remote = runCli([`${root}/runs/2025-01-01/target`, '--format', 'json'], env);
    t.equal(remote.code, 1, remote.stderr);
    const files = filesUnder(LEAKY_TARGET);
    const mb = (files.reduce((sum, [, body]) => sum + body.length, 0) / 1024 / 1024).toFixed(1);
    t.equal(remote.stderr, `dbt-tools-lint: listed ${files.length} artifact files in 1 folder; scanned ${files.length} (${mb} MB), skipped 0\n`, 'the summary of an audit, on stderr');
    const findings = JSON.parse(remote.stdout).findings;
    t.ok(local.length > 10);
    t.same(identity(findings, `${root}/runs/2025-01-01/target`), identity(local, LEAKY_TARGET));
    t.ok(findings.every((f: { file: string }) => f.file.startsWith(`${root}/runs/2025-01-01/target/`)));

    const sarif = JSON.parse(runCli([`${root}/runs/2025-01-01/target`, '--format', 'sarif', '--sarif-primary', 'artifact'], env).stdout);
    const locations = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation);
    t.equal(locations.length, local.length);
    t.ok(locations.every((l: { uri: string; uriBaseId?: string }) => l.uri.startsWith(`${root}/`) && l.uriBaseId === undefined), 'object URLs, no %SRCROOT%');
  });

  if (scope === 'all') {
    t.test('a partial_parse.msgpack in a bucket: the same findings at the same byte offsets', async (t) => {
      // two path segments: the globs of the other cases (*/*/target) do not reach it
      await store.put(bucket, 'msgpack/target/partial_parse.msgpack', readFileSync(PARTIAL_PARSE));
      const remote = runCli([`${root}/msgpack/target`, '--format', 'json'], env);
      t.equal(remote.code, 1, remote.stderr);
      const report = JSON.parse(remote.stdout);
      t.same(report.summary.artifacts.map((a: { file: string; kind: string }) => [a.file, a.kind]), [[`${root}/msgpack/target/partial_parse.msgpack`, 'partial-parse']]);
      const local = JSON.parse(runCli([PARTIAL_PARSE, '--format', 'json'], {}).stdout).findings;
      t.ok(local.length >= 3, `${local.length} findings in the local copy`);
      t.same(identity(report.findings, `${root}/msgpack/target/`), identity(local, path.dirname(PARTIAL_PARSE) + '/'), 'rule, detector, byte offset, fingerprint, path');
      const sarif = JSON.parse(runCli([`${root}/msgpack/target`, '--format', 'sarif', '--sarif-primary', 'artifact'], env).stdout);
      const regions = sarif.runs[0].results.map((r: { locations: { physicalLocation: { region: { byteOffset?: number; startLine?: number } } }[] }) => r.locations[0]!.physicalLocation.region);
      t.ok(regions.length > 0 && regions.every((r: { byteOffset?: number; startLine?: number }) => typeof r.byteOffset === 'number' && r.startLine === undefined), 'SARIF binary regions (byteOffset), no lines');
    });

    t.test('an archive in a bucket: copied, unpacked and named inside it', async (t) => {
      const zip = zipArchive(filesUnder(LEAKY_TARGET).map(([rel, body]) => ({ name: `target/${rel}`, body })));
      await store.put(bucket, 'zips/run.zip', zip);
      const remote = runCli([`${root}/zips/run.zip`, '--format', 'json'], env);
      t.equal(remote.code, 1, remote.stderr);
      t.same(identity(JSON.parse(remote.stdout).findings, `${root}/zips/run.zip!/target`), identity(local, LEAKY_TARGET), "the local copy's findings");
    });

    t.test("a glob's archive objects are copied and read as archives, beside the folders it matches (red team 72)", async (t) => {
      const manifest = readFileSync(path.join(LEAKY_TARGET, 'manifest.json'));
      await store.put(bucket, 'uploads/run-1/manifest.json', manifest);
      await store.put(bucket, 'uploads/run-2.zip', zipArchive([{ name: 'target/manifest.json', body: manifest }]));
      await store.put(bucket, 'uploads/run-3.tar.gz', gzipSync(tarArchive([{ name: 'target/manifest.json', body: manifest }])));
      await store.put(bucket, 'uploads/README.md', Buffer.from('# uploads\n'));
      const read = (r: CliResult) => JSON.parse(r.stdout).summary.artifacts.map((a: { file: string }) => a.file).sort();
      const all = runCli([`${root}/uploads/*`, '--format', 'json'], env);
      t.equal(all.code, 1, all.stderr);
      t.same(read(all), [`${root}/uploads/run-1/manifest.json`, `${root}/uploads/run-2.zip!/target/manifest.json`, `${root}/uploads/run-3.tar.gz!/target/manifest.json`]);
      t.match(all.stderr, /one object the glob matched is not read, as no artifact has its file type \(.*uploads\/README\.md\)/, 'the README alone is left out');
      const zips = runCli([`${root}/uploads/*.zip`, '--format', 'json'], env);
      t.equal(zips.code, 1, zips.stderr);
      t.same(read(zips), [`${root}/uploads/run-2.zip!/target/manifest.json`]);
      // an upload older than --since (by the object's time) is not copied: a broken one fails nothing
      await store.put(bucket, 'uploads/run-4.zip', Buffer.from('broken'));
      const broken = runCli([`${root}/uploads/*`], env);
      t.equal(broken.code, 2);
      t.match(broken.stderr, /uploads\/run-4\.zip: not a zip archive/);
      const old = runCli([`${root}/uploads/*`, '--since', new Date(Date.now() + 3_600_000).toISOString()], env);
      t.equal(old.code, 2, 'nothing modified since: no pass');
      t.notMatch(old.stderr, /not a zip archive/, 'the old archives are not read');
    });

    t.test('a gzip-ed artifact object is read as the file it holds, as on disk, named alone or by a glob (red team 98)', async (t) => {
      const dir = tempDir();
      const gz = path.join(dir, 'manifest.json.gz');
      writeFileSync(gz, gzipSync(readFileSync(path.join(LEAKY_TARGET, 'manifest.json'))));
      const onDisk = runCli([gz, '--format', 'json'], {});
      t.equal(onDisk.code, 1, onDisk.stderr);
      const expected = identity(JSON.parse(onDisk.stdout).findings, gz);
      t.ok(expected.length > 0);
      await store.put(bucket, 'gz-runs/r1/manifest.json.gz', readFileSync(gz));
      // a tar.gz kept under a .gz name, told by its first bytes as a file is
      await store.put(bucket, 'gz-runs/r2/target.gz', gzipSync(tarArchive([{ name: 'target/manifest.json', body: readFileSync(path.join(LEAKY_TARGET, 'manifest.json')) }])));
      const alone = runCli([`${root}/gz-runs/r1/manifest.json.gz`, '--format', 'json'], env);
      t.equal(alone.code, 1, alone.stderr);
      t.same(identity(JSON.parse(alone.stdout).findings, `${root}/gz-runs/r1/manifest.json.gz`), expected, "the local copy's findings, in the object's terms");
      const glob = runCli([`${root}/gz-runs/*/*`, '--format', 'json'], env);
      t.equal(glob.code, 1, glob.stderr);
      const files = [...new Set(JSON.parse(glob.stdout).findings.map((f: { file: string }) => f.file))].sort();
      t.same(files, [`${root}/gz-runs/r1/manifest.json.gz!/manifest.json`, `${root}/gz-runs/r2/target.gz!/target/manifest.json`]);
    });

    t.test("a docs site's prefix: a page with an artifact inlined is read by its content, as the folder on disk is; dbt's own index.html is not (red team 98)", async (t) => {
      const manifest = readFileSync(path.join(LEAKY_TARGET, 'manifest.json'), 'utf8');
      // the inlined manifest past the store's first read and the first chunk of the page's test: a megabyte of bundle before it
      const bundle = `<script>${'!function(e){return e}(0);'.repeat(48_000)}</script>`;
      const page = `<!doctype html>\n<html><body>${bundle}<script>var n = { manifest: ${manifest}, catalog: {} };</script></body></html>\n`;
      const dir = tempDir();
      writeFileSync(path.join(dir, 'index.html'), page);
      const onDisk = runCli([dir, '--format', 'json'], {});
      t.equal(onDisk.code, 1, onDisk.stderr);
      const expected = identity(JSON.parse(onDisk.stdout).findings, `${dir}/`);
      t.ok(expected.length > 0 && expected.every((f) => f.file === 'index.html'));
      await store.put(bucket, 'docs-site/index.html', Buffer.from(page));
      for (const prefix of [`${root}/docs-site`, `${root}/docs-site/`]) {
        const remote = runCli([prefix, '--format', 'json'], env);
        t.equal(remote.code, 1, remote.stderr);
        t.same(identity(JSON.parse(remote.stdout).findings, `${root}/docs-site/`), expected, `${prefix}: the local copy's findings`);
      }
      // dbt docs generate's own page, which loads the JSON beside it at run time: not read, no error
      const ownPage = '<!doctype html><html><body><script>fetch("manifest.json")</script></body></html>';
      await store.put(bucket, 'docs-served/index.html', Buffer.from(ownPage));
      await store.put(bucket, 'docs-served/manifest.json', Buffer.from(manifest));
      await store.put(bucket, 'docs-sites/a/index.html', Buffer.from(page));
      const read = (r: CliResult) => JSON.parse(r.stdout).summary.artifacts.map((a: { file: string }) => a.file).sort();
      const served = runCli([`${root}/docs-served`, '--format', 'json'], env);
      t.equal(served.code, 1, served.stderr);
      t.same(read(served), [`${root}/docs-served/manifest.json`], "dbt's own page beside the JSON: the JSON alone");
      const sites = runCli([`${root}/docs-sites/*`, '--format', 'json'], env);
      t.equal(sites.code, 1, sites.stderr);
      t.same(read(sites), [`${root}/docs-sites/a/index.html`], 'a glob of folders: the page with an artifact inlined in each');
    });

    t.test("a CI job's upload of target/ and logs/ (no dbt_project.yml): the log beside the target is read", async (t) => {
      for (const [rel, body] of filesUnder(LEAKY_TARGET)) await store.put(bucket, `ci-upload/target/${rel}`, body);
      await store.put(bucket, 'ci-upload/logs/dbt.log', Buffer.from("06:00:02.500 [debug] [Thread-1  ]: attach 'postgresql://loader:Up-L0ad-55qW@db.internal:5432/raw' as pg\n"));
      const report = JSON.parse(runCli([`${root}/ci-upload`, '--format', 'json'], env).stdout);
      const logs = (report.findings as { file: string; artifactKind: string }[]).filter((f) => f.artifactKind === 'log');
      t.same(logs.map((f) => f.file), [`${root}/ci-upload/logs/dbt.log`]);
      // the target folder itself, and a glob of target folders, as on disk: the log beside it too
      await store.put(bucket, 'ci-uploads/week-1/job-7/target/manifest.json', readFileSync(path.join(LEAKY_TARGET, 'manifest.json')));
      await store.put(bucket, 'ci-uploads/week-1/job-7/logs/dbt.log', Buffer.from("06:00:02.500 [debug] [Thread-1  ]: attach 'postgresql://loader:Up-L0ad-66qW@db.internal:5432/raw' as pg\n"));
      await store.put(bucket, 'ci-uploads/week-1/job-8/target/manifest.json', readFileSync(path.join(LEAKY_TARGET, 'manifest.json')));
      const logsOf = (args: string[]) => {
        const r = runCli([...args, '--format', 'json'], env);
        t.equal(r.code, 1, r.stderr);
        return (JSON.parse(r.stdout).findings as { file: string; artifactKind: string }[]).filter((f) => f.artifactKind === 'log').map((f) => f.file);
      };
      t.same(logsOf([`${root}/ci-upload/target`]), [`${root}/ci-upload/logs/dbt.log`], 'a folder named target');
      t.same(logsOf([`${root}/ci-uploads/*/*/target`]), [`${root}/ci-uploads/week-1/job-7/logs/dbt.log`], 'a glob of target folders (job-8 has no log)');
      t.same(logsOf([`${root}/ci-uploads/*/*/target`, `${root}/ci-uploads/*/*/logs/dbt.log`]), [`${root}/ci-uploads/week-1/job-7/logs/dbt.log`], 'named twice, read once');
      // the backups dbt's rotation keeps (dbt.log.1, …) are read with the log, in their order (red team 79)
      for (const n of [2, 1]) await store.put(bucket, `ci-uploads/week-1/job-7/logs/dbt.log.${n}`, Buffer.from(`06:00:0${n}.500 [debug] [Thread-1  ]: attach 'postgresql://loader:Up-L0ad-7${n}qW@db.internal:5432/raw' as pg\n`));
      await store.put(bucket, 'ci-uploads/week-1/job-7/logs/old/dbt.log.3', Buffer.from("06:00:03 attach 'postgresql://loader:Up-L0ad-73qW@db.internal:5432/raw' as pg\n"));
      const rotated = ['dbt.log', 'dbt.log.1', 'dbt.log.2'].map((name) => `${root}/ci-uploads/week-1/job-7/logs/${name}`);
      t.same(logsOf([`${root}/ci-uploads/*/*/target`]), rotated, 'a glob of target folders: the log and its backups');
      t.same(logsOf([`${root}/ci-uploads/week-1/job-7/target`]), rotated, 'a folder named target');
      t.same(logsOf([`${root}/ci-uploads/week-1/job-7`]), rotated, "the job's folder");
      // dbt Fusion's query log beside dbt.log: the SQL it ran, read as rendered SQL
      await store.put(bucket, 'ci-uploads/week-1/job-7/logs/query_log.sql', Buffer.from("-- run-operation: grant_loader\ncreate user loader password 'Up-Qlog-74qW';\n"));
      const withQueryLog = runCli([`${root}/ci-uploads/week-1/job-7/target`, '--format', 'json'], env);
      const queryLog = (JSON.parse(withQueryLog.stdout).findings as { file: string; detectorId: string }[]).filter((f) => f.file.endsWith('/query_log.sql'));
      t.same(queryLog.map((f) => `${f.file} ${f.detectorId}`), [`${root}/ci-uploads/week-1/job-7/logs/query_log.sql sql-password`], "Fusion's query log beside the log");
    });
  }

  t.test('one object, and globs over several runs', async (t) => {
    const one = JSON.parse(runCli([`${root}/runs/2025-01-02/target/manifest.json`, '--format', 'json'], env).stdout);
    t.same(one.summary.artifacts.map((a: { file: string }) => a.file), [`${root}/runs/2025-01-02/target/manifest.json`]);

    const all = JSON.parse(scanAllRuns().stdout);
    t.equal(all.summary.filesScanned, 12);
    for (const run of RUNS) {
      const prefix = `${root}/runs/${run}/target`;
      t.same(identity(all.findings.filter((f: { file: string }) => f.file.startsWith(`${prefix}/`)), prefix), identity(local, LEAKY_TARGET), run);
    }
    // the runs spread over worker threads, each with its own connection: the same report
    const threads = runCli([`${root}/runs/*/target`, '--format', 'json', '--jobs', '2'], env);
    t.same(JSON.parse(threads.stdout).findings, all.findings, '--jobs 2');
    const manifests = JSON.parse(runCli([`${root}/runs/**/manifest.json`, '--format', 'json'], env).stdout);
    t.equal(manifests.summary.filesScanned, 3);
  });

  t.test("never passes on nothing: one line with the URL and the provider's code", async (t) => {
    const missing = runCli([`${scheme}://no-such-bucket/runs/x/target`], env);
    t.equal(missing.code, 2);
    t.match(missing.stderr, new RegExp(`^dbt-tools-lint: ${re(`${scheme}://no-such-bucket/runs/x/target`)}: ${re(store.provider)} ${store.missingCode}, HTTP 404 .*\\n$`));

    const refused = runCli([`${root}/runs/2025-01-01/target`], store.refusedEnv);
    t.equal(refused.code, 2);
    t.match(refused.stderr, new RegExp(`^dbt-tools-lint: ${re(`${root}/runs/2025-01-01/target`)}: ${re(store.provider)} ${store.refusedCode}, HTTP 40[13] .*\\n$`));

    const empty = runCli([`${root}/runs/*/nothing-here`], env);
    t.equal(empty.code, 2);
    t.match(empty.stderr, new RegExp(`^dbt-tools-lint: ${re(`${root}/runs/*/nothing-here`)}: the glob matched no object \\(12 objects listed under ${re(`${root}/runs/`)}\\)\\n$`));

    const folderOfRuns = runCli([`${root}/runs`], env);
    t.equal(folderOfRuns.code, 2);
    t.match(folderOfRuns.stderr, new RegExp(`no dbt artifact found .* pass a glob such as '${re(`${root}/runs/*/target`)}'\\n$`));
  });

  t.test("a glob's objects are read only where an artifact may have their type; a glob ending in / names folders only", async (t) => {
    for (const run of ['r1', 'r2']) await store.put(bucket, `flat-runs/${run}/manifest.json`, readFileSync(path.join(LEAKY_TARGET, 'manifest.json')));
    await store.put(bucket, 'flat-runs/README.md', Buffer.from('# Runs kept for the audit\n'));
    const hint = runCli([`${root}/flat-runs`], env);
    t.equal(hint.code, 2);
    t.match(hint.stderr, new RegExp(`pass a glob such as '${re(`${root}/flat-runs/*/`)}'\n$`));
    for (const glob of [`${root}/flat-runs/*`, `${root}/flat-runs/*/`]) {
      const r = runCli([glob, '--format', 'json'], env);
      t.equal(r.code, 1, `${glob}: ${r.stderr}`);
      t.same(JSON.parse(r.stdout).summary.artifacts.map((a: { file: string }) => a.file), [`${root}/flat-runs/r1/manifest.json`, `${root}/flat-runs/r2/manifest.json`], `${glob}: the runs, not the README`);
      // the README left out is named, as a local glob names it; `*/` does not match it
      const warned = /one object the glob matched is not read, as no artifact has its file type \(.*flat-runs\/README\.md\)/;
      if (glob.endsWith('/')) t.notMatch(r.stderr, /not read/, `${glob}: nothing left out`);
      else t.match(r.stderr, warned, `${glob}: the README named`);
    }
    // runs kept under names of their own (`manifest_v12.json`): counted in the hint too
    for (const run of ['a', 'b']) await store.put(bucket, `named-runs/${run}/manifest_v12.json`, readFileSync(path.join(LEAKY_TARGET, 'manifest.json')));
    const named = runCli([`${root}/named-runs`], env);
    t.equal(named.code, 2);
    t.match(named.stderr, new RegExp(`2 of its subfolders hold artifacts: to scan them all, pass a glob such as '${re(`${root}/named-runs/*/`)}'\n$`));
    const readme = runCli([`${root}/flat-runs/*.md`], env);
    t.equal(readme.code, 2);
    t.match(readme.stderr, /the glob matched 1 object \(.*README\.md\) and no artifact/);
  });

  if (scope === 'all') {
    t.test('--shard 1/3 … 3/3 split the runs: together they are the whole', async (t) => {
      const whole = JSON.parse(scanAllRuns().stdout);
      const key = (f: { file: string; fingerprint: string }) => `${f.file} ${f.fingerprint}`;
      const seen: string[] = [];
      let files = 0;
      for (const k of [1, 2, 3]) {
        const shard = runCli([`${root}/runs/*/target`, '--shard', `${k}/3`, '--format', 'json'], env);
        t.not(shard.code, 2, shard.stderr);
        const report = JSON.parse(shard.stdout);
        files += report.summary.filesScanned;
        seen.push(...report.findings.map(key));
        t.match(shard.stderr, new RegExp(`^dbt-tools-lint: listed 12 artifact files in 3 folders; scanned ${report.summary.filesScanned} \\(.* MB\\), skipped ${12 - report.summary.filesScanned} \\(${12 - report.summary.filesScanned} in other shards\\)\\n$`));
      }
      t.equal(files, 12, 'each file in one shard');
      t.same(seen.sort(), whole.findings.map(key).sort(), 'the union of the shards is the whole, without overlap');
    });
  }

  t.test('--since keeps the runs modified since then', async (t) => {
    const since = new Date(between).toISOString();
    const recent = runCli([`${root}/*/*/target`, '--since', since, '--format', 'json'], env);
    t.equal(recent.code, 1, recent.stderr);
    const report = JSON.parse(recent.stdout);
    t.same([...new Set(report.summary.artifacts.map((a: { file: string }) => a.file.replace(/\/[^/]+$/, '')))], [`${root}/later/2025-01-04/target`]);
    t.match(recent.stderr, /listed 16 artifact files in 4 folders; scanned 4 \(.* MB\), skipped 12 \(12 not modified since --since\)/);

    const none = runCli([`${root}/*/*/target`, '--since', new Date(Date.now() + 3_600_000).toISOString()], env);
    t.equal(none.code, 2);
    t.match(none.stderr, /: 16 artifact files in 4 folders, none modified since /);
  });
}

export const MIB = 1024 * 1024;
/** The longest string V8 holds (0x1fffffe8 characters): an object past it cannot be read whole as text. */
export const STRING_LIMIT = constants.MAX_STRING_LENGTH;
/** The issue's 600 MB object: past STRING_LIMIT, with a secret there. */
export const PAST_STRING_LIMIT = 600_000_000;

export interface LargeObjects {
  /** The local copy of the smaller manifest (the larger one is removed once uploaded). */
  smallFile: string;
  small: RepeatedManifest;
  large: RepeatedManifest;
}

/**
 * Two manifests that only the streaming path reads (over the 8 MiB threshold), at two sizes, put
 * under big/small/ and big/large/: the memory test compares the scan's peak at both, and finds
 * the secrets planted in each, the last near the object's end. The smaller is 64 MiB because
 * below that the scan's heap and buffers are still settling (measured peaks, S3/Azure: 140/157
 * MiB at 16 MiB, 194/186 at 64, 199/202 at 160). The larger is `largeBytes` (the issue's 600 MB,
 * past the longest string, on S3; 160 MiB on Azure), or REMOTE_LARGE_MB MiB. Both are streamed from disk
 * to the server; the larger is removed once uploaded.
 */
export async function uploadLarge(t: Test, store: StoreUnderTest, bucket: string, largeBytes: number): Promise<LargeObjects> {
  const scratch = tempDir('remote-large-');
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
  const upload = async (name: string, bytes: number) => {
    const file = path.join(scratch, `${name}.json`);
    const manifest = writeRepeatedManifest({ file, bytes, seed: 7 });
    await store.putFile(bucket, `big/${name}/manifest.json`, file);
    return { file, manifest };
  };
  const small = await upload('small', 64 * MIB);
  let largeSize = process.env.REMOTE_LARGE_MB ? Number(process.env.REMOTE_LARGE_MB) * MIB : largeBytes;
  // the object sits on disk twice for a moment (the local file, the server's copy): on a machine
  // short of disk the pair is 64 and 160 MiB, which shows memory that does not grow as well
  const free = statfsSync(scratch);
  if (free.bavail * free.bsize < 3 * largeSize) {
    t.comment(`only ${Math.round((free.bavail * free.bsize) / MIB)} MiB free in ${tmpdir()}: the large object is 160 MiB, not ${Math.round(largeSize / MIB)}`);
    largeSize = 160 * MIB;
  }
  const large = await upload('large', largeSize);
  rmSync(large.file);
  return { smallFile: small.file, small: small.manifest, large: large.manifest };
}

/**
 * The large objects of uploadLarge: streamed in bounded memory, every planted secret found where
 * it was written; then the server killed in the middle of one (this stops the server: run it last).
 */
export function streamingSuite(t: Test, store: StoreUnderTest, server: Server, bucket: string, objects: LargeObjects): void {
  const root = `${store.scheme}://${bucket}`;
  t.test('a large object is streamed to its end: memory does not grow with its size', async (t) => {
    const mib = (bytes: number) => bytes / MIB;
    const { small, large } = objects;
    // hang guards, not bounds: a second a MiB is far beyond any machine's scan
    const guard = (bytes: number) => Math.max(120_000, Math.ceil(mib(bytes)) * 1000);
    const scan = (name: string, bytes: number) => runCliMeasured([`${root}/big/${name}/manifest.json`, '--format', 'json', '--jobs', '1'], store.env, guard(bytes));
    const smallScan = scan('small', small.bytes);
    const largeScan = scan('large', large.bytes);
    t.equal(smallScan.code, 1, smallScan.stderr);
    t.equal(largeScan.code, 1, largeScan.stderr);
    const localSmall = runCli([objects.smallFile, '--format', 'json', '--jobs', '1'], {}, undefined, guard(small.bytes));
    t.same(identity(JSON.parse(smallScan.stdout).findings, `${root}/big/small/manifest.json`), identity(JSON.parse(localSmall.stdout).findings, objects.smallFile), "the local copy's findings");

    // the files are one ASCII line: a byte offset is a column less one
    const where = (stdout: string) => JSON.parse(stdout).findings.map((f: { charOffset: number; start: unknown }) => ({ charOffset: f.charOffset, start: f.start })).sort((a: { charOffset: number }, b: { charOffset: number }) => a.charOffset - b.charOffset);
    const planted = (offsets: number[]) => offsets.map((o) => ({ charOffset: o, start: { line: 1, column: o + 1 } }));
    t.same(where(smallScan.stdout), planted(small.secretOffsets), 'the small object: each planted secret, where it was written, and nothing else');
    t.same(where(largeScan.stdout), planted(large.secretOffsets), 'the large object: each planted secret, where it was written, and nothing else');
    const last = large.secretOffsets.at(-1)!;
    t.ok(last > 0.96 * large.bytes, `the last secret is near the end (byte ${last} of ${large.bytes})`);
    if (large.bytes > STRING_LIMIT) t.ok(last > STRING_LIMIT, 'past the longest string V8 holds: the object was not read whole as text');

    const grew = largeScan.maxRssMiB - smallScan.maxRssMiB;
    t.comment(`peak RSS ${smallScan.maxRssMiB.toFixed(0)} MiB at ${mib(small.bytes).toFixed(0)} MiB, ${largeScan.maxRssMiB.toFixed(0)} MiB at ${mib(large.bytes).toFixed(0)} MiB`);
    // reading the object whole would add it at least twice (the bytes, then the text) and its tree:
    // the bound is a quarter of that
    t.ok(grew < 0.5 * mib(large.bytes - small.bytes), `peak RSS grew by ${grew.toFixed(1)} MiB for ${mib(large.bytes - small.bytes).toFixed(0)} MiB more object`);
  });

  t.test('a server that dies mid-stream fails the run, naming the object, without hanging', async (t) => {
    // a relay in front of the server: once 4 MiB of the object went through, the server is killed
    const relay = await killingRelay(server, 4 * 1024 * 1024);
    t.teardown(relay.close);
    const url = `${root}/big/large/manifest.json`;
    const child = spawn(process.execPath, [BIN, url, '--jobs', '1'], {
      cwd: PROJECT_WITH_SDKS,
      env: { PATH: process.env.PATH, HOME: '/nonexistent', ...store.envVia(relay.port) },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(timer);
    t.ok(relay.killed(), 'the server was killed during the download');
    t.equal(code, 2, stderr);
    t.match(stderr, new RegExp(`^dbt-tools-lint: ${re(url)}: reading the object failed part-way \\(${re(store.provider)} \\w+\\)\\n$`));
    t.equal(stderr.split('\n').length, 2, 'one line');
  });
}
