/**
 * Session 66: red team 76 planted secrets in a manifest's `meta` and `metadata.env` under names the key grammar did not
 * know: "password" in more languages and abbreviations, a random token under a bare `pass`, credentials that are no
 * passwords (a web session's id, a session cookie, recovery codes, a TOTP seed, a salt that PII is hashed with), and a
 * vendor's REST key that is a UUID; and one name that was read as a secret's though it says `public`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

const PASSWORD = 'Lantern-kestrel42#';

t.test("password words of more languages, and password's abbreviations", async (t) => {
  for (const name of ['contrasenya', 'contrasenya_bd', 'parool', 'pasahitza', 'db_pasahitza', 'كلمة_المرور', 'كلمة_السر', 'mật_khẩu', 'mat_khau_db', 'pswd', 'psw', 'pword', 'db_pswd', 'dbPword']) {
    ruleProbe(name).finds(t, 'config-meta', [[PASSWORD, PASSWORD]]);
  }
  for (const name of ['PSW', 'PWORD', 'DBT_ENV_CUSTOM_ENV_PSWD', 'PAROOL']) ruleProbe(name).finds(t, 'env-metadata', [['Comet_walnut63!', 'Comet_walnut63!']]);
  // what the name points at, not the password
  for (const name of ['pswd_path', 'contrasenya_hint', 'psw_policy']) ruleProbe(name).findsNothing(t, 'config-meta', [PASSWORD]);
  ruleProbe('pswd').findsNothing(t, 'config-meta', ['{{ env_var("DB_PSWD") }}', 'changeme']);
});

t.test('parola and parole alone: a password by its value, a word otherwise', async (t) => {
  for (const name of ['parola', 'parole', 'Parola']) {
    ruleProbe(name).finds(t, 'config-meta', [[PASSWORD, PASSWORD], ['Harborharbor87$', 'Harborharbor87$'], ['Kx7#vLq2!mW9', 'Kx7#vLq2!mW9']]);
    // Italian's and French "word", "words": a word, a greeting, a keyword with a year, a sentence
    ruleProbe(name).findsNothing(t, 'config-meta', ['ciao', 'Benvenuto!', 'Fatturato_2024', 'Covid19', 'parola chiave 2024', 'bonjour', 'mot-clé']);
  }
  ruleProbe('db_parole').finds(t, 'config-meta', [[PASSWORD, PASSWORD]]);
});

t.test('a random token under a bare pass is a secret; a test status or threshold is not', async (t) => {
  const token = 'w0DflWJ82JvG5ueqmOAwpxLOHC2ppuTsMRRBdSio';
  ruleProbe('pass').finds(t, 'config-meta', [[token, token]]);
  ruleProbe('PASS').finds(t, 'env-metadata', [[token, token]]);
  ruleProbe('pass').findsNothing(t, 'config-meta', ['always', 'Cedar!Lake42', 'Tr0ub4dor-9xK2-prod-f', 'q8Zr2vLk9TnWx4Pb', 'all_rows_unique_2024', '0.95', '6be0576ff61c053d5f9a3225e2a90f76', 'tests/generic/not_null_orders.sql']);
});

t.test("a web session's id is a credential; a warehouse session's or a query's id is not", async (t) => {
  const sid = '2kq7yegjzb3bnm8twoxhht48t3ep4hnw';
  for (const name of ['sessionid', 'session_id', 'sessionId', 'django_sessionid']) ruleProbe(name).finds(t, 'config-meta', [[sid, sid]]);
  ruleProbe('PHPSESSID').finds(t, 'env-metadata', [['9c1185a5c5e9fc54612808977ee8f548', '9c1185a5c5e9fc54612808977ee8f548']]);
  ruleProbe('session_id').findsNothing(t, 'config-meta', [
    // Snowflake's session id, a UUID (dbt's, Databricks'), a query's id, BigQuery's session id, hex, a Spark application's id
    '17592186045418',
    '5b3f9c1e-8a2d-4e6f-9b0c-1d2e3f4a5b6c',
    '01b0c6f5-0000-6d2a-0000-a1b2000c4d5e',
    'CgwKCmJpZ3F1ZXJ5LTEyEiQwMDJjNzQyMS00MDE2LTRkOTctOWY2My05MDY2NGEzODRmMGU',
    '9c1185a5c5e9fc54612808977ee8f548',
    'application_1700000000000_0042',
    '20240115_101500_00042_abcde',
  ]);
});

t.test('a cookie that holds a session is a credential; a consent cookie is not', async (t) => {
  const value = '3rmzgp3vmk8Tu5JBt8Tjw5ubkvTM8qNDUgnAea7I';
  ruleProbe('cookie').finds(t, 'config-meta', [[`session=${value}`, value], [`_ga=GA1.2.1234567.1700000000; sessionid=${value}; theme=dark`, value]]);
  ruleProbe('Cookie').finds(t, 'config-meta', [[`JSESSIONID=9C1185A5C5E9FC54612808977EE8F548; Path=/`, '9C1185A5C5E9FC54612808977EE8F548']]);
  ruleProbe('cookie').findsNothing(t, 'config-meta', ['consent=granted; theme=dark', '_ga=GA1.2.1234567.1700000000', 'session=expired', 'strictly necessary cookies only']);
});

t.test('recovery codes, TOTP seeds and a salt that PII is hashed with are secrets in their shape', async (t) => {
  ruleProbe('recovery_code').finds(t, 'config-meta', [['RumZ1bCjAr-ZUyIxGmMj8', 'RumZ1bCjAr-ZUyIxGmMj8']]);
  for (const name of ['backup_code', 'recovery_codes', 'MFA_RECOVERY_CODE']) ruleProbe(name).finds(t, 'config-meta', [['a1b2c-3d4e5', 'a1b2c-3d4e5']]);
  ruleProbe('backup_code').findsNothing(t, 'config-meta', ['nightly', 'BKP01', 'daily_full_v2', 'full backup 2024-01-15', '2024-01-15']);
  const seed = 'L3EQ5MJPYL4YP7E4IOTM5ELGDULHMDUF';
  for (const name of ['otp_seed', 'totp_seed', 'mfa_seed', 'otp_secret', 'TOTP_SEED']) ruleProbe(name).finds(t, 'config-meta', [[seed, seed]]);
  // a sample's or a model's seed
  for (const name of ['seed', 'random_seed', 'sample_seed']) ruleProbe(name).findsNothing(t, 'config-meta', ['42', seed]);
  ruleProbe('otp_seed').findsNothing(t, 'config-meta', ['42', 'enabled']);
  const salt = 'lS8CDFHjo72ucSiSbkStGFpG';
  for (const name of ['pii_salt', 'hash_salt', 'PII_HASH_SALT', 'pepper', 'email_salt']) ruleProbe(name).finds(t, 'config-meta', [[salt, salt]]);
  // a salt stored beside each hash (a column, a user's), and a test's salt
  for (const name of ['salt', 'password_salt', 'user_salt']) ruleProbe(name).findsNothing(t, 'config-meta', [salt]);
  ruleProbe('pii_salt').findsNothing(t, 'config-meta', ['unit-test-salt', 'sha256', '{{ var("pii_salt") }}']);
});

t.test("a vendor's REST key that is a UUID", async (t) => {
  const uuid = '437af627-8d76-4652-87cf-029e471bc049';
  for (const name of ['braze_rest_key', 'BRAZE_REST_API_KEY', 'brazeRestKey']) ruleProbe(name).finds(t, 'config-meta', [[uuid, uuid]]);
  ruleProbe('BRAZE_REST_KEY').finds(t, 'env-metadata', [[uuid, uuid]]);
  // a REST resource's key, not a vendor's
  ruleProbe('rest_key').findsNothing(t, 'config-meta', [uuid]);
});

t.test("a key whose name says public names no secret; a token's format under it stays one", async (t) => {
  for (const name of ['shopify_public_app_key', 'public_key', 'publishable_key', 'public_app_key', 'publicKey', 'PUBLIC_API_KEY', 'stripe_publishable_key', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'NEXT_PUBLIC_MAPBOX_TOKEN', 'EXPO_PUBLIC_API_KEY']) {
    ruleProbe(name).findsNothing(t, 'config-meta', ['1889ac0a83cc538a213d6d41b88837bb', 'Xk9fQ2mL7vR3tY8wZ1bN4cD6']);
  }
  // a secret's own word after `public` stays its name; so does a password under a public prefix (shipped, but a password)
  // (and a token of Segment's Public API, which is its management API)
  for (const name of ['public_api_secret_key', 'NEXT_PUBLIC_DB_PASSWORD', 'NEXT_PUBLIC_API_SECRET', 'public_schema_private_key', 'SEGMENT_PUBLIC_API_TOKEN']) {
    ruleProbe(name).finds(t, 'config-meta', [['Xk9fQ2mL7vR3tY8wZ1bN4cD6', 'Xk9fQ2mL7vR3tY8wZ1bN4cD6']]);
  }
  const openai = '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';
  t.ok(ruleProbe('NEXT_PUBLIC_OPENAI_API_KEY').found(openai, 'config-meta').length > 0, "an OpenAI key under NEXT_PUBLIC_ is still found by its format");
});

t.test("the red team's manifest: each planted secret found whole, by the parsed and the streamed walk alike", async (t) => {
  const planted: Record<string, string> = {
    parola: 'Graniteharbor67*', contrasenya: 'Mosaic.tundra19!', 'كلمة_المرور': 'Juniper-falcon84?', 'mật_khẩu': 'Granite.meadow27@', pswd: 'Comet_walnut63!',
    pass: 'w0DflWJ82JvG5ueqmOAwpxLOHC2ppuTsMRRBdSio', sessionid: '2kq7yegjzb3bnm8twoxhht48t3ep4hnw', recovery_code: 'RumZ1bCjAr-ZUyIxGmMj8',
    otp_seed: 'L3EQ5MJPYL4YP7E4IOTM5ELGDULHMDUF', pii_salt: 'lS8CDFHjo72ucSiSbkStGFpG',
  };
  const cookie = 'session=3rmzgp3vmk8Tu5JBt8Tjw5ubkvTM8qNDUgnAea7I';
  const decoys = { pass: 'always', shopify_public_app_key: '1889ac0a83cc538a213d6d41b88837bb', session_id: '17592186045418', parola: 'ciao' };
  const node = (meta: Record<string, unknown>, columns: Record<string, unknown> = {}) => ({ unique_id: 'model.p.m', resource_type: 'model', name: 'm', meta, columns });
  const file = path.join(tempDir(), 'manifest.json');
  const text = dbtJson(
    manifest(
      { nodes: { 'model.p.m': node({ ...planted, cookie }, { customer_id: { name: 'customer_id', meta: { braze_rest_key: '556ad5bf-d48c-4c3f-9792-3f50bc4d992d' } } }), 'model.p.d': { ...node(decoys), unique_id: 'model.p.d', name: 'd' } } },
      { PSW: 'Ember-pebble45$', DBT_ENV_CUSTOM_ENV_PSWD: 'Thistle.cobalt72^' },
    ),
  );
  writeFileSync(file, text);
  const expected = [...Object.values(planted), cookie.slice('session='.length), '556ad5bf-d48c-4c3f-9792-3f50bc4d992d', 'Ember-pebble45$', 'Thistle.cobalt72^'].sort();
  for (const stream of [false, true]) {
    const found = scan({ paths: [file], stream, jobs: 1 }).findings.map((f) => text.slice(f.charOffset!, f.charOffset! + f.charLength!));
    t.same([...new Set(found)].sort(), expected, stream ? 'streamed' : 'parsed');
  }
});

t.test("a UUID in the comment of a vendor's key column is the key; in another secret column's, an id", async (t) => {
  const uuid = '4f772c51-e672-4bcb-853e-0a78c2cf5b3d';
  const column = (name: string, comment: string) => ({ type: 'varchar', index: 1, name, comment });
  const catalog = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.8.7', generated_at: '2025-11-03T06:02:11Z', invocation_id: '3f1c2a9e-6b0d-4e8f-9a51-2c7d8e4b1f61', env: {} },
    nodes: {
      'model.p.m': {
        metadata: { type: 'table', schema: 'x', name: 'm', database: 'db', comment: null, owner: null },
        columns: { braze_key: column('braze_key', `REST key ${uuid}`), api_token: column('api_token', 'e.g. 5b3f9c1e-8a2d-4e6f-9b0c-1d2e3f4a5b6c (the request id)') },
        stats: {},
        unique_id: 'model.p.m',
      },
    },
    sources: {},
    errors: null,
  };
  const file = path.join(tempDir(), 'catalog.json');
  const text = dbtJson(catalog);
  writeFileSync(file, text);
  const found = scan({ paths: [file], jobs: 1 }).findings.map((f) => text.slice(f.charOffset!, f.charOffset! + f.charLength!));
  t.same(found, [uuid]);
});
