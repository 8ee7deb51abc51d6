/**
 * The thread that talks to an object store for a synchronous scan (see remote-store.ts): it loads
 * the provider's SDK on the first request, lists, stats, and streams objects with a bounded
 * read-ahead, so the network and the tokenizer overlap while memory stays flat.
 */
import { workerData } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import { serveAsync, tick } from '../engine/worker-sync.js';
import { importOptionalPeer } from '../optional-peer.js';
import type { AzureBlobSdk } from './providers/azure.js';
import type { GcsSdk } from './providers/gcs.js';
import type { S3Sdk } from './providers/s3.js';
import type { ObjectInfo, Provider, StoreError } from './providers/types.js';
import { SDK_PACKAGE, type Scheme } from './url.js';

export type RemoteRequest =
  | { op: 'list'; bucket: string; prefix: string }
  | { op: 'head'; bucket: string; key: string }
  | { op: 'read'; bucket: string; key: string; position: number; length: number; size: number }
  | { op: 'close' };

export type RemoteReply =
  | { ok: true; objects?: ObjectInfo[]; object?: ObjectInfo; bytes?: Uint8Array }
  | { ok: false; error?: StoreError; missing?: string; noAccount?: true; midStream?: true };

/** Bytes read ahead of the scan per object; the stream pauses beyond. */
const READ_AHEAD = 8 * 1024 * 1024;
/** A stream that delivers nothing for this long has failed (a server that stopped answering). */
const IDLE_MS = 60_000;

const { scheme } = workerData as { scheme: Scheme };

// The AWS SDK warns under Node 20 that later releases need Node 22; the CLI's stderr is for its own lines.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

class MissingPackage extends Error {
  constructor(readonly pkg: string) {
    super(pkg);
  }
}

/** Import an optional peer (beside the package, else in the project), or throw MissingPackage. */
async function load(name: string): Promise<unknown> {
  const found = await importOptionalPeer(name);
  if (found === undefined) throw new MissingPackage(name);
  return found;
}

let provider: Promise<Provider> | undefined;

function providerOf(): Promise<Provider> {
  return (provider ??= (async () => {
    const sdk = await load(SDK_PACKAGE[scheme]);
    if (scheme === 's3') return (await import('./providers/s3.js')).createProvider(sdk as S3Sdk, process.env);
    if (scheme === 'gs') return (await import('./providers/gcs.js')).createProvider(sdk as GcsSdk);
    return await (await import('./providers/azure.js')).createProvider(sdk as AzureBlobSdk, process.env, load);
  })());
}

/** One object being read: a ranged stream from `position` on, its bytes queued up to READ_AHEAD. */
class ObjectStream {
  position: number;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private failure: unknown;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(
    readonly bucket: string,
    readonly key: string,
    start: number,
    private readonly stream: Readable,
  ) {
    this.position = start;
    stream.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      tick();
      if (this.buffered >= READ_AHEAD) stream.pause();
      this.wake?.();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
    stream.on('error', (error) => {
      this.failure = error;
      this.wake?.();
    });
    stream.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  /** Up to `length` bytes; fewer only at the end of the stream. */
  async take(length: number): Promise<Buffer> {
    while (this.buffered < length && !this.ended && this.failure === undefined) {
      const arrived = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), IDLE_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        if (this.stream.isPaused()) this.stream.resume();
      });
      this.wake = undefined;
      if (!arrived) this.failure = Object.assign(new Error('timed out'), { code: 'Timeout' });
    }
    if (this.failure !== undefined && this.buffered < length) throw this.failure;
    const out = Buffer.allocUnsafeSlow(Math.min(length, this.buffered));
    let filled = 0;
    while (filled < out.length) {
      const chunk = this.chunks[0]!;
      const n = Math.min(chunk.length, out.length - filled);
      chunk.copy(out, filled, 0, n);
      filled += n;
      if (n === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(n);
    }
    this.buffered -= out.length;
    this.position += out.length;
    if (this.buffered < READ_AHEAD && this.stream.isPaused() && !this.ended) this.stream.resume();
    return out;
  }

  destroy(): void {
    this.stream.destroy();
  }
}

let current: ObjectStream | undefined;

async function read(request: Extract<RemoteRequest, { op: 'read' }>, p: Provider): Promise<Buffer> {
  const { bucket, key, position, length, size } = request;
  if (position >= size) return Buffer.allocUnsafeSlow(0);
  if (!current || current.bucket !== bucket || current.key !== key || current.position !== position) {
    current?.destroy();
    current = undefined;
    current = new ObjectStream(bucket, key, position, await p.read(bucket, key, position, size));
  }
  const bytes = await current.take(length);
  if (bytes.length < length && current.position < size) {
    throw Object.assign(new Error('ended early'), { code: 'ConnectionClosed' });
  }
  return bytes;
}

serveAsync(async (request: RemoteRequest): Promise<{ reply: RemoteReply; transfer?: ArrayBuffer[] }> => {
  let p: Provider;
  try {
    p = await providerOf();
  } catch (error) {
    if (error instanceof MissingPackage) return { reply: { ok: false, missing: error.pkg } };
    if ((error as { code?: unknown })?.code === 'NoAccount') return { reply: { ok: false, noAccount: true } };
    throw error;
  }
  try {
    switch (request.op) {
      case 'list': {
        const objects: ObjectInfo[] = [];
        for await (const o of p.list(request.bucket, request.prefix)) {
          objects.push(o);
          if (objects.length % 1000 === 0) tick();
        }
        return { reply: { ok: true, objects } };
      }
      case 'head':
        return { reply: { ok: true, object: await p.head(request.bucket, request.key) } };
      case 'read': {
        const bytes = await read(request, p);
        return { reply: { ok: true, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
      }
      case 'close':
        current?.destroy();
        current = undefined;
        return { reply: { ok: true } };
    }
  } catch (error) {
    if (error instanceof MissingPackage) return { reply: { ok: false, missing: error.pkg } };
    const midStream = request.op === 'read';
    if (midStream) {
      current?.destroy();
      current = undefined;
    }
    const e = error as { code?: unknown };
    const own = typeof e?.code === 'string' && /^(?:Timeout|ConnectionClosed|E[A-Z]+)$/.test(e.code) ? { code: e.code, status: undefined } : undefined;
    return { reply: { ok: false, error: own ?? p.errorOf(error), ...(midStream ? { midStream: true as const } : {}) } };
  }
});
