/**
 * Session 64: the line an audit prints (--since, --shard, a store) counts files as it lists them: a docs page holds two
 * artifacts, the manifest and the catalog inlined in it, and was counted twice (red team 72: "listed 129 artifact files
 * … scanned 130"); the files that could not be read whole are said, not left for the reader to subtract.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { tempDir } from './helpers.js';

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
