/**
 * Google Cloud Storage. Credentials from Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS,
 * gcloud's login, workload identity, the metadata server); STORAGE_EMULATOR_HOST points the client
 * at an emulator (the SDK reads it itself).
 */
import { Storage } from '@google-cloud/storage';
import type { Readable } from 'node:stream';
import { genericError, TIMEOUTS, type ObjectInfo, type Provider } from './types.js';

export function createProvider(): Provider {
  const storage = new Storage({ retryOptions: { autoRetry: true, maxRetries: 3, totalTimeout: TIMEOUTS.requestMs / 1000 } });
  const info = (key: string, metadata: { size?: string | number; updated?: string }): ObjectInfo => ({
    key,
    size: Number(metadata.size ?? 0),
    modified: metadata.updated ? Date.parse(metadata.updated) : 0,
  });
  return {
    async *list(bucket, prefix) {
      type Query = { prefix: string; autoPaginate: false; maxResults: number; pageToken?: string };
      let query: Query | undefined = { prefix, autoPaginate: false, maxResults: 1000 };
      while (query) {
        const page: [{ name: string; metadata: { size?: string | number; updated?: string } }[], unknown, unknown] = await storage.bucket(bucket).getFiles(query);
        for (const f of page[0]) yield info(f.name, f.metadata);
        query = (page[1] as Query | null) ?? undefined;
      }
    },
    async head(bucket, key) {
      const [metadata] = await storage.bucket(bucket).file(key).getMetadata();
      return info(key, metadata);
    },
    async read(bucket, key, start, end) {
      // validation off: a checksum can only be checked over the whole object, and we read ranges
      return storage.bucket(bucket).file(key).createReadStream({ start, end: end - 1, validation: false }) as Readable;
    },
    errorOf(error) {
      const e = error as { errors?: { reason?: string }[] };
      const reason = e?.errors?.[0]?.reason;
      const found = genericError(error, []);
      return reason && /^[A-Za-z0-9_.-]{1,64}$/.test(reason) ? { ...found, code: reason } : found;
    },
  };
}
