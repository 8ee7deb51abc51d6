/**
 * Red team 141: credentials in SQL as adapters' users write it. Spark's and Databricks' `SET name = value;` after another
 * statement on its line or with one after it (a one-line hook); ClickHouse's s3() with an S3-compatible store's key id
 * that is a user's name (MinIO's, R2's). A variable, a template or a format's name in their places stays none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const SECRET = '6vlK6Arq3Q5soIXZaMniDfBSFwUMzdNtKy7YTOL5';

t.test("a SET statement's secret with another statement on its line", async (t) => {
  for (const [key, rule] of [['compiled_code', 'compiled-code'], ['raw_code', 'raw-code']] as const) {
    const probe = ruleProbe(key);
    probe.finds(t, rule, [
      [`SET spark.hadoop.fs.s3a.endpoint = s3.eu-west-1.amazonaws.com; SET spark.hadoop.fs.s3a.secret.key = ${SECRET};`, SECRET],
      [`SET spark.hadoop.fs.s3a.secret.key = ${SECRET}; select * from raw.events;`, SECRET],
    ]);
    probe.findsNothing(t, rule, [
      "SET spark.hadoop.fs.s3a.secret.key = {{ var('s3_secret') }}; select 1",
      'select 1; SET spark.hadoop.fs.s3a.secret.key = $S3_SECRET; select 2',
      'update t set password = other_password; select 1',
      'update t set api_key = new_key where id = 1; commit;',
    ]);
  }
});

t.test("ClickHouse's s3() with a user's name for the key id; a format's name there is no key", async (t) => {
  const probe = ruleProbe('compiled_code');
  probe.finds(t, 'compiled-code', [
    [`select * from s3('http://minio.internal:9000/raw/events/*.parquet', 'dbt-reader', '${SECRET}', 'Parquet')`, SECRET],
    [`create table raw.events (id UInt64) ENGINE = S3('https://acme-raw.s3.amazonaws.com/events/*.parquet', 'exporter', '${SECRET}', 'Parquet')`, SECRET],
  ]);
  probe.findsNothing(t, 'compiled-code', [
    "select * from s3('https://b.s3.amazonaws.com/x.csv', 'CSVWithNames', 'id UInt64, name String', 'gzip')",
    "select * from s3('https://b/x.parquet', 'Parquet', 'a_very_long_structure_name_here')",
    "select * from s3('https://b/x', 'TabSeparatedWithNames', 'name_of_the_table_structure', 'gzip')",
    `select * from s3('https://b/x', 'dbt-reader', '{{ env_var("S3_SECRET") }}', 'Parquet')`,
  ]);
});

t.test("Jasypt's ENC(<base64>) where a password goes is a value encrypted elsewhere; a password there is one", async (t) => {
  const probe = ruleProbe('compiled_code');
  probe.findsNothing(t, 'compiled-code', ["alter role reporting with login password 'ENC(AbCdEfGhIjKlMnOpQrStUvWx)';", "create user etl password = 'ENC(G6KXQ9nF2kZ0pR3sT7vW1yB4dE8hJ5mL0q==)'"]);
  // (Jasypt's output is 24 characters or more: a short one in brackets is a password, red team 145)
  probe.finds(t, 'compiled-code', [["alter role reporting with login password 'Xk9mQ2vL7pRz';", 'Xk9mQ2vL7pRz'], ["alter role reporting with login password 'ENC(Kiosk42Lamp)';", 'ENC(Kiosk42Lamp)']]);
});
