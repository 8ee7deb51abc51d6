/**
 * Session 32: a token joined from Jinja string literals (`'sk_live_' ~ '…'`, see tokens.ts
 * literalJoins) is the joined token as a secret: its fingerprint's value hash, secret id and SARIF
 * correlationGuid are those of the same token written out elsewhere, so "what to rotate first"
 * counts it once. The finding's span still covers the pieces and what joins them.
 */
import t from 'tap';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { prepareMatches } from '../../src/findings/build.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import { runCli } from '../cli-run.js';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, manifest } from '../helpers.js';
import { scratch } from '../hostile/harness.js';

const HEAD = 'sk_live_';
const BODY = '51HqLyjWDarjtT1zdp7dcQx9';
const MACRO_SQL = `{% macro charge_backfill() %}\n  {% set key = '${HEAD}' ~ '${BODY}' %}\n  {% do run_query('select 1') %}\n{% endmacro %}`;

t.test('the prepared secret is the joined token; the span covers the pieces', async (t) => {
  const value = `{% set key = '${HEAD}' ~ '${BODY}' %}`;
  const matches = detectTokens(value).filter((m) => m.detectorId === 'stripe-secret-key');
  t.equal(matches.length, 1);
  const [m] = matches;
  t.equal(value.slice(m!.start, m!.end), `${HEAD}' ~ '${BODY}`, 'the span, as the artifact holds it');
  const [prepared] = prepareMatches(value, matches, []);
  t.equal(prepared!.secret, HEAD + BODY, 'the secret, as Jinja renders it');
  t.equal(prepared!.preview, 'sk_live_****');
  t.notMatch(prepared!.preview, BODY.slice(0, 6));
});

interface JsonFinding {
  detectorId: string;
  ruleId: string;
  secretId: string;
  preview: string;
  source?: { file: string; start?: { line: number; column: number } };
}

t.test('end to end: one secret, in the macro and in the environment', async (t) => {
  const { dir, write } = scratch();
  mkdirSync(path.join(dir, 'target'));
  const macros = { 'macro.shop.charge_backfill': { name: 'charge_backfill', resource_type: 'macro', package_name: 'shop', unique_id: 'macro.shop.charge_backfill', original_file_path: 'macros/charge_backfill.sql', macro_sql: MACRO_SQL } };
  write('target/manifest.json', dbtJson(manifest({ macros }, { STRIPE_API_KEY: HEAD + BODY })));
  mkdirSync(path.join(dir, 'macros'));
  write('macros/charge_backfill.sql', `${MACRO_SQL}\n`);
  write('dbt_project.yml', 'name: shop\n');
  const r = await runCli([path.join(dir, 'target'), '--json']);
  t.equal(r.code, 1, r.stderr);
  t.notMatch(r.stdout, BODY, 'no output holds the secret');
  const { summary, findings } = JSON.parse(r.stdout) as { summary: { distinctSecrets: number }; findings: JsonFinding[] };
  const stripe = findings.filter((f) => f.detectorId === 'stripe-secret-key');
  t.same(stripe.map((f) => f.ruleId).sort(), ['env-metadata', 'raw-code'], 'found in the macro and in the environment');
  t.equal(stripe[0]!.secretId, stripe[1]!.secretId, 'one secret id for the joined and the written-out token');
  t.equal(summary.distinctSecrets, 1);
  // located in the macro's file by the pieces it writes, not by the joined token it holds nowhere
  t.match(stripe.find((f) => f.ruleId === 'raw-code')?.source, { file: 'macros/charge_backfill.sql', start: { line: 2, column: MACRO_SQL.split('\n')[1]!.indexOf(HEAD) + 1 } });

  const md = (await runCli([path.join(dir, 'target'), '--format', 'markdown'])).stdout;
  t.equal(md.split('\n').filter((l) => l.startsWith('- [ ]') && l.includes('stripe-secret-key')).length, 1, 'rotate it once');
});

t.test('session 40: a token split right after its prefix is found by the scan, however the pieces are joined', async (t) => {
  // the red team's shapes: the pre-filter refused the prefix (`ghp_'` is no token's start), so the detectors never
  // saw the value, unless the format's anchor stopped at its prefix (stripe's, gitlab's)
  const GHP = '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';
  const GHO = 'gho_mJe1wLIZuLG2MvbrNQ1FZFUxsJPa5nDtjPyB';
  const HF = 'hf_QmvTzLxWnKpRbYcHdJfAaBbCcDdEeFfGg7';
  const XOXB = 'xoxb-583920174615-7261930485712-Qm4vTz8LxWn2Kp5RbYc7HdJf';
  const cases: [string, string, string][] = [
    ['github-classic-pat', GHP, `{% set gh_token = 'ghp_' ~ '${GHP.slice(4, 20)}' ~ '${GHP.slice(20)}' %}`],
    ['github-oauth-token', GHO, `{% set gh = "gho_" ~ "${GHO.slice(4)}" %}`],
    ['huggingface-token', HF, `HF_TOKEN = "hf_" + "${HF.slice(3, 20)}" + "${HF.slice(20)}"\n\ndef model(dbt, session):\n    return None`],
    ['slack-bot-token', XOXB, `select 'xoxb-' || '${XOXB.slice(5, 30)}' || '${XOXB.slice(30)}' as tok`],
  ];
  const macros = Object.fromEntries(cases.map(([id, , sql], i) => [`macro.shop.m${i}`, { name: `m${i}`, resource_type: 'macro', package_name: 'shop', unique_id: `macro.shop.m${i}`, original_file_path: `macros/m${i}.sql`, macro_sql: sql, description: id }]));
  const { dir, write } = scratch();
  write('manifest.json', dbtJson(manifest({ macros })));
  for (const stream of [false, true]) {
    const { findings } = scan({ paths: [path.join(dir, 'manifest.json')], jobs: 1, stream });
    for (const [id, secret, sql] of cases) {
      const found = findings.filter((f) => f.detectorId === id);
      t.equal(found.length, 1, `${id} ${stream ? 'streamed' : 'in memory'}: ${sql.slice(0, 30)}…`);
      t.notMatch(found[0]?.preview ?? '', secret.slice(8, 16), 'its preview shows no more than the prefix');
    }
  }
  // two literals that join into no token's shape stay silent: `'ghp_' ~ suffix` and a prefix alone
  write('manifest.json', dbtJson(manifest({ macros: { 'macro.shop.x': { name: 'x', resource_type: 'macro', package_name: 'shop', unique_id: 'macro.shop.x', original_file_path: 'macros/x.sql', macro_sql: "{% set a = 'ghp_' ~ suffix %}{% set b = 'xoxb-' || 'not-a-token' %}" } } })));
  t.same(scan({ paths: [path.join(dir, 'manifest.json')], jobs: 1 }).findings.map((f) => f.detectorId), []);
});
