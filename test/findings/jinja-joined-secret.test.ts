/**
 * Session 32: a token joined from Jinja string literals (`'sk_live_' ~ '…'`, see tokens.ts
 * jinjaJoins) is the joined token as a secret: its fingerprint's value hash, secret id and SARIF
 * correlationGuid are those of the same token written out elsewhere, so "what to rotate first"
 * counts it once. The finding's span still covers the pieces and what joins them.
 */
import t from 'tap';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { prepareMatches } from '../../src/findings/build.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import { runCli } from '../cli-run.js';
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
