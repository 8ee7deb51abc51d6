/**
 * Session 55: a file that says it is a dbt artifact but is not a whole one (a manifest without nodes, run results whose
 * `results` is null or a string, a legacy manifest whose metadata is a string) passed as clean, exit 0: a CI gate let
 * through a target folder it had not read. Now what such a file holds is read (its secrets reported) and the run fails,
 * exit 2, with one line naming the file and what is missing — in memory and streamed alike. A schema version newer than
 * the linter knows is read as the newest it knows, with one warning a kind and version. JSON that is no dbt artifact is
 * still passed over in a folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { main, type CliIO } from '../src/cli.js';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';
import { STACK_FRAME } from './hostile/harness.js';

const PASSWORD = 'Vq7#mWp2$Lx9rT4k';
const PAT = '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';
const SCHEMA = (kind: string, v: number) => `https://schemas.getdbt.com/dbt/${kind}/v${v}.json`;

/** A target folder with these files (name → JSON value). */
function target(files: Record<string, unknown>): string {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  for (const [name, value] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof value === 'string' ? value : dbtJson(value));
  return dir;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const withoutNodes = (): Record<string, unknown> => {
  const m = manifest({}, { DB_PASSWORD: PASSWORD });
  delete m.nodes;
  return m;
};

const BROKEN: [string, string, unknown, RegExp][] = [
  ['a manifest whose nodes are null', 'manifest.json', manifest({ nodes: null }, { DB_PASSWORD: PASSWORD }), /manifest \(v12\), but its "nodes" is null, not an object/],
  ['a manifest without nodes', 'manifest.json', withoutNodes(), /manifest \(v12\), but it has no "nodes"/],
  ['a manifest of metadata only', 'manifest.json', { metadata: (manifest({}, { DB_PASSWORD: PASSWORD }) as { metadata: unknown }).metadata }, /it has no "nodes"/],
  ['run results whose results are null', 'run_results.json', runResults({ results: null, args: { vars: { password: PASSWORD } } }), /run-results \(v6\), but its "results" is null, not an array/],
  ['run results whose results are a string', 'run_results.json', runResults({ results: 'x', args: { vars: { password: PASSWORD } } }), /its "results" is a string, not an array/],
  ['a catalog whose nodes are an array', 'catalog.json', { metadata: { dbt_schema_version: SCHEMA('catalog', 1), env: { DB_PASSWORD: PASSWORD } }, nodes: [], sources: {} }, /catalog \(v1\), but its "nodes" is an array/],
  ['sources whose results are an object', 'sources.json', { metadata: { dbt_schema_version: SCHEMA('sources', 3), env: { DB_PASSWORD: PASSWORD } }, results: {}, elapsed_time: 1 }, /sources \(v3\), but its "results" is an object/],
  ['a legacy manifest whose metadata is a string', 'manifest.json', { metadata: 'x', nodes: {}, macros: {}, parent_map: {}, vars: { password: PASSWORD } }, /a manifest from before dbt 0\.19, but its "metadata" is a string/],
  ['a legacy manifest whose nodes are null', 'manifest.json', { nodes: null, macros: {}, parent_map: {}, vars: { password: PASSWORD } }, /a manifest from before dbt 0\.19, but its "nodes" is null/],
];

for (const [what, name, value, reason] of BROKEN) {
  for (const stream of [false, true]) {
    t.test(`${what}${stream ? ', streamed' : ''}: read, and the run fails with one line`, async (t) => {
      const dir = target({ [name]: value });
      const r = await runCli([dir, '--json', ...(stream ? ['--stream'] : [])]);
      t.equal(r.code, 2, 'exit 2, never a pass');
      t.equal(lines(r.stderr).length, 1, 'one line on stderr');
      t.match(r.stderr, new RegExp(`^dbt-tools-lint: .*${name.replace('.', '\\.')}: not a whole dbt artifact: `));
      t.match(r.stderr, reason);
      t.notMatch(r.stderr, STACK_FRAME);
      const report = JSON.parse(r.stdout) as { exitCode: number; errors: { message: string }[]; findings: { preview: string }[] };
      t.equal(report.exitCode, 2);
      t.equal(report.errors.length, 1);
      if (what !== 'a legacy manifest whose nodes are null' && what !== 'a legacy manifest whose metadata is a string') {
        t.equal(report.findings.length, 1, 'what it holds was read: its secret is reported');
      }
      for (const out of [r.stdout, r.stderr]) t.notOk(out.includes(PASSWORD), 'never the secret');
    });
  }
}

t.test('a broken artifact beside whole ones: their findings, its own, and exit 2', async (t) => {
  const dir = target({ 'manifest.json': manifest({ nodes: null }, { DB_PASSWORD: PASSWORD }), 'run_results.json': runResults({}, { GITHUB_TOKEN: PAT }) });
  const r = await runCli([dir]);
  t.equal(r.code, 2);
  t.match(r.stdout, /manifest\.json[\s\S]*DB_PASSWORD=\*\*\*\*/);
  t.match(r.stdout, /run_results\.json[\s\S]*ghp_\*\*\*\*/);
  t.match(r.stdout, /in 2 of 2 artifacts .*; 1 could not be read whole \(listed below\), so the run failed/);
  t.notOk(r.stdout.includes(PAT.slice(4)) || r.stdout.includes(PASSWORD));
});

t.test('whole artifacts and JSON that is no dbt artifact are not refused', async (t) => {
  const dir = target({
    'manifest.json': manifest({}),
    'run_results.json': runResults({}),
    // other JSON in a target folder: passed over, as before
    'package.json': { name: 'x', nodes: null, results: null },
    'web.json': { metadata: 'x', nodes: null },
  });
  const r = await runCli([dir]);
  t.equal(r.code, 0);
  t.equal(r.stderr, '');
  t.match(r.stdout, /No secrets found in 2 artifacts/);
  // a run that failed before any node ran: results is an empty list, a whole artifact
  const empty = await runCli([target({ 'run_results.json': runResults({ results: [] }) })]);
  t.equal(empty.code, 0);
});

t.test('a newer schema version: read as the newest known, one warning a kind and version', async (t) => {
  const root = tempDir();
  for (const name of ['a', 'b']) {
    mkdirSync(path.join(root, name, 'target'), { recursive: true });
    const m = manifest({}, { DB_PASSWORD: PASSWORD }) as { metadata: Record<string, unknown> };
    m.metadata.dbt_schema_version = SCHEMA('manifest', 99);
    writeFileSync(path.join(root, name, 'target', 'manifest.json'), dbtJson(m));
  }
  const r = await runCli([path.join(root, 'a', 'target'), path.join(root, 'b', 'target')]);
  t.equal(r.code, 1, 'its findings decide the exit code');
  t.equal((r.stdout.match(/DB_PASSWORD=\*\*\*\*/g) ?? []).length, 2, 'both read');
  t.equal(lines(r.stderr).length, 1, 'one warning for both');
  t.match(r.stderr, /warning: .*manifest\.json: a manifest of schema v99, newer than the v12 this version of dbt-tools-lint knows: read as v12/);
  const known = await runCli([target({ 'manifest.json': manifest({}) })]);
  t.equal(known.stderr, '', 'no warning for v12');
});

t.test('check-staged: a staged broken manifest fails the hook', async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes: null }, { DB_PASSWORD: PASSWORD })));
  let out = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), env: {}, isTTY: false, cwd: dir };
  const code = await main(['check-staged', 'manifest.json'], io);
  t.equal(code, 2);
  t.match(out, /manifest\.json: not a whole dbt artifact/);
  t.notOk(out.includes(PASSWORD));
});

t.test('redact copies no artifact that is not whole: exit 2, one line, nothing written (red team 95: a manifest cut in a SQL literal kept its password)', async (t) => {
  const sql = "alter user loader password 'Qz7#vLm2Rk9pXw4T'";
  const whole = dbtJson(manifest({ nodes: { 'model.shop.a': { unique_id: 'model.shop.a', resource_type: 'model', compiled_code: `${sql} -- clé`, meta: { owner: 'data' } } } }, { DB_PASSWORD: PASSWORD }));
  const at = whole.indexOf('Qz7#');
  const bytes = Buffer.from(whole);
  const cases: [string, string, string | Buffer | Record<string, unknown>][] = [
    // the red team's: cut inside the literal (its prefix), and right after it inside the next character (the whole password)
    ['manifest.json', 'invalid JSON at byte offset \\d+ \\(line 1\\): unexpected end of input \\(truncated file\\?\\)', whole.slice(0, at + 10)],
    ['manifest.json', 'invalid JSON', Buffer.concat([bytes.subarray(0, Buffer.byteLength(whole.slice(0, at + 16))), Buffer.from('é').subarray(0, 1)])],
    // cut in a string the scan finds a secret in, and whole JSON without its body (rewritten): refused alike
    ['manifest.json', 'invalid JSON', whole.slice(0, whole.indexOf(PASSWORD) + 9)],
    ['run_results.json', 'metadata\\.dbt_schema_version names a run-results \\(v6\\), but its "results" is null', runResults({ results: null, args: { vars: { password: PASSWORD } } })],
  ];
  for (const [name, why, content] of cases) {
    const dir = target({ 'catalog.json': dbtJson({ metadata: { dbt_schema_version: SCHEMA('catalog', 1) }, nodes: {}, sources: {} }) });
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : dbtJson(content));
    const out = path.join(tempDir(), 'clean');
    const r = await runCli(['redact', dir, '--out', out]);
    t.equal(r.code, 2, `${name} (${why.slice(0, 20)}): exit 2`);
    t.match(r.stderr, new RegExp(`^dbt-tools-lint: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a whole dbt artifact: ${why}.*; not copied: redact copies whole artifacts only .*; regenerate it with dbt, or move it out of the folder\n$`), 'one line: the file, why, and that it is not copied');
    t.notOk(existsSync(out), 'nothing written, the whole catalog beside it neither');
    t.notMatch(r.stdout + r.stderr, /Qz7#|Vq7#/, 'no secret in the output');
    const before = readFileSync(file);
    t.equal((await runCli(['redact', dir, '--in-place'])).code, 2);
    t.ok(readFileSync(file).equals(before), 'in place: the file untouched');
  }
});

t.test('a file cut inside a character of several bytes is read up to it, as any cut (red team 75: invalid UTF-8, no finding)', async (t) => {
  // (written as UTF-8, not escaped: as a serializer without ensure_ascii writes it)
  const whole = Buffer.from(JSON.stringify(manifest({}, { DB_PASSWORD: PASSWORD, NOTE: 'clé 🔑 rotated' })));
  const emoji = whole.indexOf(Buffer.from('🔑'));
  const dir = target({});
  writeFileSync(path.join(dir, 'manifest.json'), whole.subarray(0, emoji + 2));
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 2);
  t.match(r.stderr, new RegExp(`manifest\\.json: not a whole dbt artifact: invalid JSON at byte offset ${emoji} \\(line 1\\): unexpected end of input`));
  t.equal(JSON.parse(r.stdout).findings.length, 1, 'the password before the cut');
  // an invalid byte anywhere else is the file's error, as before
  writeFileSync(path.join(dir, 'manifest.json'), Buffer.concat([whole.subarray(0, emoji), Buffer.from([0xff]), whole.subarray(emoji)]));
  t.match((await runCli([dir])).stderr, /invalid UTF-8 at byte offset/);
});

t.test('a semantic_manifest.json cut before its metrics and configuration is read up to the cut (red team 75)', async (t) => {
  const pat = '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';
  const whole = JSON.stringify({ semantic_models: [{ name: 'orders', config: { meta: { github_token: pat } } }], metrics: [], project_configuration: { time_spines: [] } });
  const dir = target({});
  writeFileSync(path.join(dir, 'semantic_manifest.json'), whole.slice(0, whole.indexOf('"metrics"') - 3));
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 2);
  t.match(r.stderr, /semantic_manifest\.json: not a whole dbt artifact: invalid JSON at byte offset \d+ \(line 1\): unexpected end of input/);
  t.same((JSON.parse(r.stdout) as { findings: { detectorId: string }[] }).findings.map((f) => f.detectorId), ['github-classic-pat']);
  // whole, a JSON object with semantic_models alone is no semantic manifest
  writeFileSync(path.join(dir, 'semantic_manifest.json'), JSON.stringify({ semantic_models: [] }));
  t.equal((await runCli([dir])).code, 2);
});
