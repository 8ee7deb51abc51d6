/**
 * Allowlist entries that expire: `{"value": "^sk_test_", "expires": "2027-01-31", "reason": "JIRA-123"}` holds through
 * that day (UTC), then allowlists nothing and says so; a policy's "accept this test key until the end of the quarter"
 * lasted for ever in the config, where a node's meta suppression could already expire (red team 97).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type * as Sarif from 'sarif';
import { runCli } from '../cli-run.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';

const PW = 'Tr0ub4dor&3-prod';
const nodes = {
  nodes: {
    'model.shop.orders': { unique_id: 'model.shop.orders', fqn: ['shop', 'marts', 'orders'], raw_code: `create user u password '${PW}'` },
    'model.vendored.legacy': { unique_id: 'model.vendored.legacy', fqn: ['vendored', 'legacy'], raw_code: `create user v password 'Other-Pw-4417'` },
  },
};

function project(config?: unknown): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'target', 'manifest.json'), dbtJson(manifest(nodes)));
  if (config !== undefined) writeFileSync(path.join(dir, '.dbt-tools-lint.json'), JSON.stringify(config));
  return dir;
}

interface Report {
  summary: { findings: number; suppressed: number };
  findings: { fingerprint: string; suppressed?: { kind: string; justification: string } }[];
}

async function run(config: unknown, now: string, format = 'json') {
  const r = await runCli(['target', '--format', format, '--now', now], { cwd: project(config) });
  return { code: r.code, stdout: r.stdout, warnings: r.stderr.split('\n').filter((line) => line.includes('warning:')) };
}

async function summary(config: unknown, now: string) {
  const r = await run(config, now);
  const report = JSON.parse(r.stdout) as Report;
  return { suppressed: report.summary.suppressed, findings: report.summary.findings, code: r.code, warnings: r.warnings, justifications: report.findings.flatMap((f) => (f.suppressed ? [f.suppressed.justification] : [])) };
}

const DAY = '2027-01-31';
const LAST_SECOND = '2027-01-31T23:59:59Z';
const NEXT_DAY = '2027-02-01T00:00:00Z';

t.test('each list: an entry holds through its expires day (UTC), then allowlists nothing and says so once', async (t) => {
  const first = JSON.parse((await run(undefined, LAST_SECOND)).stdout) as Report;
  const cases: [list: string, key: string, entry: string, suppressed: number][] = [
    ['paths', 'path', 'target/manifest.json', 2],
    ['nodes', 'node', 'package:vendored', 1],
    ['jsonPaths', 'jsonPath', "$.nodes['model.shop.orders'].raw_code", 1],
    ['values', 'value', '^Other-Pw-', 1],
    ['fingerprints', 'fingerprint', first.findings[0]!.fingerprint, 1],
  ];
  for (const [list, key, entry, n] of cases) {
    const config = { allowlist: { [list]: [{ [key]: entry, expires: DAY }] } };
    const held = await summary(config, LAST_SECOND);
    t.same([held.suppressed, held.findings, held.code, held.warnings], [n, 2 - n, n === 2 ? 0 : 1, []], `${list}: held through the last second of its day`);
    const lapsed = await summary(config, NEXT_DAY);
    t.same([lapsed.suppressed, lapsed.findings, lapsed.code], [0, 2, 1], `${list}: from the next day, its findings count again`);
    t.equal(lapsed.warnings.length, 1, `${list}: one warning for the entry, not one per finding`);
    t.match(lapsed.warnings[0], new RegExp(`\\.dbt-tools-lint\\.json: allowlist\\.${list}\\[0\\] expired \\(2027-01-31\\): it allowlists nothing; renew or remove it$`), list);
  }
});

t.test('an expires time lapses at that time; an expired entry does not take the others with it', async (t) => {
  const at = { allowlist: { values: [{ value: '^Other-Pw-', expires: '2027-01-31T12:00:00Z' }] } };
  t.equal((await summary(at, '2027-01-31T11:59:59Z')).suppressed, 1, 'before the time');
  t.equal((await summary(at, '2027-01-31T12:00:00Z')).suppressed, 0, 'at the time');
  const mixed = await summary({ allowlist: { values: [{ value: '^Other-Pw-', expires: '2026-12-31' }, '^Tr0ub4dor'] } }, NEXT_DAY);
  t.same([mixed.suppressed, mixed.warnings.length], [1, 1], 'the string entry still holds; the expired one is said');
  t.match(mixed.warnings[0], /allowlist\.values\[0\] expired \(2026-12-31\)/);
});

t.test('the warning names the entry by its place, never the value pattern it held', async (t) => {
  const { warnings } = await summary({ allowlist: { values: [{ value: '^Tr0ub4dor&3-prod$', expires: DAY }] } }, NEXT_DAY);
  t.equal(warnings.length, 1);
  t.notMatch(warnings[0], /Tr0ub4dor/, 'the pattern (here the whole secret) is not printed');
});

t.test('a reason is the suppression\'s justification, after the list it allowlists by; a string entry\'s is as before', async (t) => {
  const config = { allowlist: { nodes: [{ node: 'package:vendored', expires: DAY, reason: 'JIRA-123 vendored fixture' }], values: ['^Tr0ub4dor'] } };
  const json = await summary(config, LAST_SECOND);
  t.same(json.justifications.sort(), ['allowlisted by allowlist.nodes in .dbt-tools-lint.json: JIRA-123 vendored fixture', 'allowlisted by allowlist.values in .dbt-tools-lint.json'].sort(), 'json');
  const sarif = JSON.parse((await run(config, LAST_SECOND, 'sarif')).stdout) as Sarif.Log;
  const justifications = sarif.runs[0]!.results!.flatMap((r) => (r.suppressions ?? []).map((s) => s.justification));
  t.ok(justifications.includes('allowlisted by allowlist.nodes in .dbt-tools-lint.json: JIRA-123 vendored fixture'), 'SARIF suppressions[].justification');
  const noReason = await summary({ allowlist: { values: [{ value: '^Other-Pw-', expires: DAY }] } }, LAST_SECOND);
  t.same(noReason.justifications, ['allowlisted by allowlist.values in .dbt-tools-lint.json'], 'no reason: as a string entry');
});

t.test('a leap day is a day; a time on a day may be written with a space, as YAML writes one', async (t) => {
  t.match(await summary({ allowlist: { values: [{ value: '^Tr0ub4dor', expires: '2028-02-29' }] } }, '2028-02-29T23:59:59Z'), { suppressed: 1, warnings: [] });
  t.match(await summary({ allowlist: { values: [{ value: '^Tr0ub4dor', expires: '2027-01-31 12:00:00' }] } }, '2027-01-31T11:00:00Z'), { suppressed: 1, warnings: [] });
});

t.test('a string !GLOB exception still excepts from an entry that expires', async (t) => {
  const paths = await summary({ allowlist: { paths: [{ path: 'target/**', expires: DAY }, '!**/manifest.json'] } }, LAST_SECOND);
  t.equal(paths.suppressed, 0, 'paths');
  const nodeList = await summary({ allowlist: { nodes: [{ node: 'model.*.*', expires: DAY }, '!package:shop'] } }, LAST_SECOND);
  t.equal(nodeList.suppressed, 1, 'nodes');
});

async function errorLine(config: unknown) {
  const r = await runCli(['target', '--now', LAST_SECOND], { cwd: project(config) });
  t.equal(r.code, 2, 'config errors exit 2');
  t.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  return r.stderr;
}

t.test('a broken entry: one line naming its key path (exit 2)', async (t) => {
  const values = (entry: unknown) => ({ allowlist: { values: ['^a_', '^b_', entry] } });
  t.match(await errorLine(values({ value: '^Other-Pw-', expires: 'end of Q1' })), /\.dbt-tools-lint\.json: allowlist\.values\[2\]\.expires: not a date: a day such as 2027-01-31/);
  // a day that the calendar has not is no date, though Date.parse rolls it over (2027-02-30 would hold through 2 March)
  for (const impossible of ['2027-02-30', '2026-13-01', '2027-02-29', '2027-04-31T09:00:00Z', '2027-01-31T24:00:00Z', '2027-01-31T23:60:00Z', 'Feb 30 2027']) {
    t.match(await errorLine(values({ value: '^Other-Pw-', expires: impossible })), /\.dbt-tools-lint\.json: allowlist\.values\[2\]\.expires: not a date: a day such as 2027-01-31/, impossible);
  }
  t.match(await errorLine(values({ value: '^Other-Pw-', reason: 'no end' })), /allowlist\.values\[2\]\.expires: a day such as 2027-01-31/);
  t.match(await errorLine(values({ value: '^Other-Pw-', expires: DAY, until: DAY })), /allowlist\.values\[2\]: unknown key "until"/);
  t.match(await errorLine(values({ path: '^Other-Pw-', expires: DAY })), /allowlist\.values\[2\]: unknown key "path"/);
  t.match(await errorLine(values({ value: '(unclosed', expires: DAY })), /allowlist\.values\[2\]: not a valid JavaScript regular expression/);
  t.match(await errorLine({ allowlist: { fingerprints: [{ fingerprint: 'abc', expires: DAY }] } }), /allowlist\.fingerprints\[0\]\.fingerprint: a 32-hex finding fingerprint/);
  t.match(await errorLine({ allowlist: { paths: [7] } }), /allowlist\.paths\[0\]: must be a string, or an object \{"path": …, "expires": …\}/);
  t.match(await errorLine({ allowlist: { paths: ['target/**', { path: '!**/manifest.json', expires: DAY }] } }), /allowlist\.paths\[1\]\.path: an exception \(!GLOB\) cannot expire/);
});
