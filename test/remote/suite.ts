/**
 * The cases every object store must pass, run against a real server by each store's test: a
 * leaky target in a bucket scans to the local copy's findings (rule, detector, position,
 * fingerprint) with object URLs in every format; one object; globs over runs; and one line with
 * the URL and the provider's code, exit 2, for a missing bucket, refused credentials and an empty
 * match.
 */
import type { Test } from 'tap';
import { filesUnder, identity, LEAKY_TARGET, runCli } from './servers.js';

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
}

export const RUNS = ['2025-01-01', '2025-01-02', '2025-01-03'];

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

export function storeSuite(t: Test, store: StoreUnderTest, bucket: string, between: number): void {
  const { scheme, env } = store;
  const root = `${scheme}://${bucket}`;
  const local = localFindings();
  const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

  t.test("a target in a bucket scans to the local copy's findings, named by object URLs", async (t) => {
    const remote = runCli([`${root}/runs/2025-01-01/target`, '--format', 'json'], env);
    t.equal(remote.code, 1, remote.stderr);
    t.equal(remote.stderr, 'dbt-tools-lint: listed 4 artifact files in 1 folder; scanned 4 (0.1 MB), skipped 0\n', 'the summary of an audit, on stderr');
    const findings = JSON.parse(remote.stdout).findings;
    t.ok(local.length > 10);
    t.same(identity(findings, `${root}/runs/2025-01-01/target`), identity(local, LEAKY_TARGET));
    t.ok(findings.every((f: { file: string }) => f.file.startsWith(`${root}/runs/2025-01-01/target/`)));

    const sarif = JSON.parse(runCli([`${root}/runs/2025-01-01/target`, '--format', 'sarif', '--sarif-primary', 'artifact'], env).stdout);
    const locations = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation);
    t.equal(locations.length, local.length);
    t.ok(locations.every((l: { uri: string; uriBaseId?: string }) => l.uri.startsWith(`${root}/`) && l.uriBaseId === undefined), 'object URLs, no %SRCROOT%');
  });

  t.test('one object, and globs over several runs', async (t) => {
    const one = JSON.parse(runCli([`${root}/runs/2025-01-02/target/manifest.json`, '--format', 'json'], env).stdout);
    t.same(one.summary.artifacts.map((a: { file: string }) => a.file), [`${root}/runs/2025-01-02/target/manifest.json`]);

    const all = JSON.parse(runCli([`${root}/runs/*/target`, '--format', 'json'], env).stdout);
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

  t.test('--shard 1/3 … 3/3 split the runs: together they are the whole', async (t) => {
    const whole = JSON.parse(runCli([`${root}/runs/*/target`, '--format', 'json'], env).stdout);
    const key = (f: { file: string; fingerprint: string }) => `${f.file} ${f.fingerprint}`;
    const seen: string[] = [];
    let files = 0;
    for (const k of [1, 2, 3]) {
      const shard = runCli([`${root}/runs/*/target`, '--shard', `${k}/3`, '--format', 'json'], env);
      if (shard.code === 2) {
        t.match(shard.stderr, new RegExp(`none of them in shard ${k}/3`), 'an empty shard says so');
        continue;
      }
      const report = JSON.parse(shard.stdout);
      files += report.summary.filesScanned;
      seen.push(...report.findings.map(key));
      t.match(shard.stderr, new RegExp(`^dbt-tools-lint: listed 12 artifact files in 3 folders; scanned ${report.summary.filesScanned} \\(.* MB\\), skipped ${12 - report.summary.filesScanned} \\(${12 - report.summary.filesScanned} in other shards\\)\\n$`));
    }
    t.equal(files, 12, 'each file in one shard');
    t.same(seen.sort(), whole.findings.map(key).sort(), 'the union of the shards is the whole, without overlap');
  });

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
