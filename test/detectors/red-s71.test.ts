/**
 * Session 64: red team 71 wrote three realistic projects (fintech on Snowflake, health on BigQuery, e-commerce on
 * Databricks) with 250 secrets and 200 decoys: 245 found, 4 debatable findings. Its misses: Datadog's application key
 * by its own name, a search service's admin key, a PII masking key, a Twilio auth token as the SDK takes it after the
 * account's SID, and two languages' password words (Turkish and Romanian `parola`, French teams' `mdp`).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const DD_APP_KEY = '4f9c2d7e1a8b3c6d5e0f9a2b4c7d1e8f3a6b9c0d';

t.test("Datadog's application key under its name, in env, vars and a URL's query", async (t) => {
  for (const name of ['DD_APPLICATION_KEY', 'DATADOG_APPLICATION_KEY', 'application_key']) ruleProbe(name).finds(t, 'env-metadata', [[DD_APP_KEY, DD_APP_KEY]]);
  ruleProbe('message').finds(t, 'run-messages', [[`GET https://api.datadoghq.com/api/v1/validate?api_key=&application_key=${DD_APP_KEY} returned 403`, DD_APP_KEY]]);
  // a loan application's key is a table's: its values are ids and column names
  ruleProbe('application_key').findsNothing(t, 'config-meta', ['10023', 'loan_application_sk', 'application_id']);
  ruleProbe('application_key_id').findsNothing(t, 'config-meta', [DD_APP_KEY]);
});

t.test("a search service's admin key and a masking key are secrets under their names", async (t) => {
  ruleProbe('admin_key').finds(t, 'config-meta', [['9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c', '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c']]);
  ruleProbe('masking_key').finds(t, 'config-meta', [['q8Xk2LmN4pR7sT1vW3yZ5bD9fH0jK6nQ2rU4wY8aC0E=', 'q8Xk2LmN4pR7sT1vW3yZ5bD9fH0jK6nQ2rU4wY8aC0E=']]);
  ruleProbe('admin_key_hash').findsNothing(t, 'config-meta', ['9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c']);
});

t.test('password words of Turkish, Romanian and French teams name a password', async (t) => {
  for (const name of ['db_parola', 'SNOWFLAKE_PAROLA', 'DB_MDP', 'mdp']) ruleProbe(name).finds(t, 'cli-vars', [['Kx7#vLq2!mW9', 'Kx7#vLq2!mW9']]);
  // alone, Italian's "word": a password only in a password's shape (red team 76, red-s76-names.test.ts)
  ruleProbe('parola').findsNothing(t, 'cli-vars', ['ciao', 'Benvenuto!']);
  ruleProbe('parola').finds(t, 'cli-vars', [['Kx7#vLq2!mW9', 'Kx7#vLq2!mW9']]);
  ruleProbe('db_parola').findsNothing(t, 'cli-vars', ['{{ env_var("DB_PAROLA") }}']);
});

t.test("a Twilio auth token as the SDK takes it, after the account's SID", async (t) => {
  const token = 'ef3d5efc7d85686ecd7d43b81ba96bae';
  const code = (second: string) => `from twilio.rest import Client\n\ndef model(dbt, session):\n    client = Client("AC8c1f3e7a2b9d4c6e0f5a1b3c7d9e2f4a", ${second})\n    return session.table("raw.sms")\n`;
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[code(`"${token}"`), token], [code(`'${token}'`), token]]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [code('os.environ["TWILIO_AUTH_TOKEN"]'), code('dbt.config.get("twilio_token")')]);
  // the import elsewhere (a model that receives the client's class): the SID before it says whose token it is
  const alone = `client = Client("ACdd600d8329234f770909b44995f67760", "${token}")
requests.post("https://api.acme.io")`;
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[alone, token]]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [`client = Client("ACdd600d8329234f770909b44995f67760", os.environ["TOKEN"])`]);
});
