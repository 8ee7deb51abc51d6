/** redact: sanitized copies that keep valid JSON of the same shape and re-scan clean. */
import { chmodSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { LEAKY, LEGACY, plantedSecrets, ROOT } from './fixture-data.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';

/** Keys and array lengths, recursively; leaves become their type (a redacted number may become a string). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return typeof v === 'number' || typeof v === 'string' ? 'scalar' : typeof v;
}

for (const fixture of [LEAKY, LEGACY]) {
  t.test(`redact ${path.basename(fixture)}`, async (t) => {
    const targets = [...new Set(plantedSecrets(fixture).map((p) => path.dirname(path.join(fixture, p.file))))];
    for (const target of targets) {
      const out = tempDir('redacted-');
      const r = await runCli(['redact', target, '--out', out]);
      t.equal(r.code, 0);
      t.match(r.stderr, /^Redacted \d+ values? in \d+ artifacts? into /);
      for (const name of readdirSync(out)) {
        const redacted = readFileSync(path.join(out, name), 'utf8');
        const original = readFileSync(path.join(target, name), 'utf8');
        t.same(shape(JSON.parse(redacted)), shape(JSON.parse(original)), `${name}: same shape`);
        for (const s of plantedSecrets(fixture)) t.notOk(redacted.includes(s.secret), `${name}: no ${s.kind}`);
      }
      const rescan = await runCli([out]);
      t.equal(rescan.code, 0, `${path.relative(fixture, target)}: re-scan is clean`);
    }
  });
}

t.test('redact leaves partial_parse.msgpack alone and says to delete it', async (t) => {
  const target = tempDir('with-msgpack-');
  cpSync(path.join(LEAKY, 'target'), target, { recursive: true });
  cpSync(path.join(ROOT, 'fixtures', 'partial-parse', 'target', 'partial_parse.msgpack'), path.join(target, 'partial_parse.msgpack'));
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stderr, /partial_parse\.msgpack: not redacted \(dbt's binary partial-parse cache, 4 findings\); delete it, dbt rebuilds it on the next parse\n/);
  t.notOk(existsSync(path.join(out, 'partial_parse.msgpack')), 'not copied');
  t.equal((await runCli([out])).code, 0, 're-scan of the copies is clean');

  // in place the cache stays in the folder with its secrets: not a pass for a step that uploads the folder next
  const inPlace = await runCli(['redact', target, '--in-place']);
  t.equal(inPlace.code, 1, 'in place, findings left in the cache: exit 1');
  t.match(inPlace.stderr, /\n4 findings left in the folder, in dbt's partial-parse cache: exit 1 until it is deleted\n$/);
  t.equal((await runCli([target])).code, 1, 'as a re-scan says');
  rmSync(path.join(target, 'partial_parse.msgpack'));
  t.equal((await runCli(['redact', target, '--in-place'])).code, 0, 'deleted: a pass');
  t.equal((await runCli([target])).code, 0, 'and the re-scan is clean');
});

t.test('redact with nothing it can rewrite, or nowhere to write, is exit 2 with one line (session 43, red team 48)', async (t) => {
  const target = tempDir('only-msgpack-');
  cpSync(path.join(ROOT, 'fixtures', 'partial-parse', 'target', 'partial_parse.msgpack'), path.join(target, 'partial_parse.msgpack'));
  const only = await runCli(['redact', target, '--out', tempDir('redacted-')]);
  t.equal(only.code, 2, 'the cache alone: its findings stay, no pass');
  t.match(only.stderr, /^dbt-tools-lint: nothing to redact in .*: dbt's binary partial-parse cache is never rewritten \(4 findings\); delete it/);
  t.equal(only.stderr.trim().split('\n').length, 1);
  const blocker = path.join(tempDir('blocked-'), 'afile');
  writeFileSync(blocker, 'x');
  const blocked = await runCli(['redact', path.join(LEAKY, 'target'), '--out', blocker]);
  t.equal(blocked.code, 2);
  t.match(blocked.stderr, /^dbt-tools-lint: --out .*afile: cannot create the folder .*afile \(a file is in the way\)\n$/, 'not an internal error');
});

t.test('redact --out makes the folders it needs one at a time, and says so where one cannot be made (session 44)', async (t) => {
  const deep = path.join(tempDir('deep-'), 'a', 'b', 'c');
  const made = await runCli(['redact', path.join(LEAKY, 'target'), '--out', deep]);
  t.equal(made.code, 0, made.stderr);
  t.ok(existsSync(path.join(deep, 'manifest.json')), 'three new folders, then the copy');
  const blocker = path.join(tempDir('blocked-deep-'), 'afile');
  writeFileSync(blocker, 'x');
  const under = await runCli(['redact', path.join(LEAKY, 'target'), '--out', path.join(blocker, 'sub', 'deeper')]);
  t.equal(under.code, 2);
  t.match(under.stderr, /^dbt-tools-lint: --out .*: cannot create the folder .*deeper \(a file is in the way\)\n$/);
  // a folder of one copy in the way of a file: nothing written, not the copies before it (red team 69)
  const way = tempDir('way-');
  writeFileSync(path.join(way, 'run'), 'x');
  const target = tempDir('way-target-');
  cpSync(path.join(LEAKY, 'target'), target, { recursive: true });
  mkdirSync(path.join(target, 'run', 'jaffle_shop', 'models'), { recursive: true });
  writeFileSync(path.join(target, 'run', 'jaffle_shop', 'models', 'a.sql'), "select 'x' as y\n");
  const partial = await runCli(['redact', target, '--out', way]);
  t.equal(partial.code, 2);
  t.match(partial.stderr, /cannot create the folder .*run.* \(a file is in the way\)/);
  t.same(readdirSync(way), ['run'], 'no copy written before the run ended');
  // Node's recursive mkdir retried ENOENT forever here (session 43, red team 48, V4)
  if (existsSync('/proc/sys')) {
    const proc = await runCli(['redact', path.join(LEAKY, 'target'), '--out', '/proc/sys/dbt-tools-lint-x']);
    t.equal(proc.code, 2, 'no hang, exit 2');
    t.match(proc.stderr, /^dbt-tools-lint: --out \/proc\/sys\/dbt-tools-lint-x: cannot create the folder \/proc\/sys\/dbt-tools-lint-x \(.+\)\n$/);
  }
});

t.test('redact refuses to overwrite its input unless --in-place', async (t) => {
  const copy = tempDir('inplace-');
  cpSync(path.join(LEAKY, 'target'), copy, { recursive: true });
  const refused = await runCli(['redact', copy, '--out', copy]);
  t.equal(refused.code, 2);
  t.match(refused.stderr, /would overwrite the input/);
  t.equal((await runCli(['redact', copy])).code, 2, 'needs --out or --in-place');
  t.equal((await runCli(['redact', copy, '--out', path.join(copy, 'x'), '--in-place'])).code, 2, 'not both');
  const inPlace = await runCli(['redact', copy, '--in-place']);
  t.equal(inPlace.code, 0);
  t.equal((await runCli([copy])).code, 0, 'clean after in-place redaction');
  t.notOk(existsSync(path.join(copy, 'x')));
});

t.test("redact takes a presigned URL's long session token whole", async (t) => {
  // an STS session token percent-encoded into the query: 620 characters, more than a bare value's old bound of 256
  let body = 'IQoJb3JpZ2luX2VjE';
  for (let i = 0; body.length < 600; i++) body += 'Kq7/Zp+W3xVb9LmT2RcY'[(i * 7) % 20];
  const token = encodeURIComponent(`${body}==`);
  const url = `https://acme-exports.s3.amazonaws.com/daily/orders.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=604800&X-Amz-Security-Token=${token}&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0`;
  const target = tempDir('presigned-');
  const node = { resource_type: 'model', unique_id: 'model.shop.exports', name: 'exports', package_name: 'shop', original_file_path: 'models/exports.sql', raw_code: 'select 1', meta: { export_url: url } };
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: { 'model.shop.exports': node } })));
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const redacted = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  t.notOk(redacted.includes(token.slice(-40)), "the token's end is gone too");
  t.match(redacted, /X-Amz-Security-Token=\*+&X-Amz-Signature=\*+"/, 'the query keeps its shape');
  t.equal((await runCli([out])).code, 0, 're-scan of the copy is clean');
});

t.test('redact takes a SQL literal whose quote is written twice whole', async (t) => {
  // red team 44: the literal was read to its first quote, and the copy kept `''6Fn27MEM`
  const sql = "create role etl_writer login password 'fobLXl''6Fn27MEM';";
  const target = tempDir('doubled-quote-');
  const node = { resource_type: 'operation', unique_id: 'operation.shop.shop-on-run-start-0', name: 'shop-on-run-start-0', package_name: 'shop', original_file_path: 'hooks/shop-on-run-start-0.sql', raw_code: sql };
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: { [node.unique_id]: node } })));
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const redacted = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  t.notOk(redacted.includes('6Fn27MEM'), "the part after the doubled quote is gone too");
  t.notOk(redacted.includes('fobLXl'), 'and the part before it');
  t.match(redacted, /login password '\*+';/, 'the statement keeps its shape');
});

t.test('redact masks the secret itself in a one-line artifact that starts with a byte order mark, and keeps the mark (red team 61)', async (t) => {
  // offsets count the text after the mark, as lines and columns do: the mask lands on the secret, not one character before it
  const secret = 'Vq8!mZ2rLx7pKd4w';
  const target = tempDir('bom-');
  const text = dbtJson(manifest({}, { DB_PASSWORD: secret }));
  writeFileSync(path.join(target, 'manifest.json'), `\ufeff${text}`);
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const redacted = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  t.equal(redacted.charCodeAt(0), 0xfeff, 'the mark is kept');
  t.equal(redacted.slice(1), text.replace(secret, '*****'), 'exactly the secret is masked');
});

t.test('redact takes a token written as a key', async (t) => {
  const token = 'xoxb-615641922931-3297886596462-TX6n2Rq9WIhHNhgy8wW6zABH';
  const target = tempDir('token-key-');
  const node = { resource_type: 'model', unique_id: 'model.shop.alerts', name: 'alerts', package_name: 'shop', original_file_path: 'models/alerts.sql', raw_code: 'select 1', meta: { [token]: '#data-alerts', owner: 'growth' } };
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: { [node.unique_id]: node } })));
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const redacted = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  t.notOk(redacted.includes(token.slice(5)), 'the key is gone');
  t.match(redacted, /"meta": ?\{"\*+key-1": ?"#data-alerts"/, 'its value and the object stay');
  t.equal((await runCli([out])).code, 0, 're-scan of the copy is clean');
});

t.test('redact keeps two tokens written as keys of one object apart (a key masked twice alike would be one key twice)', async (t) => {
  const first = 'xoxb-615641922931-3297886596462-TX6n2Rq9WIhHNhgy8wW6zABH';
  const second = 'xoxb-615641922931-3297886596463-Pq7Lm2Rv9WkHNhgy8wW6zQJK';
  const target = tempDir('token-keys-');
  // two whole keys, and a key that holds a secret in part (its name before the token)
  const meta = { [first]: '#data-alerts', [second]: '#growth-alerts', [`bot=${first}`]: 'legacy', owner: 'growth' };
  const node = { resource_type: 'model', unique_id: 'model.shop.alerts', name: 'alerts', package_name: 'shop', original_file_path: 'models/alerts.sql', raw_code: 'select 1', meta };
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: { [node.unique_id]: node } })));
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const redacted = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  for (const token of [first, second]) t.notOk(redacted.includes(token.slice(5)), 'the token is gone');
  const kept = (JSON.parse(redacted) as { nodes: Record<string, { meta: Record<string, string> }> }).nodes['model.shop.alerts']!.meta;
  t.same(Object.values(kept).sort(), ['#data-alerts', '#growth-alerts', 'growth', 'legacy'], 'every member stays, under a key of its own');
  const rescan = await runCli([out]);
  t.equal(rescan.code, 0, `re-scan of the copy is clean: ${rescan.stderr}${rescan.stdout}`);
});

t.test("redact of static_index.html keeps the inlined artifacts JSON the page's script reads: a number quoted, secret keys apart (red team 69)", async (t) => {
  const first = 'xoxb-615641922931-3297886596462-TX6n2Rq9WIhHNhgy8wW6zABH';
  const second = 'xoxb-615641922931-3297886596463-Pq7Lm2Rv9WkHNhgy8wW6zQJK';
  const meta = { db_password: 8127364512, [first]: '#data-alerts', [second]: '#growth-alerts', owner: 'growth' };
  const node = { resource_type: 'model', unique_id: 'model.shop.alerts', name: 'alerts', package_name: 'shop', original_file_path: 'models/alerts.sql', raw_code: 'select 1', meta };
  const doc = manifest({ nodes: { [node.unique_id]: node } }, { DB_PASSWORD: 'Tr0ub4dor-9xK2-prod' });
  const target = tempDir('page-');
  // as dbt docs generate --static writes it: the artifacts inlined verbatim in the script, and a token in the page's own markup
  const page = `<!doctype html><html><head><meta name="x" content="${first}"></head><body><script>var n = {manifest: ${JSON.stringify(doc)}, catalog: null};</script></body></html>`;
  writeFileSync(path.join(target, 'static_index.html'), page);
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const redacted = readFileSync(path.join(out, 'static_index.html'), 'utf8');
  for (const secret of [first.slice(5), second.slice(5), '8127364512', 'Tr0ub4dor-9xK2-prod']) t.notOk(redacted.includes(secret), 'the secret is gone');
  const script = redacted.slice(redacted.indexOf('var n = ') + 8, redacted.lastIndexOf(';</script>'));
  const inlined = JSON.parse(script.slice('{manifest: '.length, script.lastIndexOf(', catalog: null}'))) as { nodes: Record<string, { meta: Record<string, unknown> }> };
  const kept = inlined.nodes['model.shop.alerts']!.meta;
  t.equal(kept.db_password, '*****', 'the number under a secret name is a masked string: the script still parses');
  t.same(Object.values(kept).filter((v) => typeof v === 'string' && v.startsWith('#')).sort(), ['#data-alerts', '#growth-alerts'], 'both keys stay, apart');
  t.match(redacted, /<meta name="x" content="\*{5}">/, "the page's own markup masked where its finding is");
  const rescan = await runCli([out]);
  t.equal(rescan.code, 0, `re-scan of the copy is clean: ${rescan.stderr}${rescan.stdout}`);
});

t.test('redact masks every copy of a secret it found, wherever the copy sits; --in-place keeps the file mode (session 44, red team 50)', async (t) => {
  const pw = 'Qx7-mV2pLk9wRt4z';
  const dir = path.join(tempDir('copies-'), 'target');
  mkdirSync(dir, { recursive: true });
  const nodes = {
    'model.shop.orders': { unique_id: 'model.shop.orders', resource_type: 'model', description: `On call: the loader logs in with ${pw} until rotation.`, meta: { oncall_hint: `pw is ${pw}` } },
  };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes }, { DBT_ENV_CUSTOM_ENV_SNOWFLAKE_PASSWORD: pw })));
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ args: { vars: { pw_list: [pw, 'x'] } } })));
  const before = await runCli([dir, '--format', 'json']);
  t.equal(before.code, 1, 'the env var is found');
  const out = tempDir('copies-out-');
  const r = await runCli(['redact', dir, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stderr, /Redacted \d+ values? and \d+ cop(?:y|ies) of them elsewhere in 2 artifacts/);
  for (const name of ['manifest.json', 'run_results.json']) {
    const text = readFileSync(path.join(out, name), 'utf8');
    t.notOk(text.includes(pw), `${name}: no copy left`);
    t.doesNotThrow(() => JSON.parse(text), `${name}: still JSON`);
  }
  const manifestText = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  t.match(manifestText, /the loader logs in with \*{5} until rotation/, 'the copy in the description masked in place');
  t.equal((await runCli([out])).code, 0, 're-scan of the copies is clean');

  chmodSync(path.join(dir, 'manifest.json'), 0o640);
  const inPlace = await runCli(['redact', dir, '--in-place']);
  t.equal(inPlace.code, 0, inPlace.stderr);
  t.equal(statSync(path.join(dir, 'manifest.json')).mode & 0o777, 0o640, 'the mode of a file redacted in place is kept');
  t.notOk(readFileSync(path.join(dir, 'manifest.json'), 'utf8').includes(pw));
});

t.test('redact says what it skips (a symbolic link leading out of the folder), and with --follow-symlinks rewrites the file the link leads to (session 44, red team 50)', async (t) => {
  const root = tempDir('links-');
  mkdirSync(path.join(root, 'real'));
  mkdirSync(path.join(root, 'target'));
  cpSync(path.join(LEAKY, 'target', 'manifest.json'), path.join(root, 'real', 'manifest.json'));
  cpSync(path.join(LEAKY, 'target', 'run_results.json'), path.join(root, 'target', 'run_results.json'));
  symlinkSync(path.join('..', 'real', 'manifest.json'), path.join(root, 'target', 'manifest.json'));
  const skipped = await runCli(['redact', path.join(root, 'target'), '--out', tempDir('links-out-')]);
  t.equal(skipped.code, 0, skipped.stderr);
  t.match(skipped.stderr, /^dbt-tools-lint: warning: .*manifest\.json: skipped, a symlink that leads outside .*target \(pass --follow-symlinks to scan it\)$/m);
  // in place without --follow-symlinks the folder still serves the file's secrets through the link: not a pass (red team 69)
  const left = await runCli(['redact', path.join(root, 'target'), '--in-place']);
  t.equal(left.code, 1, 'exit 1: a link out of the folder left as it is');
  t.match(left.stderr, /^1 symbolic link out of the folder left as it is, the file it leads to not redacted .*: exit 1$/m);
  t.equal((await runCli([path.join(root, 'target', 'run_results.json')])).code, 0, 'the files in the folder are redacted');
  const inPlace = await runCli(['redact', path.join(root, 'target'), '--in-place', '--follow-symlinks']);
  t.equal(inPlace.code, 0, inPlace.stderr);
  t.ok(lstatSync(path.join(root, 'target', 'manifest.json')).isSymbolicLink(), 'the link stays a link');
  t.equal((await runCli([path.join(root, 'real')])).code, 0, 'the file it leads to is redacted');
});

t.test('redact masks the copies of a secret with a quote or a backslash where a rendered model or a log holds it as it reads (red team 69)', async (t) => {
  const pw = 'Hk4\\wQ9"Xp2Lm8Rt5Vz7';
  const target = tempDir('decoded-copies-');
  writeFileSync(path.join(target, 'run_results.json'), dbtJson(runResults({}, { DB_PASSWORD: pw })));
  mkdirSync(path.join(target, 'compiled', 'shop', 'models'), { recursive: true });
  writeFileSync(path.join(target, 'compiled', 'shop', 'models', 'a.sql'), `select '${pw}' as k\n`);
  const out = tempDir('redacted-');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const sql = readFileSync(path.join(out, 'compiled', 'shop', 'models', 'a.sql'), 'utf8');
  t.notOk(sql.includes('Xp2Lm8Rt5Vz7'), 'the copy in the rendered model is masked');
  t.notOk(readFileSync(path.join(out, 'run_results.json'), 'utf8').includes('Xp2Lm8Rt5Vz7'), 'the value itself too');
  JSON.parse(readFileSync(path.join(out, 'run_results.json'), 'utf8'));
});

t.test('redact keeps a log of JSON lines JSON: a span that ends inside an escape is masked over it (red team 69)', async (t) => {
  const dir = tempDir('json-log-redact-');
  mkdirSync(path.join(dir, 'logs'));
  const lines = [
    { info: { msg: 'DB_PASSWORD=Zq8"Lm3\\Rt5Vz7Xp2Lm8Qw', level: 'debug' } },
    { info: { msg: `token ghp_SCEZGZCQwoIppg1H5xNr75eNBjzXJoLwiQgF`, level: 'debug' } },
  ].map((line) => JSON.stringify(line));
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), `${lines.join('\n')}\n`);
  const out = tempDir('redacted-');
  const r = await runCli(['redact', 'logs/dbt.log', '--out', out], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  const redacted = readFileSync(path.join(out, 'dbt.log'), 'utf8').trimEnd().split('\n');
  t.equal(redacted.length, 2);
  for (const line of redacted) t.doesNotThrow(() => JSON.parse(line), `still JSON: ${line}`);
  t.notOk(redacted.join('\n').includes('Zq8') || redacted.join('\n').includes('SCEZGZCQ'), 'the secrets masked');
});

t.test('redact in place rewrites a file once when a link in the folder leads to it too (red team 69: the second pass masked the rewrite at the first offsets)', async (t) => {
  const target = tempDir('twin-');
  cpSync(path.join(LEAKY, 'target', 'run_results.json'), path.join(target, 'run_results.json'));
  symlinkSync('run_results.json', path.join(target, 'run_results_latest.json'));
  const r = await runCli(['redact', target, '--in-place']);
  t.equal(r.code, 0, r.stderr);
  const text = readFileSync(path.join(target, 'run_results.json'), 'utf8');
  t.same(shape(JSON.parse(text)), shape(JSON.parse(readFileSync(path.join(LEAKY, 'target', 'run_results.json'), 'utf8'))), 'valid JSON of the same shape');
  t.equal((await runCli([target])).code, 0, 're-scan clean');
});

t.test("redact --out refuses a copy's place that is its input, not only its folder (red team 69: `redact . --out .` from a project)", async (t) => {
  const project = tempDir('project-');
  cpSync(LEAKY, project, { recursive: true });
  mkdirSync(path.join(project, 'logs'), { recursive: true });
  writeFileSync(path.join(project, 'logs', 'dbt.log'), 'connect postgresql://loader:L0g-Pw-77aQ@db.internal:5432/raw\n');
  const before = readFileSync(path.join(project, 'target', 'manifest.json'), 'utf8');
  for (const args of [['.', '--out', '.'], ['target', 'logs/dbt.log', '--out', '.']]) {
    const r = await runCli(['redact', ...args], { cwd: project });
    t.equal(r.code, 2, `${args.join(' ')}: refused`);
    t.match(r.stderr, /would overwrite the input/);
  }
  t.equal(readFileSync(path.join(project, 'target', 'manifest.json'), 'utf8'), before, 'the input is as it was');
  t.match(readFileSync(path.join(project, 'logs', 'dbt.log'), 'utf8'), /L0g-Pw-77aQ/, 'so is the log');
  const aside = await runCli(['redact', '.', '--out', 'public'], { cwd: project });
  t.equal(aside.code, 0, `a folder of its own is fine: ${aside.stderr}`);
});

t.test('redact masks rendered models and logs as text, in a copy and in place; a note about files masks nothing (red team 65)', async (t) => {
  // they were parsed as JSON: "internal error (SyntaxError)", exit 2, the copy left half written and, in place, the secret kept
  const pw = 'Zq8rT5vLp2Kx9mWn';
  const root = tempDir('text-artifacts-');
  const target = path.join(root, 'target');
  const compiled = path.join(target, 'compiled', 'shop', 'models');
  const run = path.join(target, 'run', 'shop', 'models');
  for (const dir of [compiled, run, path.join(root, 'logs')]) mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: {} })));
  writeFileSync(path.join(compiled, 'orders.sql'), `-- loaded from postgres://loader:${pw}@db.internal/shop\nselect 1\n`);
  writeFileSync(path.join(run, 'orders.sql'), `create table orders as (\n-- loaded from postgres://loader:${pw}@db.internal/shop\nselect 1)\n`);
  writeFileSync(path.join(root, 'logs', 'dbt.log'), `02:00:00  connecting to postgresql://loader:${pw}@db.internal/shop\n`);
  const out = tempDir('text-redacted-');
  const r = await runCli(['redact', target, path.join(root, 'logs', 'dbt.log'), '--out', out]);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stderr, /^Redacted 3 values in 4 artifacts into /);
  for (const file of ['target/compiled/shop/models/orders.sql', 'target/run/shop/models/orders.sql', 'logs/dbt.log']) {
    const text = readFileSync(path.join(out, file), 'utf8');
    t.notOk(text.includes(pw), `${file}: masked`);
    t.match(text, /postgres(?:ql)?:\/\/loader:\*{5}@db\.internal\/shop\n/, `${file}: the rest as it was`);
  }
  const inPlace = await runCli(['redact', target, path.join(root, 'logs', 'dbt.log'), '--in-place', '--debug']);
  t.equal(inPlace.code, 0, inPlace.stderr);
  t.notOk(readFileSync(path.join(compiled, 'orders.sql'), 'utf8').includes(pw), 'in place: masked');
  t.notOk(readFileSync(path.join(root, 'logs', 'dbt.log'), 'utf8').includes(pw), 'in place: the log masked');

  // run results of another invocation than the manifest's: a note (stale-artifacts) about the invocation id, no secret
  const stale = tempDir('stale-');
  writeFileSync(path.join(stale, 'manifest.json'), dbtJson(manifest({ nodes: {} })));
  const results = runResults({}) as { metadata: { invocation_id: string } };
  results.metadata.invocation_id = '7ee58a18-366a-45b0-a0f2-a8a09f5e87ec';
  writeFileSync(path.join(stale, 'run_results.json'), dbtJson(results));
  t.match((await runCli([stale, '--format', 'json', '--fail-on', 'none'])).stdout, /"ruleId": "stale-artifacts"/, 'the note is there');
  const copy = tempDir('stale-out-');
  const noted = await runCli(['redact', stale, '--out', copy]);
  t.equal(noted.code, 0, noted.stderr);
  t.match(noted.stderr, /^Redacted 0 values in 2 artifacts/);
  t.match(readFileSync(path.join(copy, 'run_results.json'), 'utf8'), /"invocation_id": "7ee58a18-366a-45b0-a0f2-a8a09f5e87ec"/, 'the invocation id kept');
});

t.test("redact --out keeps the copies' paths under the PATH given; a log read beside it is not copied, and said (red team 76)", async (t) => {
  const pw = 'Vt6nQ2xLm8Rk4pZw';
  const project = tempDir('beside-');
  const target = path.join(project, 'target');
  mkdirSync(target, { recursive: true });
  mkdirSync(path.join(project, 'logs'));
  writeFileSync(path.join(project, 'dbt_project.yml'), 'name: shop\n');
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: {} }, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: pw })));
  writeFileSync(path.join(project, 'logs', 'dbt.log'), `02:00:00  connecting to postgresql://loader:${pw}@db.internal/shop\n`);
  const out = path.join(tempDir('beside-out-'), 'public', 'target');
  const r = await runCli(['redact', target, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  t.ok(existsSync(path.join(out, 'manifest.json')), 'public/target/manifest.json');
  t.notOk(existsSync(path.join(out, 'target')), 'not public/target/target/');
  t.notOk(existsSync(path.join(out, 'logs')) || existsSync(path.join(out, '..', 'logs')), 'the log beside target/ is not copied anywhere');
  t.match(r.stderr, /logs\/dbt\.log: read beside .*target, not copied \(it is outside the PATHs given/);
  t.notOk(readFileSync(path.join(out, 'manifest.json'), 'utf8').includes(pw), 'the copy masked');
  // the project's folder given: both copied, under their own paths
  const whole = tempDir('beside-whole-');
  const all = await runCli(['redact', project, '--out', whole]);
  t.equal(all.code, 0, all.stderr);
  for (const file of ['target/manifest.json', 'logs/dbt.log']) t.notOk(readFileSync(path.join(whole, file), 'utf8').includes(pw), `${file}: copied, masked`);
});

t.test('redact of two projects\' targets to --out: each copied under the folder both are in; a log beside one is not copied, and said, as with one PATH (red team 78)', async (t) => {
  const pw = 'Hq3vZ8mLx2Rt6pWk';
  const root = tempDir('two-');
  const targets = ['a', 'b'].map((name) => {
    const target = path.join(root, name, 'target');
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(root, name, 'dbt_project.yml'), `name: ${name}\n`);
    writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: {} }, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: pw })));
    return target;
  });
  mkdirSync(path.join(root, 'a', 'logs'));
  writeFileSync(path.join(root, 'a', 'logs', 'dbt.log'), `02:00:00  connecting to postgresql://loader:${pw}@db.internal/shop\n`);
  const out = tempDir('two-out-');
  const r = await runCli(['redact', ...targets, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  for (const name of ['a', 'b']) t.notOk(readFileSync(path.join(out, name, 'target', 'manifest.json'), 'utf8').includes(pw), `${name}/target/manifest.json copied, masked`);
  t.notOk(existsSync(path.join(out, 'a', 'logs')), 'the log beside a/target is not copied');
  t.match(r.stderr, /a\/logs\/dbt\.log: read beside .*, not copied \(it is outside the PATHs given/);
});

t.test('a number under a secret\'s name written otherwise than JavaScript writes it (1E5, -3.5e-09, 12345678.50) is placed and masked whole (red team 82)', async (t) => {
  const dir = tempDir('numbers-');
  const written = ['-3.5e-09', '12345678.50', '1E5', '1e21', '12345678901234567890123'];
  const nodes = Object.fromEntries(written.map((n, i) => [`model.p.m${i}`, `{"unique_id": "model.p.m${i}", "meta": {"password": ${n}}, "description": "x"}`]));
  const text = `{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "dbt_version": "1.9.0", "invocation_id": "0b0c5a8e-1f1e-4e7a-9a47-5b2f3c4d5e6f", "env": {}}, "nodes": {${Object.entries(nodes).map(([k, v]) => `"${k}": ${v}`).join(', ')}}, "sources": {}, "macros": {}, "docs": {}, "exposures": {}, "metrics": {}, "parent_map": {}, "child_map": {}}`;
  writeFileSync(path.join(dir, 'manifest.json'), text);
  for (const mode of ['--stream', '--no-stream']) {
    const r = await runCli([path.join(dir, 'manifest.json'), '--format', 'json', mode]);
    const spans = (JSON.parse(r.stdout) as { findings: { charOffset: number; charLength: number }[] }).findings.map((f) => text.slice(f.charOffset, f.charOffset + f.charLength));
    t.same(spans, written, `${mode}: each finding over the number as written`);
  }
  const out = tempDir('numbers-out-');
  const r = await runCli(['redact', dir, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const copy = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { nodes: Record<string, { meta: { password: unknown }; description: string }> };
  t.same(Object.values(copy.nodes).map((n) => [n.meta.password, n.description]), written.map(() => ['*****', 'x']), 'valid JSON of the same shape, each number masked whole');
});

t.test('a link left in --out is never written through: not onto another input, not outside --out (red team 82)', async (t) => {
  const root = tempDir('out-link-');
  const input = path.join(root, 'in');
  const out = path.join(root, 'out');
  mkdirSync(input);
  mkdirSync(out);
  writeFileSync(path.join(input, 'manifest.json'), dbtJson(manifest({ nodes: {} }, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: 'Vt6nQ2xLm8Rk4pZw' })));
  writeFileSync(path.join(input, 'run_results.json'), dbtJson(runResults({})));
  writeFileSync(path.join(root, 'victim.txt'), 'not a dbt file\n');
  const before = ['in/manifest.json', 'in/run_results.json', 'victim.txt'].map((f) => readFileSync(path.join(root, f), 'utf8'));
  const unchanged = (what: string) => t.same(['in/manifest.json', 'in/run_results.json', 'victim.txt'].map((f) => readFileSync(path.join(root, f), 'utf8')), before, what);
  // the manifest's copy would go where the run results are read from
  symlinkSync('../in/run_results.json', path.join(out, 'manifest.json'));
  const onInput = await runCli(['redact', input, '--out', out]);
  t.equal(onInput.code, 2);
  t.match(onInput.stderr, /--out .*out: would overwrite the input .*in\/run_results\.json/);
  unchanged('no input written');
  // a link to a file outside --out
  rmSync(path.join(out, 'manifest.json'));
  symlinkSync('../victim.txt', path.join(out, 'run_results.json'));
  const outside = await runCli(['redact', input, '--out', out]);
  t.equal(outside.code, 2);
  t.match(outside.stderr, /out\/run_results\.json is a symbolic link; a copy is not written through one/);
  unchanged('nothing written outside --out');
  t.notOk(existsSync(path.join(out, 'manifest.json')), 'and no copy written before the refusal');
});

t.test("a found secret's copies as other writers of JSON write it (\\/, \\u00e9) and percent-encoded in a URL are masked too (red team 82)", async (t) => {
  const password = 'Pq7/jXFGs0ZlYké';
  const dir = tempDir('forms-');
  const nodes = {
    'model.p.a': { unique_id: 'model.p.a', meta: { password }, description: 'x' },
    'model.p.b': { unique_id: 'model.p.b', description: 'PLACEHOLDER_B' },
    'model.p.c': { unique_id: 'model.p.c', description: `Loads from postgresql://etl:${encodeURIComponent(password)}@db.internal/raw nightly.` },
  };
  const text = dbtJson(manifest({ nodes })).replace('PLACEHOLDER_B', 'old one: Pq7\\/jXFGs0ZlYk\\u00e9 (rotated)');
  writeFileSync(path.join(dir, 'manifest.json'), text);
  const out = tempDir('forms-out-');
  const r = await runCli(['redact', dir, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const copy = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  const values = JSON.stringify(JSON.parse(copy));
  t.notOk(values.includes('jXFGs0ZlYk'), 'no form of the password is left, however written');
  t.notOk(copy.includes('jXFGs0ZlYk'), '…nor in the text as written');
});

t.test("redact masks a password that holds a quote whole, in a JSON-lines log and in a plain one (red team 82)", async (t) => {
  const project = tempDir('quote-in-password-');
  mkdirSync(path.join(project, 'logs'));
  const lines = [
    JSON.stringify({ info: { msg: 'connect password=Hk4wQ9"zLmP2xR7vB ok' } }),
    JSON.stringify({ info: { msg: 'connect password=Tq8\\mN3pL"Xw7cV9kR2 ok' } }),
  ];
  writeFileSync(path.join(project, 'logs', 'dbt.log'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(project, 'logs', 'plain.log'), '12:00:00 password=Zp3"Lk9Wq2Xv8Rt ok\n');
  const out = tempDir('redacted-');
  const r = await runCli(['redact', path.join(project, 'logs', 'dbt.log'), path.join(project, 'logs', 'plain.log'), '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const written = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.log'));
  t.equal(written.length, 2, 'both logs copied');
  const copies = written.map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
  for (const tail of ['zLmP2xR7vB', 'Xw7cV9kR2', 'Lk9Wq2Xv8Rt']) t.notOk(copies.includes(tail), `no ${tail} left`);
  t.match(copies, /connect password=\*+ ok/, 'the line keeps its shape');
});

t.test("redact in place says a file's other names (hard links) keep its secrets, and exits 1 (red team 118)", async (t) => {
  const root = tempDir('hardlinks-');
  mkdirSync(path.join(root, 'target'));
  cpSync(path.join(LEAKY, 'target', 'run_results.json'), path.join(root, 'target', 'run_results.json'));
  linkSync(path.join(root, 'target', 'run_results.json'), path.join(root, 'snapshot_run_results.json'));
  const r = await runCli(['redact', path.join(root, 'target'), '--in-place']);
  t.equal(r.code, 1, 'exit 1: the other name still holds the secrets');
  t.match(r.stderr, /^dbt-tools-lint: warning: .*run_results\.json: has 1 other name \(hard link\) that still holds its secrets/m);
  t.match(r.stderr, /^1 file redacted in place has other names that keep the secrets .*: exit 1$/m);
  t.equal((await runCli([path.join(root, 'target')])).code, 0, 'the file under its own name is redacted');
  // a file of one name: exit 0, nothing said of links
  const again = await runCli(['redact', path.join(root, 'target'), '--in-place']);
  t.equal(again.code, 0, again.stderr);
  t.notMatch(again.stderr, /hard link/);
});
