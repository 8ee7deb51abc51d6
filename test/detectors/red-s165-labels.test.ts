/**
 * Red team 165 (a BigQuery shop, blind): under the name of a credential a vendor issues (a token, an API key, an app's
 * client secret), words of a team's name joined by hyphens are a label or a team's name, as BigQuery's labels and owners
 * in meta are written; review 167: words of a team's name only, and only as a key's value (secret-key-name). A password, a key a person may choose (`secret_key`, `signing_key`, a JWT's or a webhook's secret) so written
 * is a passphrase and stays reported; random letters so grouped, and a token beside the labels, too.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test("words joined by hyphens under a token's, an API key's or a client secret's name are a label", async (t) => {
  for (const [key, value] of [
    ['labels_token', 'team-data'],
    ['slack_token', 'data-platform'],
    ['api_key', 'finance-ops'],
    ['client_secret', 'team-growth'],
    ['datadog_api_key', 'bi-reporting'],
    ['looker_client_secret', 'marketing-analytics-team'],
    // a vendor's name that holds a chosen key's word is no chosen key's name (review 168)
    ['pinterest_token', 'growth-marketing'],
    ['pingdom_api_key', 'infra-ops'],
    ['shopify_shipping_api_key', 'logistics-team'],
    ['vaultspeed_api_key', 'data-platform'],
  ] as const) ruleProbe(key).findsNothing(t, 'config-meta', [value]);
});

t.test('a passphrase under a password or a key a person chooses, random letters, a token: still reported', async (t) => {
  for (const [key, value] of [
    ['db_password', 'correct-horse-battery'],
    ['secret_key', 'purple-monkey-dishwasher'],
    ['signing_key', 'blue-lemon-tiger'],
    ['jwt_secret', 'rocket-pepper-dishwasher'],
    ['webhook_secret', 'team-growth-ops'],
    ['github_token', 'xkqz-pwvt-mnbr-qhrt'],
    ['api_key', 'Zk8QvX9pgT4wRmN3bL5cD7fH'],
    ['slack_token', 'data-platform-7Xq2'],
    // words that name no team: a passphrase (red team 46's), under any name; one team word among others (review 167)
    ['api_key', 'correct-horse-battery-staple'],
    ['slack_token', 'blue-lemon-tiger'],
    ['api_key', 'purple-monkey-security-dishwasher'],
    ['api_key', 'data-xkqzpwvtmnbrqhrtjl'],
    ['slack_token', 'data-platform-xkqz'],
    ['client_secret', 'ops-qwhtzmkrvbnplxds'],
    // a token a person chooses, an environment variable's name (what the run was given)
    ['webhook_token', 'data-platform'],
    ['admin_token', 'finance-ops'],
    ['pwd_token', 'team-data'],
    ['DATADOG_API_KEY', 'bi-reporting'],
    // an environment variable's name in any case (review 168)
    ['DBT_ENV_CUSTOM_ENV_slack_token', 'data-platform'],
    ['dbt_env_secret_api_key', 'finance-ops'],
  ] as const) ruleProbe(key).finds(t, 'config-meta', [[value, value]]);
});

t.test('a label only in meta: in SQL, code and the run\'s environment such a value stays reported (review 167)', async (t) => {
  ruleProbe('compiled_code').finds(t, 'compiled-code', [["select * from api_calls where api_key = 'data-platform'", 'data-platform']]);
  ruleProbe('DBT_ENV_CUSTOM_ENV_SLACK_TOKEN').finds(t, 'env-metadata', [['data-platform-ops', 'data-platform-ops']]);
  ruleProbe('DBT_ENV_SECRET_API_KEY').finds(t, 'env-metadata', [['finance-ops', 'finance-ops']]);
});
