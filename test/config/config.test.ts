/** .dbt-tools-lint.json: discovery, extends, one clear line per mistake, custom detectors, ReDoS refusal. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from '../cli-run.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';
import { renderSchema, SCHEMA_FILE } from '../../scripts/schema.js';
import { configSchema } from '../../src/config/schema.js';
import { RULES } from '../../src/rules/index.js';

/** A temp project: config file(s) and a target with one manifest. */
function project(config: unknown, env: Record<string, string> = { DB_PASSWORD: 'Tr0ub4dor&3-prod' }, extra: Record<string, unknown> = {}) {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'target', 'manifest.json'), dbtJson(manifest(extra, env)));
  if (config !== undefined) writeFileSync(path.join(dir, '.dbt-tools-lint.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

async function errorLine(config: unknown) {
  const dir = project(config);
  const r = await runCli(['target'], { cwd: dir });
  t.equal(r.code, 2, 'config errors exit 2');
  t.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  t.notMatch(r.stderr, /ZodError|\n\s+at /, 'no zod dump, no stack');
  return r.stderr;
}

t.test('broken configs: one line naming the file, key path, bad value and what is allowed', async (t) => {
  t.match(await errorLine({ rules: { 'env-metadta': 'off' } }), /\.dbt-tools-lint\.json: rules\.env-metadta: unknown rule \(did you mean "env-metadata"\?\)/);
  t.match(await errorLine({ rules: { 'raw-code': 'fatal' } }), /rules\.raw-code: must be "off" or a severity/);
  t.match(await errorLine({ failOn: 'sometimes' }), /failOn: must be one of "error", "warning", "note", "none" \(got "sometimes"\)/);
  t.match(await errorLine({ rulez: {} }), /unknown key "rulez"/);
  t.match(await errorLine({ customDetectors: [{ id: 'acme-token', regex: 'a', keywords: ['a'], examples: ['a'] }] }), /customDetectors\[0\]\.keywords\[0\]: Too small/);
  t.match(await errorLine({ detectors: { 'github-clasic-pat': 'off' } }), /detectors\.github-clasic-pat: unknown detector \(did you mean "github-classic-pat"\?\)/);
  t.match(await errorLine({ allowlist: { paths: [] } }), /allowlist\.paths: an empty list allows nothing/);
  t.match(await errorLine({ allowlist: { values: ['(unclosed'] } }), /allowlist\.values\[0\]: not a valid JavaScript regular expression/);
  t.match(await errorLine({ allowlist: { jsonPaths: ['$.a[?(@.b)]'] } }), /allowlist\.jsonPaths\[0\]: .*only names/);
  t.match(await errorLine('{"rules": {"raw-code": "off",}}'), /not valid JSON \(near line 1\)/);
  // JSON.parse keeps the last of two: the gate would run at `none` while whoever reads the file sees `error`
  t.match(await errorLine('{\n  "failOn": "error",\n  "rules": {},\n  "failOn": "none"\n}'), /\.dbt-tools-lint\.json: \$\.failOn is given twice \(line 4\); say it once$/m);
  t.match(await errorLine('{"allowlist": {"paths": ["a/**"], "paths": ["**"]}}'), /\$\.allowlist\.paths is given twice \(line 1\)/);
});

t.test('a config saved with a byte order mark (as Windows editors save one) is read; conflict markers are named', async (t) => {
  const dir = project(`\ufeff${JSON.stringify({ rules: { 'env-metadata': 'off' } })}`);
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  t.equal(JSON.parse(r.stdout).summary.findings, 0, 'its settings applied: env-metadata off');
  t.match(await errorLine('{\n<<<<<<< HEAD\n  "failOn": "error"\n=======\n  "failOn": "none"\n>>>>>>> main\n}'), /\.dbt-tools-lint\.json: not valid JSON: a merge left its conflict markers in it \(line 2\)/);
});

t.test('a baseline with a key given twice is refused, not read as its last value', async (t) => {
  const dir = project(undefined);
  t.equal((await runCli(['target', '--update-baseline'], { cwd: dir })).code, 0);
  const file = path.join(dir, '.dbt-tools-lint-baseline.json');
  const text = readFileSync(file, 'utf8');
  // a merge that left both sides: the second `findings` would hide the first's
  writeFileSync(file, text.replace(/\n}\s*$/, ',\n  "findings": []\n}\n'));
  const r = await runCli(['target', '--baseline', file], { cwd: dir });
  t.equal(r.code, 2);
  t.match(r.stderr, /a key in the baseline is given twice; regenerate it with --update-baseline\n$/);
});

// recheck, an optional peer, is not installed here: the built-in check decides (the package test covers both).
t.test('a ReDoS-prone pattern is refused at load', async (t) => {
  const custom = (regex: string) => ({ customDetectors: [{ id: 'acme-token', regex, keywords: ['acme_'], examples: ['acme_aaaa'] }] });
  t.match(
    await errorLine(custom('acme_(a+)+$')),
    /customDetectors\[0\]\.regex: the built-in check cannot prove the pattern safe from catastrophic backtracking: an unbounded quantifier on a group at offset 5; bound its repetitions \(such as \{1,64\}\), or install recheck for the full audit: npm i -D recheck$/m,
  );
  t.match(await errorLine(custom('acme_\\w+\\w+=')), /an unbounded quantifier \(\*, \+ or \{n,\}\) before the end of the pattern, at offset 5/);
  t.match(await errorLine({ allowlist: { values: ['^(x|x)*y$'] } }), /allowlist\.values\[0\]: the built-in check cannot prove/);
});

t.test('an allowlist value pattern that every value matches is refused: an empty alternative, a pattern that may match nothing, one of every shape', async (t) => {
  for (const pattern of ['^sk_test_|^pk_test_|', '(sk_test_)?', '.*', '(?:)', '[a-z]*']) t.match(await errorLine({ allowlist: { values: [pattern] } }), /allowlist\.values\[0\]: matches the empty string, so it matches every value/, pattern);
  for (const pattern of ['.+', '[A-Za-z0-9]', '\\S']) t.match(await errorLine({ allowlist: { values: ['^sk_test_', pattern] } }), /allowlist\.values\[1\]: matches values of every shape/, pattern);
  // what is anchored to the values meant loads and suppresses them only
  const dir = project({ allowlist: { values: ['^sk_test_|^pk_test_', '^Tr0ub'] } });
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 0);
  t.equal(JSON.parse(r.stdout).summary.suppressed, 1);
});

t.test("a custom detector's match takes a built-in one's place where it covers it, not where it covers part of it (red team 97)", async (t) => {
  const pat = 'ghp_zPWWXvsdLCcrLOSsZdAuFnqmqDDeGU3qkiGd';
  const custom = (regex: string, examples: string[], extra: Record<string, unknown> = {}) => ({
    customDetectors: [{ id: 'acme-ref', title: 'ACME short ref', regex, keywords: ['ghp_'], examples, ...extra }],
  });
  const found = async (config: unknown) => {
    const r = await runCli(['target', '--format', 'json', '--include-suppressed'], { cwd: project(config, { GITHUB_SYNC_TOKEN: pat }) });
    return { code: r.code, findings: JSON.parse(r.stdout).findings as { detectorId: string; charLength: number; suppressed?: unknown }[] };
  };
  // eight characters of a verified 40-character token: the token stays the finding, whole, and an allowlist of such short values passes it not
  const short = await found({ ...custom('ghp_[A-Za-z0-9]{4}', ['ref ghp_abcd']), allowlist: { values: ['^ghp_[A-Za-z0-9]{4}$'] } });
  t.same(short.findings.map((f) => [f.detectorId, f.charLength, f.suppressed === undefined]), [['github-classic-pat', 40, true]]);
  t.equal(short.code, 1, 'the gate holds');
  // the whole token (or more), the user's own name for it: theirs
  const whole = await found(custom('ghp_[A-Za-z0-9]{36}', [`x ${pat}`]));
  t.same(whole.findings.map((f) => [f.detectorId, f.charLength]), [['acme-ref', 40]]);
});

t.test('custom detectors must match their examples, and then find secrets', async (t) => {
  t.match(await errorLine({ customDetectors: [{ id: 'acme-token', regex: 'acme_[0-9]{8}', keywords: ['acme_'], examples: ['acme_abcdefgh'] }] }), /examples\[0\]: the pattern does not match/);
  t.match(await errorLine({ customDetectors: [{ id: 'acme-token', regex: 'acme_[0-9]{8}', keywords: ['zzz'], examples: ['acme_12345678'] }] }), /contains none of the keywords/);
  t.match(await errorLine({ customDetectors: [{ id: 'aws-access-key-id', regex: 'xx', keywords: ['xx'], examples: ['xx'] }] }), /built-in detector id/);
  t.match(await errorLine({ customDetectors: [{ id: 'acme-token', regex: 'acme_([0-9]{8})', secretGroup: 2, keywords: ['acme_'], examples: ['acme_12345678'] }] }), /has 1 capture group/);

  const token = 'acme_live_7Hq2Lm9Xv4Rk8Nw3';
  const dir = project(
    { customDetectors: [{ id: 'acme-token', title: 'ACME internal token', regex: 'acme_live_(?<secret>[A-Za-z0-9]{16})', secretGroup: 'secret', keywords: ['acme_live_'], entropy: 3, examples: [`key=${token}`] }] },
    { HELPER: `use ${token} here` },
  );
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 1);
  const findings = JSON.parse(r.stdout).findings;
  t.equal(findings.length, 1);
  t.match(findings[0], { ruleId: 'env-metadata', detectorId: 'acme-token', preview: '****' }, 'a custom format has no public prefix: nothing of it shows');
});

t.test('rules and detectors can be turned off or re-graded; extends merges', async (t) => {
  const dir = project({ extends: './base.json', rules: { 'env-metadata': 'note' } });
  writeFileSync(path.join(dir, 'base.json'), JSON.stringify({ failOn: 'warning', detectors: { 'url-password': 'off' } }));
  const r = await runCli(['target', '--format', 'json'], { cwd: dir });
  t.equal(r.code, 0, 'a note does not fail at failOn warning');
  t.equal(JSON.parse(r.stdout).findings[0].severity, 'note');
  const off = project({ rules: { 'env-metadata': 'off' } });
  t.equal((await runCli(['target'], { cwd: off })).code, 0);
  const detectorOff = project({ detectors: { 'secret-key-name': 'off' } });
  t.equal((await runCli(['target'], { cwd: detectorOff })).code, 0);
  const cycle = project({ extends: './a.json' });
  writeFileSync(path.join(cycle, 'a.json'), JSON.stringify({ extends: './.dbt-tools-lint.json' }));
  const c = await runCli(['target'], { cwd: cycle });
  t.equal(c.code, 2);
  t.match(c.stderr, /extends: circular chain/);
});

t.test('extends names a config file: one that is not there, a folder or a device each said as such (red team 112: /dev/zero was "not found")', async (t) => {
  t.match(await errorLine({ extends: './missing.json' }), /extends: \.\/missing\.json not found \(relative to /);
  t.match(await errorLine({ extends: '/dev/zero' }), /^dbt-tools-lint: \/dev\/zero: not a regular file \(FIFO, socket or device\), expected the config file$/m);
  t.match(await errorLine({ extends: '..' }), /: is a directory, expected the config file$/m);
});

t.test('a config that turns the gate off says so on each run: failOn none, every rule off, a path allowlist of every artifact (red team 97)', async (t) => {
  const lines = async (config: unknown, args: string[] = []) => {
    const r = await runCli(['target', ...args], { cwd: project(config) });
    return { code: r.code, stderr: r.stderr.trim().split('\n').filter(Boolean).map((l) => l.replace(/^.*?\.dbt-tools-lint\.json: /, '')) };
  };
  t.same(await lines({ failOn: 'none' }), { code: 0, stderr: ['failOn is none: findings do not fail the run (--fail-on sets the gate for a run)'] });
  t.same(await lines({ failOn: 'none' }, ['--fail-on', 'warning']), { code: 1, stderr: [] }, 'the command line sets the gate: nothing to say');
  t.same(await lines({ rules: Object.fromEntries(RULES.map((r) => [r.id, 'off'])) }), { code: 0, stderr: ['every rule is off: no secret is looked for'] });
  for (const glob of ['**', '**/*.json', '*']) {
    const r = await lines({ allowlist: { paths: [glob] } });
    t.match(r.stderr.join('\n'), new RegExp(`allowlist\\.paths\\[0\\] \\(${glob.replace(/\*/g, '\\*').replace('.', '\\.')}\\) matches every target's artifacts`), glob);
  }
  t.same(await lines({ allowlist: { paths: ['**/dbt_packages/**', 'fixtures/**'] } }), { code: 1, stderr: [] }, 'globs of some folders: nothing to say');
});

t.test("a rule turned off keeps its places: the fallback does not read them in its stead (session 54's audit)", async (t) => {
  // a token in a model's compiled SQL and a password in its raw code: compiled-code and raw-code's places
  const node = {
    unique_id: 'model.shop.orders', resource_type: 'model', name: 'orders', original_file_path: 'models/orders.sql',
    raw_code: "select 1 -- password='Tr0ub4dor&3-prod'",
    compiled_code: "select 'ghp_Zq8kLm2vX9aBcDeF4gH6jK1pQ3rS5tU7wY0z' as t",
  };
  const extra = { nodes: { [node.unique_id]: node } };
  const on = JSON.parse((await runCli(['target', '--format', 'json', '--fail-on', 'none'], { cwd: project(undefined, {}, extra) })).stdout).findings as { ruleId: string }[];
  t.same([...new Set(on.map((f) => f.ruleId))].sort(), ['compiled-code', 'raw-code'], 'both found by their rules');
  const off = project({ rules: { 'compiled-code': 'off', 'raw-code': 'off' } }, {}, extra);
  const r = await runCli(['target', '--format', 'json', '--fail-on', 'note'], { cwd: off });
  t.equal(r.code, 0, r.stderr);
  t.same(JSON.parse(r.stdout).findings, [], 'nothing: not free-text either');
});

t.test('discovery walks up from the working directory; --config names a file', async (t) => {
  const dir = project({ rules: { 'env-metadata': 'off' } });
  mkdirSync(path.join(dir, 'sub', 'deeper'), { recursive: true });
  const up = await runCli(['../../target'], { cwd: path.join(dir, 'sub', 'deeper') });
  t.equal(up.code, 0, 'found two levels up');
  // no repository around (a CI job's download of target/, an unpacked tarball): the config met on the way up is named (red team 97)
  t.equal(up.stderr, 'dbt-tools-lint: warning: using the config ../../.dbt-tools-lint.json, found above the working directory with no git repository around it (--config names the one to use)\n');
  mkdirSync(path.join(dir, '.git'));
  const inRepo = await runCli(['../../target'], { cwd: path.join(dir, 'sub', 'deeper') });
  t.same([inRepo.code, inRepo.stderr], [0, ''], 'in a repository, its root config: as always, said nothing of');
  t.same([(await runCli(['target'], { cwd: dir })).stderr], [''], 'in the working directory: nothing to say');
  const missing = await runCli(['target', '--config', 'nope.json'], { cwd: dir });
  t.equal(missing.code, 2);
  t.match(missing.stderr, /nope\.json: config file not found/);
});

t.test('the committed JSON Schema matches the zod schema, and validates the starter config', async (t) => {
  t.equal(readFileSync(SCHEMA_FILE, 'utf8'), renderSchema(), 'run npm run schema');
  const dir = tempDir();
  const r = await runCli(['init'], { cwd: dir });
  t.equal(r.code, 0);
  const written = JSON.parse(readFileSync(path.join(dir, '.dbt-tools-lint.json'), 'utf8'));
  t.ok(configSchema.safeParse(written).success);
  t.match(written.$schema, /schema\/config\.schema\.json$/);
  t.equal((await runCli(['init'], { cwd: dir })).code, 2, 'init does not overwrite');
});

t.test('rules and explain commands', async (t) => {
  const list = await runCli(['rules', '--format', 'json']);
  const data = JSON.parse(list.stdout);
  t.equal(data.rules.length, RULES.length);
  t.ok(data.detectors.length >= 90);
  const text = await runCli(['rules']);
  t.match(text.stdout, /env-metadata\s+error/);
  const explain = await runCli(['explain', 'cli-vars']);
  t.match(explain.stdout, /DBT_ENV_SECRET/);
  t.match(explain.stdout, /"ignore": \["cli-vars"\]/);
  const unknown = await runCli(['explain', 'nope']);
  t.equal(unknown.code, 2);
  const schema = await runCli(['config', '--schema']);
  t.equal(schema.stdout, renderSchema());
});
