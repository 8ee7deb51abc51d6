/** redact: sanitized copies that keep valid JSON of the same shape and re-scan clean. */
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { LEAKY, LEGACY, plantedSecrets, ROOT } from './fixture-data.js';
import { tempDir } from './helpers.js';

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
