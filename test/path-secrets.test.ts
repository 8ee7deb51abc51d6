/**
 * A token that is a whole folder's name (`runs/ghp_…/target`, an archive's `AKIA…/target/…`): masked in the paths of
 * every report format and of the baseline, as on stderr (red team 63, V1: reports printed the paths whole). The scan
 * still reads the real paths: the findings are the same, and the allowlist matches the real names.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { zipArchive } from './artifacts/archive-build.js';
import { ROOT } from './fixture-data.js';
import { dbtJson, manifest, tempDir } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'dbt-tools-lint.js');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const random = (alphabet: string, n: number) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');

/** A manifest with a password in metadata.env (a small one: each case is a process of its own). */
const leaky = () => dbtJson(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: `Pw-${random(ALNUM, 20)}` }));

const lint = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args, '--jobs', '1'], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 << 20 });

t.test('a folder named by a GitHub token: masked in every format and in the baseline', async (t) => {
  const token = `ghp_${random(ALNUM, 36)}`;
  const cwd = tempDir('path-secret-');
  const body = leaky();
  for (const folder of [token, 'plain']) {
    mkdirSync(path.join(cwd, 'runs', folder, 'target'), { recursive: true });
    writeFileSync(path.join(cwd, 'runs', folder, 'target', 'manifest.json'), body);
  }
  for (const format of ['text', 'json', 'sarif', 'markdown', 'html', 'github', 'junit', 'gitlab']) {
    const r = lint(['runs/*/target', '--format', format], cwd);
    t.equal(r.status, 1, `${format}: ${r.stderr}`);
    t.notOk(r.stdout.includes(token) || r.stderr.includes(token), `${format}: the token is not printed`);
    t.ok(r.stdout.includes('ghp_****'), `${format}: the path is shown masked`);
    // (the markdown summary names one place per secret, and both folders hold the same)
    if (format !== 'markdown') t.ok(r.stdout.includes('runs/plain/target/manifest.json'), `${format}: a path with no secret is shown as it is`);
  }
  const json = JSON.parse(lint(['runs/*/target', '--format', 'json'], cwd).stdout) as { findings: { file: string }[] };
  const files = [...new Set(json.findings.map((f) => f.file))].sort();
  t.same(files, ['runs/ghp_****/target/manifest.json', 'runs/plain/target/manifest.json']);
  const perFolder = (name: string) => json.findings.filter((f) => f.file.startsWith(`runs/${name}/`)).length;
  t.equal(perFolder('ghp_****'), perFolder('plain'), 'the same findings in both folders');

  const baseline = lint(['runs/*/target', '--update-baseline', '--baseline', 'b.json'], cwd);
  t.equal(baseline.status, 0, baseline.stderr);
  t.notOk(readFileSync(path.join(cwd, 'b.json'), 'utf8').includes(token), 'the baseline does not hold the token');
  t.equal(lint(['runs/*/target', '--baseline', 'b.json'], cwd).status, 0, 'and it still suppresses every finding');

  // the allowlist is matched against the real paths
  writeFileSync(path.join(cwd, '.dbt-tools-lint.json'), JSON.stringify({ allowlist: { paths: [`runs/${token}/**`] } }));
  const allowed = JSON.parse(lint(['runs/*/target', '--format', 'json'], cwd).stdout) as { findings: { file: string; suppressed?: unknown }[] };
  t.ok(allowed.findings.filter((f) => f.file.startsWith('runs/ghp_****/')).every((f) => f.suppressed), 'the folder allowlisted by its real name');
  t.ok(allowed.findings.filter((f) => f.file.startsWith('runs/plain/')).every((f) => !f.suppressed));
});

t.test('a token a detector doubts (a random body that drew no digit) is masked in a path all the same (CI run 17)', async (t) => {
  const token = 'ghp_DvpBoosAjkSiQgudNwwbRgvGGbdCAValEddu';
  const cwd = tempDir('path-secret-nodigit-');
  mkdirSync(path.join(cwd, 'runs', token, 'target'), { recursive: true });
  writeFileSync(path.join(cwd, 'runs', token, 'target', 'manifest.json'), leaky());
  for (const format of ['text', 'json', 'sarif']) {
    const r = lint(['runs/*/target', '--format', format], cwd);
    t.notOk(r.stdout.includes(token) || r.stderr.includes(token), `${format}: the token is not printed`);
    t.ok(r.stdout.includes('ghp_****'), `${format}: the path is shown masked`);
  }
});

t.test("an archive entry under a folder named by an AWS key id, and an unreadable file's message in JSON and SARIF", async (t) => {
  const keyId = `AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
  const cwd = tempDir('path-secret-zip-');
  writeFileSync(
    path.join(cwd, 'runs.zip'),
    zipArchive([
      { name: `${keyId}/target/manifest.json`, body: leaky() },
      { name: `${keyId}/target/run_results.json`, body: '{"metadata": ' },
    ]),
  );
  for (const format of ['text', 'json', 'sarif']) {
    const r = lint(['runs.zip', '--format', format], cwd);
    t.equal(r.status, 2, `${format}: the cut run_results fails the run`);
    t.notOk(r.stdout.includes(keyId) || r.stderr.includes(keyId), `${format}: the key id is not printed`);
    t.match(r.stdout, /AKIA\*\*\*\*/, `${format}: shown masked`);
  }
});

t.test("a token in a model's file name, in a run's metadata, in a config's extends: masked everywhere (session 54's audit)", async (t) => {
  // (and one whose random body drew no digit, which a detector doubts: 2 in 1,000 random ones, CI run 51)
  for (const token of [`ghp_${random(ALNUM, 36)}`, `ghp_${random(ALNUM.replace(/\d/g, ''), 36)}`]) await t.test(token.slice(0, 4), async (t) => tokenEverywhere(t, token));
});

async function tokenEverywhere(t: Test, token: string): Promise<void> {
  const url = `postgres://loader:${random(ALNUM, 16)}@db.internal/raw`;
  const password = url.slice(18, 34);
  const cwd = tempDir('path-secret-names-');
  mkdirSync(path.join(cwd, 'target'));
  // a model named after a token, its file too; a password in its description
  const node = { unique_id: `model.shop.${token}`, resource_type: 'model', name: token, original_file_path: `models/${token}.sql`, description: `loads with ${url}` };
  const m = manifest({ nodes: { [node.unique_id]: node } });
  (m.metadata as { invocation_id: string }).invocation_id = token;
  writeFileSync(path.join(cwd, 'target', 'manifest.json'), dbtJson(m));
  // run results of another "invocation": the stale-artifacts note names both ids
  writeFileSync(path.join(cwd, 'target', 'run_results.json'), dbtJson({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: '1.9.0', generated_at: url, invocation_id: url, env: {} }, results: [], elapsed_time: 1, args: {} }));
  for (const format of ['text', 'json', 'sarif', 'junit', 'gitlab', 'github', 'markdown', 'html']) {
    const r = lint(['target', '--format', format, '--fail-on', 'note'], cwd);
    t.equal(r.status, 1, `${format}: ${r.stderr}`);
    t.notOk(r.stdout.includes(token) || r.stderr.includes(token), `${format}: the token is not printed`);
    t.notOk(r.stdout.includes(password) || r.stderr.includes(password), `${format}: the password is not printed`);
  }
  const json = JSON.parse(lint(['target', '--format', 'json'], cwd).stdout) as { findings: { originalFilePath?: string; ruleId: string }[] };
  t.ok(json.findings.some((f) => f.originalFilePath === 'models/ghp_****.sql'), "the model's file shown masked");
  t.ok(json.findings.some((f) => f.ruleId === 'stale-artifacts'), 'the note is there');
  // a config that extends a file named by a URL with a password: the line names it masked
  writeFileSync(path.join(cwd, 'config.json'), JSON.stringify({ extends: `${url}.json` }));
  const r = lint(['target', '--config', 'config.json'], cwd);
  t.equal(r.status, 2);
  t.notOk(r.stderr.includes(password), 'the password is not printed');
  t.match(r.stderr, /extends: postgres:\/\/loader:\*{4}@db\.internal\/raw\.json not found \(relative to /);
}

t.test("a folder or an archive's entry named by a URL with a password, its `//` made one by the path (red team 112: printed whole)", async (t) => {
  const password = random(ALNUM, 18);
  const cwd = tempDir('path-secret-url-');
  const body = leaky();
  // a folder: `runs/postgresql:/loader:<password>@db.acme.io/target` on disk
  mkdirSync(path.join(cwd, 'runs', 'postgresql:', `loader:${password}@db.acme.io`, 'target'), { recursive: true });
  writeFileSync(path.join(cwd, 'runs', 'postgresql:', `loader:${password}@db.acme.io`, 'target', 'manifest.json'), body);
  // an archive's entries, one of them cut short (its error line names it)
  writeFileSync(
    path.join(cwd, 'runs.zip'),
    zipArchive([
      { name: `runs/https://x-access-token:${password}@github.com/target/manifest.json`, body },
      { name: `runs/https://x-access-token:${password}@github.com/target/run_results.json`, body: '{"metadata": ' },
    ]),
  );
  // (each format prints its paths through the one masking the tests above read in all eight: three here)
  for (const input of ['runs/*/*/target', 'runs.zip']) {
    for (const format of ['text', 'json', 'sarif']) {
      const r = lint([input, '--format', format], cwd);
      t.ok(r.status === 1 || r.status === 2, `${input} ${format}: ${r.stderr}`);
      t.notOk(r.stdout.includes(password) || r.stderr.includes(password), `${input} ${format}: the password is not printed`);
    }
  }
  const r = lint(['runs.zip', '--format', 'json'], cwd);
  t.match(r.stderr, /https:\/\/x-access-token:\*{4}@github\.com\/target\/run_results\.json/, "the cut entry's line names it masked");
});

t.test("a key or a model named by a token that a name's words follow (`ghp_…_token`): masked in every format (reviews 167, 168)", async (t) => {
  // (a digit at the token's end: a generated run before the name's words)
  const token = `ghp_${random(ALNUM, 35)}7`;
  const cwd = tempDir('key-secret-');
  mkdirSync(path.join(cwd, 'target'), { recursive: true });
  // (and, review 168: a body whose last characters hold no digit, a Google key's `-` and `_`, the token in the middle, no separator)
  const lettersTail = `ghp_${random(ALNUM, 20)}${random('abcdefghijklmnopqrstuvwxyz', 16)}`;
  const google = `AIza${random(ALNUM, 20)}-x_${random(ALNUM, 13)}`;
  const meta = {
    [`${token}_token`]: { value: `Zk8~Q2vX9pgT4wRm${random(ALNUM, 8)}` },
    [`${token}_api_key`]: `Xq7vN2xPm4Lk${random(ALNUM, 8)}`,
    [`${lettersTail}_token`]: `Xq7vN2xPm4Lk${random(ALNUM, 8)}`,
    [`${google}-api-key`]: `Xq7vN2xPm4Lk${random(ALNUM, 8)}`,
    [`my_${token}_token`]: `Xq7vN2xPm4Lk${random(ALNUM, 8)}`,
    [`${token}Token`]: `Xq7vN2xPm4Lk${random(ALNUM, 8)}`,
  };
  // (and a model named by one: its id and its file in every finding of it)
  const named = `model.p.${token}_orders`;
  const nodes = {
    'model.p.a': { unique_id: 'model.p.a', resource_type: 'model', original_file_path: 'models/a.sql', config: { meta } },
    [named]: { unique_id: named, resource_type: 'model', original_file_path: `models/${token}_orders.sql`, config: { meta: { db_password: `Pw-${random(ALNUM, 20)}` } } },
  };
  writeFileSync(path.join(cwd, 'target', 'manifest.json'), dbtJson(manifest({ nodes })));
  for (const format of ['text', 'json', 'sarif', 'markdown', 'html', 'github', 'junit', 'gitlab']) {
    const r = lint(['target', '--format', format], cwd);
    t.equal(r.status, 1, `${format}: ${r.stderr}`);
    for (const secret of [token.slice(4), lettersTail.slice(4), google.slice(4)]) t.notOk(r.stdout.includes(secret) || r.stderr.includes(secret), `${format}: the token is not printed (${secret.slice(0, 4)}…)`);
  }
});
