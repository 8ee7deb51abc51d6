/**
 * Session 64: the line an audit prints (--since, --shard, a store) counts files as it lists them: a docs page holds two
 * artifacts, the manifest and the catalog inlined in it, and was counted twice (red team 72: "listed 129 artifact files
 * … scanned 130"); the files that could not be read whole are said, not left for the reader to subtract.
 */
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, tempDir } from './helpers.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

t.test("an audit's line: files scanned as listed, and those that could not be read whole", async (t) => {
  const root = tempDir();
  const target = (run: string) => {
    const dir = path.join(root, run, 'target');
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  copyFileSync(path.join(FIXTURES, 'static-page-clean/target/static_index.html'), path.join(target('run-1'), 'static_index.html'));
  copyFileSync(path.join(FIXTURES, 'jaffle-shop-clean/target/manifest.json'), path.join(target('run-2'), 'manifest.json'));
  const manifest = readFileSync(path.join(FIXTURES, 'jaffle-shop-clean/target/manifest.json'), 'utf8');
  writeFileSync(path.join(target('run-3'), 'manifest.json'), manifest.slice(0, manifest.length / 2));
  const r = await runCli([path.join(root, '*', 'target'), '--since', '2000-01-01', '--format', 'json']);
  t.equal(r.code, 2, 'the manifest cut short fails the run');
  t.match(r.stderr, /^dbt-tools-lint: listed 3 artifact files in 3 folders; scanned 3 \([\d.]+ MB\), skipped 0; 1 could not be read whole \(listed below\)\n/);
  t.equal(JSON.parse(r.stdout).summary.filesScanned, 4, 'four artifacts: the page holds two');
});

t.test("a folder a glob meets twice (latest/, a link to the newest run's) is read once, and said", async (t) => {
  const root = tempDir();
  for (const run of ['run-1', 'run-2']) {
    mkdirSync(path.join(root, run, 'target'), { recursive: true });
    copyFileSync(path.join(FIXTURES, 'jaffle-shop-leaky/target/run_results.json'), path.join(root, run, 'target', 'run_results.json'));
  }
  symlinkSync(path.join(root, 'run-2'), path.join(root, 'latest'));
  const one = await runCli([path.join(root, 'run-1'), '--format', 'json']);
  const r = await runCli([path.join(root, '*'), '--format', 'json']);
  t.equal(r.code, 1);
  const report = JSON.parse(r.stdout) as { summary: { filesScanned: number }; findings: unknown[] };
  t.equal(report.summary.filesScanned, 2, 'two runs, not three');
  t.equal(report.findings.length, 2 * (JSON.parse(one.stdout) as { findings: unknown[] }).findings.length);
  t.match(r.stderr, /latest: the same folder as one the glob matched before \(a symlink to it\): read once/);
});

t.test('over many runs, each secret of the rotation list says when it was first and last seen (a rotated one is two)', async (t) => {
  const root = tempDir();
  const run = (name: string, at: string, env: Record<string, string>) => {
    mkdirSync(path.join(root, name, 'target'), { recursive: true });
    const m = manifest({}, env) as { metadata: { generated_at: string } };
    m.metadata.generated_at = at;
    writeFileSync(path.join(root, name, 'target', 'manifest.json'), dbtJson(m));
  };
  const pat = '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';
  run('run-1', '2026-06-01T03:12:00Z', { GITHUB_TOKEN: pat, DB_PASSWORD: 'Old-Pw-57QX31!' });
  run('run-2', '2026-07-01T03:12:00Z', { GITHUB_TOKEN: pat, DB_PASSWORD: 'Old-Pw-57QX31!' });
  run('run-3', '2026-08-01T03:12:00Z', { GITHUB_TOKEN: pat, DB_PASSWORD: 'New-Pw-88kz20?' });
  const r = await runCli([path.join(root, '*', 'target'), '--group-by', 'secret', '--no-color']);
  const heads = r.stdout.split('\n').filter((l) => /^\d+\. /.test(l));
  t.equal(heads.length, 3, heads.join('\n'));
  t.ok(heads.some((l) => l.includes('ghp_****') && l.includes('seen 2026-06-01 … 2026-08-01')), 'the token, in every run');
  const passwords = heads.filter((l) => l.includes('DB_PASSWORD=****'));
  t.same(passwords.map((l) => /seen ([\d-]+(?: … [\d-]+)?)/.exec(l)?.[1]), ['2026-08-01', '2026-06-01 … 2026-07-01'], 'the new password since August first, though found fewer times, then the old one until July (red team 98)');
  // the checklists of the Markdown job summary and the HTML report say it too
  const markdown = await runCli([path.join(root, '*', 'target'), '--format', 'markdown']);
  t.match(markdown.stdout, /- \[ \] .*`ghp_\*\*\*\*`.* · seen 2026-06-01 … 2026-08-01 · secret /);
  const order = (text: string, mark: RegExp) => [...text.matchAll(mark)].map((m) => m[1]);
  t.same(order(markdown.stdout, /`DB_PASSWORD=\*\*\*\*`.* · seen ([\d-]+)/g), ['2026-08-01', '2026-06-01'], 'the checklist in that order too');
  const html = await runCli([path.join(root, '*', 'target'), '--format', 'html']);
  t.match(html.stdout, /<code class="preview">DB_PASSWORD=\*\*\*\*<\/code>[\s\S]*? · seen 2026-08-01 · <a href/);
  // one run's artifacts say nothing of when
  const one = await runCli([path.join(root, 'run-1', 'target'), '--group-by', 'secret', '--no-color']);
  t.notMatch(one.stdout, / seen /);
  t.notMatch((await runCli([path.join(root, 'run-1', 'target'), '--format', 'markdown'])).stdout, / seen /);
});

t.test('links to a folder the glob does not match read it once; a link to an archive is the archive once (red team 75)', async (t) => {
  const root = tempDir();
  const links = path.join(root, 'links');
  mkdirSync(path.join(links, 'real', 'target'), { recursive: true });
  mkdirSync(path.join(links, 'l0', 'target'), { recursive: true });
  copyFileSync(path.join(FIXTURES, 'jaffle-shop-leaky/target/run_results.json'), path.join(links, 'real', 'target', 'run_results.json'));
  copyFileSync(path.join(FIXTURES, 'jaffle-shop-clean/target/run_results.json'), path.join(links, 'l0', 'target', 'run_results.json'));
  symlinkSync(path.join(links, 'real'), path.join(links, 'l1'));
  symlinkSync(path.join(links, 'real'), path.join(links, 'l2'));
  const r = await runCli([path.join(links, 'l*'), '--format', 'json']);
  t.equal(r.code, 1, 'the secrets of real, read through l1');
  t.equal(JSON.parse(r.stdout).summary.filesScanned, 2, 'l0 and l1; l2 is the same folder');
  t.match(r.stderr, /l2: the same folder as one the glob matched before/);
});
