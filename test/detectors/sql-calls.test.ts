/**
 * Credentials that SQL and shell commands pass where no keyword stands right before the literal:
 * typed declarations, a secret's name in a string, ClickHouse's positional key pairs (sql-password,
 * sql-calls.ts), and database clients' password flags (cli-password-flag). Each found case names
 * the exact span; each decoy must give no match at all.
 */
import t, { type Test } from 'tap';
import { cliPasswordDetector } from '../../src/detectors/cli-passwords.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import type { Detector } from '../../src/types.js';

/** `text` with its `%s` replaced by `secret`. */
const at = (text: string, secret: string) => ({ text: text.replace('%s', secret), secret });

function expectFound(t: Test, detector: Detector, cases: { text: string; secret: string }[]): void {
  for (const c of cases) {
    const found = detector.detect(c.text, { key: undefined }).map((m) => c.text.slice(m.start, m.end));
    t.same(found, [c.secret], `${detector.id} finds the secret in: ${c.text.replace(c.secret, '<secret>')}`);
  }
}

function expectSilent(t: Test, detector: Detector, decoys: string[]): void {
  for (const d of decoys) t.same(detector.detect(d, { key: undefined }), [], `${detector.id} is silent on: ${d}`);
}

t.test('typed declarations of a secret-named variable', async (t) => {
  expectFound(t, sqlCredentialDetector, [
    at("DO $$\nDECLARE api_token text := '%s';\nBEGIN PERFORM 1; END $$;", 'q8Zr2LmX0vTa7pWd4KsE'),
    at("DECLARE\n  api_token VARCHAR := '%s';\nBEGIN\n  return;\nEND;", 'Hn3kQ8wz1XcV5bM7'),
    at("EXECUTE IMMEDIATE $$\nBEGIN\n  LET secret STRING := '%s';\n  RETURN secret;\nEND;\n$$;", 'Yt7pQ2wz9XcV5bM1kLsA'),
    at("DECLARE @password NVARCHAR(100) = N'%s';\nEXEC sp_addlogin 'etl', @password;", 'Pz8!kq2Lm#4wRt'),
    at("DECLARE @api_key VARCHAR(MAX) = '%s'; EXEC dbo.push @api_key;", 'f3K9mZ2qL8vX1wT7'),
    at("DECLARE api_token STRING DEFAULT '%s';\nSELECT api_token;", 'Gq4Lm9Zt2XwP7vKc'),
    at("declare\n  v_db_pass varchar2(30) := '%s';\nbegin null; end;", 'Wn8-Tq3zLp5x'),
  ]);
  expectSilent(t, sqlCredentialDetector, [
    'DECLARE token_count INT := 5;',
    "DECLARE api_token text := NULL; DECLARE secret_name STRING := 'prod/snowflake/etl';",
    "DECLARE @password_policy NVARCHAR(20) = N'complex';",
    "DECLARE api_token text := '{{ env_var(\"API_TOKEN\") }}';",
    "DECLARE api_token text := '';",
    "LET secret STRING := '********';",
    "DECLARE password_hash text := '$2b$12$KIXQJX4mGxWkVZ8VfDqpUuGm6m5n1u4z8r6zQhYc1vWZl9yXGkq2e';",
    "select token_count::varchar = '12' from usage",
  ]);
});

t.test("a secret's name in a string, then its literal", async (t) => {
  expectFound(t, sqlCredentialDetector, [
    at("select set_config('app.api_key', '%s', false)", 'k7Hq2Lp9Xz4Vw1Rt'),
    at("select (http(('GET', 'https://api.acme.io/v2/items', ARRAY[http_header('X-Api-Key','%s')], NULL, NULL)::http_request)).content", 'Zp4Lq8Wm2Xk7Vt1Rn5Bc'),
    at("select object_construct('user', 'etl', 'password', '%s')", 'Tq9!wL2zXp'),
    at("select json_build_object('client_secret', N'%s')", 'cs-8Hq2Lz9Wx4Vp'),
  ]);
  expectSilent(t, sqlCredentialDetector, [
    "select set_config('app.user_id', '42', false), set_config('search_path', 'analytics', false)",
    "select http_header('Content-Type', 'application/json')",
    "decode(auth_kind, 'password', 'Login', 'token', 'SSO')",
    "where event_type in ('password', 'password_reset', 'token_refresh')",
    "select http_header('X-Api-Key', '" + "' || current_setting('app.api_key'))",
    "select http_header('X-Api-Key', 'abc' || current_setting('app.key_suffix'))",
    "{{ env_var('API_KEY', 'dev-key-123') }}",
    "select replace(body, 'password', '********')",
    "select set_config('app.api_key', '${API_KEY}', false)",
  ]);
});

t.test("the secret key that ClickHouse's object-store functions take by position", async (t) => {
  const AWS_SECRET = 'pL3xQ9vZ2mK8wR5tY1nB7cF4hJ6sD0gA9eU3iO2q';
  expectFound(t, sqlCredentialDetector, [
    at("select * from s3('https://acme-lake.s3.amazonaws.com/orders/*.parquet', 'AKIAQ3EGT7KLMN2XVZ4P', '%s', 'Parquet')", AWS_SECRET),
    at("select * from s3Cluster('default', 'https://acme-lake.s3.amazonaws.com/o/*.csv', 'AKIAQ3EGT7KLMN2XVZ4P', '%s')", AWS_SECRET),
    at("ENGINE = S3('https://acme-lake.s3.amazonaws.com/o/x.csv', 'AKIAQ3EGT7KLMN2XVZ4P', '%s', 'CSV')", AWS_SECRET),
    at("select * from gcs('https://storage.googleapis.com/acme-lake/o/*.csv', 'GOOG1EXQ7MZL4P2VK9WT3RB8N5YC6HJ0DF1GS4AQZ7XL2KP9VW3TM', '%s', 'CSV')", 'bN4x8Qz2Lm7Wk1Vt5Rp9Xc3Hj6Ys0Df2Ga8Ek4Uq'),
    at("select * from azureBlobStorage('https://acmelake.blob.core.windows.net', 'orders', 'data/*.csv', 'acmelake', '%s', 'CSV')", 'q8Zr2LmX0vTa7pWd4KsEb9Nc3Hf6Jg1Yu5Io8Pw2Qe4Rt7Ya0Sd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4W=='),
  ]);
  expectSilent(t, sqlCredentialDetector, [
    "select * from s3('https://acme-lake.s3.amazonaws.com/orders/*.parquet', 'Parquet', 'id UInt32, name String')",
    "select * from s3('https://acme-lake.s3.amazonaws.com/orders/*.parquet', NOSIGN, 'Parquet')",
    "select * from s3('https://acme-lake.s3.amazonaws.com/o/*.csv', '{{ env_var(\"AWS_KEY_ID\") }}', '{{ env_var(\"AWS_SECRET\") }}')",
    "select * from s3('https://acme-lake.s3.amazonaws.com/o/*.csv', 'TabSeparatedWithNamesAndTypes', 'a String, b UInt64, c Float64')",
    "select * from gcs('https://storage.googleapis.com/acme-lake/o/*.csv', 'CSV')",
    "select * from azureBlobStorage('DefaultEndpointsProtocol=https;AccountName=acmelake;EndpointSuffix=core.windows.net', 'orders', 'data/*.csv')",
  ]);
});

t.test("a password on a database client's command line", async (t) => {
  expectFound(t, cliPasswordDetector, [
    at("{{ run_shell('mysql -u etl -p%s -h db.acme.io warehouse < dump.sql') }}", 'S3cretPw9x'),
    at("mysqldump --single-transaction -u etl -p'%s' shop > shop.sql", 'Tr0ub4dor&3'),
    at("Refresh: sqlcmd -S sql.acme.io -U etl -P '%s' -d dw -i refresh.sql", 'Qw9!zLp2Xk'),
    at('bcp dbo.orders out orders.dat -S sql.acme.io -U etl -P %s -c', 'Kp4Zq9Lw2Xv'),
    at('Command failed: snowsql -a acme -u etl --password %s -f load.sql returned 1', 'Hx8Lq2Zp7Wv'),
    at('clickhouse-client --host ch.acme.io --user etl --password "%s" --query "select 1"', 'Ch7!pq2Zx9'),
    at('redis-cli -h cache.acme.io -a %s FLUSHDB', 'Rd5Kq8Lz2Wp'),
    at('sshpass -p %s sftp etl@files.acme.io', 'Sf3Lq9Zp2Xw'),
    at('vsql -h vertica.acme.io -U etl -w %s -f load.sql', 'Vt6Lq2Zp8Xw'),
  ]);
  expectSilent(t, cliPasswordDetector, [
    'mysql -u etl -p warehouse < dump.sql',
    'mysql -h db.acme.io -P 3306 -u etl -p',
    'mysql -u etl -p$MYSQL_PWD warehouse',
    'mysql -u etl -p"${DB_PASSWORD}" warehouse',
    "mysql -u etl -p{{ env_var('DBT_ENV_SECRET_MYSQL') }} warehouse",
    'sqlcmd -S sql.acme.io -U etl -P $SQLCMDPASSWORD -d dw',
    'sqlcmd -S sql.acme.io -U etl -P %SQLCMD_PASSWORD% -d dw',
    'sqlcmd -S sql.acme.io -U etl -P -d dw',
    'bcp dbo.orders out orders.dat -S sql.acme.io -T -c',
    'snowsql -a acme -u etl --password ******** -f load.sql',
    'adapter: mysql, port: 3306, user: etl, password: see vault',
    'the mysql -p flag prompts for the password',
    'pass the password to sqlcmd with the -P option, or to bcp with -P switch',
    'snowsql --password prompt is not supported in CI',
  ]);
});

t.test("a raw '#' in a URL's password", async (t) => {
  expectFound(t, urlPasswordDetector, [
    at('could not connect to postgres://etl:%s@db.acme.io:5432/dw', 'pa#ss9Zq2'),
    at('Use postgresql://etl:%s@db.acme.io/dw for ad-hoc access', 'Wq9#zL2p'),
  ]);
  expectSilent(t, urlPasswordDetector, ['http://proxy.acme.io:8080#frag@x', 'https://docs.acme.io/page#user:name@section', 'postgres://etl:#{db_password}@db.acme.io/dw']);
});

t.test("a profile's `pass` key, after its user", async (t) => {
  expectFound(t, assignmentDetector, [
    at("Could not connect with profile: {'type': 'postgres', 'host': 'db.acme.io', 'user': 'etl', 'pass': '%s', 'dbname': 'dw'}", 'Lq9Zp2Wx7Kv'),
    at('profile:\n  type: postgres\n  host: db.acme.io\n  user: etl\n  pass: %s\n  port: 5432', 'Lq9Zp2Wx7Kv'),
  ]);
  expectSilent(t, assignmentDetector, [
    'Done. PASS=12 WARN=0 ERROR=0 SKIP=0 TOTAL=12',
    "tests: {'pass': 'always', 'warn_if': '>10'}",
    "{'user': 'etl', 'pass': 'passthrough'}",
    'if user: pass',
  ]);
});

t.test("a profile's `pass` key before its user (keys sorted, as a sorted dump writes them)", async (t) => {
  expectFound(t, assignmentDetector, [
    at("Could not connect with profile: {'dbname': 'dw', 'host': 'db.acme.io', 'pass': '%s', 'port': 5432, 'user': 'etl'}", 'Lq9Zp2Wx7Kv'),
    at('profile:\n  dbname: dw\n  host: db.acme.io\n  pass: %s\n  port: 5432\n  user: etl', 'Lq9Zp2Wx7Kv'),
  ]);
  expectSilent(t, assignmentDetector, [
    "{'pass': 'passthrough', 'user': 'etl'}",
    "tests: {'pass': 'always', 'severity': 'warn'}, owner: {'user': 'etl'}",
    // a user key past the reach is no profile's
    `{'pass': 'Lq9Zp2Wx7Kv', 'note': '${'x'.repeat(300)}', 'user': 'etl'}`,
  ]);
});

t.test("DuckDB's HTTP secret: its bearer token", async (t) => {
  expectFound(t, sqlCredentialDetector, [
    at("CREATE SECRET http_api (TYPE HTTP, BEARER_TOKEN '%s', SCOPE 'https://api.acme.io')", 'Xk29fLq7Vz3Pm8Rt9wYtAbCd'),
    at("create or replace persistent secret (type http, bearer_token \"%s\")", 'p7Lq2Vz9Xk3Rt8Wm4Nb6Hc1J'),
  ]);
  expectSilent(t, sqlCredentialDetector, [
    "CREATE SECRET http_api (TYPE HTTP, BEARER_TOKEN '{{ env_var(\"API_TOKEN\") }}')",
    "select bearer_token from raw.sessions where bearer_token is not null",
    "CREATE SECRET http_api (TYPE HTTP, BEARER_TOKEN '<token>')",
  ]);
});

t.test("ClickHouse's database table functions: the password by position", async (t) => {
  expectFound(t, sqlCredentialDetector, [
    at("select * from postgresql('pg.acme.io:5432', 'app', 'orders', 'ro_user', '%s')", 'Wint3rQ9xv2Lp2z'),
    at("SELECT * FROM mysql('mysql.acme.io:3306', 'shop', 'orders', 'reporter', '%s', 0, 'UPDATE c = c + 1')", 'Rp4-xK9q#Lm2'),
    at("select * from mongodb('mongo-1:27017|mongo-2:27017', 'app', 'events', 'etl', '%s', 'id UInt64, kind String')", 'Mg7Zq2xLv9Tp'),
    at("create table raw.pg_orders engine = PostgreSQL('pg:5432', 'app', 'orders', 'ro', '%s', 'public')", 'Kq9vLm2xTz4R'),
  ]);
  expectSilent(t, sqlCredentialDetector, [
    "select * from postgresql(pg_creds, table='orders')",
    "select * from postgresql('pg:5432', 'app', 'orders', 'ro', '{{ env_var(\"PG_PASSWORD\") }}')",
    "select * from mysql('h:3306', 'db', 't', 'u', '')",
    "select * from postgresql('pg:5432', 'app', 'orders', 'ro', 'see the vault')",
    "{% macro mysql(a, b, c, d, e) %}{% endmacro %} {{ mysql('x', 'y', 'z', 'u', v) }}",
  ]);
});

t.test("Oracle's bare password after IDENTIFIED BY, read after its user, role or link", async (t) => {
  expectFound(t, sqlCredentialDetector, [
    at('create user etl identified by %s default tablespace users', 'Wint3r9xQ'),
    at("CREATE DATABASE LINK crm CONNECT TO crm_ro IDENTIFIED BY %s USING 'CRMPROD'", 'Crm2024ro'),
    at('alter user "ETL" identified by %s account unlock', 'N3wPassw0rd'),
  ]);
  expectSilent(t, sqlCredentialDetector, [
    'Rows are identified by order_id2',
    'users identified by email2x in the CRM',
    "create user x identified by values 'S:ABC'",
    'create user x identified externally',
    'create user x identified by {{ var("pw") }}',
    'create user x identified by password',
    'ALTER USER scott IDENTIFIED BY tiger',
  ]);
});
