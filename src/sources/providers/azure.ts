/**
 * Azure Blob Storage. AZURE_STORAGE_CONNECTION_STRING (Azurite's, or an account's) when set; else
 * the account named by AZURE_STORAGE_ACCOUNT with @azure/identity's DefaultAzureCredential
 * (environment, workload identity, managed identity, Azure CLI login).
 */
import type { Readable } from 'node:stream';
import { genericError, TIMEOUTS, type ObjectInfo, type Provider } from './types.js';

type Properties = { contentLength?: number; lastModified?: Date };
interface BlobService {
  getContainerClient(container: string): {
    listBlobsFlat(options: { prefix: string }): AsyncIterable<{ name: string; properties: Properties }>;
    getBlobClient(key: string): {
      getProperties(): Promise<Properties>;
      download(offset: number, count: number, options: { maxRetryRequests: number }): Promise<{ readableStreamBody?: unknown }>;
    };
  };
}
/** The parts of @azure/storage-blob and @azure/identity used here, typed here: both are optional peers, absent from a plain install. */
export interface AzureBlobSdk {
  BlobServiceClient: {
    new (url: string, credential: object, options: object): BlobService;
    fromConnectionString(connectionString: string, options: object): BlobService;
  };
}
export interface AzureIdentitySdk {
  DefaultAzureCredential: new () => object;
}

/** Neither a connection string nor an account is set: the store says which to set. */
export class MissingAccount extends Error {
  readonly code = 'NoAccount';
}

export async function createProvider({ BlobServiceClient }: AzureBlobSdk, env: NodeJS.ProcessEnv, load: (name: string) => Promise<unknown>): Promise<Provider> {
  const options = { retryOptions: { maxTries: 3, tryTimeoutInMs: TIMEOUTS.requestMs } };
  let service: BlobService;
  if (env.AZURE_STORAGE_CONNECTION_STRING) service = BlobServiceClient.fromConnectionString(env.AZURE_STORAGE_CONNECTION_STRING, options);
  else if (env.AZURE_STORAGE_ACCOUNT) {
    const { DefaultAzureCredential } = (await load('@azure/identity')) as AzureIdentitySdk;
    service = new BlobServiceClient(`https://${env.AZURE_STORAGE_ACCOUNT}.blob.core.windows.net`, new DefaultAzureCredential(), options);
  } else throw new MissingAccount();
  const info = (key: string, size: number | undefined, modified: Date | undefined): ObjectInfo => ({ key, size: size ?? 0, modified: modified?.getTime() ?? 0 });
  return {
    async *list(container, prefix) {
      for await (const blob of service.getContainerClient(container).listBlobsFlat({ prefix })) {
        yield info(blob.name, blob.properties.contentLength, blob.properties.lastModified);
      }
    },
    async head(container, key) {
      const got = await service.getContainerClient(container).getBlobClient(key).getProperties();
      return info(key, got.contentLength, got.lastModified);
    },
    async read(container, key, start, end) {
      // no retries inside the body: a stream that breaks fails the object (see remote-worker.ts)
      const got = await service.getContainerClient(container).getBlobClient(key).download(start, end - start, { maxRetryRequests: 0 });
      return got.readableStreamBody as Readable;
    },
    errorOf(error) {
      // the SDK's download stream replaces the error of a dropped connection with its own, which has no code
      const e = (error ?? {}) as { name?: unknown; message?: unknown };
      if (e.name === 'AbortError' || (typeof e.message === 'string' && e.message.startsWith('Data corruption failure: received less data'))) return { code: 'ConnectionClosed', status: undefined };
      return genericError(error, ['code', 'errorCode']);
    },
  };
}
