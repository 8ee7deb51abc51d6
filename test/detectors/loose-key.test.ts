/**
 * Session 64: `<SERVICE>_KEY` of a service the vendor lists do not know (`FIVETRAN_KEY`, `census_key`, `montecarloKey`).
 * gitleaks' generic rule reports such a pair by its value's entropy; here the name's word before `key` must say nothing
 * of another kind of key (a table's, a store's, a request's, a page's, a digest's), and the value must read as a token:
 * 20 characters or more, no path, host or version, no vendor's object id, and hex digits only under an environment
 * variable's name. Each case names the exact secret, or none.
 */
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { namesLooseKey } from '../../src/detectors/key-grammar.js';
import { mayHoldSecretUnder, mayNameSecret } from '../../src/detectors/key-names.js';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

const TOKEN = 'Xk9fQ2mL7vR3tY8wZ1bN4cD6';
const HEX = '3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';

t.test("a key of a service no list knows: its name, in any style, after the service's name", async (t) => {
  for (const name of ['FIVETRAN_KEY', 'fivetran_key', 'censusKey', 'MONTE_CARLO_KEY', 'hightouch-workspace-key', 'SIGMA_KEY_PROD', 'elementary.key']) t.ok(namesLooseKey(name), name);
  // a table's, a store's, a request's, a page's key, a public one, a fingerprint, and names that are no key's
  for (const name of ['primary_key', 'SORT_KEY', 'unique_key', 'surrogate_key', 'customer_key', 'cache_key', 's3_key', 'idempotency_key', 'site_key', 'public_key', 'GPG_KEY', 'kms_key', 'partition_key', 'key', 'keys', 'key_id', 'FIVETRAN_KEY_PATH', 'mixpanel_key', 'dim2_key']) {
    t.notOk(namesLooseKey(name), name);
  }
  // the gate lets such a name through for a token's length only
  t.ok(mayNameSecret('FIVETRAN_KEY'));
  t.ok(mayHoldSecretUnder('FIVETRAN_KEY', 20));
  t.notOk(mayHoldSecretUnder('FIVETRAN_KEY', 12), 'a short value is never read');
  t.notOk(mayNameSecret('cache_key'));
});

t.test('its value is a secret in a token’s shape only', async (t) => {
  for (const [name, rule] of [['fivetran_key', 'config-meta'], ['FIVETRAN_KEY', 'env-metadata'], ['censusKey', 'cli-vars']] as const) ruleProbe(name).finds(t, rule, [[TOKEN, TOKEN]]);
  // 32 hex digits or more under an environment variable's name (Adzuna's, Census's keys); under a model's or a
  // dimension's name they are dbt_utils.generate_surrogate_key's md5 (red team 74), and under a digest's kind of key none
  ruleProbe('CENSUS_KEY').finds(t, 'env-metadata', [[HEX, HEX]]);
  for (const name of ['census_key', 'store_key', 'invoiceKey', 'etag_key', 'checksum_key', 'content_key', 'commit_key']) ruleProbe(name).findsNothing(t, 'config-meta', [HEX]);
  ruleProbe('FIVETRAN_KEY').findsNothing(t, 'env-metadata', [
    // too short, a version, a path, a host, words, a vendor's object id, a UUID, a template, a placeholder
    'Xk9fQ2mL7vR3', 'v2.4.1-beta', 'exports/2024/Daily01.tar.gz', 'api.fivetran.com', 'FivetranConnectorSettings2024', 'cus_NffrFeUfNV2Hib1234',
    'pi_3MtwBwLkdIwHu7ix28a3tqPa', '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', "{{ env_var('FIVETRAN_KEY') }}", '${FIVETRAN_KEY}', '<your-fivetran-key>',
  ]);
  // kinds of key that hold ids and digests, whatever they read as
  for (const name of ['surrogate_key', 'cache_key', 'customer_key', 'idempotency_key', 'SORT_KEY', 'routing_key', 'dedup_key']) ruleProbe(name).findsNothing(t, 'config-meta', [TOKEN]);
});

t.test("read in memory and streamed: a token under a service's key in env, vars and meta; a table's key is not read", async (t) => {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  const nodes = {
    'model.shop.a': { unique_id: 'model.shop.a', resource_type: 'model', original_file_path: 'models/a.sql', config: { unique_key: 'order_id' }, meta: { surrogate_key: TOKEN, sync: { hightouch_key: TOKEN } } },
  };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes }, { FIVETRAN_KEY: TOKEN, CACHE_KEY: TOKEN, CENSUS_KEY: HEX })));
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ args: { vars: { monte_carlo_key: TOKEN, etag_key: HEX } } })));
  for (const stream of [false, true]) {
    const found = scan({ paths: [dir], stream, jobs: 1 }).findings.filter((f) => f.detectorId === 'secret-key-name');
    t.same(
      found.map((f) => f.jsonPath).sort(),
      ["$.args.vars.monte_carlo_key", "$.metadata.env.CENSUS_KEY", "$.metadata.env.FIVETRAN_KEY", "$.nodes['model.shop.a'].meta.sync.hightouch_key"],
      `${stream ? 'streamed' : 'in memory'}: the services' keys only`,
    );
  }
});

t.test("an orchestrator's keys name work, not a service: Dagster's run_key, Databricks' task_key", async (t) => {
  for (const name of ['run_key', 'asset_key', 'task_key', 'job_key', 'step_key']) ruleProbe(name).findsNothing(t, 'cli-vars', [HEX, TOKEN]);
});
