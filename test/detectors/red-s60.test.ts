/**
 * Session 59's second set (red team 60: a Snowflake project with its semantic layer, Databricks, DuckDB and Postgres;
 * 137 secrets, 484 decoys, most in places earlier sets left out). Decoys reported: dbt.log's `with credentials: host=…
 * user=… password=***** token=*****` (the list's first setting taken for the credentials), a unit test's
 * `DBT_ENV_SECRET_PII_SALT: unit-test-salt`, a fixture's `secret: "shhh"`, a password's SHA-256 under `sha256_pw`,
 * Algolia's search key in a docs block, `lorem-ipsum-dolor-sit-amet`, an unsigned JWT (`alg: none`) and a Kubernetes
 * reference written `valueFrom.secretKeyRef{…}`. Missed: a Twilio auth token in prose after the account's SID.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const message = ruleProbe('message');
const meta = ruleProbe('meta');
const docs = ruleProbe('block_contents');

t.test("dbt.log's connection line: the settings it lists are none; a password it did not scrub is one", async (t) => {
  const line = (password: string) => `Using duckdb connection "master" with credentials: host=warehouse.internal user=svc_dbt password=${password} token=*****`;
  message.findsNothing(t, 'run-messages', [line('*****')]);
  message.finds(t, 'run-messages', [[line('Hx7!kQ2pLm9z'), 'Hx7!kQ2pLm9z']]);
  // a password after `credentials:` that holds a colon is still one
  message.finds(t, 'run-messages', [['credentials: Summer:2024!xQ', 'Summer:2024!xQ']]);
});

t.test("a test's values and filler under secrets' names are none", async (t) => {
  ruleProbe('DBT_ENV_SECRET_PII_SALT').findsNothing(t, 'config-meta', ['unit-test-salt']);
  ruleProbe('secret').findsNothing(t, 'config-meta', ['shhh', 'lorem-ipsum-dolor-sit-amet']);
  ruleProbe('password').findsNothing(t, 'config-meta', ['valueFrom.secretKeyRef{name: dbt-secrets, key: password}', 'hmmm']);
  docs.findsNothing(t, 'free-text', ['Config examples:\n```\nsecret: "lorem-ipsum-dolor-sit-amet"\npassword: "valueFrom.secretKeyRef{name: dbt-secrets, key: password}"\n```']);
  // words joined by dashes are a password still (a passphrase), and a short one of three kinds
  ruleProbe('password').finds(t, 'config-meta', [['correct-horse-battery-staple', 'correct-horse-battery-staple'], ['Ab1x', 'Ab1x']]);
});

t.test("a password's hash by its name is none; a key that signs with the algorithm is one", async (t) => {
  const hash = '3be57002ab7c2fc8cf943f853199191f9a900e3732e122ff0746156c927cb5db';
  for (const name of ['sha256_pw', 'hashed_password', 'md5_password', 'hashed_api_key']) ruleProbe(name).findsNothing(t, 'config-meta', [hash]);
  ruleProbe('comment').findsNothing(t, 'free-text', [`sha256_pw = ${hash}`]);
  ruleProbe('hmac_sha256_secret').finds(t, 'config-meta', [[hash, hash]]);
  ruleProbe('db_password').finds(t, 'config-meta', [['Hx7kQ2pLm9z', 'Hx7kQ2pLm9z']]);
});

t.test("an unsigned JWT is none; Algolia's search key is none; its admin key is one", async (t) => {
  const unsigned = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJkYXNoYm9hcmQiOiAxMiwgImZpbHRlcnMiOiB7InJlZ2lvbiI6ICJFTUVBIn19.';
  ruleProbe('preview_token').findsNothing(t, 'config-meta', [unsigned]);
  docs.findsNothing(t, 'free-text', [`preview_token: "${unsigned}"`]);
  const key = 'eaf1a5119274b36ba715d2466ee566ef';
  docs.findsNothing(t, 'free-text', [`Front-end keys (public): algolia_search=\`${key}\`, ga4=\`G-YS0X7NOYRK\``]);
  docs.finds(t, 'free-text', [[`ALGOLIA_API_KEY=${key}`, key]]);
  meta.finds(t, 'config-meta', [[`algolia_admin_key: ${key}`, key]]);
});

t.test("a Twilio auth token in prose, after the account's SID", async (t) => {
  const token = '3d1f0be9a35dda48a4e36d683b53f498';
  ruleProbe('description').finds(t, 'free-text', [
    [`Daily password-reset counts; spikes are sent by SMS using Twilio account ACb4385d13fe07d27c93175dcef28dafd3 with auth token ${token} (ask #sec-eng before rotating).`, token],
  ]);
});
