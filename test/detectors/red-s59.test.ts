/**
 * Session 59: environment variables named for keys the vocabulary did not hold (red team 58's misses): a key that
 * encrypts (AES_KEY, CIPHER_KEY, CRYPTO_KEY, a key-encryption key KEK), a deployment's key (Convex's
 * CONVEX_DEPLOY_KEY), the Bitwarden CLI's unlocked vault (BW_SESSION) and a credential by its short name (DB_CRED).
 * Not a bare `_KEY` after any word: in dbt that is a join's or a partition's key.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const RANDOM = 'Zk3pQ8rT2vX7mN4bL9sD1fG6hJ0kW5eR';
const env = (name: string) => ruleProbe(`DBT_ENV_CUSTOM_ENV_${name}`);

t.test('keys that encrypt, deploy or unlock, and credentials by short names, in metadata.env', async (t) => {
  env('AES_KEY').finds(t, 'env-metadata', [['9f8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c', '9f8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c']]);
  env('WAREHOUSE_CIPHER_KEY').finds(t, 'env-metadata', [[RANDOM, RANDOM]]);
  env('CRYPTO_KEY').finds(t, 'env-metadata', [[RANDOM, RANDOM]]);
  env('KEK').finds(t, 'env-metadata', [[RANDOM, RANDOM]]);
  env('CONVEX_DEPLOY_KEY').finds(t, 'env-metadata', [[`prod:${RANDOM}`, `prod:${RANDOM}`]]);
  env('BW_SESSION').finds(t, 'env-metadata', [[`${RANDOM}+ab/cd==`, `${RANDOM}+ab/cd==`]]);
  env('DB_CRED').finds(t, 'env-metadata', [['hunter2hunter', 'hunter2hunter']]);
  env('CRED').finds(t, 'env-metadata', [[RANDOM, RANDOM]]);
});

t.test('a key of data under such names is none, nor a placeholder', async (t) => {
  env('PARTITION_KEY').findsNothing(t, 'env-metadata', ['event_date', RANDOM]);
  env('S3_KEY').findsNothing(t, 'env-metadata', ['raw/events/2024/part-0001.parquet']);
  env('AES_KEY').findsNothing(t, 'env-metadata', ['not_set', '<your-aes-key>', '${AES_KEY}']);
  env('DEPLOY_KEY_PATH').findsNothing(t, 'env-metadata', ['/home/ci/.ssh/deploy_key']);
  env('CRED').findsNothing(t, 'env-metadata', ['changeme']);
});

t.test('a random token with few digits under a loose name (auth, access) is a token, not a name made of words', async (t) => {
  // red team 59: a Hightouch token read from a variable of no secret's name, rendered after `auth =`; runs of
  // random letters (Skrjfb, VDGEC, XRNLO) were counted as words, as for one token in forty of 40 characters
  const sql = ruleProbe('compiled_code');
  const meta = ruleProbe('access');
  for (const token of ['sVMsxFbbSkrjfbVDGEC4sXRNLORdD6lWUWF4TisL', 'FCLTZXFYGkwrcmTXtfJtmY3O', 'rMEVvreXPD3zkfy9zmItOzzu', 'YfBxdpluzjaWMSXkNHjAspz4']) {
    sql.finds(t, 'compiled-code', [[`select * from external_query('p.eu.ht', '''select * from sync_runs where auth = "${token}"''')`, token]]);
    meta.finds(t, 'config-meta', [[token, token]]);
  }
  // names made of words and a version stay names
  for (const name of ['AzureDefaultCredential2024', 'OAuth2ClientCredentials', 'StrengthTesting2024', 'ManagedIdentityCredentialV2']) {
    sql.findsNothing(t, 'compiled-code', [`select * from sync_runs where auth = '${name}'`]);
    meta.findsNothing(t, 'config-meta', [name]);
  }
});

t.test("a PagerDuty integration's URL and an Open Exchange Rates App ID, where red team 59 put them", async (t) => {
  const key = '7c3c635e5845eaaa5e84b676b9ce6975';
  ruleProbe('url').finds(t, 'locations-urls', [[`https://events.pagerduty.com/integration/${key}/enqueue`, key]]);
  ruleProbe('description').finds(t, 'free-text', [[`Pages the on-call through https://events.eu.pagerduty.com/integration/${key}/enqueue when the close is late.`, key]]);
  ruleProbe('url').findsNothing(t, 'locations-urls', ['https://events.pagerduty.com/integration/<integration-key>/enqueue', 'https://events.pagerduty.com/v2/enqueue']);
  const appId = '4f027ae1eb7128b0571363f008a9d7d7';
  const sql = `select * from url('https://openexchangerates.org/api/latest.json?app_id=${appId}&base=USD', 'JSONAsString')`;
  ruleProbe('raw_code').finds(t, 'raw-code', [[sql, appId]]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[sql, appId]]);
  ruleProbe('OXR_APP_ID').finds(t, 'env-metadata', [[appId, appId]]);
  ruleProbe('raw_code').findsNothing(t, 'raw-code', [
    "select * from url('https://openexchangerates.org/api/latest.json?app_id={{ env_var(\"OXR_APP_ID\") }}&base=USD', 'JSONAsString')",
    // an app's id elsewhere is an id (Facebook's, Algolia's are public)
    `select * from events where app_id = '${appId}'`,
  ]);
});

t.test("keys published by design: a Shopify app's API key (its client id), Algolia's search API key", async (t) => {
  // red team 59's one false finding: SHOPIFY_API_KEY in metadata.env, six times (the four artifacts and the page)
  const id = '4f027ae1eb7128b0571363f008a9d7d7';
  for (const name of ['SHOPIFY_API_KEY', 'ALGOLIA_SEARCH_API_KEY', 'NEXT_PUBLIC_ALGOLIA_SEARCH_API_KEY']) env(name).findsNothing(t, 'env-metadata', [id]);
  // the secrets beside them, and a key of another kind, still are
  env('SHOPIFY_API_SECRET').finds(t, 'env-metadata', [[`shpss_${id}`, `shpss_${id}`]]);
  env('SHOPIFY_API_KEY').finds(t, 'env-metadata', [[`shpat_${id}`, `shpat_${id}`]]);
  for (const name of ['SHOPIFY_ADMIN_API_KEY', 'ALGOLIA_API_KEY', 'ALGOLIA_ADMIN_API_KEY', 'BING_SEARCH_API_KEY']) env(name).finds(t, 'env-metadata', [[id, id]]);
});
