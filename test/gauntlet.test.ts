/**
 * A second, adversarial set beside the fixtures: secrets as teams really write them, and decoys
 * that only look like secrets (hashes, ARNs, paths, templates, policy settings). Every secret must
 * be found at its path; no decoy may be reported.
 */
import t from 'tap';
import { manifest, runResults, scanArtifact } from './helpers.js';

const secrets: Record<string, string> = {
  SNOWFLAKE_PASSWORD: 'xK9#mQ2$vL8pR4',
  SF_PWD: 'Winter2024!',
  PG_PASS: 'pgpass-88231',
  DATABRICKS_TOKEN: 'dapi7f3c9a1e5b2d8f4a6c0e9b3d7f1a5c2e',
  AWS_SECRET_ACCESS_KEY: 'wJ8rXUtnFEMI/K7MDENG/bPxRfiCYzQ7w2PLEKEZ',
  MOTHERDUCK_TOKEN: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6ImFuYUBhY21lLmlvIiwic2Vzc2lvbiI6ImFiYzEyMyJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIzNDU2Nzg5MA',
  CONNECTION_STRING: 'Server=tcp:acme.database.windows.net,1433;User ID=etl;Password=Az!9kd02lqQ;Encrypt=True',
  REDSHIFT_URL: 'redshift://admin:R3dsh!ft-pw@acme.abc123.us-east-1.redshift.amazonaws.com:5439/dev',
  JWT_SECRET: 'a8f5f167f44f4964e6c998dee827110c',
  SENDGRID: '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',
};

const decoys: Record<string, string> = {
  GIT_COMMIT: 'b7e23ec29af22b0b4e41da31e868d57226121c84',
  RUN_UUID: '550e8400-e29b-41d4-a716-446655440000',
  TOKEN_TTL: '3600',
  PASSWORD_MIN_LENGTH: '12',
  SECRET_NAME: 'prod/snowflake/etl',
  AUTH_METHOD: 'oauth',
  KEY_VAULT_NAME: 'kv-acme-prod',
  API_KEY_HEADER: 'X-API-Key',
  DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
  SNOWFLAKE_PRIVATE_KEY_PATH: '/secrets/rsa_key.p8',
  DBT_PASSWORD: '{{ env_var("DBT_ENV_SECRET_PASSWORD") }}',
  CI_PIPELINE_ID: '1234567890',
  BUILD_URL: 'https://ci.acme.io/job/dbt/1234/',
  DOCS_URL: 'https://user@docs.acme.io/x',
  SAMPLE_KEY: 'AKIAIOSFODNN7EXAMPLE',
  TOKEN_ENDPOINT: 'https://login.acme.io/oauth2/token',
  PRIMARY_KEY: 'order_id',
  ENCRYPTION_ALGORITHM: 'AES-256-GCM',
  PASSWORD_HASH_ALGO: 'bcrypt',
  DBT_ENV_SECRET_GIT: '*****',
  SLACK_WEBHOOK: 'https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX',
  GITHUB_TOKEN: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  DB_URL: 'postgres://etl:${DB_PASSWORD}@db.internal:5432/dw',
};

const decoyNodes = {
  'model.a.hashes': {
    compiled_code: "select md5(concat(id, 'salt')) as key_hash, sha2(email) from t where api_key_id = 42 and token_type = 'bearer'",
    description: 'Use Authorization: Bearer <token>; passwords are hashed (sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855).',
  },
  'model.a.columns': {
    raw_code: "select * from {{ source('crm','users') }} where password is not null and secret_question <> ''",
    compiled_code: "select * from raw.crm.users where password is not null and secret_question <> ''",
    meta: { owner: 'ana@acme.io', slack_channel: '#data-alerts', pagerduty_key: 'not-set', api_key: '${ACME_API_KEY}' },
    columns: { password_hash: { meta: { masking_policy: 'mask_password' } }, api_token_last4: { meta: { pii: true } } },
  },
  'model.a.templated': {
    compiled_code: "select * from read_csv('https://raw.acme.io/data.csv?token=' || getenv('FEED_TOKEN'))",
    raw_code: "{{ config(pre_hook=\"create secret (type s3, key_id '{{ env_var('AWS_KEY_ID') }}', secret '{{ env_var('DBT_ENV_SECRET_AWS') }}')\") }}",
  },
  'test.a.not_null_users_password_hash.8d5f2a1b3c': { compiled_code: 'select password_hash from users where password_hash is null' },
};

t.test('every realistic secret is found where it is', async (t) => {
  const nodes = {
    'model.a.stage': { compiled_code: "copy into t from 's3://b/p' credentials=(aws_key_id='AKIA4QWERTYUIOPASDFG' aws_secret_key='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')" },
    'model.a.gcs': { compiled_code: "create secret gcs_s (type gcs, key_id 'GOOG1E4FJ2KD8S7A6Q5W3E', secret 'Zx9Cv8Bn7Mq6Wr5Et4Yu3Io2PaSdFgHjKlQw1Er2')" },
  };
  const { findings } = scanArtifact(manifest({ nodes }, secrets));
  for (const key of Object.keys(secrets)) t.ok(findings.some((f) => f.jsonPath === `$.metadata.env.${key}`), `env ${key}`);
  const stage = findings.filter((f) => f.jsonPath.includes('model.a.stage'));
  t.same(stage.map((f) => f.preview), ['AKIA****', 'aws_secret_key=****']);
  t.same(findings.filter((f) => f.jsonPath.includes('model.a.gcs')).map((f) => f.preview), ["secret '****'"]);
});

t.test('no decoy is reported', async (t) => {
  const { findings } = scanArtifact(manifest({ nodes: decoyNodes }, decoys));
  t.same(findings.map((f) => `${f.ruleId}/${f.detectorId} ${f.jsonPath}`), []);
  const run = scanArtifact(
    runResults({
      args: { vars: { start_date: '2024-01-01', token_column: 'user_token', DBT_ENV_SECRET_PW: '*****' }, invocation_command: 'dbt build --select tag:nightly --vars "{start_date: 2024-01-01}"', profiles_dir: '/home/ana/.dbt' },
      results: [{ unique_id: 'model.a.b', status: 'error', message: 'Database Error\n  password authentication failed for user "etl"\n  FATAL: token expired', adapter_response: { query_id: '01b7a6c2-0705-4b3e-0000-2c5d0a1b9e4f', job_id: 'job_Zq8kLm2vX9aBcD', project_id: 'your-project' } }],
    }),
    'run_results.json',
  );
  t.same(run.findings.map((f) => `${f.ruleId}/${f.detectorId} ${f.jsonPath}`), []);
});
