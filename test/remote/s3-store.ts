/** The S3 store the remote suites read (suite.ts): a real s3rver with a bucket made, stopped when the test file ends. */
import type { Test } from 'tap';
import { s3Client, startS3, type Server } from './servers.js';
import type { StoreUnderTest } from './suite.js';

export async function startS3Store(t: Test, bucket: string): Promise<{ server: Server; store: StoreUnderTest }> {
  const server = await startS3();
  t.teardown(() => server.stop());
  const { put, putFile, createBucket } = s3Client(server);
  await createBucket(bucket);
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
  return { server, store };
}
