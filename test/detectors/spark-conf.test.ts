/**
 * spark-conf-line: a Hadoop filesystem credential on a spark-defaults style line (property, spaces,
 * value), as Databricks' cluster "Spark config" box and spark-defaults.conf write it; secret
 * references, templates, settings and prose about the property are silent.
 * Each case names the exact secret, or none; labels never show one.
 */
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { sparkConfDetector } from '../../src/detectors/spark-conf.js';
import { DetectorSet } from '../../src/engine/prefilter.js';
import { checkDetector as check } from './detector-cases.js';

check(sparkConfDetector, [
  { label: "S3A's secret key under spark.hadoop.", text: 'spark-defaults.conf:\nspark.hadoop.fs.s3a.secret.key Wq8vLm2xRt9zKp4nBc7dFg1hJk3sQe5uYi6oPa0T', secrets: ['Wq8vLm2xRt9zKp4nBc7dFg1hJk3sQe5uYi6oPa0T'] },
  { label: "an ADLS account key, two spaces, a storage account's name in the property", text: 'spark.hadoop.fs.azure.account.key.acmelake.dfs.core.windows.net  Zm9vYmFyYmF6cXV4cXV1eHh5enp5eHd2dXRzcnFwb25tbGtqaWhnZmVkY2JhOTg3NjU0MzIxMA==', secrets: ['Zm9vYmFyYmF6cXV4cXV1eHh5enp5eHd2dXRzcnFwb25tbGtqaWhnZmVkY2JhOTg3NjU0MzIxMA=='] },
  { label: "Hadoop's own property, a tab", text: 'fs.s3a.secret.key\tKq7vLm2xRt9zWp4nBc7dFg1hJk3sQe5uYi6oPa0X', secrets: ['Kq7vLm2xRt9zWp4nBc7dFg1hJk3sQe5uYi6oPa0X'] },
  { label: 'an OAuth client secret, indented', text: '  spark.hadoop.fs.azure.account.oauth2.client.secret.acme.dfs.core.windows.net Qx8~vLm2.Rt9zWp4nBc7dFg1hJk3sQe5uY', secrets: ['Qx8~vLm2.Rt9zWp4nBc7dFg1hJk3sQe5uY'] },
  { label: "a line commented out in SQL", text: '-- cluster spark config:\n-- spark.hadoop.fs.s3a.secret.key Jk3sQe5uYi6oPa0TWq8vLm2xRt9zKp4nBc7dFg1h\nselect 1', secrets: ['Jk3sQe5uYi6oPa0TWq8vLm2xRt9zKp4nBc7dFg1h'] },
  { label: 'a Databricks secret reference', text: 'spark.hadoop.fs.s3a.secret.key {{secrets/lake/s3_secret}}', secrets: [] },
  { label: 'a Databricks secret reference with spaces', text: 'spark.hadoop.fs.azure.account.key.acmelake.dfs.core.windows.net {{ secrets/lake/adls_key }}', secrets: [] },
  { label: "Spark's environment reference", text: 'spark.hadoop.fs.s3a.secret.key ${env:S3_SECRET}', secrets: [] },
  { label: 'no value', text: 'fs.s3a.access.key \nspark.hadoop.fs.s3a.secret.key', secrets: [] },
  { label: 'a gap to fill', text: 'spark.hadoop.fs.s3a.secret.key <your-secret-key>', secrets: [] },
  { label: 'masked', text: 'spark.hadoop.fs.s3a.secret.key ****', secrets: [] },
  { label: 'prose about the property', text: 'Set the fs.s3a.secret.key property', secrets: [] },
  { label: 'a provider class and a setting', text: 'fs.s3a.aws.credentials.provider org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider\nfs.azure.account.auth.type OAuth', secrets: [] },
  { label: 'a word under a secret property', text: 'fs.s3a.secret.key\tsetting', secrets: [] },
  { label: 'more words after the value: prose', text: 'fs.s3a.secret.key Kq7vLm2xRt9zWp4nBc7dFg1h is rotated', secrets: [] },
  { label: 'an endpoint, no secret property', text: 'spark.hadoop.fs.s3a.endpoint s3.eu-west-1.amazonaws.com', secrets: [] },
  // Spark SQL's OPTIONS clause, the property and its value two literals (red team 103)
  { label: 'OPTIONS, a quoted property and its value', text: "CREATE TABLE raw.events USING parquet OPTIONS (path 's3a://acme-events/raw/', 'fs.s3a.secret.key' 'tCcs6ysnLe/266tQx25xvKcaITI4e01MMFp71LaH')", secrets: ['tCcs6ysnLe/266tQx25xvKcaITI4e01MMFp71LaH'] },
  { label: 'OPTIONS, an unquoted property', text: "CREATE TABLE raw.x USING parquet OPTIONS (path 's3a://acme-events/x/', fs.s3a.secret.key 'Rk2Tq9ZmWv4Lp7Xc1Bn8Hs3Jd6Fg0YaEuQiOwPlK')", secrets: ['Rk2Tq9ZmWv4Lp7Xc1Bn8Hs3Jd6Fg0YaEuQiOwPlK'] },
  { label: 'OPTIONS over lines, double quotes, among settings', text: 'using delta\noptions (\n  "header" "true",\n  inferSchema true,\n  "fs.azure.account.key.acmelake.dfs.core.windows.net" "Zm9vYmFyYmF6cXV4cXV1eHh5enp5eHd2dXRzcnFwb25tbGtqaWhnZmVkY2JhOTg3NjU0MzIxMA=="\n)', secrets: ['Zm9vYmFyYmF6cXV4cXV1eHh5enp5eHd2dXRzcnFwb25tbGtqaWhnZmVkY2JhOTg3NjU0MzIxMA=='] },
  // a SQL comment between the properties (red team 105)
  { label: 'OPTIONS, a line comment before the property', text: "OPTIONS (\n  path 's3a://acme-raw/events/',\n  -- TODO: move to an instance profile\n  'fs.s3a.secret.key' 'FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2'\n)", secrets: ['FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2'] },
  { label: 'OPTIONS, a trailing comment after the property', text: "OPTIONS (\n  path 's3a://acme-raw/events/', -- the bucket\n  'fs.s3a.secret.key' 'FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2' -- prod key\n)", secrets: ['FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2'] },
  { label: 'OPTIONS, a block comment between properties', text: "OPTIONS (path 's3a://acme-raw/events/', /* creds */ 'fs.s3a.secret.key' 'FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2')", secrets: ['FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2'] },
  { label: 'OPTIONS, a comment that holds the property and an example', text: "OPTIONS (\n  -- 'fs.s3a.secret.key' '${env:AWS_SECRET}' in prod\n  'header' 'true' /* 'fs.s3a.secret.key' 'x' */\n)", secrets: [] },
  { label: "OPTIONS, Spark's environment reference", text: "OPTIONS ('fs.s3a.secret.key' '${env:AWS_SECRET}')", secrets: [] },
  { label: "OPTIONS, AWS's documented example keys", text: "OPTIONS ('fs.s3a.access.key' 'AKIAIOSFODNN7EXAMPLE', 'fs.s3a.secret.key' 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')", secrets: [] },
  { label: 'OPTIONS, settings only', text: "OPTIONS ('header' 'true', inferSchema true, 'delimiter' ',', path 's3a://acme-events/raw/')", secrets: [] },
  { label: "OPTIONS, the parenthesis on the next line", text: "using parquet\nOPTIONS\n(\n  'fs.s3a.secret.key' 'FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2'\n)", secrets: ['FUGlN9O88xb6i4MGYZzDHot7R6/9hdDSaTwX8Mi2'] },
  { label: 'OPTIONS, a property after a clause that closed', text: "OPTIONS ('header' 'true') COMMENT 'fs.s3a.secret.key' 'Rk2Tq9ZmWv4Lp7Xc1Bn8Hs3Jd6Fg0YaEuQiOwPlK'", secrets: [] },
]);

// `options` is a common word (descriptions, `dbt run --options`, BigQuery's `options(...)` is a clause
// too): only where it opens a clause, or a Hadoop property is named, does the pre-filter wake the detector
t.test('the pre-filter selects spark-conf-line at a clause or a property only', async (t) => {
  const set = new DetectorSet(DETECTORS);
  const selects = (value: string) => set.select(value, undefined).includes(sparkConfDetector);
  t.notOk(selects('Options for the incremental strategy: merge or delete+insert; see the options below'), 'the word in prose');
  t.notOk(selects('{{ config(materialized="table", options={"a": 1}) }}'), 'a keyword argument');
  t.ok(selects("create table x using parquet OPTIONS ('header' 'true')"), 'a clause');
  t.ok(selects('create table x using parquet options\n  (path "s3a://b/x")'), 'a clause over lines');
  t.ok(selects('spark.hadoop.fs.s3a.endpoint s3.eu-west-1.amazonaws.com'), 'a Hadoop property');
});
