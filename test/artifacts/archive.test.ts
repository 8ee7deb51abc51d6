/**
 * Archives of artifacts (zip, tar, tar.gz, a gzip-ed artifact): the same findings as the folder
 * they were made of, named inside the archive; entries that climb out of the folder, links, sizes
 * that lie and damaged or truncated archives refused with one line naming the archive (exit 2);
 * nothing unpacked is left behind, and no message holds a secret.
 */
import t, { type Test } from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeRepeatedManifest } from '../../bench/generate.js';
import { runCli } from '../cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';
import { tarArchive, zipArchive } from './archive-build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LEAKY = path.join(ROOT, 'fixtures/jaffle-shop-leaky');

/** A password made for this run: it must appear in no output. */
const PASSWORD = `Pw-${randomBytes(12).toString('base64url')}`;
const target = (password = PASSWORD) => ({
  'target/manifest.json': dbtJson(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: password })),
  'target/run_results.json': dbtJson(runResults({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: password })),
});

const work = tempDir('dbt-tools-lint-test-archive-');
t.teardown(() => rmSync(work, { recursive: true, force: true }));

/**
 * The CLI in this process with TMPDIR set to a folder of the case's own: what the scan unpacked
 * there must be gone when it returns.
 */
async function lint(t: Test, args: string[], jobs: string[] = ['--jobs', '1']) {
  const scratch = mkdtempSync(path.join(work, 'tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    const r = await runCli([...args, ...jobs], { cwd: work });
    t.same(readdirSync(scratch), [], 'nothing unpacked is left behind');
    t.notOk(r.stdout.includes(PASSWORD) || r.stderr.includes(PASSWORD), 'no output holds the secret');
    return r;
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

type Finding = { ruleId: string; detectorId: string; file: string; charOffset: number; fingerprint: string; jsonPath: string; start: unknown; source?: { file: string; projectDir?: string } };
const identity = (findings: Finding[], prefix: string) =>
  findings.map((f) => `${f.file.slice(prefix.length)} ${f.ruleId} ${f.detectorId} ${f.charOffset} ${f.fingerprint} ${f.jsonPath} ${f.source?.file ?? ''}`).sort();

t.test('zip, tar, tar.gz and a gzip-ed manifest: the findings of the folder they were made of, named inside the archive', async (t) => {
  const copy = path.join(work, 'jaffle');
  cpSync(LEAKY, copy, { recursive: true });
  const folder = JSON.parse((await lint(t, [path.join(copy, 'target'), '--format', 'json'])).stdout).findings as Finding[];
  t.ok(folder.length > 100, `${folder.length} findings in the folder`);

  // tar.gz by GNU tar (pax names), with the project: findings are placed in its model files too
  const tgz = path.join(work, 'jaffle.tar.gz');
  const tar = spawnSync('tar', ['--format=pax', '-czf', tgz, '-C', work, 'jaffle'], { encoding: 'utf8' });
  t.equal(tar.status, 0, tar.stderr);
  const fromTgz = await lint(t, ['jaffle.tar.gz', '--format', 'json']);
  t.equal(fromTgz.code, 1, fromTgz.stderr);
  const tgzFindings = JSON.parse(fromTgz.stdout).findings as Finding[];
  const inTgz = `${work}/jaffle.tar.gz!/jaffle/target/`;
  t.same(identity(tgzFindings.filter((f) => f.file.startsWith(inTgz)), inTgz), identity(folder, `${copy}/target/`), 'rule, detector, offset, fingerprint, path and model file');
  t.ok(tgzFindings.some((f) => f.source?.projectDir === `${work}/jaffle.tar.gz!/jaffle` && f.source.file.startsWith('models/')), "placed in the archive's model files");
  t.same(
    [...new Set(JSON.parse(fromTgz.stdout).summary.artifacts.map((a: { file: string }) => a.file.replace(/\/[^/]+$/, '')))].sort(),
    [`${work}/jaffle.tar.gz!/jaffle/target`, `${work}/jaffle.tar.gz!/jaffle/target-run-operation`],
    'each folder of artifacts in the archive is scanned',
  );

  // zip of two runs, one entry stored and the rest deflated
  const files = readdirSync(path.join(copy, 'target')).filter((n) => n.endsWith('.json'));
  const zip = zipArchive(['2025-01-01', '2025-01-02'].flatMap((run) => files.map((n, i) => ({ name: `runs/${run}/target/${n}`, body: readFileSync(path.join(copy, 'target', n)), method: i === 0 ? 0 : 8 }))));
  writeFileSync(path.join(work, 'runs.zip'), zip);
  const fromZip = await lint(t, ['runs.zip', '--format', 'json']);
  t.equal(fromZip.code, 1, fromZip.stderr);
  const zipFindings = JSON.parse(fromZip.stdout).findings as Finding[];
  const local = identity(folder, `${copy}/target/`).map((s) => s.replace(/ \S*$/, ''));
  for (const run of ['2025-01-01', '2025-01-02']) {
    const prefix = `${work}/runs.zip!/runs/${run}/target/`;
    t.same(identity(zipFindings.filter((f) => f.file.startsWith(prefix)), prefix).map((s) => s.replace(/ \S*$/, '')), local, run);
  }

  // --since reads the entries' own times (the zip's entries are of 2 January 2025)
  const later = await lint(t, ['runs.zip', '--since', '2025-06-01']);
  t.equal(later.code, 2, 'no run modified since June');
  t.match(later.stderr, /none modified since/);
  const earlier = await lint(t, ['runs.zip', '--since', '2024-12-01', '--format', 'json']);
  t.equal(JSON.parse(earlier.stdout).summary.filesScanned, 2 * files.length, 'every run since December');

  // a plain tar, and manifest.json.gz
  // (an old tar's folder: a plain entry whose name ends in a slash)
  writeFileSync(path.join(work, 'target.tar'), tarArchive([{ name: 'target/' }, ...files.map((n) => ({ name: `target/${n}`, body: readFileSync(path.join(copy, 'target', n)) }))]));
  const fromTar = JSON.parse((await lint(t, ['target.tar', '--format', 'json'])).stdout).findings as Finding[];
  t.same(identity(fromTar, `${work}/target.tar!/target/`).map((s) => s.replace(/ \S*$/, '')), local, 'tar');
  writeFileSync(path.join(work, 'manifest.json.gz'), gzipSync(readFileSync(path.join(copy, 'target/manifest.json'))));
  const gz = JSON.parse((await lint(t, ['manifest.json.gz', '--format', 'json'])).stdout);
  t.same(gz.summary.artifacts.map((a: { file: string; kind: string }) => [a.file, a.kind]), [[`${work}/manifest.json.gz!/manifest.json`, 'manifest']]);
  t.equal(gz.findings.length, folder.filter((f) => f.file.endsWith('/manifest.json')).length, "the manifest's findings");

  // a glob over archives stands for each of them
  const glob = JSON.parse((await lint(t, ['*.zip', '*.tar', '--format', 'json'])).stdout);
  t.same([...new Set(glob.summary.artifacts.map((a: { file: string }) => a.file.split('!')[0]))].sort(), [`${work}/runs.zip`, `${work}/target.tar`]);
});

t.test('entries that climb out of the folder, absolute names and links are never written where they point', async (t) => {
  const dir = mkdtempSync(path.join(work, 'slip-'));
  const outside = path.join(work, 'escaped');
  const { 'target/manifest.json': body } = target();
  const zip = zipArchive([
    { name: 'target/manifest.json', body },
    { name: `../../${path.basename(work)}/escaped/manifest.json`, body },
    { name: '..\\..\\escaped\\run_results.json', body },
    { name: 'target/link.json', body: '/etc/passwd', mode: 0o120777 },
    { name: '/abs/target/manifest.json', body },
  ]);
  writeFileSync(path.join(dir, 'slip.zip'), zip);
  const r = await lint(t, [path.join(dir, 'slip.zip'), '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  t.notOk(existsSync(outside), 'nothing written outside the private folder');
  t.match(r.stderr, /slip\.zip: 3 entries not unpacked: .*\(a path outside the archive's folder\).*\(a symbolic link\)/);
  const report = JSON.parse(r.stdout);
  t.same(report.summary.artifacts.map((a: { file: string }) => a.file.slice(a.file.indexOf('!'))).sort(), ['!/abs/target/manifest.json', '!/target/manifest.json'], 'an absolute name is read under the folder');

  const tar = tarArchive([
    { name: 'target/manifest.json', body },
    { name: 'target/evil', type: '2', linkTo: '/etc' },
    { name: 'target/evil/run_results.json', body },
  ]);
  writeFileSync(path.join(dir, 'links.tar'), tar);
  const links = await lint(t, [path.join(dir, 'links.tar'), '--format', 'json']);
  t.equal(links.code, 1, links.stderr);
  t.same(JSON.parse(links.stdout).summary.artifacts.map((a: { file: string }) => a.file.slice(a.file.indexOf('!'))).sort(), ['!/target/evil/run_results.json', '!/target/manifest.json'], 'a link is not made: its name becomes a plain folder');
  t.notOk(existsSync('/etc/run_results.json'));
});

t.test('a member met twice: each copy is scanned and named, none lost (session 43, red team 48)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'dup-'));
  const leaky = target()['target/manifest.json'];
  const clean = dbtJson(manifest({}, {}));
  // an unpacker keeps the last copy: the secret in the first was lost, and the run passed
  for (const [name, archive] of [
    ['dup.zip', zipArchive([{ name: 'target/manifest.json', body: leaky }, { name: './target/manifest.json', body: clean }])],
    ['dup.tar', tarArchive([{ name: 'target/manifest.json', body: leaky }, { name: 'target//manifest.json', body: clean }])],
  ] as const) {
    writeFileSync(path.join(dir, name), archive);
    const r = await lint(t, [path.join(dir, name), '--format', 'json']);
    t.equal(r.code, 1, `${name}: the secret in the first copy fails the run`);
    t.match(r.stderr, new RegExp(`${name.replace('.', '\\.')}: target/manifest\\.json appears 2 times \\(each copy is scanned: this one as duplicate-2/target/manifest\\.json\\)`));
    const files = JSON.parse(r.stdout).summary.artifacts.map((a: { file: string }) => a.file.slice(a.file.indexOf('!'))).sort();
    t.same(files, ['!/duplicate-2/target/manifest.json', '!/target/manifest.json'], `${name}: both copies read`);
  }
  // a truncated first copy is not hidden by a good second one
  writeFileSync(path.join(dir, 'trunc.tar'), tarArchive([{ name: 'target/manifest.json', body: leaky.slice(0, 120) }, { name: 'target/manifest.json', body: clean }]));
  const trunc = await lint(t, [path.join(dir, 'trunc.tar')]);
  t.equal(trunc.code, 2, 'the truncated copy fails the run');
  t.match(trunc.stderr, /trunc\.tar!\/target\/manifest\.json: not a whole dbt artifact: invalid JSON/);
});

t.test("a tar's links and an archive inside the archive are said, not skipped in silence", async (t) => {
  const dir = mkdtempSync(path.join(work, 'said-'));
  const { 'target/manifest.json': body } = target();
  writeFileSync(path.join(dir, 'links.tar'), tarArchive([{ name: 'target/manifest.json', body }, { name: 'target/run_results.json', type: '2', linkTo: '/etc/passwd' }, { name: 't2/catalog.json', type: '1', linkTo: 'target/manifest.json' }]));
  const links = await lint(t, [path.join(dir, 'links.tar')]);
  t.equal(links.code, 1);
  t.match(links.stderr, /links\.tar: 2 entries not unpacked: target\/run_results\.json \(a symbolic link\), t2\/catalog\.json \(a hard link\)/);
  writeFileSync(path.join(dir, 'outer.zip'), zipArchive([{ name: 'target/manifest.json', body }, { name: 'inner/target.tar.gz', body: gzipSync(tarArchive([{ name: 'target/manifest.json', body }])) }]));
  const nested = await lint(t, [path.join(dir, 'outer.zip')]);
  t.equal(nested.code, 1);
  t.match(nested.stderr, /outer\.zip: 1 entry not unpacked: inner\/target\.tar\.gz \(an archive inside the archive: unpack it and scan it on its own\)/);
});

t.test('damaged, truncated, hostile and empty archives: exit 2, one line naming the archive', async (t) => {
  const dir = mkdtempSync(path.join(work, 'bad-'));
  const { 'target/manifest.json': body } = target();
  const good = zipArchive([{ name: 'target/manifest.json', body }]);
  const zeros = Buffer.alloc(3 * 1024 * 1024);
  const cases: [string, Buffer, RegExp, string[]?][] = [
    ['cut.zip', good.subarray(0, good.length - 30), /cut\.zip: not a zip archive \(no end of central directory; truncated\?\)/],
    ['text.zip', Buffer.from(`password=${PASSWORD}\n`), /text\.zip: not a zip archive/],
    ['crc.zip', zipArchive([{ name: 'target/manifest.json', body, claimedCrc: 12345 }]), /crc\.zip: entry target\/manifest\.json: its content does not match the archive's checksum \(corrupt archive\)/],
    ['locked.zip', zipArchive([{ name: 'target/manifest.json', body, flags: 1, method: 0 }]), /locked\.zip: entry target\/manifest\.json is encrypted; decrypt the archive first/],
    ['bzip.zip', zipArchive([{ name: 'target/manifest.json', body, method: 12 }]), /bzip\.zip: entry target\/manifest\.json is compressed with method 12/],
    ['noise.tgz', gzipSync(randomBytes(2048)), /noise\.tgz: not a tar archive/],
    ['noise.json.gz', randomBytes(2048), /noise\.json\.gz: not a readable gzip archive/],
    ['notes.txt.gz', gzipSync('hello'), /notes\.txt\.gz: the file in it is not one a scan reads/],
    ['runs.tar.xz', randomBytes(64), /runs\.tar\.xz: a \.xz archive is not read \(\.zip, \.tar, \.tar\.gz, \.tgz and \.gz are\); unpack it and scan the folder/],
    ['empty.zip', zipArchive([]), /empty\.zip: no dbt artifact in the archive \(0 entries/],
    ['docs.zip', zipArchive([{ name: 'README.md', body: 'hello' }, { name: 'seeds/x.csv', body: 'a,b' }]), /docs\.zip: no dbt artifact in the archive \(2 entries, 0 JSON/],
    // a bomb: a small archive of a large entry, its size told truly, then hidden by a size that lies
    ['bomb.zip', zipArchive([{ name: 'target/manifest.json', body: zeros }]), /bomb\.zip: entry target\/manifest\.json is over the --max-file-size limit of 1048576 bytes/, ['--max-file-size', '1048576']],
    ['liar.zip', zipArchive([{ name: 'target/manifest.json', body: zeros, claimedSize: 10 }]), /liar\.zip: entry target\/manifest\.json is over the --max-file-size limit of 1048576 bytes/, ['--max-file-size', '1048576']],
  ];
  for (const [name, bytes, expected, extra] of cases) {
    writeFileSync(path.join(dir, name), bytes);
    const r = await lint(t, [path.join(dir, name), ...(extra ?? [])]);
    t.equal(r.code, 2, `${name}: exit 2`);
    t.match(r.stderr, expected, name);
    t.equal(r.stderr.split('\n').filter(Boolean).length, 1, `${name}: one line`);
    t.notMatch(r.stderr, /\/tmp-[^/]+\/dbt-tools-lint-|at .*\.(ts|js):\d+/, `${name}: no private folder, no stack`);
  }
});

t.test('a damaged archive: the entries before the damage are scanned, and the damage fails the run (red team 63)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'damaged-'));
  const files = target();
  // the manifest whole, then the run results cut short: the tar.gz ends early
  const tgz = gzipSync(tarArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }, { name: 'target/run_results.json', body: files['target/run_results.json'] }]));
  writeFileSync(path.join(dir, 'cut.tar.gz'), tgz.subarray(0, tgz.length - 60));
  // the manifest whole, then an entry whose checksum does not match
  writeFileSync(path.join(dir, 'crc.zip'), zipArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }, { name: 'target/run_results.json', body: files['target/run_results.json'], claimedCrc: 12345 }]));
  // the manifest, then more than zlib gives in one piece, then a gzip trailer whose CRC-32 does not match (red team 65: said as Z_DATA_ERROR)
  const crc = gzipSync(tarArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }, { name: 'logs/filler.txt', body: 'x'.repeat(256 * 1024) }]));
  crc[crc.length - 8]! ^= 0xff;
  writeFileSync(path.join(dir, 'crc.tar.gz'), crc);
  for (const [name, damage] of [
    ['cut.tar.gz', /cut\.tar\.gz: the archive ends early \(truncated\?\)/],
    ['crc.tar.gz', /crc\.tar\.gz: its gzip checksum does not match what it holds: the archive is damaged/],
    ['crc.zip', /crc\.zip: entry target\/run_results\.json: its content does not match the archive's checksum \(corrupt archive\)/],
  ] as const) {
    const r = await lint(t, [path.join(dir, name), '--format', 'json']);
    t.equal(r.code, 2, `${name}: the damage fails the run`);
    t.match(r.stderr, damage, `${name}: and is named`);
    const report = JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] }; findings: { file: string; ruleId: string }[]; errors: { message: string }[] };
    t.same(report.summary.artifacts.map((a) => a.file.slice(a.file.indexOf('!'))), ['!/target/manifest.json'], `${name}: the manifest before the damage is read`);
    t.ok(report.findings.some((f) => f.ruleId === 'env-metadata'), `${name}: and its secret reported`);
    t.match(report.errors, [{ message: damage }]);
  }
});

t.test('an archive cut short: the entry the cut went through is read up to the cut, as a file cut short on disk is', async (t) => {
  const dir = mkdtempSync(path.join(work, 'cut-'));
  const body = readFileSync(path.join(LEAKY, 'target/manifest.json'));
  writeFileSync(path.join(dir, 'manifest.json'), body);
  const whole = JSON.parse((await lint(t, [path.join(dir, 'manifest.json'), '--format', 'json'])).stdout) as { findings: Finding[] };
  const placeOf = (f: Finding) => `${f.jsonPath} ${JSON.stringify(f.start)} ${f.fingerprint}`;
  const wholePlaces = new Set(whole.findings.map(placeOf));
  const gz = gzipSync(body);
  const tgz = gzipSync(tarArchive([{ name: 'target/manifest.json', body }]));
  for (const [name, bytes, entry] of [
    ['manifest.json.gz', gz.subarray(0, gz.length >> 1), 'manifest.json'],
    ['run.tar.gz', tgz.subarray(0, tgz.length >> 1), 'target/manifest.json'],
    // an uncompressed tar cut inside the entry's bytes
    ['run.tar', tarArchive([{ name: 'target/manifest.json', body }]).subarray(0, 512 + (body.length >> 1)), 'target/manifest.json'],
  ] as const) {
    writeFileSync(path.join(dir, name), bytes);
    const r = await lint(t, [path.join(dir, name), '--format', 'json']);
    t.equal(r.code, 2, `${name}: the cut fails the run`);
    const lines = r.stderr.split('\n').filter(Boolean);
    const shown = entry.replace(/[./]/g, (c) => `\\${c}`);
    t.match(lines, [new RegExp(`${name.replace(/\./g, '\\.')}: the archive ends early \\(truncated\\?\\): the part of ${shown} before the cut was read$`), new RegExp(`${name.replace(/\./g, '\\.')}!/${shown}: not a whole dbt artifact: invalid JSON at byte offset \\d+ \\(line 1\\): unexpected end of input \\(truncated file\\?\\); what it holds was read`)], `${name}: the cut said, and the entry it cut`);
    t.equal(lines.length, 2, `${name}: two lines`);
    const report = JSON.parse(r.stdout) as { findings: Finding[] };
    t.ok(report.findings.length > 20 && report.findings.length < whole.findings.length, `${name}: the findings before the cut (${report.findings.length} of ${whole.findings.length})`);
    t.same(report.findings.filter((f) => !wholePlaces.has(placeOf(f))), [], `${name}: each where the whole file has it, with its fingerprint`);
    t.notMatch(r.stdout + r.stderr, new RegExp(PASSWORD), `${name}: no secret shown`);
  }
});

t.test('overlapping zip entries are unpacked once: the records that point into bytes already unpacked are refused (red team 65)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'overlap-'));
  const files = target();
  // three records of one manifest's bytes (a zip bomb writes one large entry once and points many records at it)
  const zip = zipArchive([
    { name: 'runs/r1/target/manifest.json', body: files['target/manifest.json'] },
    { name: 'runs/r2/target/manifest.json', body: files['target/manifest.json'], sharesWith: 0 },
    { name: 'runs/r3/target/manifest.json', body: files['target/manifest.json'], sharesWith: 0 },
    { name: 'runs/r4/target/run_results.json', body: files['target/run_results.json'] },
  ]);
  writeFileSync(path.join(dir, 'bomb.zip'), zip);
  const r = await lint(t, [path.join(dir, 'bomb.zip'), '--format', 'json']);
  t.equal(r.code, 2, 'refused entries fail the run');
  const report = JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] } };
  t.same(report.summary.artifacts.map((a) => a.file.slice(a.file.indexOf('!'))).sort(), ['!/runs/r1/target/manifest.json', '!/runs/r4/target/run_results.json'], 'the first record and the entry of its own are read');
  for (const run of ['r2', 'r3']) t.match(r.stderr, new RegExp(`bomb\\.zip: entry runs/${run}/target/manifest\\.json lies in the bytes of entry runs/r1/target/manifest\\.json \\(overlapping entries, a zip bomb's trick\\): not unpacked`));
});

// A name is not the content: a plain JSON manifest saved as `backup.gz` was refused with "the file in it is not one a
// scan reads" (there was no file in it); it is read as what its bytes are (red team 90)
t.test('a .gz name on a plain JSON artifact: read as the artifact it is', async (t) => {
  const dir = tempDir('dbt-tools-lint-test-gz-name-');
  writeFileSync(path.join(dir, 'backup.gz'), dbtJson(manifest({}, { DB_PASSWORD: PASSWORD })));
  const r = await runCli([path.join(dir, 'backup.gz'), '--format', 'json']);
  t.equal(r.code, 1, 'its secret found');
  t.match(JSON.parse(r.stdout), { findings: [{ detectorId: 'secret-key-name', file: /backup\.gz$/ }] });
  t.notMatch(r.stdout + r.stderr, PASSWORD);
  // a gzip-ed one under the same name is still unpacked
  writeFileSync(path.join(dir, 'manifest.json.gz'), gzipSync(dbtJson(manifest({}, { DB_PASSWORD: PASSWORD }))));
  t.equal((await runCli([path.join(dir, 'manifest.json.gz')])).code, 1, 'gzip-ed: unpacked and found');
});

t.test("a folder's archives are read with it: alone in it, beside its artifacts, a project's in its target (red team 114)", async (t) => {
  const dir = mkdtempSync(path.join(work, 'folder-'));
  mkdirSync(path.join(dir, 'downloads'));
  writeFileSync(path.join(dir, 'downloads', 'run-1.zip'), zipArchive([{ name: 'target/manifest.json', body: target()['target/manifest.json'] }]));
  const alone = await lint(t, [path.join(dir, 'downloads'), '--format', 'json']);
  t.equal(alone.code, 1, alone.stderr);
  t.same((JSON.parse(alone.stdout) as { findings: Finding[] }).findings.map((f) => f.file.replace(/^.*downloads\//, '')), ['run-1.zip!/target/manifest.json']);
  // beside a clean artifact, an earlier run kept as a zip and a gzip-ed manifest: their findings too (they were passed over)
  const ci = path.join(dir, 'ci', 'target');
  mkdirSync(ci, { recursive: true });
  writeFileSync(path.join(ci, 'manifest.json'), dbtJson(manifest({})));
  writeFileSync(path.join(ci, 'previous_run.zip'), zipArchive(Object.entries(target()).map(([name, body]) => ({ name, body }))));
  writeFileSync(path.join(ci, 'manifest_prev.json.gz'), gzipSync(target()['target/manifest.json']));
  const beside = await lint(t, [ci, '--format', 'json']);
  t.equal(beside.code, 1, beside.stderr);
  const files = (JSON.parse(beside.stdout) as { findings: Finding[]; summary: { artifacts: { file: string }[] } });
  t.same([...new Set(files.findings.map((f) => path.relative(ci, f.file)))].sort(), ['manifest_prev.json.gz!/manifest_prev.json', 'previous_run.zip!/target/manifest.json', 'previous_run.zip!/target/run_results.json']);
  t.equal(files.summary.artifacts.length, 4, "the folder's manifest too");
  // a project's folder reads its target's archives, as it reads its target
  writeFileSync(path.join(dir, 'ci', 'dbt_project.yml'), 'name: p\n');
  const project = await lint(t, [path.join(dir, 'ci'), '--format', 'json']);
  t.equal((JSON.parse(project.stdout) as { findings: Finding[] }).findings.length, files.findings.length, "the target's archives");
  // an archive there that holds no artifact, or is damaged, is said: the folder's own files were read (exit 0 when clean)
  rmSync(path.join(ci, 'previous_run.zip'));
  rmSync(path.join(ci, 'manifest_prev.json.gz'));
  writeFileSync(path.join(ci, 'docs.zip'), zipArchive([{ name: 'README.md', body: 'docs' }]));
  writeFileSync(path.join(ci, 'broken.zip'), randomBytes(64));
  const said = await lint(t, [ci]);
  t.equal(said.code, 0, said.stderr);
  t.match(said.stderr, /warning: .*broken\.zip: .*\(an archive in the folder scanned: its other files were read\)/);
  t.match(said.stderr, /warning: .*docs\.zip: no dbt artifact in the archive .*\(an archive in the folder scanned/);
  // one of a format not read beside them is said too (red team 117: a .tar.xz, a .json.bz2 passed in silence)
  writeFileSync(path.join(ci, 'run.tar.xz'), randomBytes(64));
  writeFileSync(path.join(ci, 'run_results.json.bz2'), randomBytes(64));
  const unread = await lint(t, [ci]);
  t.equal(unread.code, 0, unread.stderr);
  t.match(unread.stderr, /warning: .*run\.tar\.xz and 1 more: an archive of a format not read .* is not scanned with the folder/);
  // named, the same archive that holds nothing is an error, as before
  const named = await lint(t, [path.join(ci, 'docs.zip')]);
  t.equal(named.code, 2);
  // redact reads the folder and leaves its archives to a scan (an archive is not rewritten)
  const redacted = await runCli(['redact', ci, '--out', path.join(dir, 'redacted')]);
  t.equal(redacted.code, 0, redacted.stderr);
});

t.test('redact refuses an archive: its files live only as long as the scan', async (t) => {
  const dir = mkdtempSync(path.join(work, 'redact-'));
  writeFileSync(path.join(dir, 'run.zip'), zipArchive([{ name: 'target/manifest.json', body: target()['target/manifest.json'] }]));
  const r = await lint(t, ['redact', path.join(dir, 'run.zip'), '--out', path.join(dir, 'out')], []);
  t.equal(r.code, 2);
  t.match(r.stderr, /redact .*run\.zip: an archive is not rewritten; unpack it and redact the folder/);
  t.notOk(existsSync(path.join(dir, 'out')), 'nothing written');
});

t.test('a scan killed while it reads an archive leaves nothing unpacked behind', async (t) => {
  const dir = mkdtempSync(path.join(work, 'killed-'));
  const scratch = mkdtempSync(path.join(work, 'tmp-killed-'));
  mkdirSync(path.join(dir, 'target'));
  writeRepeatedManifest({ file: path.join(dir, 'target', 'manifest.json'), bytes: 48 * 1024 * 1024, seed: 3 });
  const tar = spawnSync('tar', ['-cf', path.join(dir, 'big.tar'), '-C', dir, 'target'], { encoding: 'utf8' });
  t.equal(tar.status, 0, tar.stderr);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/dbt-tools-lint.js'), path.join(dir, 'big.tar'), '--jobs', '1'], { env: { PATH: process.env.PATH, TMPDIR: scratch }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // once the manifest is unpacked, the scan is reading it: kill the process there, with no chance to clean up
  const unpacked = () => readdirSync(scratch).some((d) => existsSync(path.join(scratch, d, '1', 'target', 'manifest.json')));
  for (let i = 0; i < 600 && !unpacked(); i++) await new Promise((r) => setTimeout(r, 50));
  t.ok(unpacked(), 'the archive was unpacked');
  child.kill('SIGKILL');
  await exited;
  for (let i = 0; i < 200 && readdirSync(scratch).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  t.same(readdirSync(scratch), [], 'the private folder is gone');
});

t.test('mutated archives (truncated, bytes flipped, blocks zeroed or inserted): exit 0, 1 or 2, lines that name the archive on error, no stack, no secret', async (t) => {
  const dir = mkdtempSync(path.join(work, 'mutated-'));
  // a fixed secret and fixed mutations: the same cases on every run
  const fixed = 'Pw-fuzz-Tq8Lm2Xv9Rk4Zc';
  const files = target(fixed);
  const bases: [string, Buffer][] = [
    ['m.zip', zipArchive(Object.entries(files).map(([name, body]) => ({ name, body })))],
    ['m.tar.gz', gzipSync(tarArchive(Object.entries(files).map(([name, body]) => ({ name, body }))))],
    ['m.tar', tarArchive(Object.entries(files).map(([name, body]) => ({ name, body })))],
  ];
  // xorshift32: the same mutations on every machine
  let state = 0x2545f491;
  const next = (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const seen = new Set<number>();
  for (const [name, base] of bases) {
    writeFileSync(path.join(dir, name), base);
    t.equal((await lint(t, [path.join(dir, name)])).code, 1, `${name} as made: read, the secret found`);
    for (let i = 0; i < 12; i++) {
      let bytes = Buffer.from(base);
      const how = i % 4;
      if (how === 0) bytes = bytes.subarray(0, next(bytes.length));
      else if (how === 1) for (let k = 0; k <= next(8); k++) bytes[next(bytes.length)] = next(256);
      else if (how === 2) bytes.fill(0, next(bytes.length), Math.min(bytes.length, next(bytes.length) + 512));
      else bytes = Buffer.concat([bytes.subarray(0, next(bytes.length)), Buffer.from(Array.from({ length: 1 + next(600) }, () => next(256))), bytes.subarray(next(bytes.length))]);
      const file = path.join(dir, `${i}-${name}`);
      writeFileSync(file, bytes);
      const r = await lint(t, [file]);
      seen.add(r.code);
      t.ok([0, 1, 2].includes(r.code), `${i}-${name}: exit ${r.code}`);
      t.notMatch(r.stderr, /\n\s+at |internal error/, `${i}-${name}: no stack, no internal error`);
      t.notOk(r.stdout.includes(fixed) || r.stderr.includes(fixed), `${i}-${name}: no output holds the secret`);
      // (one line, or, for a damaged archive whose entries before the damage were read, a line more for each of those that
      // is broken: each names the archive)
      if (r.code === 2) t.ok(r.stderr.split('\n').filter(Boolean).every((line) => line.includes(`${i}-${name}`)), `${i}-${name}: each line names the archive`);
    }
  }
  t.ok(seen.has(2), 'refused archives among them');
});

t.test("an allowlist's paths name files inside an archive as findings show them", async (t) => {
  const dir = mkdtempSync(path.join(work, 'allow-'));
  const files = target();
  writeFileSync(path.join(dir, 'runs.zip'), zipArchive(['2025-01-01', '2025-01-02'].flatMap((run) => Object.entries(files).map(([name, body]) => ({ name: `${run}/${name}`, body })))));
  const config = path.join(dir, 'lint.json');
  writeFileSync(config, JSON.stringify({ allowlist: { paths: ['runs.zip!/2025-01-01/**'] } }));
  const r = await lint(t, [path.join(dir, 'runs.zip'), '--config', config, '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout).findings as (Finding & { suppressed?: unknown })[];
  const run = (f: Finding) => f.file.split('!/')[1]!.split('/')[0];
  t.ok(findings.length >= 4);
  t.ok(findings.filter((f) => run(f) === '2025-01-01').every((f) => f.suppressed), 'the allowlisted run is suppressed');
  t.ok(findings.filter((f) => run(f) === '2025-01-02').every((f) => !f.suppressed), 'the other is not');
});

t.test('eleven archives: each finding is named in its own archive\'s terms (folder 1 is not the start of folder 10)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'eleven-'));
  const names = Array.from({ length: 11 }, (_, i) => `run-${i + 1}.zip`);
  names.forEach((name) => writeFileSync(path.join(dir, name), zipArchive([{ name: `${name.slice(0, -4)}/target/manifest.json`, body: target()['target/manifest.json'] }])));
  const r = await lint(t, [...names.map((n) => path.join(dir, n)), '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  const files = [...new Set((JSON.parse(r.stdout).findings as Finding[]).map((f) => path.basename(f.file.split('!/')[0]!) + ' ' + f.file.split('!/')[1]))].sort();
  t.same(files, names.map((n) => `${n} ${n.slice(0, -4)}/target/manifest.json`).sort(), 'each archive named once, with its own entry');
});

t.test("a project inside an archive is no folder on disk: SARIF's %SRCROOT% stays the working directory", async (t) => {
  const dir = mkdtempSync(path.join(work, 'srcroot-'));
  const sql = `select * from api_call(password => '${PASSWORD}')`;
  const node = { unique_id: 'model.shop.calls', resource_type: 'model', package_name: 'shop', name: 'calls', path: 'calls.sql', original_file_path: 'models/calls.sql', raw_code: sql, compiled_code: sql, config: {}, meta: {}, fqn: ['shop', 'calls'] };
  writeFileSync(
    path.join(dir, 'shop.tgz'),
    gzipSync(tarArchive([
      { name: 'shop/dbt_project.yml', body: 'name: shop\n' },
      { name: 'shop/models/calls.sql', body: sql },
      { name: 'shop/target/manifest.json', body: dbtJson(manifest({ nodes: { 'model.shop.calls': node } })) },
    ])),
  );
  const r = await lint(t, [path.join(dir, 'shop.tgz'), '--format', 'sarif'], ['--jobs', '1']);
  t.equal(r.code, 1, r.stderr);
  const run = JSON.parse(r.stdout).runs[0];
  t.ok(run.results.length > 0);
  t.ok(run.results.every((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri.includes('shop.tgz!/shop/models/calls.sql')), 'shown in the model file inside the archive');
  t.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${work}/`, 'the root is the working directory');
});

t.test("dbt docs published under another name (GitHub Pages' artifact.tar with index.html) are found in the archive", async (t) => {
  const dir = mkdtempSync(path.join(work, 'pages-'));
  const page = `<!doctype html>\n<html><body><script>var n = { manifest: ${target()['target/manifest.json']}, catalog: {} };</script></body></html>\n`;
  writeFileSync(path.join(dir, 'artifact.tar'), tarArchive([{ name: './index.html', body: page }, { name: './404.html', body: '<!doctype html><html><body>not found</body></html>' }]));
  const r = await lint(t, [path.join(dir, 'artifact.tar'), '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  t.same(report.summary.artifacts.map((a: { file: string; kind: string }) => [a.file.slice(dir.length + 1), a.kind]), [['artifact.tar!/index.html', 'manifest']]);
  t.ok(report.findings.some((f: Finding) => f.jsonPath === '$.metadata.env.DBT_ENV_CUSTOM_ENV_DB_PASSWORD'), 'the secret in the inlined manifest');
});

t.test('one input of several that cannot be read or holds no artifact: the others are scanned and reported, exit 2 (red team 65)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'several-'));
  const files = target();
  writeFileSync(path.join(dir, 'good.zip'), zipArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  const alone = JSON.parse((await lint(t, [path.join(dir, 'good.zip'), '--format', 'json'])).stdout) as { findings: unknown[] };
  t.ok(alone.findings.length > 0);
  writeFileSync(path.join(dir, 'empty.zip'), zipArchive([]));
  const gz = gzipSync(files['target/manifest.json']);
  writeFileSync(path.join(dir, 'cut.json.gz'), gz.subarray(0, gz.length - 40));
  const r = await lint(t, [path.join(dir, '*.zip'), path.join(dir, '*.gz'), '--format', 'json']);
  t.equal(r.code, 2, 'the unreadable ones fail the run');
  const findings = (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings;
  t.same(
    findings.filter((f) => f.file.includes('good.zip!')),
    alone.findings,
    "the good archive's findings, all of them",
  );
  t.ok(findings.some((f) => f.file.includes('cut.json.gz!')), 'and those of what the cut one holds before its cut');
  const lines = r.stderr.split('\n').filter(Boolean);
  t.equal(lines.length, 3, 'a line for each that could not be read, and for the artifact the cut one held, not whole');
  t.match([...lines].sort(), [/cut\.json\.gz!\/cut\.json: not a whole dbt artifact/, /cut\.json\.gz: the archive ends early \(truncated\?\): the part of cut\.json before the cut was read/, /empty\.zip: no dbt artifact in the archive/]);

  // a glob of run folders, one of them a job that failed before dbt wrote an artifact
  const runs = path.join(dir, 'runs');
  mkdirSync(path.join(runs, 'r1'), { recursive: true });
  mkdirSync(path.join(runs, 'r2'));
  writeFileSync(path.join(runs, 'r1/manifest.json'), files['target/manifest.json']);
  writeFileSync(path.join(runs, 'r2/README.txt'), 'the job failed\n');
  const glob = await lint(t, [`${runs}/*/`, '--format', 'json']);
  t.equal(glob.code, 2);
  t.same((JSON.parse(glob.stdout) as { findings: unknown[] }).findings.length, alone.findings.length, "r1's findings");
  t.match(glob.stderr, /runs\/r2: no dbt artifact found/);
  // every one of them failing: the first one's error, one line, as before
  const none = await lint(t, [path.join(dir, 'empty.zip'), path.join(runs, 'r2')]);
  t.equal(none.code, 2);
  t.equal(none.stderr.split('\n').filter(Boolean).length, 1);
});

t.test('an entry that cannot be read does not hide the entries beside it; each is named (red team 65)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'entries-'));
  const files = target();
  const catalog = dbtJson({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.9.4', env: {} }, nodes: {}, sources: {}, errors: null });
  const cases: [string, Buffer, RegExp, string[]][] = [
    ['locked.zip', zipArchive([{ name: 'target/catalog.json', body: catalog, flags: 1, method: 0 }, { name: 'target/manifest.json', body: files['target/manifest.json'] }]), /locked\.zip: entry target\/catalog\.json is encrypted/, []],
    ['bzip.zip', zipArchive([{ name: 'target/catalog.json', body: catalog, method: 12 }, { name: 'target/manifest.json', body: files['target/manifest.json'] }]), /bzip\.zip: entry target\/catalog\.json is compressed with method 12/, []],
    ['crc.zip', zipArchive([{ name: 'target/catalog.json', body: catalog, claimedCrc: 12345 }, { name: 'target/manifest.json', body: files['target/manifest.json'] }]), /crc\.zip: entry target\/catalog\.json: its content does not match/, []],
    ['big.tar', tarArchive([{ name: 'target/catalog.json', body: Buffer.alloc(300_000, 32) }, { name: 'target/manifest.json', body: files['target/manifest.json'] }]), /big\.tar: entry target\/catalog\.json is over the --max-file-size limit of 200000 bytes/, ['--max-file-size', '200000']],
  ];
  for (const [name, bytes, unread, extra] of cases) {
    writeFileSync(path.join(dir, name), bytes);
    const r = await lint(t, [path.join(dir, name), '--format', 'json', ...extra]);
    t.equal(r.code, 2, `${name}: the entry not read fails the run`);
    t.match(r.stderr, unread, `${name}: and is named`);
    const report = JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] }; findings: { ruleId: string }[] };
    t.same(report.summary.artifacts.map((a) => a.file.slice(a.file.indexOf('!'))), ['!/target/manifest.json'], `${name}: the manifest after it is read`);
    t.ok(report.findings.some((f) => f.ruleId === 'env-metadata'), `${name}: and its secret reported`);
  }
});

t.test('--shard over an archive: the same partition on every run, by the runs\' places in the archive (red team 65)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'shard-'));
  const files = target();
  const runs = ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06'];
  writeFileSync(path.join(dir, 'runs.zip'), zipArchive(runs.map((run) => ({ name: `runs/${run}/target/manifest.json`, body: files['target/manifest.json'] }))));
  const shardOf = async (k: number) => {
    const r = await lint(t, [path.join(dir, 'runs.zip'), '--shard', `${k}/3`, '--format', 'json']);
    t.not(r.code, 2, r.stderr);
    return (JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] } }).summary.artifacts.map((a) => a.file.slice(a.file.indexOf('!'))).sort();
  };
  const first = [await shardOf(1), await shardOf(2), await shardOf(3)];
  const again = [await shardOf(1), await shardOf(2), await shardOf(3)];
  t.same(again, first, 'the same shards the second time');
  t.same(first.flat().sort(), runs.map((run) => `!/runs/${run}/target/manifest.json`), 'each run in one shard');
});

t.test('JSON under names of its own in an archive is read by content, as in a folder (red team 65)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'renamed-'));
  const files = target();
  writeFileSync(
    path.join(dir, 'kept.zip'),
    zipArchive([
      { name: 'target/manifest.json', body: files['target/manifest.json'] },
      { name: 'backup/manifest-2025-01-30.json', body: files['target/manifest.json'] },
      { name: 'backup/run_results-2025-01-30.json', body: files['target/run_results.json'] },
    ]),
  );
  const r = await lint(t, [path.join(dir, 'kept.zip'), '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  const scanned = (JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] } }).summary.artifacts.map((a) => a.file.slice(a.file.indexOf('!')));
  t.same(scanned.sort(), ['!/backup/manifest-2025-01-30.json', '!/backup/run_results-2025-01-30.json', '!/target/manifest.json']);
});

t.test('an archive its name does not say (`curl -o artifact`, a tar.gz kept as .gz) is told by its first bytes (red team 65)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'unnamed-'));
  const files = target();
  const entries = Object.entries(files).map(([name, body]) => ({ name, body }));
  writeFileSync(path.join(dir, 'artifact'), zipArchive(entries));
  writeFileSync(path.join(dir, 'target.gz'), gzipSync(tarArchive(entries)));
  writeFileSync(path.join(dir, 'runs.bin'), tarArchive(entries));
  for (const name of ['artifact', 'target.gz', 'runs.bin']) {
    const r = await lint(t, [path.join(dir, name), '--format', 'json']);
    t.equal(r.code, 1, `${name}: ${r.stderr}`);
    const report = JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] } };
    t.same(report.summary.artifacts.map((a) => a.file.slice(a.file.indexOf(`${name}!`))).sort(), [`${name}!/target/manifest.json`, `${name}!/target/run_results.json`], `${name}: its entries, named in it`);
  }
  // a file named as JSON is read as JSON, whatever its first bytes
  writeFileSync(path.join(dir, 'manifest.json'), zipArchive(entries));
  const json = await lint(t, [path.join(dir, 'manifest.json')]);
  t.equal(json.code, 2);
  t.match(json.stderr, /manifest\.json: .*not a JSON/);
});

t.test('a glob reads the archives it matches beside the folders, as the shell\'s expansion of it does (red team 72)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'glob-'));
  const files = target();
  const runs = path.join(dir, 'runs');
  mkdirSync(path.join(runs, 'run-1/target'), { recursive: true });
  writeFileSync(path.join(runs, 'run-1/target/manifest.json'), files['target/manifest.json']);
  writeFileSync(path.join(runs, 'run-2.zip'), zipArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  writeFileSync(path.join(runs, 'run-3.tar.gz'), gzipSync(tarArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }])));
  writeFileSync(path.join(runs, 'run-4.zip'), 'broken');
  writeFileSync(path.join(runs, 'README.md'), 'uploads\n');
  const readFrom = (stdout: string) => (JSON.parse(stdout) as { summary: { artifacts: { file: string }[] } }).summary.artifacts.map((a) => path.relative(dir, a.file)).sort();

  const mixed = await lint(t, [`${runs}/*`, '--format', 'json']);
  t.equal(mixed.code, 2, 'the broken upload fails the run');
  t.same(readFrom(mixed.stdout), ['runs/run-1/target/manifest.json', 'runs/run-2.zip!/target/manifest.json', 'runs/run-3.tar.gz!/target/manifest.json']);
  t.match(mixed.stderr, /runs\/run-4\.zip: not a zip archive/);
  t.match(mixed.stderr, /README\.md/, 'what it does not read is said');

  // archives and a README only: the archives are what the glob scans
  rmSync(path.join(runs, 'run-1'), { recursive: true });
  rmSync(path.join(runs, 'run-4.zip'));
  const archives = await lint(t, [`${runs}/*`, '--format', 'json']);
  t.equal(archives.code, 1, archives.stderr);
  t.same(readFrom(archives.stdout), ['runs/run-2.zip!/target/manifest.json', 'runs/run-3.tar.gz!/target/manifest.json']);
});

t.test("--shard: an archive's errors are said in one shard, as its runs are scanned in one (red team 72)", async (t) => {
  const dir = mkdtempSync(path.join(work, 'shard-errors-'));
  const files = target();
  const catalog = dbtJson({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.9.4', env: {} }, nodes: {}, sources: {}, errors: null });
  mkdirSync(path.join(dir, 'runs/run-1/target'), { recursive: true });
  writeFileSync(path.join(dir, 'runs/run-1/target/manifest.json'), files['target/manifest.json']);
  writeFileSync(path.join(dir, 'runs/run-2.zip'), zipArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  writeFileSync(path.join(dir, 'runs/run-3.zip'), zipArchive([{ name: 'target/catalog.json', body: catalog, claimedCrc: 12345 }, { name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  writeFileSync(path.join(dir, 'runs/run-4.zip'), 'broken');
  const inputs = ['run-1', 'run-2.zip', 'run-3.zip', 'run-4.zip'].map((name) => path.join(dir, 'runs', name));
  for (const given of [[path.join(dir, 'runs/*')], inputs]) {
    const shards: { code: number; read: string[]; stderr: string }[] = [];
    for (const k of [1, 2, 3]) {
      const r = await lint(t, [...given, '--shard', `${k}/3`, '--format', 'json']);
      const read = (JSON.parse(r.stdout) as { summary: { artifacts: { file: string }[] } }).summary.artifacts.map((a) => path.relative(dir, a.file));
      shards.push({ code: r.code, read, stderr: r.stderr });
    }
    const saying = (what: RegExp) => shards.filter((s) => what.test(s.stderr)).length;
    t.equal(saying(/run-4\.zip: not a zip archive/), 1, 'the broken archive in one shard');
    t.equal(saying(/run-3\.zip: entry target\/catalog\.json: its content does not match/), 1, 'the damaged entry in one shard');
    t.equal(shards.filter((s) => s.code === 2).length, saying(/run-[34]\.zip/), 'only the shards that say an error fail');
    t.same(shards.flatMap((s) => s.read).sort(), ['runs/run-1/target/manifest.json', 'runs/run-2.zip!/target/manifest.json', 'runs/run-3.zip!/target/manifest.json'], 'every run read in one shard');
  }
});

t.test("--since: an entry of no time (tar's 0, zip's 1980-01-01 00:00, as reproducible archives write) in an archive modified since is read, not taken for years old (red team 98)", async (t) => {
  const dir = mkdtempSync(path.join(work, 'since-zero-'));
  const body = target()['target/manifest.json'];
  writeFileSync(path.join(dir, 'zero.zip'), zipArchive([{ name: 'target/manifest.json', body, dosDate: 0x21, dosTime: 0 }]));
  writeFileSync(path.join(dir, 'zero.tar'), tarArchive([{ name: 'target/manifest.json', body, mtime: 0 }]));
  // an entry's real time before --since still leaves it out
  writeFileSync(path.join(dir, 'dated.tar'), tarArchive([{ name: 'target/manifest.json', body, mtime: Date.UTC(2024, 2, 1) / 1000 }]));
  for (const name of ['zero.zip', 'zero.tar']) {
    const r = await lint(t, [path.join(dir, name), '--since', '2025-01-01', '--format', 'json']);
    t.equal(r.code, 1, `${name}: its secrets found (${r.stderr.trim()})`);
    t.equal(JSON.parse(r.stdout).summary.filesScanned, 1, name);
  }
  const dated = await lint(t, [path.join(dir, 'dated.tar'), '--since', '2025-01-01']);
  t.equal(dated.code, 2, 'an entry of March 2024: not modified since');
});

t.test('--since leaves out an archive modified before it, named or matched, without unpacking it (red team 72)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'since-'));
  const files = target();
  mkdirSync(path.join(dir, 'runs/new/target'), { recursive: true });
  writeFileSync(path.join(dir, 'runs/new/target/manifest.json'), files['target/manifest.json']);
  const old = path.join(dir, 'runs/old.zip');
  // a broken upload from long ago: read, it would fail the run
  writeFileSync(old, zipArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'], claimedCrc: 12345 }]));
  const march = new Date('2024-03-01T00:00:00Z');
  utimesSync(old, march, march);
  const read = (stdout: string) => (JSON.parse(stdout) as { summary: { artifacts: { file: string }[] } }).summary.artifacts.map((a) => path.relative(dir, a.file));
  for (const given of [[old, path.join(dir, 'runs/new')], [path.join(dir, 'runs/*')]]) {
    const r = await lint(t, [...given, '--since', '2025-01-01', '--format', 'json']);
    t.equal(r.code, 1, r.stderr);
    t.same(read(r.stdout), ['runs/new/target/manifest.json'], 'the new run alone');
    t.notMatch(r.stderr, /old\.zip/, 'the old archive is not opened');
  }
  const alone = await lint(t, [old, '--since', '2025-01-01']);
  t.equal(alone.code, 2, 'nothing to scan is no pass');
  t.match(alone.stderr, /old\.zip: an archive not modified since 2025-01-01T00:00:00\.000Z/);
  // in the window, it is read
  const within = await lint(t, [old, path.join(dir, 'runs/new'), '--since', '2024-01-01']);
  t.equal(within.code, 2);
  t.match(within.stderr, /old\.zip: entry target\/manifest\.json: its content does not match/);
});

t.test('a glob whose base folder is missing, among other PATHs: said, and the others scanned', async (t) => {
  const dir = mkdtempSync(path.join(work, 'missing-base-'));
  writeFileSync(path.join(dir, 'manifest.json'), target()['target/manifest.json']);
  const r = await lint(t, [path.join(dir, 'gone/*'), dir, '--format', 'json']);
  t.equal(r.code, 2);
  t.match(r.stderr, /gone\/\*: the glob's base directory .*gone does not exist/);
  t.ok((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length > 0, "the folder's findings");
});

t.test('a link to an archive the glob also matches is the archive, read once (red team 75: its findings came twice)', async (t) => {
  const dir = mkdtempSync(path.join(tempDir(), 'alias-'));
  mkdirSync(path.join(dir, 'runs'));
  const leaky = dbtJson(runResults({}, { DB_PASSWORD: 'Vq7#mWp2$Lx9rT4k' }));
  writeFileSync(path.join(dir, 'runs', 'a.zip'), zipArchive([{ name: 'target/run_results.json', body: leaky }]));
  const { symlinkSync } = await import('node:fs');
  symlinkSync(path.join(dir, 'runs', 'a.zip'), path.join(dir, 'runs', 'latest.zip'));
  const r = await runCli([path.join(dir, 'runs', '*'), '--format', 'json']);
  const report = JSON.parse(r.stdout) as { findings: unknown[]; summary: { filesScanned: number } };
  t.equal(report.summary.filesScanned, 1);
  t.equal(report.findings.length, 1);
});

t.test("a .tar.gz cut in its gzip trailer, after the tar's last entry and end blocks, is damaged: every finding, and exit 2 (red team 78)", async (t) => {
  const dir = mkdtempSync(path.join(work, 'trailer-'));
  const files = target();
  const tgz = gzipSync(tarArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  writeFileSync(path.join(dir, 'whole.tar.gz'), tgz);
  // the last eight bytes are gzip's trailer: the CRC-32 and the length of all it holds
  writeFileSync(path.join(dir, 'cut.tar.gz'), tgz.subarray(0, tgz.length - 5));
  const whole = await lint(t, [path.join(dir, 'whole.tar.gz'), '--format', 'json']);
  t.equal(whole.code, 1, whole.stderr);
  const cut = await lint(t, [path.join(dir, 'cut.tar.gz'), '--format', 'json']);
  t.equal(cut.code, 2, 'the cut fails the run');
  t.match(cut.stderr, /cut\.tar\.gz: the archive ends early \(truncated\?\)/);
  const count = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
  t.equal(count(cut), count(whole), 'and every finding of the entries it holds whole is reported');
});

t.test('a tar without its end-of-archive blocks was cut where an entry ends: every finding of what it holds, and exit 2 (red team 78)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'no-end-'));
  const files = target();
  const tar = tarArchive([
    { name: 'target/', type: '5' },
    { name: 'target/manifest.json', body: files['target/manifest.json'] },
  ]);
  writeFileSync(path.join(dir, 'whole.tar'), tar);
  // an upload's parts are multiples of 512 bytes, as tar's blocks are: the cut lands between entries
  writeFileSync(path.join(dir, 'cut.tar'), tar.subarray(0, tar.length - 1024));
  // …or right after a folder's header, before any file
  writeFileSync(path.join(dir, 'folder.tar'), tar.subarray(0, 512));
  const whole = await lint(t, [path.join(dir, 'whole.tar'), '--format', 'json']);
  t.equal(whole.code, 1, whole.stderr);
  t.equal(whole.stderr, '');
  const cut = await lint(t, [path.join(dir, 'cut.tar'), '--format', 'json']);
  t.equal(cut.code, 2, 'the cut fails the run');
  t.match(cut.stderr, /cut\.tar: the archive ends early \(truncated\?\): no end-of-archive blocks after its last entry/);
  const count = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
  t.equal(count(cut), count(whole), 'every finding of the entry it holds whole');
  const folder = await lint(t, [path.join(dir, 'folder.tar')]);
  t.equal(folder.code, 2);
  t.match(folder.stderr, /folder\.tar: the archive ends early \(truncated\?\)/, 'said to be cut, not to hold no dbt artifact');
  t.notMatch(folder.stderr, /no dbt artifact/);
});

t.test("a glob over run folders reads each folder's uploads; under ** the folders below one that holds none (red team 152)", async (t) => {
  const dir = mkdtempSync(path.join(work, 'bucket-'));
  const files = target();
  const runs = path.join(dir, 'runs');
  // a run's upload in its date's folder, a run's target two folders down, and a date whose job failed before dbt wrote one
  mkdirSync(path.join(runs, '2026-11-23'), { recursive: true });
  writeFileSync(path.join(runs, '2026-11-23/build.zip'), zipArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  mkdirSync(path.join(runs, '2026-11-24/build/target'), { recursive: true });
  writeFileSync(path.join(runs, '2026-11-24/build/target/run_results.json'), files['target/run_results.json']);
  mkdirSync(path.join(runs, '2026-11-25'), { recursive: true });
  writeFileSync(path.join(runs, '2026-11-25/README.txt'), 'the job failed\n');
  const readFrom = (stdout: string) => (JSON.parse(stdout) as { summary: { artifacts: { file: string }[] } }).summary.artifacts.map((a) => path.relative(dir, a.file)).sort();

  const dates = await lint(t, [`${runs}/*`, '--format', 'json']);
  t.equal(dates.code, 2, 'the folders with nothing of their own fail the run');
  t.same(readFrom(dates.stdout), ['runs/2026-11-23/build.zip!/target/manifest.json'], "the upload in a date's folder is read");
  t.match(dates.stderr, /runs\/2026-11-24: no dbt artifact found.*pass a glob/);
  t.match(dates.stderr, /runs\/2026-11-25: no dbt artifact found/);
  t.notMatch(dates.stderr, /runs\/2026-11-23: no dbt artifact/, 'the folder of the upload read is no error');

  const everything = await lint(t, [`${runs}/**`, '--format', 'json']);
  t.equal(everything.code, 2, 'the failed job is still said');
  t.same(readFrom(everything.stdout), ['runs/2026-11-23/build.zip!/target/manifest.json', 'runs/2026-11-24/build/target/run_results.json']);
  const errors = everything.stderr.split('\n').filter((line) => line !== '' && !line.includes(': warning: '));
  t.equal(errors.length, 1, everything.stderr);
  t.match(errors[0], /runs\/2026-11-25: no dbt artifact found/);

  rmSync(path.join(runs, '2026-11-25'), { recursive: true });
  const clean = await lint(t, [`${runs}/**`, '--format', 'json']);
  t.equal(clean.code, 1, clean.stderr);
  t.equal(clean.stderr, '');
});

t.test('one PATH of several whose files are JSON but no dbt artifact: exit 2, one line naming it, the others reported (red team 152)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'not-dbt-'));
  const files = target();
  writeFileSync(path.join(dir, 'good.zip'), zipArchive([{ name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  writeFileSync(path.join(dir, 'wrong.zip'), zipArchive([{ name: 'target/package.json', body: Buffer.from('{"name": "x", "version": "1.0.0"}') }, { name: 'target/readme.txt', body: Buffer.from('hi\n') }]));
  mkdirSync(path.join(dir, 'wrong/target'), { recursive: true });
  writeFileSync(path.join(dir, 'wrong/target/package.json'), '{"name": "x", "version": "1.0.0"}');
  const alone = JSON.parse((await lint(t, [path.join(dir, 'good.zip'), '--format', 'json'])).stdout) as { findings: unknown[] };
  for (const wrong of ['wrong.zip', 'wrong/target']) {
    const r = await lint(t, [path.join(dir, wrong), path.join(dir, 'good.zip'), '--format', 'json']);
    t.equal(r.code, 2, `${wrong}: the run fails`);
    t.equal((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length, alone.findings.length, "good.zip's findings, all of them");
    t.match(r.stderr, new RegExp(`${wrong.replace('.', '\\.')}[^\\n]*: no dbt artifact found \\(files there are JSON but not dbt artifacts\\)`));
  }
});

t.test('an entry deeper than 64 folders is refused as too deep, not as a path outside the folder (red team 152)', async (t) => {
  const dir = mkdtempSync(path.join(work, 'deep-'));
  const files = target();
  const deep = `${'d/'.repeat(70)}target/manifest.json`;
  writeFileSync(path.join(dir, 'deep.zip'), zipArchive([{ name: deep, body: files['target/manifest.json'] }, { name: 'target/manifest.json', body: files['target/manifest.json'] }]));
  const r = await lint(t, [path.join(dir, 'deep.zip'), '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  t.match(r.stderr, /1 entry not unpacked: d\/d\/.*manifest\.json \(a path more than 64 folders deep\)/);
  t.notMatch(r.stderr, /outside the archive's folder/);
});

t.test("review 155: a folder's own archive of other JSON is a warning; a folder's only archive broken is an error; an empty tree under ** is one line; a shard of a glob is no PATH", async (t) => {
  const dir = mkdtempSync(path.join(work, 'r155-'));
  const files = target();
  mkdirSync(path.join(dir, 'mixed'));
  writeFileSync(path.join(dir, 'mixed/manifest.json'), files['target/manifest.json']);
  writeFileSync(path.join(dir, 'mixed/extra.zip'), zipArchive([{ name: 'target/package.json', body: Buffer.from('{"name": "x"}') }]));
  const mixed = await lint(t, [path.join(dir, 'mixed'), '--format', 'json']);
  t.equal(mixed.code, 1, mixed.stderr);
  t.match(mixed.stderr, /extra\.zip!\/target: no dbt artifact found .*\(an archive in the folder scanned: its other files were read\)/);

  mkdirSync(path.join(dir, 'only'));
  writeFileSync(path.join(dir, 'only/broken.zip'), 'broken');
  const only = await lint(t, [path.join(dir, 'only'), '--fail-on', 'none']);
  t.equal(only.code, 2, 'an upload alone in its folder that cannot be read fails the run');
  t.match(only.stderr, /only\/broken\.zip: not a zip archive/);

  mkdirSync(path.join(dir, 'empty/a/b/c'), { recursive: true });
  const empty = await lint(t, [`${path.join(dir, 'empty')}/**`]);
  t.equal(empty.code, 2);
  t.equal(empty.stderr.trim().split('\n').length, 1, empty.stderr);
  t.match(empty.stderr, /empty\/a: no dbt artifact found/);

  // runs of a glob, one holding JSON of another tool: a shard that chose it alone is no PATH without artifacts
  const runs = path.join(dir, 'runs');
  for (let i = 1; i <= 6; i++) {
    mkdirSync(path.join(runs, `run-${i}`), { recursive: true });
    writeFileSync(path.join(runs, `run-${i}`, i === 3 ? 'package.json' : 'manifest.json'), i === 3 ? '{"name": "x"}' : files['target/manifest.json']);
  }
  const codes: number[] = [];
  for (let k = 1; k <= 6; k++) codes.push((await lint(t, [`${runs}/*/`, '--shard', `${k}/6`, '--fail-on', 'none'])).code);
  t.notOk(codes.includes(2), `no shard fails for the other tool's folder: ${codes.join(', ')}`);
});

t.test('review 156: a PATH named without a dbt artifact is said under --shard and --since too', async (t) => {
  const dir = mkdtempSync(path.join(work, 'r156-'));
  const files = target();
  mkdirSync(path.join(dir, 'other'));
  writeFileSync(path.join(dir, 'other/package.json'), '{"name": "x"}');
  mkdirSync(path.join(dir, 'good'));
  writeFileSync(path.join(dir, 'good/manifest.json'), files['target/manifest.json']);
  for (const extra of [['--shard', '1/1'], ['--since', '2000-01-01']]) {
    const r = await lint(t, [path.join(dir, 'other'), path.join(dir, 'good'), '--fail-on', 'none', ...extra]);
    t.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
    t.match(r.stderr, /other: no dbt artifact found \(files there are JSON but not dbt artifacts\)/);
  }
});
