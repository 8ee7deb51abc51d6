/** Rendered SQL in target/compiled and target/run, and logs/dbt.log: same detectors, positions in the file. */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { runCli } from './cli-run.js';
import { LEAKY, ROOT } from './fixture-data.js';
import { manifest, tempDir } from './helpers.js';
import { zipArchive } from './artifacts/archive-build.js';
import { scan } from '../src/engine/scan.js';
import { TEXT_BLOCKS, TEXT_SCAN_COUNTS } from '../src/engine/text-scan.js';
import { DECODE_COUNTS } from '../src/detectors/decode.js';
import { token } from '../scripts/fixtures/values.js';

/** A copy of the leaky project whose target/ also has compiled/ and run/ SQL and whose logs/ has dbt.log. */
function projectWithRenderedSql(): string {
  const dir = tempDir('rendered-');
  cpSync(LEAKY, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'target', 'manifest.json'), 'utf8'));
  for (const node of Object.values(manifest.nodes) as { compiled_code?: string; original_file_path: string; package_name: string }[]) {
    if (!node.compiled_code || !node.original_file_path.endsWith('.sql')) continue;
    for (const sub of ['compiled', 'run']) {
      const file = path.join(dir, 'target', sub, node.package_name, node.original_file_path);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, node.compiled_code);
    }
  }
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(
    path.join(dir, 'logs', 'dbt.log'),
    [
      '06:00:01.000 [info ] [MainThread]: Running with dbt=1.9.4',
      '06:00:02.000 [debug] [Thread-1  ]: Using postgres connection "model.jaffle_shop.orders"',
      '06:00:02.500 [debug] [Thread-1  ]: On model.jaffle_shop.orders: /* {"app": "dbt"} */ attach \'postgresql://loader:L0g-Pw-77aQ@db.internal:5432/raw\' as pg',
      '06:00:03.000 [info ] [MainThread]: Completed successfully, password=none',
      '',
    ].join('\n'),
  );
  return dir;
}

t.test('rendered SQL and the dbt log are scanned with positions and the model file', async (t) => {
  const dir = projectWithRenderedSql();
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  const findings = report.findings as { file: string; artifactKind: string; ruleId: string; start: { line: number; column: number }; charOffset: number; charLength: number; originalFilePath?: string; source?: { file: string }; secretId?: string; lifetime?: string; uniqueId?: string; jsonPath: string }[];
  const compiled = findings.filter((f) => f.artifactKind === 'compiled-sql');
  t.ok(compiled.some((f) => f.file.includes('/target/compiled/')) && compiled.some((f) => f.file.includes('/target/run/')), 'both folders');
  for (const f of compiled) {
    t.equal(f.ruleId, 'compiled-code');
    t.match(f.originalFilePath, /^models\/.+\.sql$/);
    const text = readFileSync(path.resolve(dir, f.file), 'utf8');
    const line = text.split('\n')[f.start.line - 1]!;
    t.equal(line.slice(f.start.column - 1, f.start.column - 1 + f.charLength), text.slice(f.charOffset, f.charOffset + f.charLength), 'line/column and offset agree');
  }
  // a secret rendered into SQL is the same credential as in the manifest's compiled_code: one secret id
  const fromManifest = new Set(findings.filter((f) => f.artifactKind === 'manifest' && f.jsonPath.endsWith('.compiled_code')).map((f) => f.secretId));
  t.ok(compiled.length > 0 && compiled.every((f) => typeof f.secretId === 'string' && typeof f.lifetime === 'string'), 'rendered SQL findings carry a secret id and a lifetime');
  t.ok(compiled.every((f) => fromManifest.has(f.secretId)), 'each is one of the manifest\'s secrets');
  const log = findings.filter((f) => f.artifactKind === 'log');
  t.equal(log.length, 1, 'one secret in the log; password=none is not one');
  t.equal(typeof log[0]?.secretId, 'string', 'a log finding is a credential too');
  t.match(log[0], { ruleId: 'run-messages', file: /logs\/dbt\.log$/, start: { line: 3 } });
});

t.test("a log written as JSON lines: a secret after an escape is found at its place, and its secret id is the one written plainly (red team 67)", async (t) => {
  const dir = tempDir('json-log-');
  const ghp = 'ghp_SCEZGZCQwoIppg1H5xNr75eNBjzXJoLwiQgF';
  const pw = 'Tr0ub4dor-9xK2\\prod';
  // as Python's json writes dbt's --log-format-file json: a line break as \n, text past ASCII as \u00e9
  const lines = [
    { info: { msg: `Encountered an error:\n${ghp} is not a valid profile`, level: 'error' } },
    { info: { msg: `Clé é${ghp}`, level: 'info' } },
    { data: { sql: `select 1;\n\tcreate user u password '${pw}'` }, info: { msg: 'On model.shop.orders', level: 'debug' } },
    { info: { msg: `token ${ghp}`, level: 'debug' } },
  ].map((line) => JSON.stringify(line).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  mkdirSync(path.join(dir, 'logs'));
  const text = `${lines.join('\n')}\n{"info": {"msg": "cut \\x41 ${ghp.slice(0, 10)}`;
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), text);
  const r = await runCli(['logs/dbt.log', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 1);
  t.notOk(r.stdout.includes(ghp) || r.stdout.includes(pw) || r.stderr.includes(ghp), 'no secret in full');
  const findings = JSON.parse(r.stdout).findings as { detectorId: string; start: { line: number; column: number }; charOffset: number; charLength: number; secretId: string }[];
  t.same(findings.map((f) => `${f.detectorId} ${f.start.line}`), ['github-classic-pat 1', 'github-classic-pat 2', 'sql-password 3', 'github-classic-pat 4']);
  for (const f of findings.filter((f) => f.detectorId === 'github-classic-pat')) {
    t.equal(text.slice(f.charOffset, f.charOffset + f.charLength), ghp, `line ${f.start.line}: the span is the token`);
    const line = text.split('\n')[f.start.line - 1]!;
    t.equal(line.slice(f.start.column - 1, f.start.column - 1 + f.charLength), ghp, `line ${f.start.line}: line and column agree`);
  }
  t.equal(new Set(findings.filter((f) => f.detectorId === 'github-classic-pat').map((f) => f.secretId)).size, 1, 'one token, one secret id');
  // the password's backslash is written as two: the span covers them, the secret is the one it reads as
  const sql = findings.find((f) => f.detectorId === 'sql-password')!;
  t.equal(text.slice(sql.charOffset, sql.charOffset + sql.charLength), pw.replace('\\', '\\\\'));
  // …and it is the same credential as the password written in a manifest's value (one backslash, as it reads)
  const target = path.join(dir, 'target');
  mkdirSync(target);
  writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: pw })));
  const both = await runCli(['target', 'logs/dbt.log', '--format', 'json'], { cwd: dir });
  const ids = (JSON.parse(both.stdout).findings as { detectorId: string; artifactKind: string; secretId: string }[]).filter((f) => f.detectorId !== 'github-classic-pat');
  t.equal(ids.length, 2, 'the password in the manifest and in the log');
  t.equal(new Set(ids.map((f) => f.secretId)).size, 1, 'one secret id');
});

t.test('a run of blank lines in a log is read once, not from each of its lines to its end (red team 95: 200,000 took 29 s)', async (t) => {
  const dir = tempDir('blank-log-');
  mkdirSync(path.join(dir, 'logs'));
  const file = path.join(dir, 'logs', 'dbt.log');
  const token = 'ghp_SCEZGZCQwoIppg1H5xNr75eNBjzXJoLwiQgF';
  const blanksRead = (lines: number) => {
    // blank lines of nothing, of spaces and of a carriage return, then a JSON line after them that holds a token
    writeFileSync(file, `09:00:00 start\n${'\n \n\r\n'.repeat(lines / 3)}{"info": {"msg": "token=${token.replace('_', '\\u005f')}"}}\n`);
    const before = TEXT_SCAN_COUNTS.blanksRead;
    const found = scan({ paths: [file] }).findings;
    t.equal(found.length, 1, `${lines} blank lines: the token after them found`);
    return TEXT_SCAN_COUNTS.blanksRead - before;
  };
  const small = blanksRead(3_000);
  const large = blanksRead(30_000);
  t.ok(large <= 10 * small + 10, `ten times the blank lines, ten times the blanks read (${small} → ${large})`);
});

t.test('an explicit .sql file under compiled/ is scanned', async (t) => {
  const dir = projectWithRenderedSql();
  const r = await runCli(['target/compiled/jaffle_shop/models/staging/stg_customers.sql', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(r.stdout);
  t.equal(report.summary.filesScanned, 1);
  t.equal(report.summary.artifacts[0].kind, 'compiled-sql');
});

t.test('a Python model rendered into compiled/ and run/ (.py) is scanned like rendered SQL', async (t) => {
  const dir = tempDir('rendered-py-');
  const target = path.join(dir, 'target');
  mkdirSync(target, { recursive: true });
  writeFileSync(path.join(dir, 'dbt_project.yml'), 'name: ingest\n');
  writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest({})));
  // a key of Anthropic's format (synthetic: 93 characters of body, then AA) assigned in the model's module
  const key = `sk-ant-api03-${'Qx7vKp2mZr9LwT4nHc8sYb3dFg6jNa1eUo5iXq0Rt'.repeat(3).slice(0, 93)}AA`;
  const model = ['import json', '', `ANTHROPIC_KEY = '${key}'`, '', 'def model(dbt, session):', "    return dbt.ref('stg_reviews')", ''].join('\n');
  for (const sub of ['compiled', 'run']) {
    const file = path.join(target, sub, 'ingest', 'models', 'enrich', 'review_summaries.py');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, model);
    // a module with no secret beside it stays silent
    writeFileSync(path.join(path.dirname(file), 'clean.py'), "def model(dbt, session):\n    return dbt.ref('stg_orders')\n");
  }
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  const python = (report.findings as { file: string; artifactKind: string; ruleId: string; detectorId: string; originalFilePath?: string; start: { line: number; column: number }; charOffset: number; charLength: number }[]).filter((f) => f.artifactKind === 'compiled-python');
  t.same(python.map((f) => f.file.replace(/^.*\/target\//, '')).sort(), ['compiled/ingest/models/enrich/review_summaries.py', 'run/ingest/models/enrich/review_summaries.py']);
  for (const f of python) {
    t.match(f, { ruleId: 'compiled-code', detectorId: 'anthropic-api-key', originalFilePath: 'models/enrich/review_summaries.py', start: { line: 3, column: 18 } });
    t.equal(readFileSync(path.resolve(dir, f.file), 'utf8').slice(f.charOffset, f.charOffset + f.charLength), key, 'the offset spans the key');
  }
  t.equal(report.summary.artifacts.filter((a: { kind: string }) => a.kind === 'compiled-python').length, 4, 'both modules in both folders are read');
});

t.test('a folder whose target/ keeps only rendered SQL is scanned, not refused', async (t) => {
  // an archive of a run's compiled/ and run/ without the JSON, under a folder with no dbt_project.yml
  const dir = tempDir('rendered-only-');
  const file = path.join(dir, 'target', 'compiled', 'shop', 'models', 'grants.sql');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "ALTER USER svc SET PASSWORD = 'Hv8_Lq3mZp0Rt6Yx';\n");
  const r = await runCli([dir, '--format', 'json'], { cwd: dir });
  t.equal(r.code, 1, 'its finding fails the run');
  t.same((JSON.parse(r.stdout).findings as { file: string }[]).map((f) => f.file.replace(/^.*\/target\//, '')), ['compiled/shop/models/grants.sql']);
  // a folder with neither stays an error
  const empty = tempDir('rendered-none-');
  mkdirSync(path.join(empty, 'target', 'compiled'), { recursive: true });
  const none = await runCli([empty], { cwd: empty });
  t.equal(none.code, 2);
  t.match(none.stderr, /no dbt artifact found/);
});

t.test("a subfolder of the target that holds artifacts is named in a warning, not skipped silently", async (t) => {
  // a --state copy kept inside the target: the scan reads the folder one level deep
  const dir = tempDir('state-inside-');
  cpSync(path.join(LEAKY, 'target', 'manifest.json'), path.join(dir, 'manifest.json'));
  mkdirSync(path.join(dir, 'state'));
  cpSync(path.join(LEAKY, 'target', 'manifest.json'), path.join(dir, 'state', 'manifest.json'));
  mkdirSync(path.join(dir, 'compiled'));
  const r = await runCli([dir, '--format', 'json'], { cwd: dir });
  t.equal(r.code, 1);
  t.match(r.stderr, /\/state: dbt artifacts in a subfolder are not scanned with the folder above; pass '.*\/state' too/);
  t.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  t.same(new Set((JSON.parse(r.stdout).findings as { file: string }[]).map((f) => path.basename(path.dirname(f.file)))).size, 1, 'the subfolder is not read');
  // passed too, it is read
  const both = await runCli([dir, path.join(dir, 'state'), '--format', 'json'], { cwd: dir });
  t.ok((JSON.parse(both.stdout).findings as { file: string }[]).some((f) => f.file.includes('/state/')));
});

t.test('the log beside a target named `.`, `target/.` or `..` from inside it: the same log, named from where the scan runs (red team 64)', async (t) => {
  // the command line in the folder (its paths are the process's own, relative to where it runs)
  const dir = projectWithRenderedSql();
  const runs: [string, string, string][] = [
    ['.', 'target', '../logs/dbt.log'],
    ['target/.', '.', 'logs/dbt.log'],
    ['..', 'target/compiled', '../../logs/dbt.log'],
  ];
  for (const [arg, cwd, expected] of runs) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dbt-tools-lint.js'), arg, '--format', 'json'], { cwd: path.join(dir, cwd), encoding: 'utf8', timeout: 60_000 });
    t.equal(r.status, 1, `${arg} from ${cwd}: ${r.stderr}`);
    const logs = (JSON.parse(r.stdout).findings as { file: string; artifactKind: string }[]).filter((f) => f.artifactKind === 'log').map((f) => f.file);
    t.same(logs, [expected], `${arg} from ${cwd}`);
  }
});

t.test("a CI job's upload of target/ and logs/ (no dbt_project.yml): the log beside the target is read, in a folder and in an archive", async (t) => {
  const dir = tempDir('ci-upload-');
  const log = '06:00:02.500 [debug] [Thread-1  ]: attach \'postgresql://loader:Up-L0ad-55qW@db.internal:5432/raw\' as pg\n';
  const files: [string, string][] = [];
  for (const run of ['run-1', 'run-2']) {
    files.push([`${run}/target/manifest.json`, JSON.stringify(manifest({}))], [`${run}/logs/dbt.log`, log]);
  }
  // a folder of artifacts not named as dbt names its target: a log beside it is no evidence of dbt's layout
  files.push(['other/artifacts/manifest.json', JSON.stringify(manifest({}))], ['other/logs/dbt.log', log]);
  for (const [name, body] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), body);
  }
  const logsRead = (stdout: string) => (JSON.parse(stdout).findings as { file: string; artifactKind: string }[]).filter((f) => f.artifactKind === 'log').map((f) => f.file.replace(/^.*?(run-\d|other)\//, '$1/')).sort();
  const folders = await runCli([path.join(dir, '*', 'target'), path.join(dir, 'other', 'artifacts'), '--format', 'json'], { cwd: dir });
  t.equal(folders.code, 1);
  t.same(logsRead(folders.stdout), ['run-1/logs/dbt.log', 'run-2/logs/dbt.log'], 'the logs beside both targets, not the one beside other/artifacts');
  writeFileSync(path.join(dir, 'runs.zip'), zipArchive(files.filter(([name]) => name.startsWith('run-')).map(([name, body]) => ({ name, body }))));
  const zipped = await runCli([path.join(dir, 'runs.zip'), '--format', 'json'], { cwd: dir });
  t.equal(zipped.code, 1);
  t.same(logsRead(zipped.stdout), ['run-1/logs/dbt.log', 'run-2/logs/dbt.log'], 'the same logs inside the archive');
});

t.test("the folder of a CI job's upload, its target/ beside a clean logs/dbt.log and no dbt_project.yml: target/ is read with the log, not passed over (red team 79)", async (t) => {
  const dir = tempDir('upload-folder-');
  mkdirSync(path.join(dir, 'target'));
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: 'Vp7#nQ2xLm8Rk4pW' })));
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), '06:00:01.000 [info ] [MainThread]: Running with dbt=1.9.4\n');
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 1, 'the secret in target/ fails the run');
  const report = JSON.parse(r.stdout) as { findings: { file: string }[]; summary: { filesScanned: number } };
  t.same(report.findings.map((f) => path.relative(dir, f.file)), [path.join('target', 'manifest.json')]);
  t.equal(report.summary.filesScanned, 2, 'the manifest and the log beside it');
  t.notMatch(r.stderr, /not scanned/);
  // …and beside a JSON file of the job's own (not dbt's): target/ read all the same, that file looked at too
  writeFileSync(path.join(dir, 'upload-info.json'), JSON.stringify({ run: 5, sha: '3f1c2a9' }));
  const beside = await runCli([dir, '--format', 'json']);
  t.equal(beside.code, 1, beside.stderr);
  t.same((JSON.parse(beside.stdout) as { findings: { file: string }[] }).findings.map((f) => path.relative(dir, f.file)), [path.join('target', 'manifest.json')]);
  // a folder with rendered models of its own is a target still: its target/ subfolder is not read for it
  mkdirSync(path.join(dir, 'compiled', 'shop', 'models'), { recursive: true });
  writeFileSync(path.join(dir, 'compiled', 'shop', 'models', 'a.sql'), 'select 1\n');
  const own = await runCli([dir, '--format', 'json']);
  t.equal(own.code, 0, own.stderr);
  t.match(own.stderr, /target: dbt artifacts in a subfolder are not scanned/);
});

t.test("the backups dbt's log rotation keeps (dbt.log.1 … dbt.log.5) are read with the log, and as a log when named (red team 79)", async (t) => {
  const dir = tempDir('rotated-');
  mkdirSync(path.join(dir, 'target', 'logs'), { recursive: true });
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'dbt_project.yml'), 'name: shop\n');
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest({})));
  const line = (pw: string) => `06:00:02.500 [debug] [Thread-1  ]: attach 'postgresql://loader:${pw}@db.internal:5432/raw' as pg\n`;
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), '06:00:01.000 [info ] [MainThread]: Running with dbt=1.9.4\n');
  for (const [name, pw] of [['dbt.log.1', 'Rot-L0g-11qW'], ['dbt.log.10', 'Rot-L0g-10qW'], ['dbt.log.2', 'Rot-L0g-22qW'], ['dbt.log.2026-12-04', 'Day-L0g-04qW'], ['dbt.log-20261203', 'Day-L0g-03qW'], ['dbt.log.2026-12-04_10', 'Hour-L0g-10qW']]) {
    writeFileSync(path.join(dir, 'logs', name!), line(pw!));
  }
  // not dbt's backups: another tool's log, and a copy kept under another name
  writeFileSync(path.join(dir, 'logs', 'dbt.log.bak'), line('Not-R3ad-01qW'));
  writeFileSync(path.join(dir, 'logs', 'sqlfluff.log.1'), line('Not-R3ad-02qW'));
  writeFileSync(path.join(dir, 'target', 'logs', 'dbt.log.1'), line('Kept-L0g-33qW'));
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { file: string }[]; summary: { artifacts: { file: string }[] } };
  const logs = report.summary.artifacts.map((a) => path.relative(dir, a.file)).filter((f) => f.includes('log'));
  t.same(
    logs,
    ['logs/dbt.log', 'logs/dbt.log.1', 'logs/dbt.log.2', 'logs/dbt.log.10', 'logs/dbt.log-20261203', 'logs/dbt.log.2026-12-04', 'logs/dbt.log.2026-12-04_10', 'target/logs/dbt.log.1'].map((f) => f.split('/').join(path.sep)),
    "dbt.log, then its backups by number, then a day's or an hour's (logrotate's dateext, a timed rotation)",
  );
  t.equal(report.findings.length, 7, "each backup's secret");
  // …and in an archive of the folder, as a CI job uploads it (red team 81: not unpacked, exit 0)
  const files = ['target/manifest.json', 'logs/dbt.log', 'logs/dbt.log.1', 'logs/dbt.log.2026-12-04_10'];
  const upload = path.join(tempDir('upload-'), 'upload.zip');
  writeFileSync(upload, zipArchive(files.map((name) => ({ name, body: readFileSync(path.join(dir, name)) }))));
  const zipped = await runCli([upload, '--format', 'json']);
  t.equal(zipped.code, 1, zipped.stderr);
  t.same((JSON.parse(zipped.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file.replace(/^.*!\//, '')), ['logs/dbt.log.1', 'logs/dbt.log.2026-12-04_10'], "the backups' secrets in the archive");
  // a backup is yesterday's dbt.log: its findings are placed as the log's, so a baseline's entry holds across the rotation
  const today = tempDir('rotation-');
  mkdirSync(path.join(today, 'logs'));
  writeFileSync(path.join(today, 'logs', 'dbt.log'), line('Rot-L0g-11qW'));
  const before = await runCli([path.join(today, 'logs', 'dbt.log'), '--format', 'json']);
  const after = await runCli([path.join(dir, 'logs', 'dbt.log.1'), '--format', 'json']);
  const placed = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: { location: string; fingerprint: string }[] }).findings.map((f) => [f.location, f.fingerprint]);
  t.same(placed(after), placed(before), 'the same place and fingerprint after the rotation');
  const one = await runCli([path.join(dir, 'logs', 'dbt.log.2'), '--format', 'json']);
  t.equal(one.code, 1, one.stderr);
  t.notMatch(one.stderr, /invalid JSON/, 'named, a backup is read as a log, not as JSON');
});

t.test("a backup of dbt's log that a rotation compressed is said, not passed over in silence, and read when named", async (t) => {
  const dir = tempDir('compressed-');
  mkdirSync(path.join(dir, 'target', 'logs'), { recursive: true });
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'dbt_project.yml'), 'name: shop\n');
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest({})));
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), '06:00:01.000 [info ] [MainThread]: Running with dbt=1.9.4\n');
  const line = (pw: string) => `06:00:02.500 [debug] [Thread-1  ]: attach 'postgresql://loader:${pw}@db.internal:5432/raw' as pg\n`;
  writeFileSync(path.join(dir, 'logs', 'dbt.log.2.gz'), gzipSync(line('Gz-L0g-22qWx')));
  writeFileSync(path.join(dir, 'logs', 'dbt.log-20261203.gz'), gzipSync(line('Gz-L0g-03qWx')));
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 0, 'nothing in what the folder reads');
  t.match(r.stderr, /logs[/\\]dbt\.log-20261203\.gz and 1 more: a compressed backup of dbt's log is not read with the folder; pass them too/);
  const named = await runCli([path.join(dir, 'logs', 'dbt.log.2.gz'), '--format', 'json']);
  t.equal(named.code, 1, named.stderr);
  t.equal((JSON.parse(named.stdout) as { findings: unknown[] }).findings.length, 1, "named, its secret is found");
  // named beside its folder: read, and no word that it is not (red team 152); the other one still said
  const both = await runCli([dir, path.join(dir, 'logs', 'dbt.log.2.gz'), '--format', 'json']);
  t.equal(both.code, 1, both.stderr);
  t.match(both.stderr, /logs[/\\]dbt\.log-20261203\.gz: a compressed backup of dbt's log is not read with the folder; pass it too/);
  t.notMatch(both.stderr, /dbt\.log\.2\.gz/);
  // none compressed: no word of it
  const plain = tempDir('uncompressed-');
  mkdirSync(path.join(plain, 'target'));
  writeFileSync(path.join(plain, 'target', 'manifest.json'), JSON.stringify(manifest({})));
  t.notMatch((await runCli([path.join(plain, 'target')])).stderr, /compressed/);
});

t.test('logs/ given alone is read for dbt.log and its backups, once; a target that holds its log (--log-path target) too (red team 84)', async (t) => {
  const dir = tempDir('logs-alone-');
  mkdirSync(path.join(dir, 'logs'));
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'dbt_project.yml'), 'name: shop\n');
  const line = (pw: string) => `06:00:02.500 [debug] [Thread-1  ]: attach 'postgresql://loader:${pw}@db.internal:5432/raw' as pg\n`;
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), line('Alone-L0g-1qW'));
  writeFileSync(path.join(dir, 'logs', 'dbt.log.1'), line('Alone-L0g-2qW'));
  for (const cwd of [dir, path.join(dir, 'logs')]) {
    const r = await runCli([cwd === dir ? 'logs' : '.', '--format', 'json'], { cwd });
    t.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: unknown[]; summary: { artifacts: { file: string }[] } };
    t.same(report.summary.artifacts.map((a) => path.basename(a.file)), ['dbt.log', 'dbt.log.1'], `${cwd === dir ? 'logs' : '.'}: each log once`);
    t.equal(report.findings.length, 2);
  }
  // the run wrote its log into the target
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest({})));
  writeFileSync(path.join(dir, 'target', 'dbt.log'), line('InTarget-L0g-3qW'));
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 1, r.stderr);
  t.same((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => path.relative(dir, path.resolve(dir, f.file)).split(path.sep).join('/')).sort(), ['logs/dbt.log', 'logs/dbt.log.1', 'target/dbt.log']);
});

t.test('a log kept in the target (--log-path target/logs) is read with it, under any folder name (red team 65)', async (t) => {
  const dir = tempDir('target-logs-');
  const log = '06:00:02.500 [debug] [Thread-1  ]: attach \'postgresql://loader:Up-L0ad-55qW@db.internal:5432/raw\' as pg\n';
  for (const target of ['target', 'artifacts']) {
    mkdirSync(path.join(dir, target, 'logs'), { recursive: true });
    writeFileSync(path.join(dir, target, 'manifest.json'), JSON.stringify(manifest({})));
    writeFileSync(path.join(dir, target, 'logs', 'dbt.log'), log);
    const r = await runCli([target, '--format', 'json'], { cwd: dir });
    t.equal(r.code, 1, r.stderr);
    t.same((JSON.parse(r.stdout).findings as { file: string; artifactKind: string }[]).map((f) => [f.artifactKind, path.relative(dir, path.resolve(dir, f.file))]), [['log', `${target}/logs/dbt.log`]], `${target}/logs/dbt.log`);
  }
});

t.test('a folder of rendered models that cannot be listed is an unreadable input: named, exit 2, the rest still reported (red team 63)', { skip: process.platform !== 'linux' && 'permissions as on Linux' }, async (t) => {
  const dir = tempDir('unlisted-');
  const target = path.join(dir, 'target');
  mkdirSync(path.join(target, 'compiled', 'shop', 'models'), { recursive: true });
  cpSync(path.join(LEAKY, 'target', 'manifest.json'), path.join(target, 'manifest.json'));
  writeFileSync(path.join(target, 'compiled', 'shop', 'models', 'a.sql'), "select 'postgresql://u:Zq8vLw3xKt9pR2@db/x'\n");
  // readable by anyone but the folder of models; root reads every folder, so the scan runs as nobody there
  for (const p of [dir, target, path.join(target, 'compiled')]) chmodSync(p, 0o755);
  chmodSync(path.join(target, 'manifest.json'), 0o644);
  chmodSync(path.join(target, 'compiled', 'shop'), 0o000);
  t.teardown(() => chmodSync(path.join(target, 'compiled', 'shop'), 0o755));
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
  const r = spawnSync(command[0]!, [...command.slice(1), path.join(ROOT, 'bin', 'dbt-tools-lint.js'), target, '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  t.equal(r.status, 2, r.stderr);
  t.equal(r.stderr, `dbt-tools-lint: ${target}/compiled/shop: cannot list the folder (EACCES): the rendered models under it are not scanned\n`);
  const report = JSON.parse(r.stdout) as { findings: unknown[]; errors: { message: string }[] };
  t.ok(report.findings.length > 100, `the manifest's ${report.findings.length} findings are still reported`);
  t.match(report.errors, [{ message: /compiled\/shop: cannot list the folder \(EACCES\)/ }]);
});

t.test('a long log is read in blocks of lines: the findings of the log read whole, a key over many lines across a block\'s start too (red team 77)', async (t) => {
  const dir = tempDir('log-blocks-');
  const target = path.join(dir, 'target');
  mkdirSync(target, { recursive: true });
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'dbt_project.yml'), 'name: shop\n');
  writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest({})));
  // ordinary lines, a secret every few hundred, and PEM keys whose lines cross where blocks begin
  const lines: string[] = [];
  const { blockChars } = TEXT_BLOCKS;
  let length = 0;
  for (let i = 0; length < 6 * blockChars; i++) {
    let line = `06:00:${String(i % 60).padStart(2, '0')}  ${i} of 9000 OK created sql view model analytics.orders_${i} ... [OK in 0.0${i % 9}s], rows: ${i}`;
    if (i % 400 === 7) line += ` connecting to postgresql://loader:${token.stripeLive(`pw${i}`).slice(8)}@db.internal/shop`;
    if (i % 400 === 201) line += ` export GITHUB_TOKEN=${token.githubPat(`gh${i}`)}`;
    lines.push(line);
    length += line.length + 1;
    // a key written over its lines just before each multiple of the block's size
    if (Math.floor((length + 1200) / blockChars) > Math.floor(length / blockChars)) {
      const key = token.privateKeyPem(`key${i}`);
      lines.push(`loaded the service account's key: ${key}`);
      length += key.length + 40;
    }
  }
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), `${lines.join('\n')}\n`);
  const inBlocks = scan({ paths: [target], jobs: 1 }).findings.filter((f) => f.artifactKind === 'log');
  const saved = TEXT_BLOCKS.blockChars;
  TEXT_BLOCKS.blockChars = Number.MAX_SAFE_INTEGER / 4;
  let whole;
  try {
    whole = scan({ paths: [target], jobs: 1 }).findings.filter((f) => f.artifactKind === 'log');
  } finally {
    TEXT_BLOCKS.blockChars = saved;
  }
  const keys = whole.filter((f) => f.detectorId.includes('private-key')).length;
  t.ok(keys >= 5, `${keys} keys, over lines`);
  t.ok(whole.length > 40, `${whole.length} findings`);
  t.same(inBlocks, whole, 'the same findings, at the same places');
});

t.test("a Markdown table in a long log is read whole, its header with its rows, whatever blocks it crosses (red team 78: dbt show's preview)", async (t) => {
  const dir = tempDir('log-table-');
  mkdirSync(path.join(dir, 'logs'));
  const secret = 'UZoL8g5u#bbbPIa8';
  const rows = Array.from({ length: 9000 }, (_, i) => `| ${String(i).padStart(5)} | user_${String(i).padStart(6, '0')} | signed up from the partner portal, region eu | ${i === 7000 ? secret : 'NULL            '} |`);
  const text = ["22:00:01.000000 [info ] [MainThread]: Previewing node 'users':", '| id | login       | note | api_password       |', '| -- | ----------- | ---- | ------------------ |', ...rows, ''].join('\n');
  t.ok(text.length > 2 * TEXT_BLOCKS.blockChars + 16 * 1024, 'longer than two blocks');
  const file = path.join(dir, 'logs', 'dbt.log');
  writeFileSync(file, text);
  const found = scan({ paths: [file], jobs: 1 }).findings.map((f) => f.start.line);
  t.same(found, [7004], "the row's secret, 7,000 lines under its header");
});

t.test('a JSON-lines log is read once and its escaped strings decoded, not each block unescaped whole again (red team 104: half of a 13 MB log\'s time)', async (t) => {
  const dir = tempDir('json-log-');
  mkdirSync(path.join(dir, 'logs'));
  const file = path.join(dir, 'logs', 'dbt.log');
  const password = 'Vq8#mZ2rT9!xLp4w';
  const events = (n: number) =>
    Array.from({ length: n }, (_, i) => JSON.stringify({ data: { sql: `/* {"app": "dbt", "node_id": "model.shop.m${i}"} */ select ${i}` }, info: { msg: `On model.shop.m${i}: "ok"`, extra: { RUN_ID: String(i) } } })).join('\n');
  // the JSON lines, then a text line that echoes JSON escaped into a string (dbt's text format quoting a payload)
  writeFileSync(file, `${events(2_000)}\n06:00:01 [debug] [MainThread]: payload "{\\"user\\": \\"etl\\", \\"password\\": \\"${password}\\"}"\n`);
  const before = DECODE_COUNTS.jsonUnescaped;
  const found = scan({ paths: [file] }).findings;
  t.same(found.map((f) => f.start.line), [2_001], 'the password in the escaped JSON of the text line, found');
  t.ok(DECODE_COUNTS.jsonUnescaped - before < 200, `only that line unescaped (${DECODE_COUNTS.jsonUnescaped - before} characters)`);
});

t.test("a text log line's JSON with escaped slashes is read as its URL (red team 105: PHP's json_encode writes https:\\/\\/)", async (t) => {
  const dir = tempDir('slash-log-');
  mkdirSync(path.join(dir, 'logs'));
  const file = path.join(dir, 'logs', 'dbt.log');
  writeFileSync(file, `06:00:01 [info ] [MainThread]: Running with dbt=1.9.4\n06:00:02 [error] [Thread-1  ]: HTTP 502 from loader: {"error":"upstream","source":"https:\\/\\/etl:Qm7#vL2pX9wZ@files.acme.io\\/exports\\/x.csv"}\n`);
  const found = scan({ paths: [file] }).findings;
  t.same(found.map((f) => [f.start.line, f.detectorId]), [[2, 'url-password']]);
  const text = readFileSync(file, 'utf8');
  t.equal(text.slice(found[0]!.charOffset, found[0]!.charOffset + found[0]!.charLength), 'Qm7#vL2pX9wZ', 'at the password as written');
});

t.test("dbt Fusion's query log (logs/query_log.sql, the SQL it ran) is read as rendered SQL: beside a target, in logs/ given alone, named, and in a CI job's upload without dbt_project.yml", async (t) => {
  const dir = tempDir('query-log-');
  mkdirSync(path.join(dir, 'logs'));
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest({})));
  // made up for this test
  const PW = 'Qlog-Zq8vLm2x9';
  writeFileSync(path.join(dir, 'logs', 'query_log.sql'), `-- model.shop.users\ncreate or replace view analytics.users as select 1;\n\n-- run-operation: grant_loader\ncreate user loader password '${PW}';\n`);
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), '06:00:01.000 [info ] [MainThread]: Running with dbt=2.0.0\n');
  const found = async (args: string[]) => {
    const r = await runCli([...args, '--format', 'json'], { cwd: dir });
    t.equal(r.code, 1, r.stderr);
    t.notMatch(r.stdout, PW, 'the password is never printed');
    const report = JSON.parse(r.stdout) as { findings: { file: string; ruleId: string; detectorId: string; start: { line: number; column: number } }[] };
    return report.findings.map((f) => `${path.relative(dir, path.resolve(dir, f.file)).split(path.sep).join('/')} ${f.ruleId}/${f.detectorId} ${f.start.line}:${f.start.column}`);
  };
  const expected = ['logs/query_log.sql compiled-code/sql-password 5:30'];
  t.same(await found(['target']), expected, 'beside the target');
  t.same(await found(['logs']), expected, 'logs/ given alone');
  t.same(await found(['logs/query_log.sql']), expected, 'named');
  // a CI job's upload: target/ and logs/ without dbt_project.yml; the folder holding both
  t.same(await found(['.']), expected, 'the upload');
});

t.test('an empty rendered model, dbt.log or query log beside the artifacts holds nothing: read, no finding, not an error; named, it is one, in words for text (red team 108)', async (t) => {
  const dir = tempDir('empty-texts-');
  mkdirSync(path.join(dir, 'logs'));
  mkdirSync(path.join(dir, 'target', 'compiled', 'shop', 'models'), { recursive: true });
  writeFileSync(path.join(dir, 'dbt_project.yml'), 'name: shop\n');
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest({})));
  for (const file of ['target/compiled/shop/models/only_jinja.sql', 'logs/dbt.log', 'logs/query_log.sql']) writeFileSync(path.join(dir, file), file.endsWith('.sql') ? '\n\n' : '');
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  t.same((JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] } }).summary.artifacts.map((a) => path.basename(a.file)).sort(), ['dbt.log', 'manifest.json', 'only_jinja.sql', 'query_log.sql']);
  for (const [file, expected] of [['logs/query_log.sql', "dbt's rendered SQL"], ['logs/dbt.log', "dbt's log"]] as const) {
    const named = await runCli([file], { cwd: dir });
    t.equal(named.code, 2, `${file} named`);
    t.match(named.stderr, `${file}: empty file, expected ${expected}`);
    t.notMatch(named.stderr, 'JSON');
  }
  // a byte order mark alone is empty too (red team 109: named, it passed)
  writeFileSync(path.join(dir, 'logs', 'query_log.sql'), '\ufeff');
  t.equal((await runCli(['logs/query_log.sql'], { cwd: dir })).code, 2, 'a BOM alone, named');
  // never pass on nothing: only empty files found, no artifact beside them (red team 109: exit 0, "No secrets found in 3 artifacts")
  rmSync(path.join(dir, 'target', 'manifest.json'));
  for (const args of [['.'], ['logs'], ['target']]) {
    const r = await runCli(args, { cwd: dir });
    t.equal(r.code, 2, `${args[0]}: only empty files`);
    t.match(r.stderr, /nothing to scan: the (?:one file|\d+ files) found \(rendered SQL or dbt's log\) (?:is|are) empty/);
  }
});
