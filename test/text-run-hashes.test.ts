/**
 * A run whose reports show no value hash (the text listing by file) hashes under a key of its own, made for the run
 * and never written: no value gets the slow hash, and the report is the one a public salt gives. Every other run,
 * whose hashes leave it (a report that prints them, a baseline, a fingerprint in the allowlist), keeps the salt.
 */
import t from 'tap';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './cli-run.js';
import { tempDir } from './helpers.js';
import { SLOW_HASH_COUNTS } from '../src/findings/fingerprint.js';

const LEAKY = path.resolve('fixtures/jaffle-shop-leaky/target');

/** The run, and how many values asked for a slow hash in it. */
async function counted(args: string[], options: { cwd?: string } = {}) {
  const before = SLOW_HASH_COUNTS.asked;
  const run = await runCli(args, options);
  return { ...run, slow: SLOW_HASH_COUNTS.asked - before };
}

/** The text report without its timing. */
const untimed = (text: string) => text.replace(/ in \d+\.\d\d s\n$/, '\n');

t.test('the text listing asks no slow hash, and says what a run under the public salt says', async (t) => {
  const text = await counted([LEAKY]);
  t.equal(text.code, 1, text.stderr);
  t.equal(text.slow, 0, 'no value hashed slowly');
  t.match(text.stdout, /674 findings of 260 distinct secrets/, 'distinct secrets told apart as before');
  // (a report to a file as well: its hashes leave the run, so the salt is kept, and the listing is the same)
  const dir = tempDir('text-hashes-');
  const both = await counted([LEAKY, '--report', `json=${path.join(dir, 'r.json')}`]);
  t.ok(both.slow > 0, `with a JSON report: ${both.slow} slow hashes`);
  t.equal(untimed(text.stdout), untimed(both.stdout), 'the same listing');
});

t.test('every run whose hashes leave it keeps the salt and the slow hash', async (t) => {
  const dir = tempDir('text-hashes-');
  const json = await counted([LEAKY, '--format', 'json']);
  t.ok(json.slow > 0, 'JSON: fingerprints and secret ids');
  const ids = new Set((JSON.parse(json.stdout) as { findings: { secretId?: string }[] }).findings.map((f) => f.secretId).filter(Boolean));
  const grouped = await counted([LEAKY, '--group-by', 'secret']);
  t.ok(grouped.slow > 0, 'text by secret: it prints secret ids');
  const printed = [...grouped.stdout.matchAll(/secret ([0-9a-f]{8,})/g)].map((m) => m[1]!);
  t.ok(printed.length > 0 && printed.every((id) => ids.has(id)), 'the ids JSON gives, under the same salt');
  const baseline = await counted([LEAKY, '--update-baseline', '--baseline', path.join(dir, 'b.json')]);
  t.equal(baseline.code, 0, baseline.stderr);
  t.ok(baseline.slow > 0, 'a baseline written');
  const compared = await counted([LEAKY, '--baseline', path.join(dir, 'b.json')]);
  t.equal(compared.code, 0, 'a text run against the baseline matches every finding in it');
  t.ok(compared.slow > 0, 'a baseline read');
  // a fingerprint in the allowlist is matched: the run must make the fingerprints the config was written from
  const fingerprint = (JSON.parse(json.stdout) as { findings: { fingerprint: string }[] }).findings[0]!.fingerprint;
  writeFileSync(path.join(dir, '.dbt-tools-lint.json'), JSON.stringify({ allowlist: { fingerprints: [fingerprint] } }));
  const allowed = await counted([LEAKY, '--include-suppressed'], { cwd: dir });
  t.ok(allowed.slow > 0, 'an allowlist of fingerprints');
  t.match(allowed.stdout, /suppressed \(allowlist\): allowlisted by fingerprint/, 'the fingerprint matched');
});

t.test('redact shows no hash either: no value hashed slowly, every secret masked', async (t) => {
  const dir = tempDir('text-hashes-');
  const redact = await counted(['redact', LEAKY, '--out', path.join(dir, 'out')]);
  t.equal(redact.code, 0, redact.stderr);
  t.equal(redact.slow, 0, 'no value hashed slowly');
  const after = await counted([path.join(dir, 'out')]);
  t.equal(after.code, 0, `the copies hold no finding: ${after.stdout.slice(-200)}`);
});
