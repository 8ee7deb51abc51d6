/**
 * Red team 121 (false positives in what dbt packages and adapters put in artifacts: 241 decoys, 15 reported, all
 * secret-key-name's under a secret's name in meta, config and external options): a role's or a storage integration's
 * setting under `credentials`, a secret manager's two-part name, a reference in a scheme that names a store, and a URL
 * with an empty password. A real secret under the same names is still found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test("a role's or an integration's setting under credentials: who the store trusts, no key", async (t) => {
  const settings = [
    'aws_iam_role=arn:aws:iam::123456789012:role/RedshiftCopy',
    'aws_role=arn:aws:iam::123456789012:role/SnowflakeS3Reader',
    "(aws_role='arn:aws:iam::123456789012:role/SnowflakeUnload')",
    'storage_integration=s3_acme_raw_int',
  ];
  ruleProbe('credentials').findsNothing(t, 'config-meta', settings);
  ruleProbe('credentials').findsNothing(t, 'locations-urls', settings);
  // a key pair so written is one
  const keys = "aws_key_id='AKIAZ7Q3XK2MVB4WNP6R' aws_secret_key='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'";
  t.same(ruleProbe('credentials').found(keys, 'config-meta'), ['AKIAZ7Q3XK2MVB4WNP6R', 'kT9xQ2mLp7vWz4NbR8sYc3HfJ6dGa1Ue5iOq0PtX']);
});

t.test("a secret manager's two-part name, a store's scheme, a scope and a key: where the secret is kept", async (t) => {
  ruleProbe('secret').findsNothing(t, 'config-meta', ['integrations/stripe', 'stripe/api', 'dbt-prod.vendor-token', 'scope=dbt,key=vendor-token']);
  ruleProbe('token').findsNothing(t, 'config-meta', ['dbt/cloud']);
  ruleProbe('api_key').findsNothing(t, 'config-meta', ['vendor/prod']);
  ruleProbe('password').findsNothing(t, 'config-meta', ['gcp-secret-manager://dbt-password']);
  ruleProbe('client_secret').findsNothing(t, 'config-meta', ['azure-keyvault:acme-kv/dbt-sp-secret']);
  // under a password's name, two words so joined may be a person's password; a generated secret is found
  ruleProbe('password').finds(t, 'config-meta', [['snowflake/dbt_svc', 'snowflake/dbt_svc']]);
  ruleProbe('secret').finds(t, 'config-meta', [['Xk9mPq2vLr7wNs4t', 'Xk9mPq2vLr7wNs4t']]);
});

t.test('a URL with an empty password under a password\'s name: no secret', async (t) => {
  ruleProbe('empty_pw').findsNothing(t, 'config-meta', ['postgres://reader:@localhost/app']);
  ruleProbe('db_password').finds(t, 'config-meta', [['postgres://reader:Xk9mPq2vLr7wNs4t@localhost/app', 'Xk9mPq2vLr7wNs4t']]);
});
