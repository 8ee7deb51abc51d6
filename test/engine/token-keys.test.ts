/**
 * A token written as a key (`meta: {"xoxb-…": "#data-alerts"}`, `--vars '{"ghs_…": mirror}'`): where the
 * names are the user's (meta and config, `--vars`), a distinctive token format is looked for in the keys
 * too, and reported at the key, streamed or in memory, with its path masked. Names that dbt writes
 * (unique ids, column names) and long keys that are no token stay silent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import { mayBeTokenKey } from '../../src/engine/walk.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';

const SLACK = 'xoxb-615641922931-3297886596462-TX6n2Rq9WIhHNhgy8wW6zABH';
const GITHUB = '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';
const STRIPE = 'rk_live_80t0TdcNgu7uh9EOGV3bEgVhY8tqDKAxzemHoBmg';
const APP = 'ghs_dsjJwYfBLS20gkyeBo2MMUIEYJWapZ23sNxu';
const TEST_ID = 'test.shop.not_null_orders_order_id.cf6c17daed';
/** Passwords of connection URLs written as keys (red team 67). */
const PG_PASSWORD = 'Maple-Wint3r-Harbor';
const SF_PASSWORD = 'CorrectHorseBattery';

function model(meta: Record<string, unknown>, config: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resource_type: 'model', unique_id: 'model.shop.alerts', name: 'alerts', package_name: 'shop', original_file_path: 'models/alerts.sql',
    raw_code: 'select 1', meta, config: { materialized: 'view', meta: config },
    columns: { [`${SLACK.replace('xoxb', 'col')}`]: { name: 'c', description: '' } },
  };
}

/** The target folder: the manifest (its Slack key written with an escape when `escaped`) and run results. */
function target(escaped: boolean): string {
  const dir = tempDir('token-keys-');
  const nodes = {
    'model.shop.alerts': model(
      {
        [SLACK]: '#data-alerts', owner: 'growth', snapshot_2024_01_01_backfill_v2: true, '3f2b9c1e-7d4a-4e8b-9c2f-5a6d7e8f9a0b': 'run id', '6f1ed002ab5595859014ebf0951522d9': 'md5 of the owner',
        [`postgresql://dbt_svc:${PG_PASSWORD}@warehouse.acme.io:5432/analytics`]: 'alerts', 'https://docs.acme.io/runbooks/warehouse': 'runbook', 'https://dbt_svc@github.com/acme/analytics': 'repo',
      },
      { deploy_tokens: { [GITHUB]: 'read-only mirror' } },
    ),
    [TEST_ID]: { resource_type: 'test', unique_id: TEST_ID, name: 'nn', package_name: 'shop', original_file_path: 'models/schema.yml', raw_code: '' },
  };
  const sources = { 'source.shop.stripe.charges': { resource_type: 'source', unique_id: 'source.shop.stripe.charges', name: 'charges', package_name: 'shop', original_file_path: 'models/sources.yml', meta: { [STRIPE]: 'billing-readonly' } } };
  let text = dbtJson(manifest({ nodes, sources, child_map: { [TEST_ID]: [] } }));
  if (escaped) text = text.replace(`"${SLACK}"`, `"${SLACK.replace('-', '\\u002d')}"`);
  writeFileSync(path.join(dir, 'manifest.json'), text);
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ args: { vars: { [APP]: 'mirror', target_schema_2024_q1: 'x', [`snowflake://LOADER:${SF_PASSWORD}@acme.snowflakecomputing.com/raw`]: 'loader' } } })));
  return dir;
}

for (const escaped of [false, true]) {
  for (const stream of [false, true]) {
    t.test(`tokens written as keys (stream: ${stream}${escaped ? ', a key written with an escape' : ''})`, async (t) => {
      const dir = target(escaped);
      const { findings } = scan({ paths: [dir], stream, jobs: 1 });
      const raw = (file: string) => readFileSync(path.resolve(dir, file), 'utf8');
      const found = (secret: string) => findings.filter((f) => JSON.parse(`"${raw(f.file).slice(f.charOffset, f.charOffset + f.charLength)}"`) === secret);
      const expected: [string, string, string, string][] = [
        [SLACK, 'slack-bot-token', 'config-meta', "$.nodes['model.shop.alerts'].meta['xoxb-****']"],
        [GITHUB, 'github-classic-pat', 'config-meta', "$.nodes['model.shop.alerts'].config.meta.deploy_tokens['ghp_****']"],
        [STRIPE, 'stripe-restricted-key', 'config-meta', "$.sources['source.shop.stripe.charges'].meta['rk_live_****']"],
        [APP, 'github-server-to-server-token', 'cli-vars', "$.args.vars['ghs_****']"],
        [PG_PASSWORD, 'url-password', 'config-meta', "$.nodes['model.shop.alerts'].meta['postgresql://dbt_svc:****@warehouse.acme.io']"],
        [SF_PASSWORD, 'url-password', 'cli-vars', "$.args.vars['snowflake://LOADER:****@acme.snowflakecomputing.com']"],
      ];
      for (const [secret, detector, rule, jsonPath] of expected) {
        const here = found(secret);
        t.equal(here.length, 1, `${detector}: one finding whose span is the key`);
        t.equal(here[0]?.detectorId, detector, `${detector}: by its format`);
        t.equal(here[0]?.ruleId, rule, `${detector}: by the rule of the key's place`);
        t.equal(here[0]?.jsonPath, jsonPath, `${detector}: the path names the key masked`);
        t.notOk(JSON.stringify(here[0] ?? {}).includes(secret.slice(8)), `${detector}: no field shows the token`);
      }
      t.equal(findings.length, expected.length, 'long keys that are no token, unique ids and column names stay silent');
    });
  }
}

t.test('mayBeTokenKey: long enough, with a digit, or a URL', async (t) => {
  t.ok(mayBeTokenKey(GITHUB));
  t.ok(mayBeTokenKey('AKIA2QWERT7YUIOPASDF'), "an AWS key id's 20 characters");
  t.notOk(mayBeTokenKey('AKIA2QWERT7YUIOPASD'), 'one fewer');
  t.notOk(mayBeTokenKey('refresh_webhook_url_for_the_alerts'), 'words');
  t.notOk(mayBeTokenKey('x'.repeat(5000) + '1'), 'past the longest');
  t.ok(mayBeTokenKey('postgresql://etl:Maple@db/prod'), 'a URL, which may hold a password without a digit');
});
