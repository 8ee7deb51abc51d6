/**
 * Object-store URLs given as PATH: `s3://BUCKET/KEY`, `gs://BUCKET/KEY`, `az://CONTAINER/KEY`.
 * A URL names an object, a folder of objects (a key prefix) or a glob over keys.
 */
import { InputError } from '../errors.js';

export type Scheme = 's3' | 'gs' | 'az';

export interface RemoteUrl {
  scheme: Scheme;
  /** The bucket (S3, GCS) or container (Azure). */
  bucket: string;
  /** The key or key prefix, without a leading slash; '' for the whole bucket. */
  key: string;
}

const URL_FORM = /^(s3|gs|az):\/\/([^/]*)\/?(.*)$/;

/** The SDK each scheme needs: an optional peer dependency, loaded only when such a URL is scanned. */
export const SDK_PACKAGE: Record<Scheme, string> = { s3: '@aws-sdk/client-s3', gs: '@google-cloud/storage', az: '@azure/storage-blob' };

export const PROVIDER_NAME: Record<Scheme, string> = { s3: 'S3', gs: 'GCS', az: 'Azure Blob' };

export function isRemote(file: string): boolean {
  return /^(?:s3|gs|az):\/\//.test(file);
}

export function parseRemote(url: string): RemoteUrl {
  const m = URL_FORM.exec(url);
  if (!m) throw new InputError(`${url}: not an object-store URL (s3://BUCKET/PREFIX, gs://BUCKET/PREFIX or az://CONTAINER/PREFIX)`);
  const [, scheme, bucket, key] = m;
  if (!bucket) throw new InputError(`${url}: no ${scheme === 'az' ? 'container' : 'bucket'} name (expected ${scheme}://${scheme === 'az' ? 'CONTAINER' : 'BUCKET'}/PREFIX)`);
  return { scheme: scheme as Scheme, bucket, key: key!.replace(/^\/+/, '') };
}

export function remoteUrl(scheme: Scheme, bucket: string, key: string): string {
  return `${scheme}://${bucket}/${key}`;
}
