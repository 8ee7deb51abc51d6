/**
 * spark-conf-line: a Hadoop filesystem credential on a spark-defaults style line (property, spaces,
 * value), as Databricks' cluster "Spark config" box and spark-defaults.conf write it; secret
 * references, templates, settings and prose about the property are silent.
 * Each case names the exact secret, or none; labels never show one.
 */
import { sparkConfDetector } from '../../src/detectors/spark-conf.js';
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
]);
