/**
 * Red team 114: secrets in forms a blind benchmark planted that no detector read. A generator's password after a spaced
 * `=` in a SQL comment, before a statement's `;` or a list's `,`; a list entry's password with no digit; a key's bytes in
 * padded base64 (a `/` in it) under a key's loose name. And a reference to a secret manager read as a value. Code's
 * comparisons and paths beside them stay silent.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';
import { manifest, scanArtifact } from '../helpers.js';

// made up for this test
const PASSWORD = 'Zq7Hk2pLm9Xw!';
const KEY = 'EJL5xas/Cu468zMqUBE7P9DhWnO2SB1hrWWvMR0mVg4=';

t.test("a generator's password after a spaced `=`: in a comment, before `;`, `,` or `)`", async (t) => {
  const sql = ruleProbe('compiled_code');
  sql.finds(t, 'compiled-code', [
    [`select 1 -- password = ${PASSWORD}`, PASSWORD],
    [`ALTER LOGIN etl WITH PASSWORD = ${PASSWORD};`, PASSWORD],
    [`-- creds: password = ${PASSWORD}, user = svc`, PASSWORD],
    ['(password = Zq7Hk2pLm9Xw#) and x', 'Zq7Hk2pLm9Xw#'],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    'where token = t.Col2*rate;',
    'where password = Zq7Hk2pLm9Xw and x = 1',
    'where password = password_hash;',
    'select * from t where password = @pw;',
    `where password != ${PASSWORD};`,
    '-- password = hunter2',
  ]);
});

t.test("a list entry's password with both cases and a symbol, no digit; a switch or a header's name stays none", async (t) => {
  const entries = (value: string) => manifest({ nodes: { 'model.p.m': { unique_id: 'model.p.m', resource_type: 'model', config: { meta: { connection_params: [{ name: 'user', value: 'svc' }, { name: 'password', value }] } } } } });
  t.same(scanArtifact(entries('abcdefgh!Xyz')).findings.map((f) => f.detectorId), ['secret-key-name']);
  for (const value of ['USE_SECRETS_MANAGER', 'X-API-Key', 'Drop-Column', 'Read#Only']) t.same(scanArtifact(entries(value)).findings, [], value);
});

t.test("a key's bytes in padded base64 under a key's loose name, a `/` in them; a path there stays none", async (t) => {
  const key = ruleProbe('masking_policy_key');
  key.finds(t, 'config-meta', [[KEY, KEY]]);
  key.findsNothing(t, 'config-meta', ['keys/prod/masking_policy.pem', 'policies/Masking/V2/default', 'c3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4']);
});

t.test("a secret manager's reference is where the secret is kept, not the secret", async (t) => {
  ruleProbe('sm_password').findsNothing(t, 'config-meta', ['secretsmanager:prod/db', 'secretmanager:projects/p/secrets/db', 'doppler:prd/DB_PASSWORD']);
});
