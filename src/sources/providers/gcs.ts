/**
 * Google Cloud Storage. Credentials from Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS,
 * gcloud's login, workload identity, the metadata server); STORAGE_EMULATOR_HOST points the client
 * at an emulator (the SDK reads it itself).
 */
import type { Readable } from 'node:stream';
import { genericError, TIMEOUTS, type ObjectInfo, type Provider } from './types.js';

type Metadata = { size?: string | number; updated?: string };
type Query = { prefix: string; autoPaginate: false; maxResults: number; pageToken?: string };

/** The part of @google-cloud/storage used here, typed here: the SDK is an optional peer, absent from a plain install. */
export interface GcsSdk {
  Storage: new (options: object) => {
    bucket(name: string): {
      getFiles(query: Query): Promise<[{ name: string; metadata: Metadata }[], unknown, unknown]>;
      file(name: string): {
        getMetadata(): Promise<[Metadata, ...unknown[]]>;
        createReadStream(options: { start: number; end: number; validation: false }): Readable;
      };
    };
  };
}

export function createProvider({ Storage }: GcsSdk): Provider {
  const storage = new Storage({ retryOptions: { autoRetry: true, maxRetries: 3, totalTimeout: TIMEOUTS.requestMs / 1000 } });
  const info = (key: string, metadata: Metadata): ObjectInfo => ({
    key,
    size: Number(metadata.size ?? 0),
    modified: metadata.updated ? Date.parse(metadata.updated) : 0,
  });
  return {
    async *list(bucket, prefix) {
      let query: Query | undefined = { prefix, autoPaginate: false, maxResults: 1000 };
      while (query) {
        const page = await storage.bucket(bucket).getFiles(query);
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
      return storage.bucket(bucket).file(key).createReadStream({ start, end: end - 1, validation: false });
    },
    errorOf(error) {
      const e = error as { errors?: { reason?: string }[] };
      const reason = e?.errors?.[0]?.reason;
      const found = genericError(error, []);
      return reason && /^[A-Za-z0-9_.-]{1,64}$/.test(reason) ? { ...found, code: reason } : found;
    },
  };
}
