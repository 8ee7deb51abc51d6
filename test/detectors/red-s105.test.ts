/**
 * Red team 105: what this session's earlier mends silenced or reported wrongly. Each case names the exact secret, or none;
 * the values are made up for these tests.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const PW = 'Vq4#nZ8tLw2pXk7m';
const HASH = 'ad96c0b2f6aed63445dd7da4607a4b93';

t.test("code's `!=` in a condition: the literal a secret is checked against is that secret", async (t) => {
  const { finds, findsNothing } = ruleProbe('compiled_code');
  finds(t, 'compiled-code', [
    [`def model(dbt, session):\n    password = os.environ.get('PARTNER_SFTP_PASSWORD', '')\n    if password != '${PW}':\n        raise ValueError('wrong')`, PW],
    [`    elif api_secret != "${PW}":`, PW],
    [`    while token != '${PW}' and retries < 3:`, PW],
  ]);
  // SQL's filters stay silent: a clause's `!=`, `<>` and `not in`; SQL's IF( function; a SQL string an `if` runs
  findsNothing(t, 'compiled-code', [
    `select * from t where _loader_token <> '${HASH}'`,
    `select * from t where segment_write_key != 'Y7kYCkSarWpNKAv4aO5F7E4Vr8eRsoTr'`,
    `select * from t where token not in ('${PW}')`,
    `select if(api_key != '${PW}', 1, 0) as k from t`,
    `if full_refresh: rows = session.sql("select * from t where password != '${PW}'")`,
  ]);
  ruleProbe('filter').findsNothing(t, 'free-text', [`_sdc_batched_at > '2020-01-01' and _loader_token != '${HASH}'`]);
  ruleProbe('msg').finds(t, 'run-messages', [[`15:02:11      assert api_secret != '${PW}', 'default api secret still in use'`, PW]]);
});

t.test('a version or a rotation of a key, written after it, is the key; its attributes stay silent', async (t) => {
  const sql = ruleProbe('compiled_code');
  const KEY = 'y3d5jdAZldgZ8P42DxjBgy4AB5mLKqDTGMAaNACG';
  sql.finds(t, 'compiled-code', [
    [`-- New version of the API key: ${KEY}\nselect 1`, KEY],
    [`-- Version of the API key: ${KEY}\nselect 1`, KEY],
    [`-- Rotated version of the token: ${KEY}\nselect 1`, KEY],
    [`-- Latest rotation of the API key: ${KEY}\nselect 1`, KEY],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    '-- Version of the API key: v2\nselect 1',
    '-- Rotation date of the API key: 2026-11-01\nselect 1',
    '-- Id of the API key: 7f3e2a8c-1e4b-4d5e-8f6a-9b0c1d2e3f4a\nselect 1',
    '-- Hash of the API key: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\nselect 1',
    '-- Fingerprint of the deploy key: SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8\nselect 1',
    '-- Scope of the token: read:orders write:refunds\nselect 1',
    '-- Last four of the token: 9f3a\nselect 1',
    '-- Prefix of the token: ghp_\nselect 1',
    '-- Status of the API key: active\nselect 1',
  ]);
});

t.test("a password hash after `password = ` mid-line is what the account stores, not its password", async (t) => {
  const sql = ruleProbe('compiled_code');
  sql.findsNothing(t, 'compiled-code', [
    '-- legacy Django users still have password = sha1$TMQg9$8b45e1f5621c8cbe975ef3ac5086fb8cfcd56437 style hashes;\nselect 1',
    '-- others password = pbkdf2_sha256$260000$Qm7vR2kL9pXw$V2hhdGV2ZXIgdGhpcyBpcyBhIGhhc2ggb2Yx= (silent)\nselect 1',
  ]);
  const log = ruleProbe('msg');
  log.findsNothing(t, 'run-messages', [
    '10:15:02  Failure in test: got row id = 43 username = bo password = SCRAM-SHA-256$4096:Zm9vYmFyYmF6cXV4$Ab3dEf9Gh2Ij4Kl6Mn8Op0Qr2St4Uv6Wx8Yz0Ab2Cd=:Xy7Wv5Ut3Sr1Qp9On7Ml5Kj3Ih1Gf9Ed7Cb5Az3Yx1= is_staff = false',
  ]);
  // a generated password there is still found, and one that only begins as a hash's scheme
  log.finds(t, 'run-messages', [
    ['10:15:02  Failure in test: got row id = 44 username = cy password = Wq8vLm2xRt^9zKp4nBc7dFg1h is_staff = false', 'Wq8vLm2xRt^9zKp4nBc7dFg1h'],
    ['10:15:02  Failure in test: got row id = 45 username = di password = sha1$Wq8vLm2xRt^9zKp4 is_staff = false', 'sha1$Wq8vLm2xRt^9zKp4'],
  ]);
});

t.test("a DSN's empty password is none; one with a `<` or `>` in it is reported at its own span", async (t) => {
  const log = ruleProbe('msg');
  log.findsNothing(t, 'run-messages', [
    '15:02:11  DPY-6005: cannot connect to database (CONNECTION_ID=kq2X9a). dsn=etl/@db.acme.io:1521/ANALYTICS',
    '15:02:11  DPY-6005: cannot connect to database (CONNECTION_ID=kq2X9a). dsn=etl/%s@db.acme.io:1521/ANALYTICS',
    "15:02:11  DPY-6005: cannot connect to database (CONNECTION_ID=kq2X9a). dsn=etl/{{ env_var('ORA_PW') }}@db.acme.io:1521/ANALYTICS",
    '15:02:11  DPY-6005: cannot connect to database (CONNECTION_ID=kq2X9a). dsn=etl/<redacted>@db.acme.io:1521/ANALYTICS',
    '15:02:11  connecting with dsn=etl/<redacted>@db.acme.io/ANALYTICS',
  ]);
  log.finds(t, 'run-messages', [
    ['15:02:11  DPY-6005: cannot connect to database (CONNECTION_ID=kq2X9a). dsn=etl/<54mqf%sw0jEyK@db.acme.io:1521/ANALYTICS', '<54mqf%sw0jEyK'],
    ['15:02:11  DPY-6005: cannot connect. dsn=etl/Kp9x<Lm2Q7r@db.acme.io:1521/ANALYTICS', 'Kp9x<Lm2Q7r'],
    ['15:02:11  DPY-6005: cannot connect. dsn=etl/Kp9x>Lm2Q7r@db.acme.io:1521/ANALYTICS', 'Kp9x>Lm2Q7r'],
    // no Oracle error nor port for url-password: password-assignment's own span
    ['15:02:11  connecting with dsn=etl/<54mqf%sw0jEyK@db.acme.io/ANALYTICS', '<54mqf%sw0jEyK'],
  ]);
});

t.test("a SQL comment in a Spark OPTIONS clause hides no property after it", async (t) => {
  const KEY = 'FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2';
  const sql = ruleProbe('compiled_code');
  sql.finds(t, 'compiled-code', [
    [`create table raw.ev\nusing parquet\nOPTIONS (\n  path 's3a://acme-raw/events/',\n  -- TODO: move to an instance profile\n  'fs.s3a.secret.key' '${KEY}'\n)`, KEY],
    [`create table raw.ev\nusing parquet\nOPTIONS (\n  path 's3a://acme-raw/events/',\n  'fs.s3a.secret.key' '${KEY}' -- prod key\n)`, KEY],
    [`create table raw.ev using parquet OPTIONS (path 's3a://acme-raw/events/', /* creds */ 'fs.s3a.secret.key' '${KEY}')`, KEY],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    "create table raw.ev using parquet OPTIONS (\n  -- keys come from the instance profile\n  path 's3a://acme-raw/events/', /* no creds */ 'header' 'true'\n)",
  ]);
});

t.test("a token of the OpenID Connect spec's issuer and client, issued now and valid for years, is no published sample", async (t) => {
  const token =
    'eyJhbGciOiAiUlMyNTYiLCAia2lkIjogIjFlOWdkazcifQ.eyJpc3MiOiAiaHR0cDovL3NlcnZlci5leGFtcGxlLmNvbSIsICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwgImF1ZCI6ICJzNkJoZFJrcXQzIiwgImV4cCI6IDE4OTM0NTYwMDAsICJpYXQiOiAxNzkzNDU2MDAwLCAiZW1haWwiOiAiYW5hQGFjbWUuaW8ifQ.0ecHGkVmBTY4juLapC9_ef37blGqZ_uqkJdgZzT3_Xjg3o4jotXPGbdNzpAAiahpOzn8cKVcybum2uKWAQ6jKjgIcN8tv0INDvu8Fb0gfuUo4A6wjUAGv7ZzREyKXKIG1tUjMP4qcSqc75EH5-Z-I6SuN-lBlO4Gq0rJOA_Zf6HK3pezTvH8Yw2aUZI5pvVxUK1ZbbEvgVPZmKTKDyWZpwm5e2wIMIS1kuiwxGRmxhrN_g_-4nQ90_Er_WFrbNtE2SolI2onmBI1kZYNg3iFWp9PnRQ50PMWAy6ZAkHhW4ihqNYl2tJH_rmi2ZtJ7e55Lt_nrSH6XwPYte8_GdTh_g';
  ruleProbe('msg').finds(t, 'run-messages', [[`15:02:11  id_token=${token}`, token]]);
  // the spec's own sample, as its appendix prints it, stays a sample
  const sample =
    'eyJhbGciOiJSUzI1NiIsImtpZCI6IjFlOWdkazcifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAKfQ.ggW8hZ1EuVLuxNuuIJKX_V8a_OMXzR0EHR9R6jgdqrOOF4daGU96Sr_P6qJp6IcmD3HP99Obi1PRs-cwh3LO-p146waJ8IhehcwL7F09JdijmBqkvPeB2T9CJNqeGpe-gccMg4vfKjkM8FcGvnzZUN4_KSP0aAp1tOJ1zZwgjxqGByKHiOtX7TpdQyHE5lcMiKPXfEIQILVq0pc_E2DzL7emopWoaoZTF_m0_N0YzFC6g6EJbOEoRoSK5hoDalrcvRYLSrQAZZKflyuVCyixEoV9GfNQC3_osjzw2PAithfubEEBLuVVk4XUVrWOLrLl0nx7RkKU8NXNHq-rvKMzqg';
  ruleProbe('description').findsNothing(t, 'free-text', [`Example id_token from the spec: ${sample}`]);
});
