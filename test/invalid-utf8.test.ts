/**
 * Red team 89: an artifact with one byte that is no UTF-8 (a Latin-1 `é` in a description, a cp1252 byte in a log line)
 * failed the run with one line, `FILE: invalid UTF-8 at byte offset N`, and nothing it held was read: a GitHub token or
 * a password beside the byte went unreported. Now it is read as a file cut short is: each bad byte as U+FFFD, one
 * character, its findings reported at their places, then the run fails (exit 2) with that one line, saying what it
 * holds was read. `redact` still refuses it before writing anything: a copy would not have the file's bytes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';
import { scan } from '../src/engine/scan.js';
import type { Finding } from '../src/types.js';

const PASSWORD = 'Kx9-vQ2mLp7Rt4Wz';
const GHP = 'ghp_R8x2Qm7vLk9TzW4nB6yP1sD3fG5hJ0aC2eK7';
const SCHEMA = 'https://schemas.getdbt.com/dbt/manifest/v12.json';
/** A Latin-1 `é`: one byte, no UTF-8. */
const E_ACUTE = Buffer.from([0xe9]);
/** Where withLatin1E writes one. */
const E = '\u0000';
/** `text` as bytes, each E a Latin-1 `é`. */
const withLatin1E = (text: string) => Buffer.concat(text.split(E).flatMap((piece, i) => (i === 0 ? [Buffer.from(piece)] : [E_ACUTE, Buffer.from(piece)])));

interface Reported {
  code: number;
  stderr: string;
  stdout: string;
  findings: Pick<Finding, 'ruleId' | 'detectorId' | 'start' | 'charOffset' | 'charLength'>[];
}

/** `bytes` (a string's pieces, a Buffer each bad byte) written as `name` in a fresh folder. */
function written(name: string, pieces: (string | Buffer)[]): { dir: string; file: string; bytes: Buffer } {
  const dir = tempDir('invalid-utf8-');
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  const bytes = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  writeFileSync(file, bytes);
  return { dir, file, bytes };
}

async function scanned(paths: string[]): Promise<Reported> {
  const r = await runCli([...paths, '--format', 'json']);
  return { ...r, findings: JSON.parse(r.stdout).findings };
}

/** The file's text as an editor showing it as UTF-8 has it: each bad byte (each maximal bad piece) one U+FFFD. */
const asShown = (bytes: Buffer) => bytes.toString('utf8');

/** `secret`'s one place in `text`: line, column (1-based) and offset. */
function placeOf(text: string, secret: string): { line: number; column: number; charOffset: number } {
  const at = text.indexOf(secret);
  if (at < 0 || text.indexOf(secret, at + 1) >= 0) throw new Error('the secret must be written once');
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n'), charOffset: at };
}

function foundAt(t: Test, r: Reported, text: string, secret: string, label: string): void {
  const place = placeOf(text, secret);
  const f = r.findings.find((f) => f.charOffset <= place.charOffset && place.charOffset < f.charOffset + f.charLength);
  if (!t.ok(f, `${label}: found`)) return;
  const line = text.split('\n')[f!.start.line - 1]!;
  t.ok(text.slice(f!.charOffset, f!.charOffset + f!.charLength).includes(secret.slice(-8)), `${label}: the span holds the secret`);
  t.equal(line.slice(f!.start.column - 1, f!.start.column - 1 + f!.charLength), text.slice(f!.charOffset, f!.charOffset + f!.charLength), `${label}: line and column agree with the offset`);
  if (f!.start.line !== place.line) t.fail(`${label}: on line ${place.line}, not ${f!.start.line}`);
}

/** Exit 2, the one line for `file` at `byteOffset`, and no secret (nor the bad byte's neighbours) in what was written. */
function failedWithOneLine(t: Test, r: Reported, file: string, byteOffset: number): void {
  t.equal(r.code, 2, 'exit 2');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  t.same(lines, [`dbt-tools-lint: ${file}: invalid UTF-8 at byte offset ${byteOffset}; what it holds was read`], 'one line: where, and that it was read');
  for (const secret of [PASSWORD, GHP, 'Kx9vQ2mLp7Rt4Wz']) t.notOk(r.stdout.includes(secret) || r.stderr.includes(secret), `no ${secret.slice(0, 4)}… in the output`);
  t.notOk(r.stderr.includes('caf'), "the line quotes none of the file's text");
}

t.test('the repro: a manifest with a Latin-1 é before a token, its password and token found at their places, then exit 2', async (t) => {
  const { file, bytes } = written('manifest.json', [
    `{"metadata":{"dbt_schema_version":"${SCHEMA}","env":{"SNOWFLAKE_PASSWORD":"${PASSWORD}"}},"nodes":{"model.a.b":{"description":"caf`,
    E_ACUTE,
    ` ${GHP}"}}}`,
  ]);
  const r = await scanned([file]);
  failedWithOneLine(t, r, file, bytes.indexOf(E_ACUTE));
  t.same(r.findings.map((f) => `${f.ruleId}/${f.detectorId}`).sort(), ['env-metadata/secret-key-name', 'free-text/github-classic-pat']);
  const text = asShown(bytes);
  foundAt(t, r, text, PASSWORD, 'the password before the byte');
  foundAt(t, r, text, GHP, 'the token after the byte');
  // the bad byte is one character, as the file has one byte there: the token's column is its byte's
  const token = r.findings.find((f) => f.detectorId === 'github-classic-pat')!;
  t.equal(token.charOffset, bytes.indexOf(Buffer.from(GHP)));
  t.equal(token.start.column, bytes.indexOf(Buffer.from(GHP)) + 1);
});

t.test('bad bytes before and after secrets, on lines of their own and several, each one character', async (t) => {
  const head = JSON.stringify({ metadata: { dbt_schema_version: SCHEMA, env: {} } }).slice(1, -1);
  const { file, bytes } = written('manifest.json', [
    `{${head},\n"nodes": {"model.a.b": {\n"description": "Caf`,
    E_ACUTE,
    ` au lait`,
    // a cp1252 ’ and a character's first two bytes of three, no third: two more bad pieces on one line
    Buffer.from([0x92]),
    ` s `,
    Buffer.from([0xe2, 0x82]),
    ` ${GHP} tail`,
    E_ACUTE,
    `",\n"meta": {"db_password": "${PASSWORD}"}, "raw_code": "select 1 -- `,
    E_ACUTE,
    `"}}, "macros": {}, "docs": {}, "parent_map": {}}`,
  ]);
  const r = await scanned([file]);
  failedWithOneLine(t, r, file, bytes.indexOf(E_ACUTE));
  const text = asShown(bytes);
  t.equal(text.split('\uFFFD').length - 1, 5, 'five bad pieces, five replacement characters (two bytes without their third are one)');
  foundAt(t, r, text, GHP, 'a token after three bad pieces on its line');
  foundAt(t, r, text, PASSWORD, 'a password on a later line, before another bad byte');
  const token = r.findings.find((f) => f.detectorId === 'github-classic-pat')!;
  const line = text.split('\n')[token.start.line - 1]!;
  t.equal(token.start.column, line.indexOf(GHP) + 1, "the token's column counts each bad piece as one character");
});

t.test('a bad byte inside a JSON key: the value under it is found, the key shown with U+FFFD', async (t) => {
  const { file, bytes } = written('run_results.json', [
    `{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/run-results/v6.json","env":{}},"results":[],"args":{"vars":{"caf`,
    E_ACUTE,
    `_password":"${PASSWORD}"}},"elapsed_time":1}`,
  ]);
  const r = await scanned([file]);
  failedWithOneLine(t, r, file, bytes.indexOf(E_ACUTE));
  foundAt(t, r, asShown(bytes), PASSWORD, 'the value of the key with the bad byte');
  t.notOk(r.stdout.includes('\u00e9') || r.stdout.includes('\\u00e9'), 'the byte is not shown as the Latin-1 character it may be');
});

t.test('catalog, sources and run results with a bad byte: each read and reported, each one line', async (t) => {
  const dir = tempDir('invalid-utf8-kinds-');
  const files: Record<string, string> = {
    'catalog.json': `{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/catalog/v1.json","env":{}},"nodes":{"model.a.b":{"metadata":{"type":"table","schema":"s","name":"b","comment":"caf${E} ${GHP}"},"columns":{},"stats":{},"unique_id":"model.a.b"}},"sources":{},"errors":null}`,
    'sources.json': `{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/sources/v3.json","env":{}},"results":[{"unique_id":"source.a.b.c","status":"runtime error","error":"caf${E} could not connect postgresql://u:Kx9vQ2mLp7Rt4Wz@h/db"}],"elapsed_time":1}`,
    'run_results.json': dbtJson(runResults({ note: 'caf_', args: { vars: { db_password: PASSWORD } } })).replace('caf_', `caf${E}`),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), withLatin1E(text));
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 2);
  const findings = JSON.parse(r.stdout).findings as { file: string; ruleId: string; detectorId: string }[];
  t.same(findings.map((f) => `${path.basename(f.file)} ${f.ruleId}/${f.detectorId}`).sort(), ['catalog.json free-text/github-classic-pat', 'run_results.json cli-vars/secret-key-name', 'sources.json run-messages/url-password']);
  const lines = r.stderr.split('\n').filter((l) => l !== '').sort();
  t.same(lines, Object.keys(files).sort().map((name) => `dbt-tools-lint: ${path.join(dir, name)}: invalid UTF-8 at byte offset ${Buffer.byteLength(files[name]!.slice(0, files[name]!.indexOf(E)))}; what it holds was read`), 'one line a file');
});

t.test("a bad file beside whole ones: theirs reported as before, its own too, and the run exits 2 (never 0 or 1)", async (t) => {
  const dir = tempDir('invalid-utf8-beside-');
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ args: { vars: { db_password: PASSWORD } } })));
  writeFileSync(path.join(dir, 'manifest.json'), withLatin1E(dbtJson(manifest({}, { SNOWFLAKE_PASSWORD: 'Zq4-Lm8vXp2Rt7Wc', NOTE: 'caf_' })).replace('caf_', `caf${E}`)));
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 2);
  const findings = JSON.parse(r.stdout).findings as { file: string }[];
  t.same(findings.map((f) => path.basename(f.file)).sort(), ['manifest.json', 'run_results.json']);
  t.equal(r.stderr.split('\n').filter((l) => l !== '').length, 1);
  t.match(r.stderr, /manifest\.json: invalid UTF-8 at byte offset \d+; what it holds was read/);
});

t.test('logs/dbt.log: a cp1252 byte in a text line and in a JSON line, the secrets on its line and after it found', async (t) => {
  const { dir, file, bytes } = written('logs/dbt.log', [
    'connecting postgresql://u:Kx9vQ2mLp7Rt4Wz@h/db caf',
    E_ACUTE,
    '\n',
    '10:00:01  caf',
    E_ACUTE,
    ` export GITHUB_TOKEN=${GHP}\n`,
  ]);
  const r = await scanned([path.join(dir, 'logs', 'dbt.log')]);
  failedWithOneLine(t, r, file, bytes.indexOf(E_ACUTE));
  const text = asShown(bytes);
  foundAt(t, r, text, 'Kx9vQ2mLp7Rt4Wz', 'the password before the byte');
  foundAt(t, r, text, GHP, 'the token on the next line, after another bad byte');
  t.same(r.findings.find((f) => f.ruleId === 'run-messages' && f.detectorId === 'url-password')?.start, { line: 1, column: 27 }, 'the repro: line 1, column 27');

  // dbt's --log-format-file json written by a serializer without ensure_ascii, in cp1252
  const json = written('logs/dbt.log', [
    '{"info": {"msg": "Caf',
    E_ACUTE,
    ` ${GHP}", "level": "info"}}\n`,
    `{"info": {"msg": "connecting postgresql://u:Kx9vQ2mLp7Rt4Wz@h/db", "level": "debug"}}\n`,
  ]);
  const jr = await scanned([json.file]);
  failedWithOneLine(t, jr, json.file, json.bytes.indexOf(E_ACUTE));
  foundAt(t, jr, asShown(json.bytes), GHP, 'JSON lines: the token after the byte');
  foundAt(t, jr, asShown(json.bytes), 'Kx9vQ2mLp7Rt4Wz', 'JSON lines: the password on the next line');
});

t.test('a log or a rendered model that ends inside a character fails as one with the byte mid-file: its findings, then the one line (red team 95)', async (t) => {
  // (the first two of the four bytes of 🔑, the first of the two of é: what a copy that stopped mid-character leaves)
  const KEY_CUT = Buffer.from('🔑').subarray(0, 2);
  const E_CUT = Buffer.from('é').subarray(0, 1);
  const log = written('logs/dbt.log', ['connecting postgresql://u:Kx9vQ2mLp7Rt4Wz@h/db\n', `10:00:01  export GITHUB_TOKEN=${GHP} `, KEY_CUT]);
  const r = await scanned([log.file]);
  failedWithOneLine(t, r, log.file, log.bytes.indexOf(KEY_CUT));
  foundAt(t, r, asShown(log.bytes), 'Kx9vQ2mLp7Rt4Wz', 'the password on the first line');
  foundAt(t, r, asShown(log.bytes), GHP, 'the token on the line the cut ends');
  const model = written('target/compiled/shop/models/a.sql', [`select 'postgres://loader:Kx9vQ2mLp7Rt4Wz@db.internal/shop' as u -- caf`, E_CUT]);
  const m = await scanned([model.file]);
  failedWithOneLine(t, m, model.file, model.bytes.length - 1);
  foundAt(t, m, asShown(model.bytes), 'Kx9vQ2mLp7Rt4Wz', 'the rendered model: the password before the cut');
  // redact copies it no more than a file with the byte mid-file
  const out = path.join(log.dir, 'public');
  const red = await runCli(['redact', log.dir, '--out', out]);
  t.equal(red.code, 2);
  t.same(red.stderr.split('\n').filter((l) => l !== ''), [`dbt-tools-lint: ${log.file}: invalid UTF-8 at byte offset ${log.bytes.indexOf(KEY_CUT)}`]);
  t.notOk(existsSync(out), 'nothing written');
  // …and a whole character at the end is no error
  writeFileSync(log.file, Buffer.concat([log.bytes, Buffer.from('🔑').subarray(2), Buffer.from('\n')]));
  t.equal((await scanned([log.file])).code, 1, 'findings only');
});

t.test('static_index.html: a bad byte in the page, the manifest inlined in it read', async (t) => {
  const inlined = dbtJson(manifest({}, { SNOWFLAKE_PASSWORD: PASSWORD }));
  const { file, bytes } = written('static_index.html', [
    '<!doctype html>\n<html><head><meta charset="utf-8"><title>dbt Docs \u2014 Caf',
    E_ACUTE,
    '</title></head>\n<body><script>\n',
    `angular.module("dbt").factory("project", ["$q", "$http", function (e, t) { var n = { manifest: ${inlined}, catalog: {} }; return n; }]);\n`,
    '</script></body></html>\n',
  ]);
  const r = await scanned([file]);
  failedWithOneLine(t, r, file, bytes.indexOf(E_ACUTE));
  foundAt(t, r, asShown(bytes), PASSWORD, 'the password in the inlined manifest');
});

t.test('streamed: a file the stream refuses for its bad byte is read in memory, with the same findings and line', async (t) => {
  const { file, bytes } = written('manifest.json', [withLatin1E(dbtJson(manifest({ nodes: { 'model.a.b': { description: 'caf_' } } }, { SNOWFLAKE_PASSWORD: PASSWORD })).replace('caf_', `caf${E} ${GHP}`))]);
  const at = bytes.indexOf(E_ACUTE);
  const run = (stream: boolean) => {
    const errors: string[] = [];
    const { findings } = scan({ paths: [file], stream, jobs: 1, onUnreadable: (error) => void errors.push(error.message) });
    return { places: findings.map((f) => `${f.ruleId} ${f.start.line}:${f.start.column} ${f.charOffset}`).sort(), errors };
  };
  const streamed = run(true);
  t.equal(streamed.places.length, 2, 'the password and the token');
  t.same(streamed.errors, [`${file}: invalid UTF-8 at byte offset ${at}; what it holds was read`]);
  t.same(run(false), streamed, 'as in memory');
  // (a file over 512 MiB, which only the stream can read, still fails at its bad byte without findings: see stream-equivalence)
});

t.test('redact refuses it before writing anything, with the line it always had: a copy would not keep its bytes', async (t) => {
  const { dir, file, bytes } = written('target/manifest.json', [
    `{"metadata":{"dbt_schema_version":"${SCHEMA}","env":{"SNOWFLAKE_PASSWORD":"${PASSWORD}"}},"nodes":{"model.a.b":{"description":"caf`,
    E_ACUTE,
    ` ${GHP}"}}}`,
  ]);
  const out = path.join(dir, 'public');
  const r = await runCli(['redact', path.join(dir, 'target'), '--out', out]);
  t.equal(r.code, 2);
  t.same(r.stderr.split('\n').filter((l) => l !== ''), [`dbt-tools-lint: ${file}: invalid UTF-8 at byte offset ${bytes.indexOf(E_ACUTE)}`], 'one line, not a warning that it was redacted');
  t.notOk(existsSync(out), 'nothing written');
  const inPlace = await runCli(['redact', path.join(dir, 'target'), '--in-place']);
  t.equal(inPlace.code, 2);
  t.ok(readFileSync(file).equals(bytes), 'in place: the file untouched');
  t.notOk((r.stderr + r.stdout + inPlace.stderr + inPlace.stdout).includes(PASSWORD), 'no secret in the output');
});

t.test('folders scanned side by side on two threads: the same findings and line as on one', async (t) => {
  const bad = written('target/manifest.json', [withLatin1E(`{"metadata":{"dbt_schema_version":"${SCHEMA}","env":{"SNOWFLAKE_PASSWORD":"${PASSWORD}"}},"nodes":{"model.a.b":{"description":"caf${E} ${GHP}"}}}`)]);
  const good = written('target/run_results.json', [dbtJson(runResults({ args: { vars: { db_password: 'Zq4-Lm8vXp2Rt7Wc' } } }))]);
  const run = (jobs: number) => {
    const errors: string[] = [];
    const { findings } = scan({ paths: [path.dirname(bad.file), path.dirname(good.file)], jobs, onUnreadable: (error) => void errors.push(error.message) });
    return { places: findings.map((f) => `${path.basename(f.file)} ${f.ruleId}/${f.detectorId} ${f.start.line}:${f.start.column}`).sort(), errors };
  };
  const one = run(1);
  t.equal(one.places.length, 3, "the bad manifest's two, the run results' one");
  t.same(one.errors, [`${bad.file}: invalid UTF-8 at byte offset ${bad.bytes.indexOf(E_ACUTE)}; what it holds was read`]);
  t.same(run(2), one);
});
