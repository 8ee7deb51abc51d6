/**
 * The npm package as users get it: `npm pack`, install the tarball into an empty folder, run the
 * bin with npx and import the programmatic API from the package root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { tempDir } from './helpers.js';
import { copyWorkingTree, REPO_ROOT } from './repo-snapshot.js';

interface PackageJson {
  name: string;
  version: string;
  files?: string[];
  engines?: { node?: string };
  bin?: Record<string, string>;
  types?: string;
  exports?: Record<string, { types?: string; import?: string }>;
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const leakyTarget = path.join(REPO_ROOT, 'fixtures/jaffle-shop-leaky/target');
const plantedSecrets = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'fixtures/jaffle-shop-leaky/expected.json'), 'utf8')) as { secrets: { secret: string }[] }).secrets.map((s) => s.secret);
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

// npm pack (with its build) and npm install take 10 to 20 s.
t.setTimeout(120_000);

t.test('package.json declares what a published package needs', async (t) => {
  t.same(pkg.bin, { 'dbt-tools-lint': 'bin/dbt-tools-lint.js' });
  t.match(pkg.engines?.node, /^>=20/);
  t.equal(pkg.types, 'dist/index.d.ts');
  t.equal(pkg.exports?.['.']?.types, './dist/index.d.ts');
  for (const entry of ['bin/', 'dist/', 'README.md']) t.ok(pkg.files?.includes(entry), `files lists ${entry}`);
});

t.test('the packed tarball installs into an empty folder and works', async (t) => {
  // Pack a copy: `prepare` builds it, without rewriting this checkout's dist/ under other tests.
  const source = tempDir();
  copyWorkingTree(source);
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  const out = tempDir();
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: source, env: npmEnv, encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  const shipped = packed[0]!.files.map((f) => f.path);
  for (const file of ['bin/dbt-tools-lint.js', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'README.md', 'package.json', 'docs/rules/env-metadata.md', 'schema/config.schema.json']) t.ok(shipped.includes(file), `ships ${file}`);
  t.notOk(shipped.some((f) => /^(src|test|fixtures|scripts)\//.test(f)), 'ships no sources, tests, fixtures or scripts');

  const app = tempDir();
  execFileSync('npm', ['install', '--no-audit', '--no-fund', path.join(out, packed[0]!.filename)], { cwd: app, env: npmEnv, stdio: 'pipe' });
  const installed = path.join(app, 'node_modules', ...pkg.name.split('/'));
  t.ok(existsSync(path.join(installed, 'dist/index.d.ts')), 'type declarations are installed');

  const version = spawnSync('npx', ['--no-install', 'dbt-tools-lint', '--version'], { cwd: app, env: npmEnv, encoding: 'utf8' });
  t.equal(version.status, 0, version.stderr);
  t.equal(version.stdout.trim(), pkg.version, '--version prints the package version');

  const lint = spawnSync('npx', ['--no-install', 'dbt-tools-lint', leakyTarget, '--no-color'], { cwd: app, env: npmEnv, encoding: 'utf8' });
  t.equal(lint.status, 1, 'findings exit 1');
  t.match(lint.stdout, /env-metadata\/secret-key-name/);
  t.match(lint.stdout, /\d+ findings of \d+ distinct secrets/);
  for (const secret of plantedSecrets) t.notOk(lint.stdout.includes(secret), 'no planted secret is printed in full');

  const api = spawnSync(
    'node',
    [
      '--input-type=module',
      '-e',
      `import('${pkg.name}').then((m) => {
        const r = m.scan({ paths: [${JSON.stringify(leakyTarget)}] });
        console.log(JSON.stringify({ findings: r.findings.length, summary: r.summary, first: r.findings[0], rules: m.RULES.length, version: m.VERSION }));
      })`,
    ],
    { cwd: app, encoding: 'utf8' },
  );
  t.equal(api.status, 0, api.stderr);
  const result = JSON.parse(api.stdout) as { findings: number; summary: { findings: number; filesScanned: number }; first: { ruleId: string; preview: string }; rules: number; version: string };
  t.ok(result.findings > 0, 'scan() returns findings');
  t.equal(result.summary.filesScanned, 4, 'and a summary of the four artifacts');
  t.ok(result.summary.findings > 0);
  t.match(result.first, { ruleId: String, preview: /\*{4}/ }, 'findings are masked');
  t.equal(result.version, pkg.version);
});
