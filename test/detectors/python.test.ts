/**
 * Issue 18, class 5: Python shapes in dbt Python models. Setters and mapping slots are read by
 * code-secret-argument, keyword arguments and dict literals by password-assignment; lookups
 * (dbutils.secrets.get, os.getenv) are silent.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { codeArgumentDetector } from '../../src/detectors/python.js';

const find = (text: string) =>
  [...codeArgumentDetector.detect(text, { key: undefined }), ...assignmentDetector.detect(text, { key: undefined })].map((m) => text.slice(m.start, m.end)).sort();

t.test('secrets handed over in Python', async (t) => {
  const cases: [string, string][] = [
    ['spark.conf.set("fs.azure.account.key.acmelake.dfs.core.windows.net", "Zq8kLm2vX9PyAz+k/w==")', 'Zq8kLm2vX9PyAz+k/w=='],
    ["spark.conf.set('spark.hadoop.fs.s3a.secret.key', 'Zq8kLm2vX9s3a')", 'Zq8kLm2vX9s3a'],
    ['SparkSession.builder.config("fs.azure.sas.raw.acmelake.blob.core.windows.net", "sv=2022-11-02&sig=Zq8kLm2vX9sig")', 'sv=2022-11-02&sig=Zq8kLm2vX9sig'],
    ['df = spark.read.format("jdbc").option("url", jdbc_url).option("password", "Zq8kLm2vX9opt").load()', 'Zq8kLm2vX9opt'],
    ['os.environ["SNOWFLAKE_PASSWORD"] = "Zq8kLm2vX9env"', 'Zq8kLm2vX9env'],
    ["os.environ.setdefault('PGPASSWORD', 'Zq8kLm2vX9pg')", 'Zq8kLm2vX9pg'],
    // a literal fallback of a lookup is the password whenever the variable is unset
    ['pw = os.environ.get("SNOWFLAKE_PASSWORD", "Zq8kLm2vX9fb")', 'Zq8kLm2vX9fb'],
    ["token = os.getenv('PARTNER_API_TOKEN', 'Zq8kLm2vX9ge')", 'Zq8kLm2vX9ge'],
    ['session.headers["X-API-Key"] = "Zq8kLm2vX9hk"', 'Zq8kLm2vX9hk'],
    ['r = requests.get(url, headers={"X-API-Key": "Zq8kLm2vX9hdr"}, timeout=30)', 'Zq8kLm2vX9hdr'],
    ['conn = snowflake.connector.connect(user="etl", password="Zq8kLm2vX9kw", account="acme")', 'Zq8kLm2vX9kw'],
    ['client = Client(api_key = "Zq8kLm2vX9ak")', 'Zq8kLm2vX9ak'],
    ['r = requests.get("https://api.acme-geo.io/v2/jobs", auth=("svc_geo", "Gx7-pL2qW9vR"), timeout=30)', 'Gx7-pL2qW9vR'],
    ["auth = ('svc_geo', 'Gx7-pL2qW9au')", 'Gx7-pL2qW9au'],
    ['session.auth = HTTPBasicAuth("svc_geo", "Gx7-pL2qW9ba")', 'Gx7-pL2qW9ba'],
    // the pair as a list under an auth key, as --vars (JSON) and --args (YAML) echo it
    ['dbt build --vars \'{"api_auth": ["svc_geo", "Gx7-pL2qW9li"], "start": 1}\'', 'Gx7-pL2qW9li'],
    ["dbt run-operation sync --args '{role: reporter, partner_auth: [svc_partner, Pa9-Wz4kLm2y ]}'", 'Pa9-Wz4kLm2y'],
  ];
  for (const [text, secret] of cases) t.same(find(text), [secret], text);
});

t.test('lookups and expressions are silent', async (t) => {
  for (const text of [
    'pw = dbutils.secrets.get(scope="kv-prod", key="snowflake-password")',
    'spark.conf.set("fs.azure.account.key.acmelake.dfs.core.windows.net", dbutils.secrets.get(scope="kv", key="storage-key"))',
    'password = os.getenv("DB_PASSWORD", "")',
    'password = os.environ.get("DB_PASSWORD", "changeme")',
    'pw = dbutils.secrets.get("snowflake", "password")',
    'region = os.getenv("AWS_REGION", "eu-west-1")',
    'token = os.environ["API_TOKEN"]',
    'spark.conf.set("spark.sql.shuffle.partitions", "200")',
    '.option("header", "true").option("password", password)',
    'if row["password"] == "Zq8kLm2vX9eq": pass',
    'headers = {"Authorization": f"Bearer {token}"}',
    'engine = create_engine(f"postgresql://etl:{pw}@db.internal/dw")',
    "dbt.config(materialized='table', packages=['requests'])",
    'spark.conf.set("fs.azure.account.auth.type.acmelake.dfs.core.windows.net", "OAuth")',
    'session.conf.set("spark.hadoop.fs.s3a.access.key", "AKIA" + key_suffix)',
    'os.environ["SFTP_PASSWORD"] = "SFTP_PASSWORD"',
    'r = requests.post(url, auth=("svc", os.environ["GEO_PW"]))',
    'r = requests.post(url, auth=(user, password))',
    'auth=("svc", "<your-password>")',
    'auth=("svc", "pw" + suffix, "extra")',
    'oauth=("svc", "Gx7-pL2qW9vR")',
    '{"oauth": ["svc", "Gx7-pL2qW9vR"]}',
    '{"sso_auth": ["okta", "saml2"], "scopes_auth": ["read", "write"]}',
    '{"api_auth": ["svc", "********"], "proxy_auth": ["svc", "<your-password>"]}',
    'author: [Jane Doe, Max Mustermann2]',
    // a call that stores nothing, or a setter's name inside another identifier
    'print("password", "Zq8kLm2vX9pr")',
    'cache.reset("password", "Zq8kLm2vX9rs")',
  ]) t.same(find(text), [], text);
});

t.test("dbt's lookups in Jinja: a literal default of a secret's name is one; a default that is a name, a placeholder or nothing is not", async (t) => {
  const found: [string, string][] = [
    [`select * from x where k = '{{ env_var("API_KEY", "Rk9vLq2xZ8mW3tNb7pYc") }}'`, 'Rk9vLq2xZ8mW3tNb7pYc'],
    ["{% set pw = var('db_password') | default('Vt7qLx2mZk9Wn4Rb') %}", 'Vt7qLx2mZk9Wn4Rb'],
    [`{% set pw = env_var('DB_PASSWORD', '') | d("Vt7qLx2mZk9Wd") %}`, 'Vt7qLx2mZk9Wd'],
    [`create secret s (type s3, secret '{{ env_var("DBT_ENV_SECRET_S3_SECRET", "q7Wm2vLx9Rt4Kp8zNb3cYd6F") }}')`, 'q7Wm2vLx9Rt4Kp8zNb3cYd6F'],
  ];
  for (const [text, secret] of found) t.same(find(text), [secret], text.slice(0, 40));
  for (const text of [
    "{{ env_var('DBT_PASSWORD', 'changeme') }}",
    "{{ env_var('DBT_SCHEMA', 'analytics_dev') }}",
    "{{ env_var('API_KEY', '<your-api-key>') }}",
    "{{ var('api_key', 'API_KEY') }}",
    "{{ var('token_column', 'user_token') }}",
    "{% set pw = var('db_password') | default('') %}",
    "{% set pw = var('db_password') | default(env_var('X')) %}",
    "{% set k = var('partition_key') | default('order_date') %}",
    "{{ env_var('DBT_PASSWORD', env_var('DB_PASS_FALLBACK')) }}",
    "{{ env_var('SNOWFLAKE_PRIVATE_KEY_PATH', '/home/runner/.ssh/rsa_key.p8') }}",
    "{{ my_env_var('DBT_PASSWORD', 'Rk9vLq2xZ8mW3tNb') }}",
  ]) t.same(find(text), [], text);
});

t.test("a password by position in a DB-API driver's connect()", async (t) => {
  const found: [string, string][] = [
    ['conn = pymssql.connect("sql.acme.io", "etl", "Hq7!vLm2Zt9", "dw")', 'Hq7!vLm2Zt9'],
    ["c = MySQLdb.connect('db.acme.io', 'etl', 'Rt5#qWm9Lp3', 'dw')", 'Rt5#qWm9Lp3'],
    ["c = pymysql.connect(host, 'etl', 'Rt5#qWm9Lp3')", 'Rt5#qWm9Lp3'],
    ["c = cx_Oracle.connect('etl', 'Tk4$wQz8Nm2', 'erp.acme.io/ORCL')", 'Tk4$wQz8Nm2'],
    ["c = dbapi.connect('hana.acme.io', 30015, 'ETL', 'Yp6%rLx3Kv9')", 'Yp6%rLx3Kv9'],
  ];
  for (const [code, secret] of found) t.same(find(code), [secret], code.replace(secret, '…'));
  const silent = [
    "pymssql.connect('sql.acme.io', 'etl', os.environ['MSSQL_PASSWORD'], 'dw')",
    'pymssql.connect(host, user, pw)',
    "pymssql.connect('sql.acme.io', 'etl', '', 'dw')",
    "cx_Oracle.connect('etl', dbutils.secrets.get('erp', 'pw'), 'erp/ORCL')",
    "cx_Oracle.connect('etl/' + pw + '@erp')",
    'psycopg2.connect("db.acme.io", "etl", "customer_orders")',
    'other.connect("db.acme.io", "etl", "Hq7!vLm2Zt9")',
    "pymssql.connect('sql.acme.io', 'etl')",
  ];
  for (const code of silent) t.same(find(code), [], code);
});
