/**
 * Connection shapes of the drivers around dbt (session 28's red-team round): Go's DSNs without a
 * scheme, Oracle's Easy Connect and logon words, `_pw` names, dbt Cloud's `Token` header; and what
 * the same drivers write that holds no secret (SCRAM verifiers, sign-in methods, key file paths,
 * column types, f-string fields). Each case names the exact secret, or none; labels never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { cliPasswordDetector } from '../../src/detectors/cli-passwords.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { isRealSecretValue, isSecretKeyName, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { isPlaceholder } from '../../src/detectors/placeholders.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { checkDetector as check } from './detector-cases.js';

check(urlPasswordDetector, [
  { label: 'Go MySQL DSN over tcp', text: 'dial failed for etl:Gm9-vXq2Lm4s@tcp(mysql.acme.io:3306)/shop?parseTime=true', secrets: ['Gm9-vXq2Lm4s'] },
  { label: 'Go MySQL DSN over a unix socket', text: 'root:Sk7!pQ2wZx@unix(/var/run/mysqld/mysqld.sock)/dw', secrets: ['Sk7!pQ2wZx'] },
  { label: 'Go MySQL DSN without a password', text: 'etl@tcp(mysql.acme.io:3306)/shop', secrets: [] },
  { label: 'Go MySQL DSN with a shell variable', text: 'etl:${MYSQL_PASSWORD}@tcp(mysql.acme.io:3306)/shop', secrets: [] },
  { label: 'Easy Connect with a bare password', text: "sqlplus -s etl/Or4-Mv7qZx2@//ora.acme.io:1521/ORCLPDB1 @refresh.sql", secrets: ['Or4-Mv7qZx2'] },
  { label: 'Easy Connect with a quoted password', text: 'cx_Oracle.connect(\'etl/"p@ss Wq7"@//ora.acme.io/MIRROR\')', secrets: ['p@ss Wq7'] },
  { label: "Oracle's demo login", text: 'scott/tiger@//localhost:1521/XEPDB1', secrets: [] },
  { label: 'a path before @//', text: 'see docs/setup@//wiki.acme.io/page and models/a/b@//x', secrets: [] },
  { label: 'Go MySQL DSN with a lower-case word for a password (no path has @tcp()', text: 'app:letmein@tcp(db:3306)/x', secrets: ['letmein'] },
  { label: 'Easy Connect with a placeholder', text: 'etl/<password>@//ora.acme.io:1521/ORCL', secrets: [] },
]);

check(cliPasswordDetector, [
  { label: 'sqlplus logon with a TNS alias', text: 'sqlplus -s etl/Zq8-kLm2vX@ORCL @load.sql', secrets: ['Zq8-kLm2vX'] },
  { label: 'sqlldr userid=', text: 'sqlldr userid=loader/Ld7!xPq2Wm@dw control=orders.ctl', secrets: ['Ld7!xPq2Wm'] },
  { label: 'expdp with a quoted password', text: 'expdp system/"Exp d9#Wq"@prod schemas=dw', secrets: ['Exp d9#Wq'] },
  { label: 'sqlplus as sysdba', text: 'sqlplus / as sysdba', secrets: [] },
  { label: "sqlplus with Oracle's demo password, a lower-case word", text: 'sqlplus scott/tiger@orcl', secrets: [] },
]);

check(assignmentDetector, [
  { label: 'a _pw name in --vars JSON', text: `dbt run-operation grant --args '{"role": "reporter", "snowflake_pw": "Wq4!rTz8-Kd2p"}'`, secrets: ['Wq4!rTz8-Kd2p'] },
  { label: 'an upper-case _PW assignment', text: 'export REPORTING_DB_PW=Rp7-xQ2vLm9w', secrets: ['Rp7-xQ2vLm9w'] },
  { label: 'a _pw name whose value is a number', text: 'max_pw_age: 90', secrets: [] },
  { label: 'an f-string field cut by its own quotes', text: 'jaas = f\'required username="u" password="{dbt.config.get("kafka_password")}";\'', secrets: [] },
  { label: 'a policy of settings after password:', text: 'Passwords must be at least 12 characters; password: min_length=12, max_age=90d.', secrets: [] },
  { label: 'a bare password with an = in it still counts', text: 'password: Zq8kLm2v=X9pRt4', secrets: ['Zq8kLm2v=X9pRt4'] },
  { label: 'a whole f-string field', text: "url = f\"password='{dbt.config.get('pg_password')}'\"", secrets: [] },
]);

check(sqlCredentialDetector, [
  { label: 'a SCRAM verifier', text: "alter role r with password 'SCRAM-SHA-256$4096:ZmFrZXNhbHRmYWtlc2FsdA==$Tq0Pk1dC5mVZ7rXh3wYbN8LsE2fGjA4uK6iO9pR1tQc=:Hx3Lq8Zv2Wm5Rb9Yc7Nd1Jf4Gs6Ae0Ko2Ui8Tp5Qr3S='", secrets: [] },
  { label: "PostgreSQL's md5 form, which md5 authentication accepts", text: "alter role r with password 'md5f3c1a9e07b2d4c6e8a0b1c2d3e4f5a6b'", secrets: ['md5f3c1a9e07b2d4c6e8a0b1c2d3e4f5a6b'] },
]);

check(httpAuthDetector, [
  { label: "dbt Cloud's Token scheme in a header dict", text: `headers={"Authorization": "Token 5f0c8e2a9b41d7f36e0a2c94b8d1f7e3a6c05b29"}`, secrets: ['5f0c8e2a9b41d7f36e0a2c94b8d1f7e3a6c05b29'] },
  { label: 'the Token scheme in an echoed header line', text: 'Authorization: token 9c4e1b7a2d5f8e3c6a0b9d2e5f8a1c4b7d0e3f6a', secrets: ['9c4e1b7a2d5f8e3c6a0b9d2e5f8a1c4b7d0e3f6a'] },
  { label: 'the word token before a long word, no header', text: 'refresh token 5f0c8e2a9b41d7f36e0a2c94b8d1f7e3a6c05b29 expired', secrets: [] },
  { label: 'the Token scheme with a value read at run time', text: '{"Authorization": "Token " + os.environ["DBT_CLOUD_TOKEN"]}', secrets: [] },
]);

check(secretKeyNameDetector, [
  { label: "gosnowflake's DSN: the password only", key: 'SNOWFLAKE_DSN', text: 'LOADER:Lq7-vKe2Wm9xTn@xy12345.eu-central-1/RAW/PUBLIC?warehouse=LOAD_WH', secrets: ['Lq7-vKe2Wm9xTn'] },
  { label: 'an Easy Connect string under a DSN name: the password only', key: 'ORACLE_DSN', text: 'etl/Or4-Mv7qZx2@//ora.acme.io:1521/ORCLPDB1', secrets: ['Or4-Mv7qZx2'] },
  { label: "Oracle's demo login under a DSN name", key: 'ORACLE_DSN', text: 'scott/tiger@//localhost:1521/XEPDB1', secrets: [] },
  { label: 'a URL under a DSN name is left to url-password, whole', key: 'dsn', text: 'postgresql://etl:Zq8kLm2vX9@db.acme.io:5432/dw', secrets: ['postgresql://etl:Zq8kLm2vX9@db.acme.io:5432/dw'] },
  { label: 'a DSN that names its sign-in method', key: 'SNOWFLAKE_DSN', text: 'LOADER@xy12345/RAW/PUBLIC?warehouse=LOAD_WH&authenticator=SNOWFLAKE_JWT', secrets: [] },
  { label: "Mongo's authSource and authMechanism", key: 'MONGO_DSN', text: 'mongodb+srv://etl@cluster0.ab1cd.mongodb.net/?authSource=%24external&authMechanism=MONGODB-AWS', secrets: [] },
  { label: "libpq's sslkey path", key: 'REPORTING_DSN', text: 'host=pg dbname=r user=reader sslmode=verify-full sslkey=/certs/reader.key', secrets: [] },
  { label: 'a DSN with sslpassword still holds one', key: 'REPORTING_DSN', text: 'host=pg user=reader sslkey=/certs/reader.key sslpassword=Kp7-Wq2vXz', secrets: ['host=pg user=reader sslkey=/certs/reader.key sslpassword=Kp7-Wq2vXz'] },
  { label: 'seed column_types: a length-bounded varchar', key: 'api_key', text: 'varchar(64)', secrets: [] },
  { label: 'seed column_types: character varying', key: 'password', text: 'character varying(256)', secrets: [] },
  { label: 'seed column_types: varchar(max)', key: 'secret_token', text: 'varchar(max)', secrets: [] },
  { label: 'seed column_types: number with precision', key: 'client_secret', text: 'NUMBER(38, 0)', secrets: [] },
  { label: 'seed column_types: a timestamp with time zone', key: 'token', text: 'timestamp with time zone', secrets: [] },
  { label: "a Python model's secrets config: a SECRET object's qualified name", key: 'crm_token', text: 'CRM_DB.PUBLIC.CRM_API_TOKEN', secrets: [] },
  { label: "a Python model's secrets config, lower case", key: 'api_key', text: 'analytics.integrations.crm_api_key', secrets: [] },
  { label: 'a dotted value in mixed case is no object name', key: 'api_key', text: 'Acme.Prod.Zq8kLm2vX9', secrets: ['Acme.Prod.Zq8kLm2vX9'] },
]);

t.test('the value grammar: column types and code fields are no secrets, a password that only starts like one is', async (t) => {
  for (const v of ['text', 'varchar', 'nvarchar(100)', 'decimal(10,2)', 'bigint', 'timestamp_ntz', 'jsonb']) t.notOk(isRealSecretValue(v, 'password'), `column type ${v}`);
  t.ok(isRealSecretValue('Varchar(64)!x9', 'password'), 'a password that starts with a type name');
  t.ok(isRealSecretValue('text-Zq8kLm2v', 'password'), 'a password that starts with text');
  for (const v of ['{dbt.config.get(', "{os.environ['PG_PW']}", '{secrets["pg"]}', '{dbt.config.get("x")}']) t.ok(isPlaceholder(v), `code field ${v}`);
  t.notOk(isPlaceholder('{Zq8kLm2vX9!'), 'an unclosed brace before a password is not a field');
  for (const v of ['sk_live_…4242', 'tok_••••4242', 'ghp_...x9Zq', 'Zq8k●●●●vX9']) t.ok(isPlaceholder(v), `a masked display: ${v}`);
  t.notOk(isPlaceholder('Zq8kLm2v.X9pRt4'), 'a password with one dot is not elided');
});

t.test("the peers' key names: detect-secrets' PRIV_KEY and IBM Cloud's IAM_KEY, Azure Functions' header, BASIC_AUTH", async (t) => {
  for (const k of ['priv_key', 'PRIVKEY', 'IBM_CLOUD_IAM_KEY', 'iam_key', 'x-functions-key', 'basic_auth', 'BASIC_AUTH_PROD']) t.ok(isSecretKeyName(k), k);
  for (const k of ['iam_key_id', 'basic_auth_enabled', 'functions_key_name', 'auth', 'access']) t.notOk(isSecretKeyName(k), k);
});

t.test("SQLAlchemy's odbc_connect: an ODBC string percent-encoded into the URL is decoded, its password reported encoded", async (t) => {
  const { detectWrapped } = await import('../../src/detectors/decode.js');
  const encoded = 'Zq8kLm2v%21X9pRt4';
  const value = `mssql+pyodbc:///?odbc_connect=DRIVER%3D%7BODBC+Driver+18+for+SQL+Server%7D%3BSERVER%3Dsql01%3BUID%3Detl%3BPWD%3D${encoded}`;
  const found = detectWrapped(value, (text) => assignmentDetector.detect(text, { key: undefined }));
  t.same(found.map((m) => value.slice(m.start, m.end)), [encoded], 'the percent-encoded password');
  const noPassword = 'mssql+pyodbc:///?odbc_connect=DRIVER%3D%7BODBC+Driver+18%7D%3BSERVER%3Dsql01%3BTrusted_Connection%3Dyes';
  t.same(detectWrapped(noPassword, (text) => assignmentDetector.detect(text, { key: undefined })), [], 'no password setting: nothing decoded to report');
  const encodedUrl = 'https://bi.acme.io/connect?dsn=postgresql%3A%2F%2Fetl%40db.acme.io%2Fdw%3Fapplication_name%3Ddbt+nightly';
  t.same(detectWrapped(encodedUrl, () => []), [], "a URL decoded out of another is no user:password pair (its scheme and its path)");
});
