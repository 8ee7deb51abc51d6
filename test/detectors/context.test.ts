/**
 * The context detectors (not the token table): each case names the exact secret it must find, or
 * must find nothing. Decoys come from what real dbt artifacts contain.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { isSecretKeyName, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { signedUrlDetector } from '../../src/detectors/signed-urls.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { checkDetector as check } from './detector-cases.js';

check(urlPasswordDetector, [
  { text: 'connection to postgresql://loader:s3cr3t-P4ss@db.internal:5432/raw failed', secrets: ['s3cr3t-P4ss'] },
  { text: 'mongodb+srv://app:Zx9%40qq77@cluster0.mongodb.net/db', secrets: ['Zx9%40qq77'] },
  { text: 'redis://:RedisPw4421@cache:6379/0', secrets: ['RedisPw4421'] },
  { text: 'snowflake://etl:Wh4t3ver!@acme/db/schema?warehouse=wh', secrets: ['Wh4t3ver!'] },
  { text: 'jdbc:mysql://root:My5qlRoot@10.0.0.1:3306/x and https://u:p4ssw0rd9@host/x', secrets: ['My5qlRoot', 'p4ssw0rd9'] },
  { text: 'postgresql://loader@db:5432/raw', secrets: [] },
  { text: 'postgresql://loader:@db:5432/raw', secrets: [] },
  { text: 'postgres://user:${PGPASSWORD}@host/db', secrets: [] },
  { text: "postgres://user:{{ env_var('PW') }}@host/db", secrets: [] },
  { text: 'postgres://user:<password>@host/db', secrets: [] },
  { text: 'postgres://user:password@host/db', secrets: [] },
  { text: 'postgres://user:*****@host/db', secrets: [] },
  { text: 'ssh://git@github.com:22/org/repo.git', secrets: [] },
  { text: 'https://schemas.getdbt.com/dbt/manifest/v12.json', secrets: [] },
]);

check(sqlCredentialDetector, [
  { text: "create user loader with password 'Xk9#mP2vL8'", secrets: ['Xk9#mP2vL8'] },
  { text: "ALTER USER bi IDENTIFIED BY 'Oracle-Pw-2291';", secrets: ['Oracle-Pw-2291'] },
  { text: "create secret s3_prod (type s3, key_id 'AKIA…', secret 'q8Vf2kLm9xPzR4tW', region 'eu-west-1')", secrets: ['q8Vf2kLm9xPzR4tW'] },
  { text: "copy t from 's3://b/k' secret_access_key 'hG7kL2mN9pQ4rS8tV1wX3yZ5aB6cD0eF' session_token 'FQoGZXIvYXdzEJr7tok'", secrets: ['hG7kL2mN9pQ4rS8tV1wX3yZ5aB6cD0eF', 'FQoGZXIvYXdzEJr7tok'] },
  { text: "create user x password '*****'", secrets: [] },
  { text: "create user x password '{{ env_var(\"DBT_ENV_SECRET_PW\") }}'", secrets: [] },
  { text: "select case when kind = 'secret' then 'hidden' end", secrets: [] },
  { text: "select 'password' as label, 'token' as other", secrets: [] },
  { text: "comment on column users.password_hash is 'bcrypt hash'", secrets: [] },
]);

check(assignmentDetector, [
  { text: 'host=db.internal port=5432 user=etl password=Pg-Secret-7731 dbname=raw', secrets: ['Pg-Secret-7731'] },
  { text: 'Driver={ODBC};Server=tcp:x.database.windows.net;Uid=etl;Pwd=Az9!kd02lq;Encrypt=yes', secrets: ['Az9!kd02lq'] },
  { text: 'dbt run --vars \'{"db_password": "hunter2-prod", "limit": 10}\'', secrets: ['hunter2-prod'] },
  { text: '{api_key: 9fK2mQ7xL4pR8sT1, target: prod}', secrets: ['9fK2mQ7xL4pR8sT1'] },
  { text: "client_secret='Qw3rty-Uiop-9911'", secrets: ['Qw3rty-Uiop-9911'] },
  { text: "credentials = (aws_key_id = 'AKIA2E0A8F3B244C9986' aws_secret_key = 'Xq2Lk8Zr0Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2Ru8Ty7')", secrets: ['Xq2Lk8Zr0Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2Ru8Ty7'] },
  { text: "https://bi.acme.io/d/42?access_token=Zt7Qm2Lp9Xv4Rk8N&theme=dark", secrets: ['Zt7Qm2Lp9Xv4Rk8N'] },
  { text: 'password = elementary.generate_password(', secrets: [] },
  { text: 'PASSWORD = $elementary_password', secrets: [] },
  { text: 'password=none', secrets: [] },
  { text: "{% set password = var('pw') %}", secrets: [] },
  { text: 'where password = p.password_hash', secrets: [] },
  { text: 'where token_count == 3', secrets: [] },
  { text: '"password_policy": "strict", "token_column": "user_token"', secrets: [] },
  { text: "password: '{{ env_var(\"DBT_PASSWORD\") }}'", secrets: [] },
  { text: 'password=${DB_PASSWORD}', secrets: [] },
  { text: '"DBT_ENV_SECRET_TOKEN": "*****"', secrets: [] },
  { text: 'unique_key=order_id, surrogate_key: customer_id', secrets: [] },
  { text: 'password_file=/run/secrets/db_password', secrets: [] },
  { text: 'Password: stored in 1Password; secret: hashed-with-bcrypt; token: the session token', secrets: [] },
  { text: 'connect with password=Pg-Secret-7731 from the bastion', secrets: ['Pg-Secret-7731'] },
  { text: "read_csv('https://x.io/d.csv?token=' || getenv('FEED_TOKEN'))", secrets: [] },
  { text: 'https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=etl%40acme.iam.gserviceaccount.com%2F20240101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20240101T000000Z', secrets: [] },
  { text: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf', secrets: [] },
  { text: 'urn:token:Zq8kLm2vX9 and {db_password: Zq8kLm2vX9}', secrets: ['Zq8kLm2vX9'] },
]);

check(secretKeyNameDetector, [
  { key: 'DB_PASSWORD', text: 'Tr0ub4dor&3', secrets: ['Tr0ub4dor&3'] },
  { key: 'snowflakePassword', text: 'correcthorsebatterystaple', secrets: ['correcthorsebatterystaple'] },
  { key: 'API_KEY_PROD', text: '8c1f9e0d2b7a', secrets: ['8c1f9e0d2b7a'] },
  { key: 'db_pass', text: 'letmein99', secrets: ['letmein99'] },
  { key: 'DB_PASSWORD', text: '*****', secrets: [] },
  { key: 'DB_PASSWORD', text: "{{ env_var('X') }}", secrets: [] },
  { key: 'DB_PASSWORD', text: '', secrets: [] },
  { key: 'DB_PASSWORD_FILE', text: '/run/secrets/pw', secrets: [] },
  { key: 'password_policy', text: 'strict-mode', secrets: [] },
  { key: 'token_column', text: 'user_token', secrets: [] },
  { key: 'secret_arn', text: 'arn:aws:secretsmanager:eu-west-1:1:secret:x', secrets: [] },
  { key: 'GIT_SHA', text: '3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', secrets: [] },
  { key: 'unique_key', text: 'order_id', secrets: [] },
  { key: 'DBT_ENV_SECRET_TOKEN', text: '*****', secrets: [] },
]);

check(httpAuthDetector, [
  { text: "http_header 'Authorization: Bearer 7Hk2Lm9Qp4Xz8Rt1Vw3Yb6Nc'", secrets: ['7Hk2Lm9Qp4Xz8Rt1Vw3Yb6Nc'] },
  { text: '"Authorization": "Basic ZXRsOlMzY3JldFBhc3M5OQ=="', secrets: ['ZXRsOlMzY3JldFBhc3M5OQ=='] },
  { text: 'Authorization: Bearer <token>', secrets: [] },
  { text: 'a basic understanding of the model is assumed', secrets: [] },
  { text: 'Bearer ${API_TOKEN}', secrets: [] },
]);

check(signedUrlDetector, [
  {
    text: 'https://acct.blob.core.windows.net/raw/o.parquet?sv=2022-11-02&sp=r&sig=Qm9uZ2xlJTJGc2VjcmV0JTJCc2lnbmF0dXJl%3D',
    secrets: ['Qm9uZ2xlJTJGc2VjcmV0JTJCc2lnbmF0dXJl%3D'],
  },
  { text: 'https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=4f9a0c2e7b1d3f5a8c6e9b2d4f7a1c3e5b8d0f2a4c6e8b1d3f5a7c9e2b4d6f8a', secrets: ['4f9a0c2e7b1d3f5a8c6e9b2d4f7a1c3e5b8d0f2a4c6e8b1d3f5a7c9e2b4d6f8a'] },
  { text: 'https://acct.blob.core.windows.net/raw?sig=<signature>', secrets: [] },
  { text: 'abfss://raw@acct.dfs.core.windows.net/orders/', secrets: [] },
]);

t.test('secret key names', async (t) => {
  for (const k of ['password', 'DB_PASSWORD', 'apiKey', 'client-secret', 'GITHUB_TOKEN', 'sas_token', 'private_key', 'SLACK_WEBHOOK_URL', 'pg_pass', 'DB_PASSWORD_PROD']) {
    t.ok(isSecretKeyName(k), k);
  }
  for (const k of ['password_policy', 'token_column', 'secret_arn', 'unique_key', 'primary_key', 'pass', 'key', 'tokens_used', 'kms_key_name', 'sort_key', 'DB_PASSWORD_FILE']) {
    t.notOk(isSecretKeyName(k), k);
  }
});


t.test('a user and password pair as a list under an auth key: the second element, when it reads like a password', async (t) => {
  const find = (key: string, index: number | undefined, value: string) => secretKeyNameDetector.detect(value, { key, index }).map((m) => value.slice(m.start, m.end));
  t.same(find('auth', 1, 'Gx7-pL2qW9vR'), ['Gx7-pL2qW9vR'], 'auth: [svc, …]');
  t.same(find('http_auth', 1, 'N1ghtly-L0ader'), ['N1ghtly-L0ader'], 'http_auth');
  t.same(find('basicAuth', 1, 'correct1horse'), ['correct1horse'], 'basicAuth');
  t.same(find('auth', 0, 'svc-reporting-2'), [], 'the user');
  t.same(find('auth', 2, 'Gx7-pL2qW9vR'), [], 'a third element');
  t.same(find('auth', undefined, 'Gx7-pL2qW9vR'), [], 'a value right under auth is no pair');
  t.same(find('auth', 1, 'write'), [], 'scopes');
  t.same(find('sso_auth', 1, 'saml2'), [], 'methods');
  t.same(find('proxy_auth', 1, "{{ env_var('PROXY_PASSWORD') }}"), [], 'an env_var() call');
  t.same(find('proxy_auth', 1, '********'), [], 'masked');
  t.same(find('oauth', 1, 'Gx7-pL2qW9vR'), [], 'oauth is not an auth pair');
  t.same(find('credentials', 1, 'Gx7-pL2qW9vR'), ['Gx7-pL2qW9vR'], 'a secret-named key still reads every element');
});
