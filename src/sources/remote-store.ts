/**
 * An object store for a synchronous scan: `scan` reads files with blocking calls, so the SDK (all
 * promises and sockets) runs in a worker thread of its own and this thread waits for its replies
 * (see worker-sync.ts). One store per scheme and thread, started when a URL of that scheme is
 * first scanned: a local scan never loads an SDK.
 */
import { InputError, UsageError } from '../errors.js';
import { isFailure, SyncWorkers, type WorkerFailure } from '../engine/worker-sync.js';
import type { ObjectInfo, StoreError } from './providers/types.js';
import type { RemoteReply, RemoteRequest } from './remote-worker.js';
import { parseRemote, PROVIDER_NAME, remoteUrl, type RemoteUrl, type Scheme } from './url.js';

/** The first bytes of the object read last, kept: the scan looks at an object's head before it streams it. */
const HEAD_BYTES = 64 * 1024;

export class RemoteStore {
  private readonly worker: SyncWorkers<RemoteRequest, RemoteReply | WorkerFailure>;
  /** What listings and stats found, by URL. */
  private readonly known = new Map<string, ObjectInfo>();
  /** Listings by bucket and prefix: a glob is listed for the archives it matches, then again by discovery. */
  private readonly listings = new Map<string, ObjectInfo[]>();
  private head: { file: string; bytes: Uint8Array } | undefined;

  constructor(readonly scheme: Scheme) {
    this.worker = new SyncWorkers(new URL('./remote-worker.js', import.meta.url), 1, { scheme });
  }

  /** Every object under the URL's key prefix, with size and time; the bucket must exist and be listable. */
  list(url: RemoteUrl, prefix: string, what: string): ObjectInfo[] {
    const listed = this.listings.get(`${url.bucket}/${prefix}`);
    if (listed) return listed;
    const reply = this.call({ op: 'list', bucket: url.bucket, prefix }, what);
    const objects = reply.objects ?? [];
    this.listings.set(`${url.bucket}/${prefix}`, objects);
    for (const o of objects) this.known.set(remoteUrl(url.scheme, url.bucket, o.key), o);
    return objects;
  }

  /** The object's size and time, undefined when there is no such object. */
  stat(file: string): ObjectInfo | undefined {
    const known = this.known.get(file);
    if (known) return known;
    const url = parseRemote(file);
    const reply = this.call({ op: 'head', bucket: url.bucket, key: url.key }, file, true);
    if (reply.object) this.known.set(file, reply.object);
    return reply.object;
  }

  /** Like fs.readSync: up to `length` bytes at `position` into `into` at `offset`; 0 at the end. */
  read(file: string, into: Uint8Array, offset: number, length: number, position: number): number {
    const size = this.stat(file)?.size ?? 0;
    if (position >= size || length <= 0) return 0;
    if (this.head?.file !== file) {
      this.head = undefined;
      this.head = { file, bytes: this.fetch(file, 0, Math.min(HEAD_BYTES, size), size) };
    }
    const head = this.head.bytes;
    if (position < head.length) {
      const n = Math.min(length, head.length - position);
      into.set(head.subarray(position, position + n), offset);
      return n;
    }
    const bytes = this.fetch(file, position, length, size);
    into.set(bytes, offset);
    return bytes.length;
  }

  /** Let go of the object being streamed (its connection, its read-ahead). */
  release(): void {
    this.head = undefined;
    this.call({ op: 'close' }, '');
  }

  close(): void {
    this.worker.close();
  }

  private fetch(file: string, position: number, length: number, size: number): Uint8Array {
    const url = parseRemote(file);
    return this.call({ op: 'read', bucket: url.bucket, key: url.key, position, length, size }, file).bytes ?? new Uint8Array(0);
  }

  private call(request: RemoteRequest, what: string, notFoundIsEmpty = false): Extract<RemoteReply, { ok: true }> {
    this.worker.post(0, request);
    const { reply } = this.worker.next();
    if (isFailure(reply)) throw new InputError(`${what}: the ${PROVIDER_NAME[this.scheme]} client failed (${reply.fatal.name})`);
    if (reply.ok) return reply;
    if (reply.missing) throw new UsageError(`${what}: reading ${this.scheme}:// URLs needs ${reply.missing}, an optional dependency: npm i -D ${reply.missing}`);
    if (reply.noAccount) throw new UsageError(`${what}: set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT to sign in with the default Azure credential`);
    const error = reply.error ?? { code: 'unknown error', status: undefined };
    if (notFoundIsEmpty && error.status === 404 && !/bucket|container/i.test(error.code)) return { ok: true };
    throw new InputError(describeStoreError(what, this.scheme, error, reply.midStream === true));
  }
}

/** One line: the URL, the provider's error code and HTTP status, and what it usually means. */
export function describeStoreError(what: string, scheme: Scheme, error: StoreError, midStream: boolean): string {
  const status = error.status ? `, HTTP ${error.status}` : '';
  const code = `${PROVIDER_NAME[scheme]} ${error.code}${status}`;
  if (midStream) return `${what}: reading the object failed part-way (${code})`;
  return `${what}: ${code}${hint(error)}`;
}

function hint(error: StoreError): string {
  const code = error.code.toLowerCase();
  if (/nosuchbucket|containernotfound|bucketnotfound/.test(code) || (error.status === 404 && /bucket|container|notfound/.test(code))) return ' — the bucket or container does not exist';
  if (/expired/.test(code)) return ' — the credentials have expired; sign in again';
  if (/invalidaccesskeyid|signaturedoesnotmatch|authenticationfailed|invalidauthenticationinfo|unauthorized/.test(code) || error.status === 401) {
    return ' — the credentials were refused; check the default credential chain';
  }
  if (/accessdenied|forbidden|authorizationfailure|authorizationpermissionmismatch/.test(code) || error.status === 403) return ' — access denied: the credentials need list and read permissions';
  if (/timeout/.test(code)) return ' — no answer in time';
  if (/^e[a-z]+$|connectionclosed/.test(code)) return ' — the connection failed';
  return '';
}

const stores = new Map<Scheme, RemoteStore>();

/** This thread's store for a scheme, started on first use. */
export function storeFor(scheme: Scheme): RemoteStore {
  let store = stores.get(scheme);
  if (!store) stores.set(scheme, (store = new RemoteStore(scheme)));
  return store;
}

/** Stop this thread's stores (their worker threads and connections). */
export function closeRemoteStores(): void {
  for (const store of stores.values()) store.close();
  stores.clear();
}
