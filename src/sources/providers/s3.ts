/**
 * S3 and S3-compatible stores (MinIO, R2, Ceph, local test servers). Credentials and region come
 * from the SDK's default chain; an endpoint from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, with
 * path-style addressing, so that a local server works with no other setting.
 */
import type { Readable } from 'node:stream';
import { genericError, TIMEOUTS, type ObjectInfo, type Provider } from './types.js';

/** The part of @aws-sdk/client-s3 used here, typed here: the SDK is an optional peer, absent from a plain install. */
export interface S3Sdk {
  S3Client: new (config: object) => { send<Output>(command: Command<Output>): Promise<Output> };
  ListObjectsV2Command: new (input: { Bucket: string; Prefix: string; ContinuationToken?: string }) => Command<{
    Contents?: { Key?: string; Size?: number; LastModified?: Date }[];
    IsTruncated?: boolean;
    NextContinuationToken?: string;
  }>;
  HeadObjectCommand: new (input: { Bucket: string; Key: string }) => Command<{ ContentLength?: number; LastModified?: Date }>;
  GetObjectCommand: new (input: { Bucket: string; Key: string; Range: string }) => Command<{ Body?: unknown }>;
}
/** A command object; `Output` only types what `send` resolves to. */
interface Command<Output> {
  readonly input: object;
  readonly outputType?: Output;
}

export function createProvider({ S3Client, ListObjectsV2Command, HeadObjectCommand, GetObjectCommand }: S3Sdk, env: NodeJS.ProcessEnv): Provider {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  const client = new S3Client({
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // a bucket in another region than the configured one answers with a redirect: follow it
    followRegionRedirects: true,
    requestHandler: { connectionTimeout: TIMEOUTS.connectMs, requestTimeout: TIMEOUTS.requestMs },
  });
  const info = (key: string, size: number | undefined, modified: Date | undefined): ObjectInfo => ({ key, size: size ?? 0, modified: modified?.getTime() ?? 0 });
  return {
    async *list(bucket, prefix) {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key !== undefined) yield info(o.Key, o.Size, o.LastModified);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async head(bucket, key) {
      const got = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return info(key, got.ContentLength, got.LastModified);
    },
    async read(bucket, key, start, end) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` }));
      return got.Body as Readable;
    },
    errorOf: (error) => genericError(error, ['Code', 'name']),
  };
}
