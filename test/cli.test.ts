/** The CLI on the bundled fixtures: exit codes, thresholds, formats, masked output, every schema version. */
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { CLEAN, LEAKY, LEGACY, ROOT, plantedSecrets } from './fixture-data.js';
import { TOKEN_FORMATS } from '../src/detectors/token-formats.js';
import { tempDir } from './helpers.js';

t.test('a clean target exits 0 and says so', async (t) => {
  const r = await runCli([path.join(CLEAN, 'target')]);
  t.equal(r.code, 0);
  t.match(r.stdout, /✔ No secrets found in 4 artifacts/);
  t.equal(r.stderr, '');
});

t.test("the headline says what the exit code does: findings --fail-on lets pass, findings all suppressed (red team 132)", async (t) => {
  const target = path.join(LEAKY, 'target');
  const failing = await runCli([target, '--no-color']);
  t.equal(failing.code, 1);
  t.match(failing.stdout, /\n✖ 674 findings of 260 distinct secrets \(616 errors, 58 warnings\) in 4 of 4 artifacts [^\n]*s\n$/, 'failing: ✖');
  const passing = await runCli([target, '--no-color', '--fail-on', 'none']);
  t.equal(passing.code, 0);
  t.match(passing.stdout, /\n⚠ 674 findings of 260 distinct secrets [^\n]*; --fail-on lets them pass \(exit 0\)\n$/, 'passing: no ✖, and why');
  const baseline = path.join(tempDir(), 'baseline.json');
  t.equal((await runCli([target, '--update-baseline', '--baseline', baseline])).code, 0);
  const baselined = await runCli([target, '--no-color', '--baseline', baseline]);
  t.equal(baselined.code, 0);
  t.match(baselined.stdout, /^✔ No secrets found in 4 artifacts \([^)]*\) in [\d.]+ s but the 674 suppressed \(--include-suppressed lists them\)\n$/, 'all suppressed: not a plain "no secrets"');
});

t.test('a leaky target exits 1 with masked findings grouped by file', async (t) => {
  const r = await runCli(['fixtures/jaffle-shop-leaky/target'], { cwd: ROOT });
  t.equal(r.code, 1);
  t.match(r.stdout, /^fixtures\/jaffle-shop-leaky\/target\/catalog\.json$/m);
  t.match(r.stdout, /^\s+1:\d+\s+error\s+Secret in dbt env metadata: value of secret-named key "DB_PASSWORD"\s+env-metadata\/secret-key-name$/m);
  t.match(r.stdout, /✖ \d+ findings of \d+ distinct secrets \(\d+ errors, \d+ warnings\) in 4 of 4 artifacts/);
  for (const s of plantedSecrets(LEAKY)) t.notOk(r.stdout.includes(s.secret), `${s.kind} masked`);
  t.notMatch(r.stdout, /\u001b\[/, 'no color when not a TTY');
});

t.test('--fail-on decides the exit code', async (t) => {
  const target = path.join(LEAKY, 'target');
  t.equal((await runCli([target, '--fail-on', 'none'])).code, 0);
  t.equal((await runCli([target, '--fail-on', 'error'])).code, 1);
  // raw-code findings are warnings: with only raw-code enabled, --fail-on error passes
  const rawOnly = await runCli([target, '--fail-on', 'error', '--format', 'json']);
  const findings = JSON.parse(rawOnly.stdout).findings as { severity: string }[];
  t.ok(findings.some((f) => f.severity === 'warning') && findings.some((f) => f.severity === 'error'));
});

t.test('json output: documented shape, positions and masked previews', async (t) => {
  const r = await runCli(['fixtures/jaffle-shop-leaky/target', '--format', 'json'], { cwd: ROOT });
  const report = JSON.parse(r.stdout);
  t.match(report, { formatVersion: 1, tool: { name: 'dbt-tools-lint', version: /\d/ }, exitCode: 1, summary: { filesScanned: 4, findings: Number } });
  for (const f of report.findings) {
    t.match(f, {
      ruleId: String,
      detectorId: String,
      severity: /^(error|warning|note)$/,
      file: /^fixtures\//,
      jsonPath: /^\$/,
      jsonPointer: /^\//,
      start: { line: Number, column: Number },
      end: { line: Number, column: Number },
      charOffset: Number,
      charLength: Number,
      preview: /\*{4}/,
      fingerprint: /^[0-9a-f]{32}$/,
    });
    // the position is the secret itself: a token's preview starts with what starts the secret, and no preview holds the rest of it
    const text = readFileSync(path.join(ROOT, f.file), 'utf8');
    const at = JSON.parse(`"${text.slice(f.charOffset, f.charOffset + f.charLength)}"`) as string;
    const shown = f.preview.slice(0, f.preview.indexOf('****'));
    // (a token with no public prefix shows the name it is assigned to, `asana_pat=****`: that name sits right before it)
    const assignedTo = /^[A-Za-z0-9_.-]{1,64}=$/.test(shown) && text.slice(Math.max(0, f.charOffset - 80), f.charOffset).includes(shown.slice(0, -1));
    // (an Azure SAS shows the storage endpoint of the URL it signs, `https://acmelake.blob.core.windows.net/****`: right before it too)
    const endpoint = /^[a-z]+:\/\/[A-Za-z0-9.-]+\/$/.test(shown) && text.slice(Math.max(0, f.charOffset - 400), f.charOffset).includes(shown.slice(0, -1));
    if (TOKEN_FORMATS.some((format) => format.id === f.detectorId)) t.ok(at.startsWith(shown) || assignedTo || endpoint, `${f.ruleId} at ${f.jsonPath}`);
    const publicPart = at.startsWith(shown) ? shown.length : 0;
    const leaks = publicPart > 0 ? f.preview.includes(at.slice(0, publicPart + 1)) : f.preview.includes(`${at[0]}****`) || f.preview.includes(at.slice(0, 3));
    t.notOk(leaks, `${f.ruleId} at ${f.jsonPath}: nothing after the public part`);
  }
});

t.test('every planted secret in every fixture is found at its pointer; the clean fixture has none', async (t) => {
  for (const fixture of [LEAKY, LEGACY]) {
    const planted = plantedSecrets(fixture);
    const dirs = [...new Set(planted.map((p) => path.relative(ROOT, path.dirname(path.join(fixture, p.file)))))];
    const r = await runCli([...dirs, '--format', 'json'], { cwd: ROOT });
    const findings = JSON.parse(r.stdout).findings as { file: string; jsonPointer: string; ruleId: string }[];
    for (const p of planted) {
      const file = path.relative(ROOT, path.join(fixture, p.file));
      t.ok(findings.some((f) => f.file === file && f.jsonPointer === p.pointer && f.ruleId === p.rule), `${path.basename(fixture)} ${p.kind} at ${p.pointer} by ${p.rule}`);
    }
  }
});

t.test('--output writes the report and nothing to stdout', async (t) => {
  const out = path.join(tempDir('out-'), 'report.sarif');
  const r = await runCli([path.join(LEAKY, 'target'), '--format', 'sarif', '--output', out]);
  t.equal(r.code, 1);
  t.equal(r.stdout, '');
  t.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
});

t.test('--report: more reports from the same scan, each the same as its own run', async (t) => {
  const dir = tempDir('reports-');
  const target = path.join(LEAKY, 'target');
  const at = (name: string) => path.join(dir, name);
  const r = await runCli([target, '--format', 'sarif', '--output', at('out.sarif'), '--report', 'github=-', '--report', `markdown=${at('summary.md')}`, '--report', 'json=report.json'], { cwd: dir, env: { GITHUB_SHA: 'abc123' } });
  t.equal(r.code, 1, r.stderr);
  t.equal(r.stderr, '');
  // each as a run of its own writes it (the run's start time, in SARIF and JSON, aside)
  const alone = async (format: string) => (await runCli([target, '--format', format], { cwd: dir, env: { GITHUB_SHA: 'abc123' } })).stdout;
  const timeless = (text: string) => text.replace(/"(startTimeUtc|endTimeUtc|generatedAt|startedAt)": "[^"]*"/g, '"$1": ""').replace(/"durationMs": \d+/g, '"durationMs": 0');
  t.equal(r.stdout, await alone('github'), 'github annotations on stdout');
  t.equal(readFileSync(at('summary.md'), 'utf8'), await alone('markdown'), 'the markdown summary');
  t.equal(timeless(readFileSync(at('report.json'), 'utf8')), timeless(await alone('json')), 'JSON, at a path relative to the working directory');
  t.equal(timeless(readFileSync(at('out.sarif'), 'utf8')), timeless(await alone('sarif')), 'and the --format report as before');
  const written = r.stdout + readFileSync(at('summary.md'), 'utf8') + readFileSync(at('report.json'), 'utf8');
  t.same(plantedSecrets(LEAKY).filter((p) => written.includes(p.secret)).map((p) => p.pointer), [], 'no secret in full');

  const usage = async (args: string[]) => {
    const u = await runCli([target, ...args], { cwd: dir });
    t.equal(u.code, 2, args.join(' '));
    t.equal(u.stdout, '');
    t.equal(u.stderr.split('\n').filter(Boolean).length, 1, 'one line');
    return u.stderr;
  };
  t.match(await usage(['--report', 'github=-']), /--report github=-: standard output is already the report of --format text; give --output FILE/, 'two reports on stdout would mix');
  t.match(await usage(['-o', at('a.txt'), '--report', `sarif=${at('a.txt')}`]), /a\.txt is already the report of --format text/);
  // the same file written otherwise: relative, with ./ and //, through a link to its folder (red team 132)
  mkdirSync(at('r'), { recursive: true });
  symlinkSync(at('r'), at('r-link'));
  for (const other of ['./r/x.sarif', 'r//x.sarif', at('r/x.sarif'), 'r-link/x.sarif']) {
    t.match(await usage(['-o', 'r/x.sarif', '--format', 'sarif', '--report', `json=${other}`]), /is already the report of --format sarif/, `-o r/x.sarif and ${other}`);
  }
  t.match(await usage(['--report', 'json=r/y.json', '--report', 'markdown=./r/../r/y.json', '-o', at('c.txt')]), /is already the report of --report json=r\/y\.json/, 'two reports');
  t.match(await usage(['--report', 'pdf=x.pdf']), /--report pdf=x\.pdf: FORMAT=FILE with FORMAT one of text, json, sarif/);
  t.match(await usage(['--report', 'toString=-', '-o', at('b.txt')]), /--report toString=-: FORMAT=FILE with FORMAT one of/, "an object's own methods are no format");
  t.match(await usage(['--report', 'sarif']), /give the file to write after '='/);
  t.match(await usage(['--report', 'sarif=/nonexistent/dir/x.sarif']), /--report \/nonexistent\/dir\/x\.sarif: cannot write there/, 'checked before the scan');
  t.match(await usage(['--update-baseline', '--baseline', at('b.json'), '--report', `json=${at('j.json')}`]), /a baseline update writes no report/);
});

t.test('globs over many runs, and a project directory falls through to its target/', async (t) => {
  const glob = await runCli(['fixtures/legacy-leaky/*/target', '--format', 'json'], { cwd: ROOT });
  t.equal(glob.code, 1);
  t.equal(JSON.parse(glob.stdout).summary.filesScanned, 5);
  const project = await runCli([CLEAN]);
  t.equal(project.code, 0);
  t.match(project.stdout, /4 artifacts/);
});

t.test('the real binary: exit codes and streams', async (t) => {
  const bin = path.join(ROOT, 'bin', 'dbt-tools-lint.js');
  const clean = spawnSync(process.execPath, [bin, path.join(CLEAN, 'target')], { encoding: 'utf8' });
  t.equal(clean.status, 0);
  const leaky = spawnSync(process.execPath, [bin, path.join(LEAKY, 'target'), '--format', 'json'], { encoding: 'utf8' });
  t.equal(leaky.status, 1);
  t.ok(JSON.parse(leaky.stdout).findings.length > 40);
  const missing = spawnSync(process.execPath, [bin, '--dbt-target', '/nonexistent/target'], { encoding: 'utf8' });
  t.equal(missing.status, 2);
  t.equal(missing.stdout, '');
  t.match(missing.stderr, /^dbt-tools-lint: \/nonexistent\/target: no such file or directory/);
  const version = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  t.equal(version.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
});
