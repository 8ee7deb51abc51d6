/**
 * Red team 158 (a precision sweep of packages' macros, docs and fixtures): a fixture's `token` or `api_key` column of
 * sha256 or sha512 digests in hex is data, as md5's and sha1's were already (a hashed token, a hashed key); an AWS
 * Secrets Manager version's label (`AWSCURRENT`), a short secret's path (`prod/x`) and an Azure Key Vault's name
 * (`kv-analytics`) under a secret's, a token's or a key's name say where the secret is, not what it is. Under a
 * password's name a person's password may read as the last two, and stays one (red team 121's decision); a token in a cell stays one.
 */
import t from 'tap';
import { manifest, runResults, scanArtifact } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

// sha256 and sha512 of "a", and a made-up token
const SHA256 = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb';
const SHA512 = '1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75';
const TOKEN = 'tkn_Zq8kLm2vX9pgWq3Hn4Rt7Yb';

t.test("a fixture's token or key column of sha256 or sha512 digests: data, not a secret", async (t) => {
  const fixture = (column: string, value: string) =>
    scanArtifact(manifest({ unit_tests: { 'unit_test.a.dim_users.t': { given: [{ input: "ref('stg_users')", rows: [{ id: 0, [column]: value }], format: 'dict' }] } } })).findings;
  for (const column of ['token', 'api_key', 'authorization', 'secret', 'access_token', 'refresh_token']) {
    for (const digest of [SHA256, SHA256.toUpperCase(), SHA512]) t.same(fixture(column, digest), [], `${column}: ${digest.slice(0, 12)}…`);
  }
  // …in CSV rows too
  const csv = `id,token,api_key\n0,${SHA256},${SHA512}\n`;
  t.same(scanArtifact(manifest({ unit_tests: { 'unit_test.a.dim_users.c': { given: [{ input: "ref('stg_users')", rows: csv, format: 'csv' }] } } })).findings, [], 'CSV rows');
  // a token's shape stays a secret, and a password's column whatever it holds
  t.same(fixture('token', TOKEN).map((f) => f.detectorId), ['secret-key-name'], 'a token');
  t.same(fixture('password', SHA256.slice(0, 16) + 'Q!').length, 1, "a password's cell");
});

t.test("a secret's place under its name: a version's label, a short path, a Key Vault's name", async (t) => {
  const meta = ruleProbe('secret');
  for (const key of ['secret', 'token', 'api_key', 'client_secret']) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, 'config-meta', ['AWSCURRENT', 'AWSPREVIOUS', 'AWSPENDING', 'prod/x', 'ops/x9', 'kv-analytics', 'kv-prod-eus2', 'KV-DATA-PLATFORM']);
    probe.finds(t, 'config-meta', [[TOKEN, TOKEN], ['Xk9#mQ2vLp7wR', 'Xk9#mQ2vLp7wR']]);
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
