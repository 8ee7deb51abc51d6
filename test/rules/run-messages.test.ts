import { runResults, SCHEMA } from '../helpers.js';
import { ruleTester } from './harness.js';
import { AWS_SECRET, PASSWORD, PG_PASSWORD } from './secrets.js';

const file = 'run_results.json';
const SIGNATURE = '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e';

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
      // session 35: an adapter response is a dict whose keys name what they hold
      name: 'an adapter response that echoes the request headers it sent',
      file,
      artifact: runResults({ results: [{ unique_id: 'model.a.b', status: 'success', message: 'OK', adapter_response: { _message: 'OK', request_headers: { 'x-api-key': 'Ad9rTq3mXw7LzKp2VnC5bHy8JfG4sUe6' } } }] }),
      secrets: [{ secret: 'Ad9rTq3mXw7LzKp2VnC5bHy8JfG4sUe6', detector: 'secret-key-name', uniqueId: 'model.a.b' }],
    },
    {
      name: 'an ODBC connection string whose password is braced',
      file,
      artifact: runResults({ results: [{ unique_id: 'model.a.b', status: 'error', message: `[SQL: Driver={ODBC Driver 18 for SQL Server};Server=tcp:dw.database.windows.net,1433;Uid=etl;Pwd={${PASSWORD}};Encrypt=yes;]` }] }),
      secrets: [{ secret: PASSWORD, detector: 'password-assignment', uniqueId: 'model.a.b' }],
    },
    {
      name: 'a pre-signed URL echoed in an HTTP error',
      file,
      artifact: runResults({ results: [{ unique_id: 'model.a.b', status: 'error', message: `HTTP Error: 403 for https://acme.s3.amazonaws.com/x.parquet?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20241130T101500Z&X-Amz-Signature=${SIGNATURE}` }] }),
      secrets: [{ secret: SIGNATURE, detector: 'signed-url', uniqueId: 'model.a.b' }],
    },
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
