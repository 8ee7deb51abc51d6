/**
 * s3:// roots against a real S3 server (s3rver on 127.0.0.1 and a free port): the cases every
 * store passes and those of what the scan makes of the objects it reads (suite.ts), then the 600 MB object (past the longest string V8 holds)
 * streamed in bounded memory to its end, and a server that dies mid-stream (exit 2, naming the
 * object, no hang).
 */
import t from 'tap';
import { s3Client, startS3 } from './servers.js';
import { PAST_STRING_LIMIT, storeSuite, streamingSuite, uploadLarge, uploadRuns, type StoreUnderTest } from './suite.js';

t.setTimeout(600_000);
const server = await startS3();
t.teardown(() => server.stop());
const { put, putFile, createBucket } = s3Client(server);
await createBucket('acme-dbt');
const store: StoreUnderTest = {
  scheme: 's3',
  provider: 'S3',
  env: server.env,
  refusedEnv: { ...server.env, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' },
  missingCode: 'NoSuchBucket',
  refusedCode: 'InvalidAccessKeyId',
  put,
  putFile,
  envVia: (port) => ({ ...server.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` }),
};
const between = await uploadRuns(store, 'acme-dbt');
const large = await uploadLarge(t, store, 'acme-dbt', PAST_STRING_LIMIT);

storeSuite(t, store, 'acme-dbt', between, 'all');
streamingSuite(t, store, server, 'acme-dbt', large);
