/**
 * Red team 114: secrets in forms a blind benchmark planted that no detector read. A generator's password after a spaced
 * `=` in a SQL comment, before a statement's `;` or a list's `,`; a list entry's password with no digit. And a reference
 * to a secret manager read as a value. Code's comparisons and paths beside them stay silent; so does padded base64 under
 * a key's loose name (a dimension's key as often: red team 116).
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

t.test("a dimension's `<thing>_key` in a fixture's rows, a literal selected as it, its documented sample: an id, not a key (red team 116)", async (t) => {
  // (dbt-ga4's session_key is to_base64(md5(…)); a KSUID, a nanoid; red team 114's masking_policy_key of a key's 32 bytes is left)
  const ids = ['Dku078MOwSnlADoY6iEDzw==', '0ujsswThIGTUYm2K8FjOOfXtY1K', 'V1StGXR8_Z5jdHi6B-myT'];
  const rows = [...ids.map((id, i) => ({ session_key: id, client_key: id, page_view_key: ids[(i + 1) % 3], account_key: id })), { api_key: 'Tk7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W' }];
  const fixture = scanArtifact(manifest({ unit_tests: { 'unit_test.ga4.sessions.t': { given: [{ input: "ref('stg_ga4__events')", rows, format: 'dict' }] } } }));
  t.same(fixture.findings.map((f) => f.jsonPath.replace(/^.*\]\./, '')), ['api_key'], "a credential's key column stays one");
  const compiled = ruleProbe('compiled_code');
  compiled.findsNothing(t, 'compiled-code', ["select cast('Dku078MOwSnlADoY6iEDzw==' as STRING) as session_key, cast('0ujsswThIGTUYm2K8FjOOfXtY1K' as varchar) as account_key"]);
  compiled.finds(t, 'compiled-code', [["select cast('Tk7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W' as varchar) as api_key", 'Tk7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W']]);
  ruleProbe('masking_policy_key').findsNothing(t, 'config-meta', ['keys/prod/masking_policy.pem', 'policies/Masking/V2/default', KEY]);
});

t.test("a secret manager's reference is where the secret is kept, not the secret", async (t) => {
  ruleProbe('sm_password').findsNothing(t, 'config-meta', ['secretsmanager:prod/db', 'secretmanager:projects/p/secrets/db', 'doppler:prd/DB_PASSWORD']);
});
