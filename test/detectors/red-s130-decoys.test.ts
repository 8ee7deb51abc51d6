/**
 * Red team 130 (false positives in what dbt packages and real projects write: 514 decoys, 27 false positives; 12 of 12
 * sanity secrets found): a pointer where a secret is kept, under a secret's name, was reported as the secret.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';
import { columnSampleDetector } from '../../src/detectors/column-samples.js';

t.test('a pointer to where the secret is kept: a file to read it from, a store in a short scheme, a note that says see', async (t) => {
  ruleProbe('password').findsNothing(t, 'config-meta', [
    'see secret/data/dbt/prod#password',
    '(see 1Password: Snowflake svc_dbt)',
    'same as staging',
    '@/run/secrets/snowflake_password',
    '@pw.txt',
    'azure-kv://acme-kv/snowflake-password',
  ]);
  ruleProbe('api_key').findsNothing(t, 'config-meta', ['aws-sm://prod/stripe/api_key']);
  ruleProbe('secret').findsNothing(t, 'config-meta', ['gcp-sm://projects/acme/secrets/dbt/versions/latest']);
  ruleProbe('description').findsNothing(t, 'free-text', ['vault kv put secret/dbt/prod password=@pw.txt']);
  // a password that begins with `@` or `see` names no file and no place
  ruleProbe('password').finds(t, 'config-meta', [
    ['@Kx9mQ2vLp7w', '@Kx9mQ2vLp7w'],
    ['seeKx9mQ2vLp7w', 'seeKx9mQ2vLp7w'],
  ]);
});

t.test("a Sentry DSN's public key, a web beacon's or Pendo's snippet key: published by design", async (t) => {
  const description = ruleProbe('description');
  description.findsNothing(t, 'free-text', [
    'Errors go to https://8f3b2c1d9e7a4b6c8d0e2f4a6b8c0d1e@o450000.ingest.sentry.io/5512345.',
    'DSN https://Ab3dE5fG7hJ9kL1mN3pQ@o12345.ingest.sentry.io/1',
    'Self-hosted: https://8f3b2c1d9e7a4b6c8d0e2f4a6b8c0d1e@sentry.acme.example/3',
  ]);
  ruleProbe('sentry_dsn').findsNothing(t, 'config-meta', ['https://8f3b2c1d9e7a4b6c8d0e2f4a6b8c0d1e@o450000.ingest.sentry.io/5512345']);
  // a token as a clone URL's user is still one, in any scheme
  description.finds(t, 'free-text', [
    ['clone https://Ab3dE5fG7hJ9kL1mN3pQx7Yz@git.acme.io/org/repo.git', 'Ab3dE5fG7hJ9kL1mN3pQx7Yz'],
    ['pip install git+https://Ab3dE5fG7hJ9kL1mN3pQx7Yz@git.acme.io/org/12', 'Ab3dE5fG7hJ9kL1mN3pQx7Yz'],
  ]);
  ruleProbe('cloudflare_beacon_token').findsNothing(t, 'config-meta', ['8f3b2c1d9e7a4b6c8d0e2f4a6b8c0d1e']);
  ruleProbe('pendo_api_key').findsNothing(t, 'config-meta', ['8f3b2c1d-9e7a-4b6c-8d0e-2f4a6b8c0d1e']);
  for (const key of ['pendo_integration_key', 'pendo_secret_key']) ruleProbe(key).finds(t, 'config-meta', [['Qv3nLx8KmR2pZt7WbY4cHd9J', 'Qv3nLx8KmR2pZt7WbY4cHd9J']]);
});

t.test("a column's sample that its description says is a hash: the hash's sample", async (t) => {
  const sample = (column: string, text: string) => columnSampleDetector.detect(text, { key: 'description', parent: column }).map((m) => text.slice(m.start, m.end));
  t.same(sample('auth_token', 'Hex-encoded SHA-256 of the token, e.g. ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'), []);
  t.same(sample('secret', 'HMAC-SHA256 digest, e.g. d4735e3a265e16eee03f59718b9b5d03019c07d8b6c5f64bb2a2a2a8c3a0f7c1'), []);
  t.same(sample('session_token', 'md5 of session id, e.g. 03c7c0ace395d80182db07ae2c30f034'), []);
  t.same(sample('token', 'Hashed (sha1), e.g. 356a192b7913b04c54574d18c28d46e6395428ab'), []);
  // a sample the prose does not call a hash is the secret's
  const key = '6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b';
  t.same(sample('api_key', `Sample from prod: ${key}`), [key]);
});
