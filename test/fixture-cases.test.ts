/**
 * Adding a leak case is adding an entry to fixtures/cases: here a case file with a secret and a
 * decoy at every kind of place is added to a copy of the cases, the fixtures are generated from
 * it, and the scanner finds each new secret where the case says and stays silent on each decoy.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { CASES_DIR, loadCases } from '../scripts/fixtures/cases.js';
import { generateFixtures } from '../scripts/generate-fixtures.js';
import { scan } from '../src/engine/scan.js';
import { tempDir } from './helpers.js';

const RR = 'target/run_results.json';
const M = 'target/manifest.json';
const row = (file: string, pointer: string, rule: string, detector: string) => `      - { file: ${file}, pointer: ${pointer}, rule: ${rule}, detector: ${detector} }`;

const EXTRA = `fixture: jaffle-shop
secrets:
  - name: extra-var-token
    kind: github-pat
    token: githubPat
    label: extra/var
    sits: a var on the command line
    place: { var: gh_token }
    found:
${row(RR, '/args/vars/gh_token', 'cli-vars', 'github-classic-pat')}
${row(RR, '/args/invocation_command', 'cli-vars', 'github-classic-pat')}
  - name: extra-meta-key
    kind: stripe-secret-key
    token: stripeLive
    label: extra/meta
    sits: meta of a model
    place: { meta: [stg_orders, billing/key] }
    found:
${row(M, '/nodes/model.jaffle_shop.stg_orders/config/meta/billing~1key', 'config-meta', 'stripe-secret-key')}
${row(M, '/nodes/model.jaffle_shop.stg_orders/meta/billing~1key', 'config-meta', 'stripe-secret-key')}
${row(M, '/nodes/model.jaffle_shop.stg_orders/unrendered_config/meta/billing~1key', 'config-meta', 'stripe-secret-key')}
  - name: extra-macro-key
    kind: sendgrid-api-key
    token: sendgrid
    label: extra/macro
    sits: a key assigned in a macro
    place: { macro: notify_sendgrid }
    text: "{% macro notify_sendgrid() %}{% set api_key = '{secret}' %}{% endmacro %}"
    clean: "{% macro notify_sendgrid() %}{% set api_key = env_var('SENDGRID_API_KEY') %}{% endmacro %}"
    found:
${row(M, '/macros/macro.jaffle_shop.notify_sendgrid/macro_sql', 'raw-code', 'sendgrid-api-key')}
decoys:
  - { place: { env: SNOWFLAKE_PRIVATE_KEY_PATH }, value: /secrets/rsa_key.p8, why: a path to a key }
  - { place: { operation-arg: token_ttl }, value: '3600', why: a lifetime }
  - { place: { config: [customers, password_min_length] }, value: '12', why: a policy setting }
`;

t.test('a case file added to fixtures/cases is planted, found by the scanner where it says, and its decoys stay silent', async (t) => {
  const work = tempDir('fixture-cases-');
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const casesDir = path.join(work, 'cases');
  cpSync(CASES_DIR, casesDir, { recursive: true });
  writeFileSync(path.join(casesDir, 'zz-extra.yaml'), EXTRA);
  generateFixtures(path.join(work, 'out'), casesDir);

  const leaky = path.join(work, 'out', 'jaffle-shop-leaky');
  const clean = path.join(work, 'out', 'jaffle-shop-clean');
  const extra = loadCases('jaffle-shop', casesDir).secrets.filter((s) => s.source === 'zz-extra.yaml');
  t.equal(extra.length, 3);
  const expected = JSON.parse(readFileSync(path.join(leaky, 'expected.json'), 'utf8')) as { secrets: { pointer: string; secret: string }[]; decoys: { file: string; pointer: string }[] };
  for (const s of extra) t.equal(expected.secrets.filter((e) => e.secret === s.value).length, s.found.length, `${s.name}: expected.json lists every string that holds it`);
  for (const pointer of ['/metadata/env/SNOWFLAKE_PRIVATE_KEY_PATH', '/args/args/token_ttl', '/nodes/model.jaffle_shop.customers/config/password_min_length'])
    t.ok(expected.decoys.some((d) => d.pointer === pointer), `placed decoy at ${pointer}`);

  const { findings } = scan({ paths: [path.join(leaky, 'target'), path.join(leaky, 'target-run-operation')] });
  for (const s of extra)
    for (const f of s.found) {
      const hit = findings.find((x) => path.resolve(x.file) === path.join(leaky, f.file) && x.jsonPointer === f.pointer && x.detectorId === f.detector && x.ruleId === f.rule);
      t.ok(hit, `${s.name} found at ${f.file}#${f.pointer} by ${f.rule}/${f.detector}`);
    }
  for (const pointer of ['/metadata/env/SNOWFLAKE_PRIVATE_KEY_PATH', '/args/args/token_ttl', '/nodes/model.jaffle_shop.customers/config/password_min_length'])
    t.notOk(findings.some((x) => x.jsonPointer === pointer), `no finding at the decoy ${pointer}`);

  const cleanRun = scan({ paths: [path.join(clean, 'target'), path.join(clean, 'target-run-operation')] });
  t.same(cleanRun.findings.map((f) => `${f.ruleId}/${f.detectorId} ${f.jsonPointer}`), [], 'the clean fixture, with the clean macro text and the decoys, has no finding');
  t.match(readFileSync(path.join(clean, 'macros', 'notify_sendgrid.sql'), 'utf8'), "env_var('SENDGRID_API_KEY')", 'the clean fixture gets the clean text');
});

t.test('a case whose found list is incomplete or wrong stops the generator before it writes, naming every place', async (t) => {
  const work = tempDir('fixture-cases-');
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const casesDir = path.join(work, 'cases');
  cpSync(CASES_DIR, casesDir, { recursive: true });
  writeFileSync(path.join(casesDir, 'zz-extra.yaml'), EXTRA.replace(`${row(RR, '/args/invocation_command', 'cli-vars', 'github-classic-pat')}\n`, `${row(RR, '/args/vars/gh_tokens', 'cli-vars', 'github-classic-pat')}\n`));
  const out = path.join(work, 'out');
  t.throws(() => generateFixtures(out, casesDir), {
    message: /extra-var-token \(zz-extra\.yaml\) is also in - \{ file: target\/run_results\.json, pointer: \/args\/invocation_command[\s\S]*extra-var-token is not in target\/run_results\.json#\/args\/vars\/gh_tokens/,
  });
  t.notOk(existsSync(out), 'nothing was written');
  writeFileSync(path.join(casesDir, 'zz-extra.yaml'), EXTRA.replace('token: githubPat', 'token: githubPatt'));
  t.throws(() => generateFixtures(out, casesDir), { message: /fixtures\/cases\/zz-extra\.yaml: secrets\.0\.token/ });
  writeFileSync(path.join(casesDir, 'zz-extra.yaml'), EXTRA.replace('    label: extra/var\n', ''));
  t.throws(() => generateFixtures(out, casesDir), { message: /zz-extra\.yaml: secrets\.0: give either value, or token and label/ });
  writeFileSync(path.join(casesDir, 'zz-extra.yaml'), EXTRA.replace('{ place: { env: SNOWFLAKE_PRIVATE_KEY_PATH }, value', '{ place: { env: SNOWFLAKE_PRIVATE_KEY_PATH }, text'));
  t.throws(() => generateFixtures(out, casesDir), { message: /zz-extra\.yaml: decoys\.0: give file and pointer, or place and value/ });
});
