/**
 * Session 46: what session 45's red teams left. A vendor's key written in prose with a word between the
 * vendor's name and the value (`the DeepSeek API key sk-…`, red team 51), and the name of a store of secrets
 * under a `secret` key (`secret: airflow-secrets`, the Kubernetes Secret object an Airflow pod reads, red team
 * 52). Red team 53 (credentials in each warehouse's SQL): a password in a literal inside another literal (its quotes
 * doubled), after Postgres' `E'` or `U&'`, over a line break around `=`, written like a name in lower case, after
 * `REPLACE` and Redshift's `MASTER_SYMMETRIC_KEY`, a setting's `TO '…'`; and stored hashes given as such
 * (ClickHouse's `IDENTIFIED WITH sha256_hash BY`, T-SQL's `… HASHED`) and Snowflake's documented SAS are none.
 * Red team 54 (data values: unit test rows, catalog comments, meta): a literal cast then named in a unit test's SQL
 * rows, a name in Markdown's code or bold, an AWS pair written `id / secret`, a dbt Cloud token with a `-`; and notes,
 * slugs and Snowflake's authenticators under a secret's name (`rotate quarterly`, `kms-managed`, `externalbrowser`) are none.
 * Each case names the exact secret, or none.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { signedUrlDetector } from '../../src/detectors/signed-urls.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { isRealSecretValue } from '../../src/detectors/key-names.js';
import { namesSecret } from '../../src/detectors/key-grammar.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { envPasswordDetector } from '../../src/detectors/env-passwords.js';
import { checkDetector as check } from './detector-cases.js';

function idsIn(text: string): string[] {
  return DETECTORS.flatMap((d) => d.detect(text, { key: undefined }).map((m) => `${d.id}:${text.slice(m.start, m.end)}`));
}

t.test("a vendor's key with words between its name and the value", async (t) => {
  const deepseek = 'sk-e2b84c0d7a19f36e5b0c8d4a2f71e93b';
  t.ok(idsIn(`the deepseek key ${deepseek} is used`).includes(`deepseek-api-key:${deepseek}`), 'deepseek key');
  t.ok(idsIn(`The DeepSeek API token was ${deepseek}.`).includes(`deepseek-api-key:${deepseek}`), 'DeepSeek API token was');
  const pat = '1/1199427310586243:8d3fa1c60e92b74f5a1d08c3e6b9f247';
  t.ok(idsIn(`Our Asana PAT is ${pat}.`).includes(`asana-pat:${pat}`), 'Asana PAT is');
  // the vendor's name with another word, or the key's shape without the name: none of theirs
  t.notOk(idsIn(`the deepseek model ${deepseek} is used`).some((id) => id.startsWith('deepseek-api-key')), 'deepseek model');
  t.notOk(idsIn(`the openai key ${deepseek}`).some((id) => id.startsWith('deepseek-api-key')), "another vendor's name");
  t.notOk(idsIn('the asana project token 1/1206318745923107:board').some((id) => id.startsWith('asana')), "a board's link");
});

check(secretKeyNameDetector, [
  // stay silent: the names of secret stores
  { label: "an Airflow pod's Kubernetes Secret", key: 'secret', text: 'airflow-secrets', secrets: [] },
  { label: 'a store of secrets in capitals', key: 'secret', text: 'DBT_SECRETS', secrets: [] },
  // still found: a password under the same key
  { label: 'a password with a hyphen', key: 'secret', text: 'Lw9-RtV4cN8bH3jYd', secrets: ['Lw9-RtV4cN8bH3jYd'] },
]);

check(sqlCredentialDetector, [
  { label: 'a connection string in a call, its quotes doubled', text: "SELECT dblink_connect('crm', 'hostaddr=10.0.3.17 dbname=crm user=crm_ro password=''Hv8_Lq3mZp0Rt6Ys''')", secrets: ['Hv8_Lq3mZp0Rt6Ys'] },
  { label: 'a statement run as a string', text: "EXECUTE IMMEDIATE 'ALTER USER svc SET PASSWORD = ''Hv8_Lq3mZp0Rt6Yt'''", secrets: ['Hv8_Lq3mZp0Rt6Yt'] },
  { label: "a stage's secret key in a statement run as a string", text: "EXECUTE IMMEDIATE 'CREATE STAGE s URL=''s3://b/'' CREDENTIALS=(AWS_SECRET_KEY=''Hq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1AqWe2rT9y'')'", secrets: ['Hq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1AqWe2rT9y'] },
  { label: "Postgres' escape string", text: "alter role svc_api password E'Hv8_Lq3mZp0Rt6Yv'", secrets: ['Hv8_Lq3mZp0Rt6Yv'] },
  { label: "Postgres' Unicode string", text: "ALTER ROLE svc PASSWORD U&'Hv8_Lq3mZp0Rt6Yw'", secrets: ['Hv8_Lq3mZp0Rt6Yw'] },
  { label: 'a line break after =', text: "ALTER USER svc SET PASSWORD =\n    'Hv8_Lq3mZp0Rt6Yx'", secrets: ['Hv8_Lq3mZp0Rt6Yx'] },
  { label: 'a line break before =', text: "CREATE USER svc PASSWORD\r\n  = 'Hv8_Lq3mZp0Rt6Yy'", secrets: ['Hv8_Lq3mZp0Rt6Yy'] },
  { label: 'a line break on both sides', text: "PASSWORD\n=\n'Hv8_Lq3mZp0Rt6Yq'", secrets: ['Hv8_Lq3mZp0Rt6Yq'] },
  { label: 'a lower-case password written like a name', text: "create user svc password 'jhw34g_x8smn_hd071'", secrets: ['jhw34g_x8smn_hd071'] },
  { label: "Redshift's symmetric key", text: "UNLOAD ('select 1') TO 's3://acme/x_' IAM_ROLE 'arn:aws:iam::123456789012:role/R' MASTER_SYMMETRIC_KEY 'q3n8Yb1k0Wm2Zr5Tz7Xp4Lc6Vd9Fs1Gh2Jk3Ll4Mm5A=' ENCRYPTED", secrets: ['q3n8Yb1k0Wm2Zr5Tz7Xp4Lc6Vd9Fs1Gh2Jk3Ll4Mm5A='] },
  { label: "PostgREST's JWT secret set on a database", text: `ALTER DATABASE app SET "app.jwt_secret" TO 'Hv8Lq3mZp0Rt6YzKd93LxPz0RaQm7vKd93LxPz0R'`, secrets: ['Hv8Lq3mZp0Rt6YzKd93LxPz0RaQm7vKd93LxPz0R'] },
  { label: "a session's setting", text: "SET SESSION app.svc_password TO 'Hv8_Lq3mZp0Rt6Y1'", secrets: ['Hv8_Lq3mZp0Rt6Y1'] },
  { label: "MySQL's new and current passwords", text: "ALTER USER 'etl'@'%' IDENTIFIED BY 'Hv8_Lq3mZp0Rt6Y2' REPLACE 'Hv8_Lq3mZp0Rt6Y3'", secrets: ['Hv8_Lq3mZp0Rt6Y2', 'Hv8_Lq3mZp0Rt6Y3'] },
  // stay silent
  { label: 'two empty strings', text: "where password = '' or token = '' and x = 1", secrets: [] },
  { label: 'a setting that is no secret', text: "SET search_path TO 'analytics'", secrets: [] },
  { label: 'a name at the end of a line', text: "select password_hash\nfrom users\nwhere token_count = 1", secrets: [] },
  { label: "ClickHouse's stored hash", text: "CREATE USER ch_etl IDENTIFIED WITH sha256_hash BY 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3' SALT 'f0e1d2c3'", secrets: [] },
  { label: "ClickHouse's double SHA-1", text: "CREATE USER ch_ro IDENTIFIED WITH double_sha1_hash BY 'BF2C6C4B3E3D2A1F0E9D8C7B6A5F4E3D2C1BC9E2'", secrets: [] },
  { label: 'a placeholder in doubled quotes', text: "EXECUTE IMMEDIATE 'ALTER USER svc SET PASSWORD = ''<your-password>'''", secrets: [] },
  { label: 'an identifier as the name of a password', text: "create user svc password 'snowflake_password_2'", secrets: [] },
]);

check(assignmentDetector, [
  { label: 'a password in a connection string, generated in lower case', text: "dblink('host=10.0.3.17 user=crm_ro password=jhw34g_x8smn_hd073', 'select 1')", secrets: ['jhw34g_x8smn_hd073'] },
  { label: 'another, one part with digits between letters', text: "dblink('host=10.0.3.17 dbname=crm user=crm_ro password=jcw06_y16a4cx_qupb45', 'select 1')", secrets: ['jcw06_y16a4cx_qupb45'] },
  // stay silent
  { label: "T-SQL's stored hash", text: 'CREATE LOGIN etl WITH PASSWORD = 0x0200A4C1B2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C2D3 HASHED, CHECK_POLICY = OFF', secrets: [] },
  { label: 'a collation under a password name', text: 'host=db user=x password=utf8mb4_unicode_ci', secrets: [] },
  { label: "a model's name", text: 'password=stg_orders_v2', secrets: [] },
]);

check(signedUrlDetector, [
  { label: "Snowflake's documented SAS", text: "CREDENTIALS=(AZURE_SAS_TOKEN='?sv=2016-05-31&ss=b&srt=sco&sp=rwdl&se=2018-06-27T10:05:50Z&st=2017-06-27T02:05:50Z&spr=https,http&sig=bgqQwoXwxzuD2GJfagRg7VOS8hzNr3QLT7rhS8OFRLQ%3D')", secrets: [] },
]);

check(sqlCredentialDetector, [
  { label: 'a literal cast, then named (read where the detector is woken)', text: "select 1 as id, cast('Qm7#vT2pLx9!Rk4w' as varchar(64)) as password", secrets: ['Qm7#vT2pLx9!Rk4w'] },
  { label: "Postgres' cast, then named", text: "select 'Qm7#vT2pLx9!Rk4w'::text as db_password", secrets: ['Qm7#vT2pLx9!Rk4w'] },
  { label: 'a date cast, then named', text: "select '2020-01-01'::date as created_at, cast('abc' as varchar) as name", secrets: [] },
]);

check(assignmentDetector, [
  { label: "Markdown's code around the name and the value", text: 'Sample row: `password`: `cmboQD&TkDbJ@iAU`', secrets: ['cmboQD&TkDbJ@iAU'] },
  { label: "Markdown's bold around the name", text: '- **snowflake_password**: yhdlzB!J5P2c$Nk6', secrets: ['yhdlzB!J5P2c$Nk6'] },
  { label: 'a note in bold', text: '- **password**: see the vault', secrets: [] },
]);

t.test('notes, slugs and authenticators under a secret\'s name are none; passwords stay', async (t) => {
  const notes = ['rotate quarterly', 'expires after 1 hour', 'per-tenant, see admin UI', 'read-only scope', 'see #data-platform', 'kms-managed', 'short-lived', 'keypair-auth', 'service-account', 'stored-in-vault', 'not-required', 'sso-managed', 'env-specific', 'set-by-ci', 'legacy-v1', 'redacted-by-fivetran', 'externalbrowser'];
  for (const name of ['password', 'client_secret', 'api_key', 'token']) {
    t.same(notes.filter((v) => isRealSecretValue(v, name)), [], `under ${name}`);
    t.same(['correct-horse-battery-staple', 'correct horse battery staple', 'Summer 2024', 'Tr0ub4dor&3', 'hunter2'].filter((v) => !isRealSecretValue(v, name)), [], `passwords under ${name}`);
  }
});

t.pass('cases above');

t.test("a secret-named project variable, var(), rendered into the compiled code (red team 55)", async (t) => {
  const { envVarCalls } = await import('../../src/detectors/env-var-calls.js');
  const { renderedEnvVarDetector } = await import('../../src/detectors/rendered-env-vars.js');
  const raw = `select * from vendor('{{ var("db_password") }}') where d > '{{ var("start_date") }}'`;
  const calls = envVarCalls(raw);
  t.same(calls.map((c) => [c.name, c.projectVar]), [['db_password', true]], 'only the secret-named one');
  const compiled = "select * from vendor('Tiger2025$Prod') where d > '2024-01-01'";
  const found = renderedEnvVarDetector.detect(compiled, { key: 'compiled_code', envVars: calls });
  t.same(found.map((m) => compiled.slice(m.start, m.end)), ['Tiger2025$Prod']);
  t.match(found[0]!.description, /var\('db_password'\)/);
  // its default rendered is not its value
  const withDefault = envVarCalls(`select '{{ var('api_secret', 'none') }}' as s`);
  t.same(renderedEnvVarDetector.detect("select 'none' as s", { key: 'compiled_code', envVars: withDefault }), []);
});

check(urlPasswordDetector, [
  { label: "a base64 password's / in a URL", text: 'postgresql://etl:ifRB2J/CO3xpNpdX=@pg.acme.io/dw', secrets: ['ifRB2J/CO3xpNpdX='] },
  { label: 'a ? in the password', text: 'postgresql://dbt_loader:UNYGSt2sNh?q2JxB@db.internal.corp:5432/analytics', secrets: ['UNYGSt2sNh?q2JxB'] },
  // stay silent, or stop at the host's @
  { label: 'a port, a path and an e-mail address in the query', text: 'https://host:8443/api/v1/users?email=a@b.com', secrets: [] },
  { label: "a later @ is not the host's", text: 'postgresql://u:Pw9xLmQ2@host/db?x=a@b.com', secrets: ['Pw9xLmQ2'] },
  { label: 'a path with an @', text: 'http://localhost:8000/users/@me', secrets: [] },
]);

check(envPasswordDetector, [
  { label: 'a generated password under a name that says nothing', key: 'X1', text: 'KTNPfpOAE8*vI9zu', secrets: ['KTNPfpOAE8*vI9zu'] },
  { label: "a person's password", key: 'PG', text: 'Summer2020!Warehouse', secrets: ['Summer2020!Warehouse'] },
  // stay silent: run metadata
  { label: 'a branch', key: 'GIT_BRANCH', text: 'feature/JIRA-123#fix', secrets: [] },
  { label: "a job's name", key: 'JOB_NAME', text: 'Nightly Run #42', secrets: [] },
  { label: "a variable's reference", key: 'CONN', text: '${DB_PASSWORD}', secrets: [] },
  { label: "a run's id", key: 'RUN_ID', text: 'run-20241103-7f9c2a', secrets: [] },
  { label: 'a digest', key: 'IMAGE', text: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', secrets: [] },
  { label: 'a cron line', key: 'SCHEDULE', text: '0 */2 * * *', secrets: [] },
]);

t.test('a letter or a number after a secret\'s word qualifies it (red team 55)', async (t) => {
  t.same(['DB_PASSWORD_Q', 'DB_PASSWORD2', 'PASSWORD2', 'SNOWFLAKE_PASSWORD_B', 'API_TOKEN2', 'PGPASSWORD2'].filter((k) => !namesSecret(k)), []);
  t.same(['token_count2', 'column_a', 'password_hash_2', 'sha256', 'utf8', 'x_y'].filter((k) => namesSecret(k)), []);
});
