/**
 * `-` among a scan's paths: an artifact, or an archive of them, piped in (`aws s3 cp … - | dbt-tools-lint -`). The
 * command line as users run it, through a real pipe: the same findings as the file scanned by its path, named
 * `<stdin>` or what --stdin-filename says; empty, unreadable or oversized input is exit 2 with one line; nothing
 * copied is left behind, and no output holds the secret. Before session 53, yargs dropped `-` and the scan read
 * ./target instead.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import t, { type Test } from 'tap';
import { ROOT } from './fixture-data.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'dbt-tools-lint.js');
const LEAKY = path.join(ROOT, 'fixtures', 'jaffle-shop-leaky', 'target');

/** A password made for this run: no output may hold it. */
const PASSWORD = `Pw-${randomBytes(12).toString('base64url')}`;

/**
 * A fingerprint key for every run (the same for the scan by path and the one piped in): values are hashed with it, not
 * with scrypt, which the fixture's many guessable passwords made two seconds a run.
 */
const FINGERPRINT_KEY = `test-key-${randomBytes(12).toString('hex')}`;

type Finding = { ruleId: string; detectorId: string; file: string; charOffset: number; fingerprint: string; jsonPath: string };

/** The command line with `input` piped to its stdin, TMPDIR a folder of its own (checked empty after). */
function lint(t: Test, args: string[], input: Buffer | string, cwd = tempDir('stdin-cwd-')) {
  const tmp = tempDir('stdin-tmp-');
  // (one thread: the scan, not its workers, is under test; redact and check-staged have no --jobs)
  const jobs = args[0] === 'redact' || args[0] === 'check-staged' ? [] : ['--jobs', '1'];
  const r = spawnSync(process.execPath, [BIN, ...args, ...jobs], { input, cwd, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, DBT_TOOLS_LINT_SALT: FINGERPRINT_KEY }, timeout: 120_000, maxBuffer: 256 << 20 });
  t.same(readdirSync(tmp), [], 'nothing copied is left behind');
  t.notOk(r.stdout.includes(PASSWORD) || r.stderr.includes(PASSWORD), 'no output holds the secret');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, cwd };
}

const identity = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.detectorId} ${f.charOffset} ${f.fingerprint} ${f.jsonPath}`).sort();
const json = (stdout: string) => JSON.parse(stdout) as { findings: Finding[] };

t.test('a manifest piped in: the findings of the file scanned by its path, named <stdin>', async (t) => {
  const byPath = lint(t, [path.join(LEAKY, 'manifest.json'), '--format', 'json'], '');
  t.equal(byPath.code, 1, byPath.stderr);
  const piped = lint(t, ['-', '--format', 'json'], readFileSync(path.join(LEAKY, 'manifest.json')));
  t.equal(piped.code, 1, piped.stderr);
  t.equal(piped.stderr, '');
  const findings = json(piped.stdout).findings;
  t.ok(findings.length > 50, `${findings.length} findings`);
  t.same(identity(findings), identity(json(byPath.stdout).findings), 'rule, detector, offset, fingerprint and path');
  t.same([...new Set(findings.map((f) => f.file))], ['<stdin>']);

  const text = lint(t, ['-', '-q'], readFileSync(path.join(LEAKY, 'manifest.json')));
  t.equal(text.stdout.split('\n')[0], '<stdin>', 'the text report heads its findings with <stdin>');
  const sarif = lint(t, ['-', '-f', 'sarif', '-o', '-'], readFileSync(path.join(LEAKY, 'manifest.json')));
  t.equal(sarif.code, 1);
  const uris = new Set((JSON.parse(sarif.stdout).runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
  t.same([...uris], ['%3Cstdin%3E'], 'SARIF names it by a valid URI reference; `-o -` is stdout');
  t.notOk(existsSync(path.join(sarif.cwd, '-')), 'no file named - was written');
});

t.test('a secret only this run knows, piped in, found and masked', async (t) => {
  const body = dbtJson(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: PASSWORD }));
  const r = lint(t, ['-', '--format', 'json'], body);
  t.equal(r.code, 1, r.stderr);
  t.ok(json(r.stdout).findings.some((f) => f.jsonPath.startsWith('$.metadata.env.') && f.jsonPath.endsWith('DB_PASSWORD')), 'the password in metadata.env');
});

t.test('archives piped in (zip, tar, tar.gz, a gzip-ed manifest): told by their bytes, named inside <stdin>', async (t) => {
  // (a small target folder: each case is a process of its own)
  const dir = tempDir('stdin-archives-');
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'target', 'manifest.json'), dbtJson(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: PASSWORD })));
  writeFileSync(path.join(dir, 'target', 'run_results.json'), dbtJson(runResults({}, { DBT_ENV_CUSTOM_ENV_API_TOKEN: `tok-${PASSWORD}` })));
  const folder = lint(t, [path.join(dir, 'target'), '--format', 'json'], '');
  t.equal(folder.code, 1, folder.stderr);
  const expected = identity(json(folder.stdout).findings);
  const made = {
    'tar.gz': spawnSync('tar', ['-czf', '-', '-C', dir, 'target']).stdout,
    tar: spawnSync('tar', ['-cf', '-', '-C', dir, 'target']).stdout,
  };
  for (const [format, bytes] of Object.entries(made)) {
    const r = lint(t, ['-', '--format', 'json'], bytes);
    t.equal(r.code, 1, `${format}: ${r.stderr}`);
    const findings = json(r.stdout).findings;
    t.same(identity(findings), expected, `${format}: the folder's findings`);
    t.ok(findings.every((f) => f.file.startsWith('<stdin>!/target/')), `${format}: named inside <stdin>`);
  }
  const zip = spawnSync('zip', ['-qr', '-', 'target'], { cwd: dir });
  if (zip.status === 0) {
    const r = lint(t, ['-', '--format', 'json'], zip.stdout);
    t.same(identity(json(r.stdout).findings), expected, 'zip: the folder\'s findings');
  }
  // a manifest that compresses a thousandfold: the tar's first 64 KB gzip-ed unpack to megabytes (red team 64: read
  // as one gzip-ed JSON file, `binary data (NUL byte …)`)
  const dense = tempDir('stdin-dense-');
  mkdirSync(path.join(dense, 'target'));
  writeFileSync(path.join(dense, 'target', 'manifest.json'), dbtJson(manifest({ docs: { 'doc.shop.long': { block_contents: 'orders '.repeat(300_000) } } }, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: PASSWORD })));
  const denseTgz = lint(t, ['-', '--format', 'json'], spawnSync('tar', ['-czf', '-', '-C', dense, 'target'], { maxBuffer: 64 << 20 }).stdout);
  t.equal(denseTgz.code, 1, denseTgz.stderr);
  t.same([...new Set(json(denseTgz.stdout).findings.map((f) => f.file))], ['<stdin>!/target/manifest.json'], 'a tar.gz of a manifest that compresses well');
  const gz = lint(t, ['-', '--format', 'json'], gzipSync(readFileSync(path.join(LEAKY, 'manifest.json'))));
  t.equal(gz.code, 1, gz.stderr);
  t.ok(json(gz.stdout).findings.length > 50 && json(gz.stdout).findings.every((f) => f.file.startsWith('<stdin>!/')), 'a gzip-ed manifest');
});

t.test("dbt's partial parse and a static docs page piped in: read as the files are", async (t) => {
  for (const file of [path.join(ROOT, 'fixtures/partial-parse/target/partial_parse.msgpack'), path.join(ROOT, 'fixtures/static-page-leaky/target/static_index.html')]) {
    const byPath = lint(t, [file, '--format', 'json'], '');
    const piped = lint(t, ['-', '--format', 'json'], readFileSync(file));
    t.equal(piped.code, byPath.code, `${path.basename(file)}: ${piped.stderr}`);
    t.ok(json(byPath.stdout).findings.length > 0);
    t.same(identity(json(piped.stdout).findings), identity(json(byPath.stdout).findings), path.basename(file));
  }
});

t.test('--stdin-filename names it, and says the kinds only a name tells (a dbt log)', async (t) => {
  const r = lint(t, ['-', '--stdin-filename', 'target/run_results.json', '--format', 'json'], readFileSync(path.join(LEAKY, 'run_results.json')));
  t.equal(r.code, 1, r.stderr);
  t.same([...new Set(json(r.stdout).findings.map((f) => f.file))], ['target/run_results.json'], 'the name, in the working directory');
  const text = lint(t, ['-', '--stdin-filename', 'target/run_results.json', '-q'], readFileSync(path.join(LEAKY, 'run_results.json')));
  t.equal(text.stdout.split('\n')[0], path.join('target', 'run_results.json'));

  const log = `06:00:01  Running with dbt=1.9.4\n06:00:02  Encountered an error:\nDatabase Error\n  could not connect: postgresql://loader:${PASSWORD}@db.internal:5432/analytics\n`;
  const named = lint(t, ['-', '--stdin-filename', 'logs/dbt.log', '--format', 'json'], log);
  t.equal(named.code, 1, named.stderr);
  t.ok(json(named.stdout).findings.some((f) => f.file === 'logs/dbt.log' && f.ruleId === 'run-messages'), 'the log scanned as a log');
  const unnamed = lint(t, ['-'], log);
  t.equal(unnamed.code, 2, 'without a name it is no artifact');
  t.equal(unnamed.stderr, "dbt-tools-lint: <stdin>: not a dbt artifact: what was piped in begins with `0` at byte 0, not a JSON object, an archive, a docs page or dbt's MessagePack\n");
  t.equal(unnamed.stderr.split('\n').length, 2, 'one line');
});

t.test('a log piped in that ends inside a character: its findings, then the line a file with the byte mid-file has (red team 95)', async (t) => {
  const log = Buffer.concat([Buffer.from(`06:00:02  could not connect: postgresql://loader:${PASSWORD}@db.internal:5432/analytics 🔑`), Buffer.from('🔑').subarray(0, 3)]);
  const r = lint(t, ['-', '--stdin-filename', 'logs/dbt.log', '--format', 'json'], log);
  t.equal(r.code, 2);
  t.ok(json(r.stdout).findings.some((f) => f.ruleId === 'run-messages'), 'the password found');
  t.equal(r.stderr, `dbt-tools-lint: logs/dbt.log: invalid UTF-8 at byte offset ${log.length - 3}; what it holds was read\n`);
});

t.test('empty, not an artifact, too large, given twice, or read by a command that writes files: exit 2, one line', async (t) => {
  const cases: [string, string[], Buffer | string, RegExp][] = [
    ['empty', ['-'], '', /^dbt-tools-lint: <stdin>: empty: nothing was piped in \(expected a dbt artifact\)\n$/],
    ['prose with a secret', ['-'], `password=${PASSWORD}\n`, /^dbt-tools-lint: <stdin>: not a dbt artifact: what was piped in begins with `p` at byte 0, [^\n]*\n$/],
    // refused from its first bytes, not copied up to --max-file-size first
    ['zeros, as from /dev/zero', ['-'], Buffer.alloc(8 << 20), /^dbt-tools-lint: <stdin>: not a dbt artifact: what was piped in begins with the byte 0x00 at byte 0, [^\n]*\n$/],
    ['a named JSON file that is no object', ['-', '--stdin-filename', 'manifest.json'], `  \n[${PASSWORD}]`, /^dbt-tools-lint: [^\n]*manifest\.json: not a dbt artifact: what was piped in begins with `\[` at byte 3, [^\n]*\n$/],
    // (as a file in UTF-16 is refused: what to do, not a stray first byte)
    ['UTF-16 with a BOM', ['-'], Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"metadata": {}}', 'utf16le')]), /^dbt-tools-lint: <stdin>: UTF-16 encoded; dbt writes artifacts as UTF-8 — re-encode the file or regenerate it with dbt\n$/],
    ['UTF-16 without a BOM', ['-'], Buffer.from('{"metadata": {}}', 'utf16le'), /^dbt-tools-lint: <stdin>: UTF-16 encoded; /],
    ['JSON, not dbt', ['-'], '{"name": "a package.json"}', /^dbt-tools-lint: <stdin>: [^\n]*dbt[^\n]*\n$/],
    ['over --max-file-size', ['-', '--max-file-size', '1000'], readFileSync(path.join(LEAKY, 'manifest.json')), /^dbt-tools-lint: <stdin>: more than 1000 bytes piped in, over the --max-file-size limit\n$/],
    ['a truncated tar.gz', ['-'], gzipSync(Buffer.alloc(4096, 0x61)).subarray(0, 40), /^dbt-tools-lint: <stdin>!?[^\n]*\n$/],
    ['given twice', ['-', '-'], '{}', /^dbt-tools-lint: - \(stdin\) is given more than once\n$/],
    ['--stdin-filename without -', [LEAKY, '--stdin-filename', 'x.json'], '', /^dbt-tools-lint: --stdin-filename names the artifact that - \(stdin\) reads; pass - among the paths\n$/],
    ['--stdin-filename that names no file', ['-', '--stdin-filename', '/'], '{}', /^dbt-tools-lint: --stdin-filename \/: not a file name\n$/],
    ['redact', ['redact', '-', '--out', 'x'], '{}', /^dbt-tools-lint: redact - : [^\n]*scan only\n$/],
    ['check-staged', ['check-staged', '-'], '', /^dbt-tools-lint: check-staged - : [^\n]*scan only\n$/],
  ];
  for (const [what, args, input, message] of cases) {
    const r = lint(t, args, input);
    t.equal(r.code, 2, `${what}: exit 2`);
    t.match(r.stderr, message, what);
    t.equal(r.stdout, '', `${what}: no report`);
  }
  // JSON cut short (session 64): what it holds up to the cut is read and reported, and the run fails all the same
  const cut = lint(t, ['-'], `{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "env": {"DB_PASSWORD": "${PASSWORD}", "X": "`);
  t.equal(cut.code, 2, 'JSON cut short: exit 2');
  t.match(cut.stderr, /^dbt-tools-lint: <stdin>: not a whole dbt artifact: invalid JSON at byte offset \d+ \(line 1\): unexpected end of input \(truncated file\?\); what it holds was read\n$/);
  t.match(cut.stdout, /DB_PASSWORD=\*\*\*\*/, 'JSON cut short: the password before the cut, masked');
  t.notMatch(cut.stdout + cut.stderr, PASSWORD);
});

t.test('a scan of - reads stdin, not ./target (yargs dropped a lone -)', async (t) => {
  const cwd = tempDir('stdin-target-');
  mkdirSync(path.join(cwd, 'target'));
  cpSync(path.join(ROOT, 'fixtures/jaffle-shop-clean/target/manifest.json'), path.join(cwd, 'target/manifest.json'));
  const r = lint(t, ['-', '--format', 'json'], dbtJson(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: PASSWORD })), cwd);
  t.equal(r.code, 1, 'the piped manifest, with its secret, not the clean ./target');
});

t.test('stdin that is a terminal: exit 2, saying to pipe an artifact in', { skip: !existsSync('/usr/bin/script') && 'no script(1) here' }, async (t) => {
  const tmp = tempDir('stdin-tty-');
  const out = path.join(tmp, 'out.txt');
  const r = spawnSync('/usr/bin/script', ['-qec', `${process.execPath} ${BIN} - 2>${out}`, '/dev/null'], { encoding: 'utf8', timeout: 60_000, stdio: ['pipe', 'pipe', 'pipe'] });
  t.equal(r.status, 2, r.stderr);
  t.match(readFileSync(out, 'utf8'), /^dbt-tools-lint: - reads an artifact from stdin, which is a terminal here: pipe one in/);
  writeFileSync(out, '');
});
