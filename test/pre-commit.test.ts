/**
 * The pre-commit hooks: `check-staged` in-process, then every hook of .pre-commit-hooks.yaml with
 * the real `pre-commit run`, from a config that names a snapshot of this repository as users name
 * the published one, in temporary git projects. The two projects share one pre-commit home, so the
 * hooks are installed once (npm install, build, npm pack), as on a developer's machine; `pre-commit
 * try-repo` would install them afresh for each.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { main, type CliIO } from '../src/cli.js';
import { parse } from 'yaml';
import { tempDir } from './helpers.js';
import { zipArchive } from './artifacts/archive-build.js';
import { cleanGitEnv, REPO_ROOT, snapshotRepo } from './repo-snapshot.js';

const LEAKY = path.join(REPO_ROOT, 'fixtures/jaffle-shop-leaky/target');
const CLEAN = path.join(REPO_ROOT, 'fixtures/jaffle-shop-clean/target');
const PLANTED = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'fixtures/jaffle-shop-leaky/expected.json'), 'utf8')) as { secrets: { secret: string }[] }).secrets.map((s) => s.secret);

async function checkStaged(cwd: string, args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), env: {}, isTTY: false, cwd };
  return { code: await main(['check-staged', ...args], io), out };
}

/** A folder with `files` (relative path → source file, or literal text). */
function project(files: Record<string, string | Buffer | { copy: string }>): string {
  const dir = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(path.join(dir, rel), content);
    else copyFileSync(content.copy, path.join(dir, rel));
  }
  return dir;
}

const WEB_MANIFEST = '{"name": "Acme", "short_name": "acme", "icons": [], "start_url": "/"}';

t.test('check-staged: staged artifacts are scanned, recognized by content', async (t) => {
  const dir = project({ 'state/prod-manifest.json': { copy: path.join(LEAKY, 'manifest.json') }, 'public/manifest.json': WEB_MANIFEST });
  const r = await checkStaged(dir, ['state/prod-manifest.json', 'public/manifest.json']);
  t.equal(r.code, 1);
  t.match(r.out, /state\/prod-manifest\.json/);
  t.match(r.out, /env-metadata\/secret-key-name/);
  t.notMatch(r.out, /public\/manifest\.json/, 'a web app manifest is not a dbt artifact');
  for (const secret of PLANTED) t.notOk(r.out.includes(secret), 'secrets are masked');
});

t.test('check-staged: with no artifact staged, --dbt-target is scanned when it exists', async (t) => {
  const leaky = project({ 'package.json': '{"name": "x"}' });
  cpSync(LEAKY, path.join(leaky, 'target'), { recursive: true });
  t.equal((await checkStaged(leaky, ['package.json'])).code, 1, 'a leaky target/ fails');
  t.equal((await checkStaged(leaky, [])).code, 1, 'also with no file at all');

  const clean = project({});
  cpSync(CLEAN, path.join(clean, 'build'), { recursive: true });
  const r = await checkStaged(clean, ['--dbt-target', 'build']);
  t.equal(r.code, 0);
  t.match(r.out, /No secrets found in 4 artifacts/);

  const none = await checkStaged(project({}), []);
  t.same(none, { code: 0, out: 'dbt-tools-lint: no dbt artifact staged and no target directory: nothing to scan\n' }, 'no target yet (a fresh clone) is a pass');
});

t.test('check-staged: a --dbt-target given whose folder holds no dbt project is a mistyped path, no pass (red team 132)', async (t) => {
  const dir = project({ 'package.json': '{"name": "x"}', 'transform/dbt_project.yml': 'name: shop\n' });
  // the project not built yet (a fresh clone): a pass, as for the default target
  t.same(await checkStaged(dir, ['--dbt-target', 'transform/target', 'package.json']), { code: 0, out: 'dbt-tools-lint: no dbt artifact staged and no transform/target directory: nothing to scan\n' }, 'a project not built yet');
  // a folder mistyped, or a target named where no project is: every commit would pass unseen
  for (const mistyped of ['transfrom/target', 'transform/models/target', 'target']) {
    const r = await checkStaged(dir, ['--dbt-target', mistyped, 'package.json']);
    t.equal(r.code, 2, `${mistyped}: exit 2`);
    t.match(r.out, `--dbt-target ${mistyped}: no such directory, and ${path.dirname(mistyped)} holds no dbt project (dbt_project.yml) that would write it; is the path mistyped?`);
    t.equal(r.out.trim().split('\n').length, 1, 'one line');
  }
  // a target kept outside its project, as its dbt_project.yml's target-path names it: not built yet, a pass
  const outside = project({ 'package.json': '{"name": "x"}', 'dbt_project.yml': 'name: shop\ntarget-path: "build/dbt-target"  # CI uploads it\n' });
  t.equal((await checkStaged(outside, ['--dbt-target', 'build/dbt-target', 'package.json'])).code, 0, "the project's target-path");
  t.equal((await checkStaged(outside, ['--dbt-target', 'build/dbt-targte', 'package.json'])).code, 2, 'another path there: mistyped');
  // the default, or $DBT_TARGET_PATH, is not the hook's own choice: no target there is a pass
  t.equal((await checkStaged(dir, ['package.json'])).code, 0, 'the default target: a pass');
  let out = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), env: { DBT_TARGET_PATH: 'elsewhere/target' }, isTTY: false, cwd: dir };
  t.equal(await main(['check-staged', 'package.json'], io), 0, out);
  t.match(out, 'no elsewhere/target directory: nothing to scan');
});

t.test('check-staged --forbid-artifacts: one line per staged artifact', async (t) => {
  const manifest = readFileSync(path.join(LEAKY, 'manifest.json'), 'utf8');
  const dir = project({
    'state/prod-manifest.json': { copy: path.join(LEAKY, 'manifest.json') },
    'archive/results.json': { copy: path.join(REPO_ROOT, 'fixtures/legacy-leaky/pre-0.19/target/run_results.json') },
    'partial.json': manifest.slice(0, 5000),
    'public/manifest.json': WEB_MANIFEST,
    'models/orders.sql': 'select 1',
  });
  const r = await checkStaged(dir, ['--forbid-artifacts', 'state/prod-manifest.json', 'archive/results.json', 'partial.json', 'public/manifest.json', 'models/orders.sql']);
  t.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  t.equal(lines.length, 3, 'three artifacts, three lines');
  t.match(lines[0], /^state\/prod-manifest\.json: a dbt manifest artifact .*do not belong in git.*\.gitignore/);
  t.match(lines[1], /^archive\/results\.json: a dbt run-results artifact/, 'a pre-0.19 artifact, by its shape');
  t.match(lines[2], /^partial\.json: a dbt manifest artifact/, 'a truncated artifact, by its schema URL');

  const ok = await checkStaged(dir, ['--forbid-artifacts', 'public/manifest.json', 'models/orders.sql', 'missing.json']);
  t.same(ok, { code: 0, out: '' });
});

t.test('check-staged: a staged partial_parse.msgpack is scanned, and forbidden as an artifact', async (t) => {
  const sample = path.join(REPO_ROOT, 'fixtures/partial-parse/target/partial_parse.msgpack');
  const dir = project({ 'target/partial_parse.msgpack': { copy: sample }, 'cache/broken.msgpack': 'not msgpack', 'models/orders.sql': 'select 1' });
  const r = await checkStaged(dir, ['target/partial_parse.msgpack', 'models/orders.sql']);
  t.equal(r.code, 1);
  t.match(r.out, /^\s+byte \d+\s+error/m);
  t.match(r.out, /env-metadata\/secret-key-name/);
  const forbidden = await checkStaged(dir, ['--forbid-artifacts', 'target/partial_parse.msgpack', 'cache/broken.msgpack', 'models/orders.sql']);
  t.equal(forbidden.code, 1);
  t.same(forbidden.out.trimEnd().split('\n').length, 1, 'a MessagePack file that is no manifest is no artifact');
  t.match(forbidden.out, /^target\/partial_parse\.msgpack: a dbt partial-parse artifact/);
});

/** A docs page as `dbt docs generate --static` writes it: the manifest inlined in its script. */
const docsPage = (manifest: string) => `<!doctype html>\n<html><head><title>dbt Docs</title></head><body><script>var n = { manifest: ${manifest}, catalog: {} };</script></body></html>\n`;
/** A zip of the leaky target, as a CI system hands artifacts back. */
const leakyZip = () => zipArchive(['manifest.json', 'run_results.json'].map((n) => ({ name: `target/${n}`, body: readFileSync(path.join(LEAKY, n)) })));

t.test('check-staged: a staged docs page and an archive of artifacts are scanned and forbidden; other pages and archives are not', async (t) => {
  const manifest = readFileSync(path.join(LEAKY, 'manifest.json'), 'utf8');
  const dir = project({
    'docs/index.html': docsPage(manifest),
    'site/about.html': '<!doctype html><html><body>{"a": 1}</body></html>',
    'ci/artifacts.zip': leakyZip(),
    'assets/images.zip': zipArchive([{ name: 'logo.json', body: WEB_MANIFEST }, { name: 'logo.png', body: 'png' }]),
  });
  const files = ['docs/index.html', 'site/about.html', 'ci/artifacts.zip', 'assets/images.zip'];
  const r = await checkStaged(dir, files);
  t.equal(r.code, 1, r.out);
  t.match(r.out, /docs\/index\.html$/m, 'the docs page is scanned');
  t.match(r.out, /ci\/artifacts\.zip!\/target\/manifest\.json/, 'the archive is scanned, its findings named inside it');
  t.notMatch(r.out, /about\.html|images\.zip/, 'a page and an archive without dbt artifacts are not');
  for (const secret of PLANTED) t.notOk(r.out.includes(secret), 'secrets are masked');

  const forbidden = await checkStaged(dir, ['--forbid-artifacts', ...files]);
  t.equal(forbidden.code, 1);
  t.same(forbidden.out.split('\n').filter(Boolean).map((l) => l.replace(/;.*/, '')), [
    'docs/index.html: a dbt docs page with the manifest and catalog inlined (dbt docs generate --static)',
    'ci/artifacts.zip: an archive holding dbt artifacts (target/manifest.json, target/run_results.json)',
  ]);
  const fine = await checkStaged(dir, ['--forbid-artifacts', 'site/about.html', 'assets/images.zip']);
  t.same(fine, { code: 0, out: '' });
});

/** A rendered model and a log with a secret each, as dbt writes them beside a project (red team 90). */
const RENDERED_SQL = "select 1\n-- create user loader password 'Gl4cierMoonPlnt'\n";
const DBT_LOG = '07:00:02  Database Error: could not connect postgresql://loader:Tr4inSt4tionPlnt@db.acme.io/x\n';

t.test('check-staged: a staged rendered model and dbt.log are scanned and forbidden, by their path, as a scan of the target reads them (red team 90)', async (t) => {
  const dir = project({
    'transform/dbt_project.yml': 'name: shop\n',
    'transform/target/compiled/shop/models/m.sql': RENDERED_SQL,
    'transform/logs/dbt.log': DBT_LOG,
    // a target by another name, as dbt_project.yml beside it says (target-path: build)
    'etl/dbt_project.yml': 'name: etl\ntarget-path: "build"  # CI uploads it\n',
    'etl/build/run/etl/models/n.py': "def model(dbt, session):\n    return session.sql(\"create user loader password 'Gl4cierMoonPlnt'\")\n",
    // no dbt output: a folder named run/ that is no target's, a log that is not dbt's; and (red team 91) a project's own
    // folders beside its dbt_project.yml (a model's source, a macro, scripts), another tool's target/ with no project
    'dbt_project.yml': 'name: acme\n',
    'scripts/run/migrations/001.sql': RENDERED_SQL,
    'models/run/ops/run_log.sql': RENDERED_SQL,
    'macros/compiled/helpers/grant_dev.sql': RENDERED_SQL,
    'java-svc/target/run/it/seed.sql': RENDERED_SQL,
    'etl/target/compiled/etl/models/old.sql': RENDERED_SQL,
    'app/logs/server.log': DBT_LOG,
  });
  const output = ['transform/target/compiled/shop/models/m.sql', 'transform/logs/dbt.log', 'etl/build/run/etl/models/n.py'];
  const decoys = ['scripts/run/migrations/001.sql', 'models/run/ops/run_log.sql', 'macros/compiled/helpers/grant_dev.sql', 'java-svc/target/run/it/seed.sql', 'etl/target/compiled/etl/models/old.sql', 'app/logs/server.log'];
  const r = await checkStaged(dir, [...output, ...decoys]);
  t.equal(r.code, 1, r.out);
  t.match(r.out, /transform\/target\/compiled\/shop\/models\/m\.sql\n\s+2:33\s+error .*compiled-code\/sql-password/m);
  t.match(r.out, /transform\/logs\/dbt\.log\n\s+1:65\s+error .*run-messages\/url-password/m);
  t.match(r.out, /\/etl\/build\/run\/etl\/models\/n\.py$/m);
  t.notMatch(r.out, /scripts\/run|models\/run|macros\/compiled|java-svc|etl\/target|server\.log/, "a folder named run/ or compiled/ that is no project's target, and another log, are no dbt output");
  t.notOk(r.out.includes('Gl4cierMoonPlnt') || r.out.includes('Tr4inSt4tionPlnt'), 'secrets are masked');

  const forbidden = await checkStaged(dir, ['--forbid-artifacts', ...output, ...decoys]);
  t.equal(forbidden.code, 1);
  t.same(forbidden.out.split('\n').filter(Boolean).map((l) => l.replace(/: .*/, '')), output, 'one line for each piece of dbt output, none for the others');
  t.match(forbidden.out, /^transform\/logs\/dbt\.log: dbt's log .*do not belong in git/m);
  t.same(await checkStaged(dir, ['--forbid-artifacts', ...decoys]), { code: 0, out: '' });
});

t.test('check-staged --baseline hides the accepted findings (read only), -q prints only findings (red team 90)', async (t) => {
  const dir = project({ 'target/manifest.json': { copy: path.join(LEAKY, 'manifest.json') }, 'target/run_results.json': { copy: path.join(LEAKY, 'run_results.json') } });
  // the CI gate's baseline, of the whole target
  t.equal(await main(['scan', 'target', '--update-baseline'], { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false, cwd: dir }), 0);
  const baseline = readFileSync(path.join(dir, '.dbt-tools-lint-baseline.json'), 'utf8');
  const accepted = await checkStaged(dir, ['--baseline', '.dbt-tools-lint-baseline.json', 'target/manifest.json']);
  t.equal(accepted.code, 0, accepted.out);
  t.match(accepted.out, /No new secrets|suppressed/);
  t.notMatch(accepted.out, /no longer found|fixed/, "run_results.json's entries, not staged, are not called fixed");
  t.equal(readFileSync(path.join(dir, '.dbt-tools-lint-baseline.json'), 'utf8'), baseline, 'the baseline is left as it was');
  t.same(await checkStaged(dir, ['-q', '--baseline', '.dbt-tools-lint-baseline.json', 'target/manifest.json']), { code: 0, out: '' }, '-q: nothing when clean');
  t.same(await checkStaged(project({}), ['--quiet']), { code: 0, out: '' }, '-q: no line for nothing to scan either');

  const leak = await checkStaged(dir, ['-q', 'target/manifest.json']);
  t.equal(leak.code, 1);
  t.match(leak.out, /env-metadata\/secret-key-name/);
  t.notMatch(leak.out, /✖|findings? of/, '-q: no summary');
  t.equal((await checkStaged(dir, ['--baseline', '.dbt-tools-lint-baseline.json', '--update-baseline'])).code, 2, 'no update in the hook');
});

const havePreCommit = (() => {
  try {
    execFileSync('pre-commit', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/** A git repository with `files` staged. */
function stagedProject(files: Record<string, string | Buffer | { copy: string }>): string {
  const dir = project(files);
  const env = cleanGitEnv();
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  return dir;
}

/** `pre-commit run` (with `args`) in `cwd`, with the hooks installed into (or reused from) `home`. */
function preCommitRun(cwd: string, home: string, args: string[] = []): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // prefer-offline: the hooks' npm install takes npm's cached metadata where it has it, as on a developer's machine, instead of asking the registry about each package again
    const env = { ...cleanGitEnv(), PRE_COMMIT_HOME: home, npm_config_prefer_offline: 'true' };
    const child = spawn('pre-commit', ['run', '--verbose', '--color', 'never', ...args], { cwd, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** A .pre-commit-config.yaml with every hook this repository declares, from the snapshot at its commit. */
function preCommitConfig(hooksRepo: string): string {
  const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: hooksRepo, env: cleanGitEnv(), encoding: 'utf8' }).trim();
  const ids = (parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
  return `repos:\n  - repo: ${JSON.stringify(hooksRepo)}\n    rev: ${rev}\n    hooks:\n${ids.map((id) => `      - id: ${id}\n`).join('')}`;
}

// Installing the hooks (npm install, build, npm pack) takes about 25 s on a quiet machine, minutes
// on a loaded one: room to work, not a time limit.
if (havePreCommit) t.setTimeout(480_000);

const hookStatus = (output: string, name: string) => new RegExp(`^${name.replace(/[()]/g, '\\$&')}\\.+(Passed|Failed|Skipped)`, 'm').exec(output)?.[1];

t.test('check-staged never passes on what it cannot read (session 43, red team 48)', async (t) => {
  const manifest = readFileSync(path.join(LEAKY, 'manifest.json'));
  const dir = project({
    'ci/cut.zip': leakyZip().subarray(0, 200),
    't/manifest.json': manifest.subarray(0, 40),
    'e/manifest.json': '',
    'public/manifest.json': WEB_MANIFEST,
  });
  for (const file of ['ci/cut.zip', 't/manifest.json', 'e/manifest.json']) {
    const r = await checkStaged(dir, [file]);
    t.equal(r.code, 2, `${file}: exit 2, not a pass`);
    t.equal(r.out.trim().split('\n').length, 1, `${file}: one line`);
  }
  t.equal((await checkStaged(dir, ['public/manifest.json'])).code, 0, "a web app's manifest.json is still passed over");
  const gone = await checkStaged(dir, ['gone/manifest.json']);
  t.same(gone, { code: 2, out: 'dbt-tools-lint: gone/manifest.json: no such file\n' });
});

t.test('check-staged with no file, run by hand: the files staged in git', async (t) => {
  const dir = project({ 'state/prod-manifest.json': { copy: path.join(LEAKY, 'manifest.json') }, 'README.md': '# x' });
  const env = cleanGitEnv();
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  execFileSync('git', ['add', 'state/prod-manifest.json', 'README.md'], { cwd: dir, env });
  const r = await checkStaged(dir, []);
  t.equal(r.code, 1, r.out);
  t.match(r.out, /state\/prod-manifest\.json/);
  // under pre-commit, no file passed is none: its `exclude` chose so
  let out = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), env: { PRE_COMMIT: '1' }, isTTY: false, cwd: dir };
  t.equal(await main(['check-staged'], io), 0, out);
  t.match(out, /nothing to scan/);
});

t.test('pre-commit run: a staged leaky manifest fails both hooks, a clean commit passes', { skip: havePreCommit ? false : 'pre-commit is not installed (apt-get install -y pre-commit)' }, async (t) => {
  // pre-commit installs the hooks from a git repository (npm install, which builds via `prepare`,
  // then npm pack): a committed snapshot of the working tree, so uncommitted and new files count.
  const hooksRepo = tempDir();
  snapshotRepo(hooksRepo);
  const config = preCommitConfig(hooksRepo);
  const home = tempDir();

  const leaky = stagedProject({
    '.pre-commit-config.yaml': config,
    'state/prod-manifest.json': { copy: path.join(LEAKY, 'manifest.json') },
    'models/orders.sql': 'select 1 as id\n',
    'docs/index.html': docsPage(readFileSync(path.join(LEAKY, 'manifest.json'), 'utf8')),
    'target/partial_parse.msgpack': { copy: path.join(REPO_ROOT, 'fixtures/partial-parse/target/partial_parse.msgpack') },
    'ci/artifacts.zip': leakyZip(),
  });
  // (red team 90) an artifact saved under a name of its own, a rendered model and dbt's log, beside an unrelated
  // package.json: the hooks once saw package.json only (a filter on names), and passed
  const unnamed = stagedProject({
    '.pre-commit-config.yaml': config,
    'package.json': '{"name": "web", "version": "1.0.0"}\n',
    'state-prod-manifest': { copy: path.join(LEAKY, 'manifest.json') },
    'transform/dbt_project.yml': 'name: shop\n',
    'transform/target/compiled/shop/models/m.sql': RENDERED_SQL,
    'transform/logs/dbt.log': DBT_LOG,
  });
  // the same committed, nothing staged: `pre-commit run --all-files`, as a CI job runs it, hands the hooks every tracked file
  const committed = stagedProject({ '.pre-commit-config.yaml': config, 'README.md': '# x\n', 'transform/dbt_project.yml': 'name: shop\n', 'transform/target/compiled/shop/models/m.sql': RENDERED_SQL });
  execFileSync('git', ['-c', 'user.name=a', '-c', 'user.email=a@b', 'commit', '-qm', 'x'], { cwd: committed, env: cleanGitEnv() });
  const clean = stagedProject({ '.pre-commit-config.yaml': config, '.gitignore': 'target/\n', 'models/orders.sql': 'select 1 as id\n', '.vscode/extensions.json': '{"recommendations": ["dbtlabs.dbt"]}\n' });
  // dbt's output, ignored by git: the lint hook scans it because no artifact is staged.
  cpSync(CLEAN, path.join(clean, 'target'), { recursive: true });

  // one after the other: the first installs the hooks into `home`, the second reuses them
  const bad = await preCommitRun(leaky, home);
  const good = await preCommitRun(clean, home);
  const hidden = await preCommitRun(unnamed, home);
  const all = await preCommitRun(committed, home, ['--all-files']);

  if (!t.equal(bad.code, 1, 'the leaky commit is refused')) t.comment(bad.output);
  t.equal(hookStatus(bad.output, 'dbt artifacts are not committed'), 'Failed', 'dbt-artifacts-not-committed fails');
  t.match(bad.output, /^state\/prod-manifest\.json: a dbt manifest artifact .*\.gitignore/m);
  // the hooks are handed the docs page, the MessagePack cache and the archive too
  t.match(bad.output, /^docs\/index\.html: a dbt docs page/m);
  t.match(bad.output, /^target\/partial_parse\.msgpack: a dbt partial-parse artifact/m);
  t.match(bad.output, /^ci\/artifacts\.zip: an archive holding dbt artifacts/m);
  t.match(bad.output, /ci\/artifacts\.zip!\/target\/manifest\.json/, 'the lint hook scanned the archive');
  t.equal(hookStatus(bad.output, 'dbt-tools-lint (secrets in dbt artifacts)'), 'Failed', 'dbt-tools-lint fails');
  t.match(bad.output, /env-metadata\/secret-key-name/);
  for (const secret of PLANTED) t.notOk(bad.output.includes(secret), 'secrets are masked in hook output');

  if (!t.equal(good.code, 0, 'the clean commit passes')) t.comment(good.output);
  t.notMatch(good.output, /Installing environment/, 'the second project reuses the hooks the first installed');
  t.equal(hookStatus(good.output, 'dbt artifacts are not committed'), 'Passed', 'a non-dbt JSON file is fine');
  t.equal(hookStatus(good.output, 'dbt-tools-lint (secrets in dbt artifacts)'), 'Passed', 'dbt-tools-lint passes');
  t.match(good.output, /No secrets found in 4 artifacts/, 'with no staged artifact the hook scanned target/');

  if (!t.equal(hidden.code, 1, 'an artifact under a name of its own fails the commit, a package.json staged beside it or not')) t.comment(hidden.output);
  t.equal(hookStatus(hidden.output, 'dbt artifacts are not committed'), 'Failed');
  for (const file of ['state-prod-manifest', 'transform/target/compiled/shop/models/m.sql', 'transform/logs/dbt.log']) t.match(hidden.output, new RegExp(`^${file.replace(/\./g, '\\.')}: .*do not belong in git`, 'm'), `${file} is forbidden`);
  t.notMatch(hidden.output, /^package\.json:/m);
  t.equal(hookStatus(hidden.output, 'dbt-tools-lint (secrets in dbt artifacts)'), 'Failed');
  t.match(hidden.output, /^state-prod-manifest$/m, 'the lint hook scanned the artifact');
  t.match(hidden.output, /compiled-code\/sql-password/);
  t.match(hidden.output, /run-messages\/url-password/);
  t.notOk(hidden.output.includes('Gl4cierMoonPlnt') || hidden.output.includes('Tr4inSt4tionPlnt'), 'secrets are masked in hook output');

  if (!t.equal(all.code, 1, '--all-files fails on the committed rendered model')) t.comment(all.output);
  t.equal(hookStatus(all.output, 'dbt artifacts are not committed'), 'Failed');
  t.equal(hookStatus(all.output, 'dbt-tools-lint (secrets in dbt artifacts)'), 'Failed');
});

t.test('check-staged run by hand reads what the commit holds: a working copy that differs from the staged one is exit 2; from a subfolder, the whole repository (session 44, red team 50)', async (t) => {
  const dir = project({ 'target/manifest.json': { copy: path.join(LEAKY, 'manifest.json') }, 'models/orders.sql': 'select 1\n' });
  const env = cleanGitEnv();
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  const sub = await checkStaged(path.join(dir, 'models'), []);
  t.equal(sub.code, 1, `from models/: the staged manifest is found (${sub.out.slice(0, 200)})`);
  t.match(sub.out, /target\/manifest\.json\n/);
  // the leaky manifest staged, a clean one in the working copy: the commit would hold the leaky one
  copyFileSync(path.join(CLEAN, 'manifest.json'), path.join(dir, 'target', 'manifest.json'));
  for (const args of [[], ['target/manifest.json']]) {
    const r = await checkStaged(dir, args);
    t.equal(r.code, 2, `no pass on the working copy (${args.join(' ') || 'no file'})`);
    t.match(r.out, /^dbt-tools-lint: target\/manifest\.json: the working copy differs from what is staged, and the commit holds the staged one; stage it \(git add\)/);
  }
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  t.equal((await checkStaged(dir, [])).code, 0, 'staged as it is: the clean manifest passes');
  rmSync(path.join(dir, 'target', 'manifest.json'));
  const gone = await checkStaged(dir, ['target/manifest.json']);
  t.equal(gone.code, 2);
  t.match(gone.out, /target\/manifest\.json: no such file in the working copy, though it is staged/);
});

t.test('check-staged says what the file system said of a staged file it cannot reach: a link to itself is a loop, not a file to restore (red team 95)', async (t) => {
  const dir = project({ 'README.md': '# x' });
  mkdirSync(path.join(dir, 'target'));
  symlinkSync('manifest.json', path.join(dir, 'target', 'manifest.json'));
  const env = cleanGitEnv();
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  for (const args of [[], ['target/manifest.json']]) {
    const r = await checkStaged(dir, args);
    t.same(r, { code: 2, out: 'dbt-tools-lint: target/manifest.json: too many levels of symbolic links (a symlink loop?)\n' }, `as scan says it (${args.join(' ') || 'no file'})`);
  }
});
