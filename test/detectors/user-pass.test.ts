/**
 * Session 29's red-team round: `pass` and `pw` name a password only beside a user key in the same
 * object (`{user: etl, pass: …}`, dbt-postgres' profile keys; session 30: before it too, as sorted
 * keys put it), which both walks tell the detector (DetectorContext.userBeside); alone, `pass` is a
 * word (a test's status, a threshold).
 */
import t, { type Test } from 'tap';
import { isUserKeyAt, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { scan } from '../../src/engine/scan.js';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifest, tempDir } from '../helpers.js';

const found = (key: string, value: string, userBeside?: boolean) =>
  secretKeyNameDetector.detect(value, { key, userBeside }).map((m) => value.slice(m.start, m.end));

t.test('pass and pw beside a user key', async (t) => {
  t.same(found('pass', 'q8Zr2vLk9TnWx4Pb', true), ['q8Zr2vLk9TnWx4Pb'], 'pass beside user');
  t.same(found('PW', 'm3Kd8sQz1VfR7yHc', true), ['m3Kd8sQz1VfR7yHc'], 'PW beside user');
  t.same(found('pass', 'q8Zr2vLk9TnWx4Pb'), [], 'pass alone');
  t.same(found('pass', 'q8Zr2vLk9TnWx4Pb', false), [], 'pass with no user before it');
  for (const v of ['skip', 'true', 'passthrough', '${SFTP_PASS}', '********', '42', 'pixel width', '120px', 'hunter2']) t.same(found('pass', v, true), [], `pass: ${v}`);
  t.same(found('passes', 'q8Zr2vLk9TnWx4Pb', true), [], 'passes is another word');
});

t.test('a user key as the streaming walk reads it, quotes included', async (t) => {
  for (const k of ['user', 'User', 'USERNAME', 'user_name', 'login']) t.ok(isUserKeyAt(`{"${k}": 1}`, 1, k.length + 3), k);
  for (const k of ['name', 'users', 'userid', 'logins', 'usr', 'pass']) t.notOk(isUserKeyAt(`{"${k}": 1}`, 1, k.length + 3), k);
});

/** A manifest whose one model has this meta (its JSON text edited by `edit`), in a folder of its own. */
function metaManifest(t: Test, meta: Record<string, unknown>, edit = (text: string) => text): string {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const m = manifest({});
  (m.nodes as Record<string, unknown>)['model.p.a'] = { unique_id: 'model.p.a', resource_type: 'model', name: 'a', package_name: 'p', original_file_path: 'models/a.sql', meta };
  writeFileSync(path.join(dir, 'manifest.json'), edit(JSON.stringify(m)));
  return dir;
}

/** Both walks report these pointers, and only these. */
function foundBothWays(t: Test, dir: string, pointers: string[]): void {
  for (const stream of [false, true]) {
    const result = scan({ paths: [dir], stream, jobs: 1 });
    t.same(result.findings.map((f) => f.jsonPointer).sort(), pointers, stream ? 'streamed' : 'in memory');
  }
}

t.test('both walks find pass beside user in meta, after it or before it, and only then', async (t) => {
  const dir = metaManifest(t, {
    login: { user: 'etl', pass: 'q8Zr2vLk9TnWx4Pb' },
    // keys sorted (json.dumps(sort_keys=True), a sorted YAML dump): pass, then user
    sorted: { host: 'db', pass: 'Wm4-Lq8vZx2kRt', port: 5432, user: 'etl' },
    sorted_pw: { PW: 'Hs6-Tn3pQx8wLb', USERNAME: 'etl' },
    plain: { pass: 'Kd7-Pq2wXz9mLc' },
  });
  foundBothWays(t, dir, ['/nodes/model.p.a/meta/login/pass', '/nodes/model.p.a/meta/sorted/pass', '/nodes/model.p.a/meta/sorted_pw/PW']);
});

t.test('pass before a user key that means something else: silent both ways', async (t) => {
  const dir = metaManifest(t, {
    // a test run's counts, a flag, a status, a proxy setting, a pixel width
    counts: { pass: 12, fail: 0, warn: 3, user: 'ci_bot' },
    flag: { pass: 'true', user: 'qa' },
    status: { pass: 'skip', login: 'qa_bot' },
    proxy: { pass: 'passthrough', user: 'svc_proxy' },
    size: { pw: 'pixel width', ph: 'pixel height', user: 'designer' },
    scrubbed: { pass: '********', user: 'etl' },
    templated: { pass: "{{ env_var('DBT_ENV_SECRET_PG_PASS') }}", user: 'etl' },
    // a user key in another object, before or after it
    nested: { pass: 'Np5-Rw2xKz7qLm', creds: { user: 'etl' } },
    parent: { inner: { pass: 'Pn4-Wq9zLx3mKr' }, user: 'etl' },
  });
  foundBothWays(t, dir, []);
});

t.test('a user key written with an escape counts in both walks', async (t) => {
  // "\u0075ser", "LOGI\u004e", "user\u005fname": JSON.parse reads them as user, LOGIN, user_name
  const dir = metaManifest(t, { one: { uzer: 'etl', pass: 'q8Zr2vLk9TnWx4Pb' }, two: { logim: 'etl', pw: 'm3Kd8sQz1VfR7yHc' }, three: { uzer_name: 'etl', pass: 'Wm4-Lq8vZx2kRt' } }, (text) =>
    text.replace('"uzer"', '"\\u0075ser"').replace('"logim"', '"LOGI\\u004e"').replace('"uzer_name"', '"user\\u005fname"'),
  );
  foundBothWays(t, dir, ['/nodes/model.p.a/meta/one/pass', '/nodes/model.p.a/meta/three/pass', '/nodes/model.p.a/meta/two/pw']);
});
