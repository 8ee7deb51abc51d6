/**
 * Red team 158 (a precision sweep of packages' macros, docs and fixtures): an AWS
 * Secrets Manager version's label (`AWSCURRENT`), a short secret's path (`prod/x`) and an Azure Key Vault's name
 * (`kv-analytics`) under a secret's, a token's or a key's name say where the secret is, not what it is. Under a
 * password's name a person's password may read as the last two, and stays one (red team 121's decision). A fixture's column of
 * 64 or 128 hex digits under a secret's name stays a secret (review 161: `openssl rand -hex 32` makes one), red team 158's
 * sha256 digests in a `token` column with it.
 */
import t from 'tap';
import { manifest, runResults, scanArtifact } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

// sha256 and sha512 of "a", and a made-up token
const SHA256 = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb';
const SHA512 = '1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75';
const TOKEN = 'tkn_Zq8kLm2vX9pgWq3Hn4Rt7Yb';

t.test("a fixture's secret-named column of 64 or 128 hex digits: a secret still, as `openssl rand -hex 32` makes one (review 161)", async (t) => {
  const fixture = (column: string, value: string) =>
    scanArtifact(manifest({ unit_tests: { 'unit_test.a.dim_users.t': { given: [{ input: "ref('stg_users')", rows: [{ id: 0, [column]: value }], format: 'dict' }] } } })).findings;
  for (const column of ['token', 'api_key', 'webhook_secret', 'client_secret', 'access_token']) {
    for (const digest of [SHA256, SHA512]) t.same(fixture(column, digest).map((f) => f.detectorId), ['secret-key-name'], `${column}: ${digest.slice(0, 12)}…`);
  }
  // 32 or 40 hex digits stay an id's or a digest's in data, and a token's shape a secret
  t.same(fixture('token', SHA256.slice(0, 32)), [], '32 hex digits');
  t.same(fixture('token', TOKEN).map((f) => f.detectorId), ['secret-key-name'], 'a token');
});

t.test("a secret's place under its name: a version's label, a short path, a Key Vault's name", async (t) => {
  const meta = ruleProbe('secret');
  for (const key of ['secret', 'token', 'api_key', 'client_secret']) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, 'config-meta', ['AWSCURRENT', 'AWSPREVIOUS', 'AWSPENDING', 'prod/x', 'ops/x9', 'kv-analytics', 'kv-prod-eus2', 'kv-data-platform']);
    // a random run in a vault's or a path's place stays a secret (review 161)
    probe.finds(t, 'config-meta', [[TOKEN, TOKEN], ['Xk9#mQ2vLp7wR', 'Xk9#mQ2vLp7wR'], ...['kv-8f3k2m9x7q4w1z6r5t0y3u', 'prod.k8s2jd9f02mx83nc7q2z', 'svc/x9k2m4p7q8w3z5r1t6y8'].map((v) => [v, v] as const)]);
  }
  // under a password's name a person's password may be so written
  ruleProbe('password').finds(t, 'config-meta', [['kv-analytics', 'kv-analytics'], ['ops/x9', 'ops/x9']]);
  // …but not a version's label, one of three
  ruleProbe('password').findsNothing(t, 'config-meta', ['AWSCURRENT', 'AWSPREVIOUS']);
  t.same(meta.found('AWSCURRENT', 'config-meta'), [], 'meta');
  // the same in a run's --vars and a node's meta
  for (const [value, what] of [['AWSCURRENT', 'a label'], ['prod/x', 'a path'], ['kv-analytics', "a vault's name"]]) {
    t.same(scanArtifact(runResults({ args: { vars: { secret: value } } }), 'run_results.json').findings, [], `--vars: ${what}`);
    t.same(scanArtifact(manifest({ nodes: { 'model.p.m': { unique_id: 'model.p.m', resource_type: 'model', meta: { secret: value } } } })).findings, [], `meta: ${what}`);
  }
});
