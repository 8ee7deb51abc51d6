/**
 * Red team 130 (false positives in what dbt packages and real projects write: 514 decoys, 27 false positives; 12 of 12
 * sanity secrets found): a pointer where a secret is kept, under a secret's name, was reported as the secret.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

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
