/**
 * dbt's JSON log writes the run's custom env (`info.extra`) into every event: one leaked DBT_ENV_CUSTOM_ENV_* variable
 * was one finding a line, and red team 104's log of 5,819 lines made 82,000 lines of text and a 95 MB page. The reports
 * people read list a finding repeated in its file once, with where the others are; JSON and SARIF keep each, and every
 * count is of them all. A finding repeated up to three times, or the same secret in other nodes, is listed each time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from '../cli-run.js';
import { tempDir } from '../helpers.js';

const PASSWORD = 'Vq8#mZ2rT9!xLp4w';
const EVENTS = 40;

/** A JSON-lines dbt.log of `events` events, each with the run's custom env in info.extra. */
function jsonLog(events: number): string {
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const info = { category: '', code: 'Q011', extra: { SNOWFLAKE_PASSWORD: PASSWORD, CI_RUN_ID: '9599412974' }, invocation_id: '177fd89d-b638-4f6e-8fdd-fb0e6fb50e5a', level: 'debug', msg: `event ${i}`, name: 'SQLQuery', pid: 91, thread: 'Thread-1', ts: `2026-12-06T06:00:${String(i % 60).padStart(2, '0')}.000000Z` };
    lines.push(JSON.stringify({ data: { sql: `select ${i}` }, info }));
  }
  return `${lines.join('\n')}\n`;
}

function logFolder(events: number): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), jsonLog(events));
  return dir;
}

t.test('text: a finding repeated on every line of a JSON log is listed once, with the lines of the others', async (t) => {
  const cwd = logFolder(EVENTS);
  const text = (await runCli(['logs', '--fail-on', 'none', '--no-color'], { cwd })).stdout;
  t.equal(text.match(/SNOWFLAKE_PASSWORD=\*\*\*\*/g)?.length, 1, 'one entry');
  t.match(text, `and ${EVENTS - 1} more times in this file, on lines 2–${EVENTS}`);
  t.match(text, `⚠ ${EVENTS} findings of 1 distinct secret`, 'the count is of them all');
  const bySecret = (await runCli(['logs', '--fail-on', 'none', '--no-color', '--group-by', 'secret'], { cwd })).stdout;
  t.match(bySecret, new RegExp(`${EVENTS} findings[^\\n]*\\n\\s+\\S*logs/dbt\\.log:1:\\d+  run-messages\\n\\s+and ${EVENTS - 1} more times in this file, on lines 2–${EVENTS}\\n`));
  const json = JSON.parse((await runCli(['logs', '--fail-on', 'none', '--json'], { cwd })).stdout);
  t.equal(json.findings.length, EVENTS, 'JSON keeps each finding');
});

t.test('up to three repeats are listed each', async (t) => {
  const text = (await runCli(['logs', '--fail-on', 'none', '--no-color'], { cwd: logFolder(3) })).stdout;
  t.equal(text.match(/SNOWFLAKE_PASSWORD=\*\*\*\*/g)?.length, 3);
  t.notMatch(text, 'more times');
});

t.test('html: one row for the repeated finding, that counts for all', async (t) => {
  const cwd = logFolder(EVENTS);
  const html = (await runCli(['logs', '--fail-on', 'none', '--format', 'html'], { cwd })).stdout;
  // three views (by secret, node and rule), one row in each
  t.equal(html.match(/<tr data-severity/g)?.length, 3);
  t.equal(html.match(new RegExp(`data-count="${EVENTS}"`, 'g'))?.length, 3);
  t.match(html, `and ${EVENTS - 1} more times in this file, on lines 2–${EVENTS}`);
  t.match(html, `Showing ${EVENTS} of ${EVENTS} findings`);
});

t.test('the same secret in other nodes, or at places of one value, is told apart', async (t) => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'target'));
  const node = (i: number) => ({ unique_id: `model.shop.m${i}`, resource_type: 'model', name: `m${i}`, package_name: 'shop', original_file_path: `models/m${i}.sql`, path: `m${i}.sql`, fqn: ['shop', `m${i}`], compiled_code: `select * from external_query('postgresql://loader:${PASSWORD}@db.acme.io/erp', 'select 1')` });
  const nodes = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`model.shop.m${i}`, node(i)]));
  const manifest = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.0', invocation_id: '177fd89d-b638-4f6e-8fdd-fb0e6fb50e5a', env: {} }, nodes, sources: {}, macros: {}, docs: {}, exposures: {}, metrics: {}, groups: {}, selectors: {}, disabled: {}, parent_map: {}, child_map: {}, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {} };
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest));
  const text = (await runCli(['target', '--fail-on', 'none', '--no-color'], { cwd: dir })).stdout;
  t.equal(text.match(/postgresql:\/\/loader:\*\*\*\*@db\.acme\.io/g)?.length, 5, 'five nodes, five entries');
  t.notMatch(text, 'more times');
});
