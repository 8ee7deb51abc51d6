/**
 * Reading a streamed artifact in fixed chunks, with the search over every byte that the keyword
 * gate and the tokenizer need: where keywords start and where control characters are (JSON
 * strings may not hold them). On large files a helper thread searches a few chunks ahead of the
 * tokenizer, so one scan uses both cores; otherwise the search runs here, chunk by chunk.
 *
 * Each chunk sits in a slot laid out as [headroom | chunk], so the tokenizer's window (the
 * unfinished token of the last window, then the chunk) is a view into the slot, not a copy.
 */
import { readSync } from 'node:fs';
import type { MarkQuery } from '../artifacts/stream-json.js';
import { KeywordScanner } from './prefilter.js';
import { isFailure, SyncWorkers } from './worker-sync.js';

/** Sizes of the streaming path; tests make them small to exercise every seam. */
export const STREAM_TUNING = {
  chunkBytes: 4 * 1024 * 1024,
  /** Room before a chunk for the unfinished token of the window before; a longer one is copied. */
  headroom: 256 * 1024,
  /** From this file size a helper thread searches ahead of the tokenizer. */
  helperMinBytes: 24 * 1024 * 1024,
};
/** Chunks in flight when a helper searches ahead. */
const SLOTS = 4;

export interface ChunkMarks {
  /** Starts of keywords, relative to the chunk's first byte (negative: begun in the chunk before). */
  keywords: Int32Array;
  /** Control characters, relative to the chunk's first byte. */
  controls: Int32Array;
}

/** Marks in bytes[from, to), going on from the scanner's state after the chunk before. */
export function markChunk(scanner: KeywordScanner | undefined, bytes: Uint8Array, from: number, to: number): ChunkMarks {
  const keywords: number[] = [];
  const controls: number[] = [];
  if (scanner) scanner.scan(bytes, from, to, keywords, controls);
  else for (let i = from; i < to; i++) if (bytes[i]! < 32) controls.push(i - from);
  return { keywords: Int32Array.from(keywords), controls: Int32Array.from(controls) };
}

/** Marks of many chunks, asked in file order. */
export class MarkIndex implements MarkQuery {
  private readonly bases: number[] = [];
  private readonly lists: Int32Array[] = [];
  private segment = 0;
  private index = 0;

  add(base: number, marks: Int32Array): void {
    if (marks.length === 0) return;
    this.bases.push(base);
    this.lists.push(marks);
  }

  /**
   * The first mark at or after `from` (a file offset), or Infinity when none is known yet. Calls
   * come with non-decreasing `from`. A keyword cut by a chunk seam is listed with the later chunk,
   * possibly before the last ones of the earlier chunk; both then lie in the same string token
   * (keywords hold no quote), so a question about that token still finds one of them.
   */
  next(from: number): number {
    while (this.segment < this.lists.length) {
      const list = this.lists[this.segment]!;
      const base = this.bases[this.segment]!;
      while (this.index < list.length && base + list[this.index]! < from) this.index++;
      if (this.index < list.length) return base + list[this.index]!;
      this.lists[this.segment] = EMPTY;
      this.segment++;
      this.index = 0;
    }
    return Infinity;
  }
}

const EMPTY = new Int32Array(0);

export interface MarkRequest {
  /** The chunk's place in the shared memory and in the file. */
  at: number;
  length: number;
  base: number;
  /** The scanner's state after the chunk before, when this thread scanned it. */
  state: number | undefined;
}

type MarkReply = ChunkMarks & { base: number };

interface Chunk {
  base: number;
  length: number;
  /** Offset of its first byte in `memory`. */
  at: number;
}

/** Reads a file chunk by chunk for the tokenizer and keeps the marks of every chunk it hands out. */
export class ChunkReader {
  readonly controls = new MarkIndex();
  readonly keywords = new MarkIndex();
  private readonly chunkBytes: number;
  private readonly headroom: number;
  private readonly slotBytes: number;
  private readonly slots: number;
  private readonly memory: Buffer;
  private readonly scanner: KeywordScanner | undefined;
  private readonly helper: SyncWorkers<MarkRequest, MarkReply> | undefined;
  private helperFailed = false;
  private readonly chunks: Chunk[] = [];
  /** Chunks read from the file, and handed to the tokenizer. */
  private readCount = 0;
  private served = 0;
  private filePosition = 0;
  private ended = false;

  /** Reads `size` bytes of `fd` (its size when the scan started; later growth is ignored). */
  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly keywordList: readonly string[] | undefined,
    options: { helper: boolean },
  ) {
    this.chunkBytes = STREAM_TUNING.chunkBytes;
    this.headroom = STREAM_TUNING.headroom;
    this.slotBytes = this.headroom + this.chunkBytes;
    this.slots = options.helper ? SLOTS : 1;
    const memory = options.helper ? new SharedArrayBuffer(this.slotBytes * this.slots) : new ArrayBuffer(this.slotBytes);
    this.memory = Buffer.from(memory);
    this.scanner = keywordList ? new KeywordScanner(keywordList) : undefined;
    this.helper = options.helper ? new SyncWorkers<MarkRequest, MarkReply>(new URL('./stream-read-worker.js', import.meta.url), 1, { memory, keywords: keywordList }) : undefined;
    if (this.helper) {
      // the first chunk here, while the helper starts; the next ones there, from where this scan ends
      if (this.readChunk()) this.markHere(this.chunks[0]!);
      while (this.readCount < SLOTS && this.readChunk());
    }
  }

  /**
   * For JsonTokenizer.pull: the next window, `rest` (the unfinished token of the last window)
   * followed by the next chunk; undefined at the end of the file. The tokenizer must be done with
   * the last window's bytes, except `rest`.
   */
  readonly nextWindow = (rest: Buffer): Buffer | undefined => {
    const k = this.served;
    let head: Buffer = rest;
    if (!this.helper) {
      if (this.filePosition >= this.size) return undefined;
      // one slot: the new chunk lands where the last one is, so keep `rest` out of its way
      if (rest.length > this.headroom) head = Buffer.from(rest);
      else rest.copy(this.memory, this.headroom - rest.length);
      if (!this.readChunk()) return undefined;
      this.markHere(this.chunks[k]!);
    } else {
      if (k >= this.readCount) return undefined;
      if (k > 0) this.takeHelperMarks(this.chunks[k]!);
    }
    const chunk = this.chunks[k]!;
    let window: Buffer;
    if (head.length <= this.headroom) {
      if (this.helper) head.copy(this.memory, chunk.at - head.length);
      window = this.memory.subarray(chunk.at - head.length, chunk.at + chunk.length);
    } else {
      window = Buffer.allocUnsafeSlow(head.length + chunk.length);
      head.copy(window, 0);
      this.memory.copy(window, head.length, chunk.at, chunk.at + chunk.length);
    }
    this.served++;
    // the slot of the chunk before is free now: read ahead into it
    if (this.helper && k > 0) this.readChunk();
    return window;
  };

  close(): void {
    this.helper?.close();
  }

  private markHere(chunk: Chunk): void {
    this.addMarks(chunk.base, markChunk(this.scanner, this.memory, chunk.at, chunk.at + chunk.length));
  }

  private takeHelperMarks(chunk: Chunk): void {
    if (!this.helperFailed) {
      const { reply } = this.helper!.next();
      if (!isFailure(reply)) {
        if (reply.base !== chunk.base) throw new Error('keyword search thread answered out of order');
        this.addMarks(reply.base, reply);
        return;
      }
      // the helper could not start (no TypeScript loader in the worker, say): search here from now on
      if (reply.fatal.name !== 'WorkerLoadError' || chunk.base !== this.chunks[1]!.base) throw new Error(`keyword search thread failed (${reply.fatal.name})`);
      this.helperFailed = true;
    }
    this.markHere(chunk);
  }

  private addMarks(base: number, marks: ChunkMarks): void {
    this.keywords.add(base, marks.keywords);
    this.controls.add(base, marks.controls);
  }

  /** Read the next chunk into its slot; hand it to the helper. */
  private readChunk(): boolean {
    if (this.ended) return false;
    const k = this.readCount;
    const at = (k % this.slots) * this.slotBytes + this.headroom;
    let length = 0;
    const want = Math.min(this.chunkBytes, this.size - this.filePosition);
    while (length < want) {
      const n = readSync(this.fd, this.memory, at + length, want - length, this.filePosition + length);
      if (n <= 0) break;
      length += n;
    }
    if (length === 0) {
      this.ended = true;
      return false;
    }
    this.chunks[k] = { base: this.filePosition, length, at };
    this.filePosition += length;
    this.readCount++;
    if (this.helper && k > 0 && !this.helperFailed) this.helper.post(0, { at, length, base: this.chunks[k]!.base, state: k === 1 ? this.scanner?.state : undefined });
    return true;
  }
}
