/**
 * Review 153 of the day's mends: a DSN setting named for a file or a path holds no credential only when its value is a
 * path (`token_file=<token>` is a token); the clouds' sign-in modes with hyphens or capitals are settings under a name
 * that is no password's (`DB_PASSWORD=Instance-Profile` is a weak password); a user-and-password label splits off a user
 * only where one is written (`user/password: Xk9…/ab` is one password); a fallback after `or` is no operand of a
 * comparison; a quoted passphrase is no state, filler or textbook example. And red team 154: Python's string prefixes
 * (`password=b"…"` in a traceback's source line).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const TOKEN = 'Hq7vN2xPm4Lk9Rz3Tb';
const PASSWORD = 'Kq8#Lm2vTz9!pW';

t.test("a DSN's setting named for a file or a path: no credential only when its value is a path", async (t) => {
  const probe = ruleProbe('dsn');
  probe.finds(t, 'config-meta', [
    [`snowflake://dbt_svc@acme-eu1/ACME_PROD?token_file=${TOKEN}`, `snowflake://dbt_svc@acme-eu1/ACME_PROD?token_file=${TOKEN}`],
    [`snowflake://dbt_svc@acme-eu1/ACME_PROD?secret_path=${TOKEN}`, `snowflake://dbt_svc@acme-eu1/ACME_PROD?secret_path=${TOKEN}`],
  ]);
  probe.findsNothing(t, 'config-meta', [
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_file=/secrets/rsa_key.p8',
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_path=~/keys/rsa_key.p8',
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_file=./rsa_key.p8',
  ]);
});

t.test("a sign-in mode with hyphens is a setting under a credentials key, a weak password under a password's", async (t) => {
  ruleProbe('DB_PASSWORD').finds(t, 'env-metadata', [
    ['Instance-Profile', 'Instance-Profile'],
    ['Service-Principal', 'Service-Principal'],
  ]);
  ruleProbe('DB_PASSWORD').findsNothing(t, 'env-metadata', ['externalbrowser']);
  ruleProbe('credentials').findsNothing(t, 'config-meta', ['Instance-Profile', 'workload-identity']);
});

t.test("a user-and-password label splits off a user only where one is written", async (t) => {
  ruleProbe('description').finds(t, 'free-text', [
    ['user/password: Xk9mQ2vLp7wR4tZ8/ab', 'Xk9mQ2vLp7wR4tZ8/ab'],
    ['user/password: s3cr3t-Pa55:x', 's3cr3t-Pa55:x'],
    ['user/password: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq7KLpW2vXnAb', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq7KLpW2vXnAb'],
    ['login/password: LOOKER_SVC:Tr0pic-Thunder-42', 'Tr0pic-Thunder-42'],
  ]);
});

t.test('a fallback after or is no operand of a comparison', async (t) => {
  const probe = ruleProbe('compiled_code');
  probe.findsNothing(t, 'compiled-code', [
    "select * from t where has_password or 'Q1-2024/FY!' = fiscal_label",
    `{% if password or '${TOKEN}' in allowed %}`,
    `select 1 where api_token or '${TOKEN}' like 'x%'`,
  ]);
  probe.finds(t, 'compiled-code', [
    [`{% set pwd = password or '${PASSWORD}' -%}`, PASSWORD],
    [`{{ password or '${PASSWORD}' }}`, PASSWORD],
    [`pwd = os.getenv('PW', None) or '${PASSWORD}'  # fallback`, PASSWORD],
    [`{% set pwd = env_var('SNOW_PW', '') or '${PASSWORD}' %}`, PASSWORD],
  ]);
});

t.test('a quoted passphrase is no state, filler or textbook example', async (t) => {
  const probe = ruleProbe('description');
  for (const phrase of ['pending security review', 'still being decided', 'sent over slack', 'foo bar baz', 'lorem ipsum dolor sit', 'correct horse battery staple', 'one two three four']) {
    t.same(probe.found(`The GPG passphrase for the export is '${phrase}'.`, 'free-text'), [], phrase);
  }
});

t.test("Python's string prefixes before a secret's literal", async (t) => {
  const probe = ruleProbe('message');
  probe.finds(t, 'run-messages', [
    [`  File "models/load.py", line 12, in model\n    conn = connect(password=b"${PASSWORD}")`, PASSWORD],
    [`secret = rb'${PASSWORD}'`, PASSWORD],
  ]);
  // (not an f-string's: its fields are code, review 155)
  probe.findsNothing(t, 'run-messages', ['token=f"{tok}"', 'password=f"{user}_{env}_2024"', 'password=bar', 'password=b']);
});
