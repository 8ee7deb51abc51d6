import { runResults, SCHEMA } from '../helpers.js';
import { ruleTester } from './harness.js';
import { AWS_SECRET, PASSWORD, PG_PASSWORD } from './secrets.js';

const file = 'run_results.json';

ruleTester('run-messages', {
  valid: [
    {
      name: 'ordinary messages and adapter ids',
      file,
      artifact: runResults({
        results: [
          { unique_id: 'model.a.b', status: 'success', message: 'SUCCESS 1', adapter_response: { _message: 'SUCCESS 1', code: 'SUCCESS', rows_affected: 1, query_id: '01b7a6c2-0705-4b3e-0000-2c5d0a1b9e4f' } },
          { unique_id: 'model.a.c', status: 'error', message: "Database Error in model c\n  password authentication failed for user \"etl\"" },
          { unique_id: 'model.a.d', status: 'error', message: 'Python model failed at line 6:\n    spark.conf.set("fs.azure.account.key.lake.dfs.core.windows.net", dbutils.secrets.get("kv", "lake"))\nAnalysisException: ...' },
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'a driver echoing its DSN',
      file,
      artifact: runResults({ results: [{ unique_id: 'model.a.b', status: 'error', message: `could not connect: postgresql://loader:${PG_PASSWORD}@db.internal:5432/raw refused` }] }),
      secrets: [{ secret: PG_PASSWORD, detector: 'url-password', uniqueId: 'model.a.b' }],
    },
    {
      name: 'sources.json freshness error',
      file: 'sources.json',
      artifact: {
        metadata: { dbt_schema_version: SCHEMA('sources', 3), env: {} },
        results: [{ unique_id: 'source.a.raw.orders', status: 'runtime error', error: `connection failed: host=db user=etl password=${PASSWORD} dbname=raw` }],
        elapsed_time: 1,
      },
      secrets: [{ secret: PASSWORD, detector: 'password-assignment', uniqueId: 'source.a.raw.orders' }],
    },
    {
      name: "a Python model's failing line echoed in its error",
      file,
      artifact: runResults({
        results: [{ unique_id: 'model.a.lake', status: 'error', message: `Python model failed at line 6:\n    spark.conf.set("spark.hadoop.fs.s3a.secret.key", "${AWS_SECRET}")\nPy4JJavaError: An error occurred while calling o123.load.` }],
      }),
      secrets: [{ secret: AWS_SECRET, detector: 'code-secret-argument', uniqueId: 'model.a.lake' }],
    },
  ],
});
